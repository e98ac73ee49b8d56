// Vietnamese text handling: NFC normalisation, accent-insensitive folding for search and keyed hashes,
// and Vietnamese collation for sorting. Everything that compares or indexes names goes through here.

/** Normalise to NFC, the form Vietnamese text must be stored, compared and printed in. */
export function toNfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * Fold Vietnamese text for matching: NFC, lowercase, diacritics removed (including đ → d),
 * punctuation turned into spaces and white space collapsed. "Nguyễn Thị Hoa" → "nguyen thi hoa".
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .normalize('NFC');
}

/** Folded tokens of a text, for keyed-hash search indexes. Empty tokens are dropped. */
export function foldedTokens(text: string): string[] {
  const folded = foldVietnamese(text);
  return folded === '' ? [] : folded.split(' ');
}

const collator = new Intl.Collator('vi', { sensitivity: 'variant', numeric: true });

/**
 * Vietnamese sort order: a < ă < â < b … d < đ … o < ô < ơ … u < ư, tones ordered after the base letter.
 * Intl's "vi" collation implements the national standard (TCVN 5712 alphabet order).
 */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(toNfc(a), toNfc(b));
}

/** Sort a copy of items by a Vietnamese text key. */
export function sortVietnamese<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((x, y) => compareVietnamese(key(x), key(y)));
}

/** True when every folded token of the query is a prefix of some folded token of the text. */
export function matchesVietnamese(text: string, query: string): boolean {
  const haystack = foldedTokens(text);
  return foldedTokens(query).every((q) => haystack.some((word) => word.startsWith(q)));
}
