// Instants and calendar arithmetic used by the case rules. Kept internal to the case module: every
// function takes ISO strings, so callers never pass a Date whose time zone is ambiguous.

const HOUR_MS = 3_600_000;

/** Vietnam has used UTC+7 without daylight saving since 1975; local dates are computed with it. */
const VIETNAM_OFFSET_MS = 7 * HOUR_MS;

/** Milliseconds since the epoch of an ISO datetime (with Z or an offset). Throws on anything else. */
export function instantMs(iso: string): number {
  // Fast path for the stored form (Date#toISOString, "2026-11-29T03:04:05.678Z"): a string that survives the
  // round trip names an existing calendar date and time. Indicators parse every record, so this matters.
  if (iso.length === 24 && iso.charCodeAt(23) === 90 && iso.charCodeAt(10) === 84) {
    const fast = Date.parse(iso);
    if (!Number.isNaN(fast) && new Date(fast).toISOString() === iso) return fast;
  }
  // Date.parse accepts date-only strings as UTC midnight; an instant must say its time and zone.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(iso)) {
    throw new RangeError(`not an ISO datetime with a time zone: ${iso}`);
  }
  // Date.parse rolls 30/02 over to 01/03; the calendar date written must exist.
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const ms = Date.parse(iso);
  if (Number.isNaN(ms) || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) throw new RangeError(`not a valid datetime: ${iso}`);
  return ms;
}

export function addHours(iso: string, hours: number): string {
  return new Date(instantMs(iso) + hours * HOUR_MS).toISOString();
}

/**
 * Add calendar months in Vietnam local time, clamping to the last day of a shorter month
 * (31/10 + 4 months = 28 or 29/02), which is how a term "of 4 months" is counted.
 */
export function addMonths(iso: string, months: number): string {
  const local = new Date(instantMs(iso) + VIETNAM_OFFSET_MS);
  const day = local.getUTCDate();
  local.setUTCDate(1);
  local.setUTCMonth(local.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
  local.setUTCDate(Math.min(day, lastDay));
  return new Date(local.getTime() - VIETNAM_OFFSET_MS).toISOString();
}

/** The calendar date (yyyy-mm-dd) of an instant in Vietnam, for comparing with dates such as a birth date. */
export function vietnamDateOf(iso: string): string {
  return new Date(instantMs(iso) + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}
