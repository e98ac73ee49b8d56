// Keyed-hash tokens of a survivor's identity for search and duplicate detection: folded name tokens,
// the whole folded name with the birth year, the phone and the citizen ID. The table holds only HMACs,
// so it reveals nothing without the key, and a search never decrypts the identity table.
import { foldVietnamese, foldedTokens, normaliseMobile } from '@binhan/domain';
import type { FieldCipher } from '../../security/field-cipher.js';

export type TokenKind = 'name' | 'name_year' | 'phone' | 'cccd';

export interface SurvivorTokenSource {
  fullName: string;
  otherNames?: string[] | undefined;
  birthYear: number | null;
  phone?: string | undefined;
  cccd?: string | undefined;
}

export function identityTokens(cipher: FieldCipher, person: SurvivorTokenSource): Array<{ kind: TokenKind; hash: string }> {
  const tokens = new Map<string, { kind: TokenKind; hash: string }>();
  const add = (kind: TokenKind, value: string) => {
    const hash = cipher.blindIndex(value, kind);
    tokens.set(`${kind}:${hash}`, { kind, hash });
  };
  for (const name of [person.fullName, ...(person.otherNames ?? [])]) {
    for (const token of foldedTokens(name)) add('name', token);
    if (person.birthYear !== null) add('name_year', `${foldVietnamese(name)}|${person.birthYear}`);
  }
  const phone = person.phone ? normaliseMobile(person.phone) : null;
  if (phone) add('phone', phone);
  const cccd = person.cccd?.replace(/[\s.]/g, '');
  if (cccd && /^\d{12}$/.test(cccd)) add('cccd', cccd);
  return [...tokens.values()];
}

/** Hashes to look up for a search: every name token must match; phone and CCCD match exactly. */
export function searchTokens(cipher: FieldCipher, query: { name?: string | undefined; phone?: string | undefined; cccd?: string | undefined }): {
  nameHashes: string[];
  phoneHash: string | null;
  cccdHash: string | null;
} {
  const phone = query.phone ? normaliseMobile(query.phone) : null;
  const cccd = query.cccd?.replace(/[\s.]/g, '');
  return {
    nameHashes: query.name ? [...new Set(foldedTokens(query.name))].map((t) => cipher.blindIndex(t, 'name')) : [],
    phoneHash: phone ? cipher.blindIndex(phone, 'phone') : null,
    cccdHash: cccd && /^\d{12}$/.test(cccd) ? cipher.blindIndex(cccd, 'cccd') : null,
  };
}
