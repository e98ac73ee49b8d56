// Keyed-hash tokens of a perpetrator's identity, like a survivor's (cases/identity-tokens.ts) but under
// their own purpose, so the two tables cannot be joined on a hash to find a person who is both. Also
// the opaque link token that lets intake link a record the user may not see ("exists elsewhere").
import { foldVietnamese, foldedTokens, normaliseMobile } from '@binhan/domain';
import type { FieldCipher } from '../../security/field-cipher.js';

export type PerpetratorTokenKind = 'name' | 'name_year' | 'phone' | 'cccd';

const purpose = (kind: PerpetratorTokenKind) => `perpetrator_${kind}`;

function cleanCccd(value: string | undefined): string | null {
  const cccd = value?.replace(/[\s.]/g, '');
  return cccd && /^\d{12}$/.test(cccd) ? cccd : null;
}

export function perpetratorTokens(
  cipher: FieldCipher,
  person: { fullName: string; otherNames?: string[] | undefined; birthYear: number | null; phone?: string | undefined; cccd?: string | undefined },
): Array<{ kind: PerpetratorTokenKind; hash: string }> {
  const tokens = new Map<string, { kind: PerpetratorTokenKind; hash: string }>();
  const add = (kind: PerpetratorTokenKind, value: string) => {
    const hash = cipher.blindIndex(value, purpose(kind));
    tokens.set(`${kind}:${hash}`, { kind, hash });
  };
  for (const name of [person.fullName, ...(person.otherNames ?? [])]) {
    for (const token of foldedTokens(name)) add('name', token);
    if (person.birthYear !== null) add('name_year', `${foldVietnamese(name)}|${person.birthYear}`);
  }
  const phone = person.phone ? normaliseMobile(person.phone) : null;
  if (phone) add('phone', phone);
  const cccd = cleanCccd(person.cccd);
  if (cccd) add('cccd', cccd);
  return [...tokens.values()];
}

/** Hashes to look up for a search: every name token must match; phone and CCCD match exactly. */
export function perpetratorSearchHashes(cipher: FieldCipher, query: { name?: string | undefined; phone?: string | undefined; cccd?: string | undefined }) {
  const phone = query.phone ? normaliseMobile(query.phone) : null;
  const cccd = cleanCccd(query.cccd);
  return {
    nameHashes: query.name ? [...new Set(foldedTokens(query.name))].map((t) => cipher.blindIndex(t, purpose('name'))) : [],
    phoneHash: phone ? cipher.blindIndex(phone, purpose('phone')) : null,
    cccdHash: cccd ? cipher.blindIndex(cccd, purpose('cccd')) : null,
  };
}

export function nameYearHash(cipher: FieldCipher, fullName: string, birthYear: number): string {
  return cipher.blindIndex(`${foldVietnamese(fullName)}|${birthYear}`, purpose('name_year'));
}

/** A link token lives this long: long enough to finish an intake, short enough not to become a handle. */
export const LINK_TOKEN_TTL_MS = 2 * 3_600_000;

/** Encrypted and authenticated by the field cipher: it names the record only to the server. */
export function makeLinkToken(cipher: FieldCipher, perpetratorId: string, userId: string, nowMs: number): string {
  return cipher.encrypt(JSON.stringify({ k: 'perpetrator-link', p: perpetratorId, u: userId, e: nowMs + LINK_TOKEN_TTL_MS }));
}

/** The record a token names, or null when it is not one of ours, is for another user, or has expired. */
export function readLinkToken(cipher: FieldCipher, token: string, userId: string, nowMs: number): string | null {
  try {
    const value = JSON.parse(cipher.decrypt(token)) as { k?: unknown; p?: unknown; u?: unknown; e?: unknown };
    if (value.k !== 'perpetrator-link' || value.u !== userId || typeof value.p !== 'string' || typeof value.e !== 'number' || value.e < nowMs) return null;
    return value.p;
  } catch {
    return null;
  }
}
