// The report form carries the time it was shown, signed with a key derived from the encryption key ring,
// so a submission a few seconds later (a script) or days later (a stale page) can be told apart.
import { createHmac, timingSafeEqual } from 'node:crypto';
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
  const issued = String(issuedMs);
  return `${issued}.${createHmac('sha256', keyOf(deps)).update(issued).digest('base64url')}`;
}

/** Milliseconds since the form was shown, or null for a token this server did not sign. */
export function formTokenAge(deps: AppDeps, token: string): number | null {
  const [issued = '', mac = ''] = token.split('.');
  if (!/^\d{1,15}$/.test(issued)) return null;
  const expected = createHmac('sha256', keyOf(deps)).update(issued).digest('base64url');
  // Compared as bytes: a forged MAC of the right length in characters but not in bytes (non-ASCII) must
  // be refused, not make timingSafeEqual throw.
  const given = Buffer.from(mac, 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return null;
  return now().getTime() - Number(issued);
}
