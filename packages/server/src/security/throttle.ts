// Sign-in throttling kept in the database, so it holds across several server processes: failures are
// counted per key (an address, a username, a user's second factor) in a window; past the limit the key
// is locked for a while. Unknown usernames are throttled exactly like known ones.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { addMinutes, now } from '../lib/clock.js';

export interface ThrottleRule {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 };
export const ADDRESS_RULE: ThrottleRule = { maxFailures: 30, windowMinutes: 15, lockMinutes: 15 };

/** Seconds until the key may try again, or 0. */
export async function lockedFor(db: Kysely<Database>, key: string): Promise<number> {
  const row = await db.selectFrom('auth_throttle').select('locked_until').where('key', '=', key).executeTakeFirst();
  if (!row?.locked_until) return 0;
  const remaining = new Date(row.locked_until).getTime() - now().getTime();
  return remaining > 0 ? Math.ceil(remaining / 1000) : 0;
}

export async function recordFailure(db: Kysely<Database>, key: string, rule: ThrottleRule): Promise<void> {
  const at = now();
  const row = await db.selectFrom('auth_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  const windowOpen = row !== undefined && addMinutes(new Date(row.window_start), rule.windowMinutes) > at;
  const failures = windowOpen ? row.failures + 1 : 1;
  const lockedUntil = failures >= rule.maxFailures ? addMinutes(at, rule.lockMinutes).toISOString() : null;
  const values = { window_start: windowOpen ? row.window_start : at.toISOString(), failures, locked_until: lockedUntil };
  if (row) await db.updateTable('auth_throttle').set(values).where('key', '=', key).execute();
  else await db.insertInto('auth_throttle').values({ key, ...values }).onConflict((oc) => oc.column('key').doUpdateSet(values)).execute();
}

export async function clearFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
}

/** The throttle key of a typed username, the same whether or not such a user exists. */
export function accountKey(username: string): string {
  return `account:${username.trim().toLowerCase()}`;
}
