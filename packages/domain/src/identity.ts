// Identity formats of DOMAIN.md §9: citizen ID (CCCD) and Vietnamese mobile numbers.

/** CCCD: 12 digits — birth-province code (3), century-and-sex digit (1), birth year (2), 6 digits. */
export function isValidCccd(value: string): boolean {
  return /^\d{12}$/.test(value);
}

/** Normalise a mobile number: strip spaces, dots and dashes, +84/84 → 0. Returns null when invalid. */
export function normaliseMobile(value: string): string | null {
  let digits = value.replace(/[\s.-]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (/^84\d{9}$/.test(digits)) digits = `0${digits.slice(2)}`;
  return /^0[35789]\d{8}$/.test(digits) ? digits : null;
}
