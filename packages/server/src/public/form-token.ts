// The report form carries the time it was shown and a random nonce, signed with a key derived from the
// encryption key ring, so a submission a few seconds later (a script) or days later (a stale page) can be
// told apart; a token sends one report only (consumeFormToken).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppDeps } from '../deps.js';
import { now } from '../lib/clock.js';

const keys = new WeakMap<AppDeps, Buffer>();

function keyOf(deps: AppDeps): Buffer {
  let key = keys.get(deps);
  if (!key) {
    key = deps.cipher.deriveKey('binhan public report form v1');
    keys.set(deps, key);
  }
  return key;
}

export function signFormToken(deps: AppDeps, issuedMs: number = now().getTime()): string {
  const signed = `${issuedMs}.${randomBytes(9).toString('base64url')}`;
  return `${signed}.${createHmac('sha256', keyOf(deps)).update(signed).digest('base64url')}`;
}

/** Milliseconds since the form was shown, or null for a token this server did not sign. */
export function formTokenAge(deps: AppDeps, token: string): number | null {
  const [issued = '', nonce = '', mac = '', ...rest] = token.split('.');
  if (!/^\d{1,15}$/.test(issued) || !/^[\w-]{12}$/.test(nonce) || rest.length > 0) return null;
  const expected = createHmac('sha256', keyOf(deps)).update(`${issued}.${nonce}`).digest('base64url');
  // Compared as bytes: a forged MAC of the right length in characters but not in bytes (non-ASCII) must
  // be refused, not make timingSafeEqual throw.
  const given = Buffer.from(mac, 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return null;
  return now().getTime() - Number(issued);
}

/** The key under which a used token is remembered until it would have expired anyway. */
export const USED_TOKEN_PREFIX = 'report-token:';

/**
 * Mark a valid token used: true the first time, false when a report was already sent with it. Kept with
 * the report limits (auth_throttle), by a hash of the token, and swept once the token has expired.
 */
export async function consumeFormToken(deps: AppDeps, token: string): Promise<boolean> {
  const key = `${USED_TOKEN_PREFIX}${createHash('sha256').update(token).digest('base64url').slice(0, 32)}`;
  const result = await deps.db.insertInto('auth_throttle').values({ key, window_start: now().toISOString(), failures: 1, locked_until: null })
    .onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
