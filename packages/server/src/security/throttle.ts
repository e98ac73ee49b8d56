// Sign-in throttling kept in the database, so it holds across several server processes. An attempt is
// counted atomically *before* the password or code is checked, so parallel requests cannot slip past the
// limit: at most `maxFailures` checks run per window, then the key is locked for a while. Unknown
// usernames are throttled exactly like known ones.
import { sql, type Kysely } from 'kysely';
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

/**
 * Count one attempt for the key, in one statement. Returns the seconds to wait when the key is locked
 * or this attempt is over the limit (the attempt must then not be checked), or 0 to go ahead.
 */
export async function takeAttempt(db: Kysely<Database>, key: string, rule: ThrottleRule): Promise<number> {
  const wait = await lockedFor(db, key);
  if (wait > 0) return wait;
  const at = now();
  const windowOpenedAfter = addMinutes(at, -rule.windowMinutes).toISOString();
  const stale = sql<boolean>`auth_throttle.window_start < ${windowOpenedAfter}`;
  const row = await db.insertInto('auth_throttle')
    .values({ key, window_start: at.toISOString(), failures: 1, locked_until: null })
    .onConflict((oc) => oc.column('key').doUpdateSet({
      failures: sql<number>`case when ${stale} then 1 else auth_throttle.failures + 1 end`,
      window_start: sql<string>`case when ${stale} then ${at.toISOString()} else auth_throttle.window_start end`,
    }))
    .returning('failures')
    .executeTakeFirstOrThrow();
  if (Number(row.failures) <= rule.maxFailures) return 0;
  await lock(db, key, rule);
  return rule.lockMinutes * 60;
}

async function lock(db: Kysely<Database>, key: string, rule: ThrottleRule): Promise<void> {
  await db.updateTable('auth_throttle').set({ locked_until: addMinutes(now(), rule.lockMinutes).toISOString() }).where('key', '=', key).execute();
}

/** After a failed check: lock the key once its attempts reach the limit. */
export async function attemptFailed(db: Kysely<Database>, key: string, rule: ThrottleRule): Promise<void> {
  const row = await db.selectFrom('auth_throttle').select('failures').where('key', '=', key).executeTakeFirst();
  if (row && Number(row.failures) >= rule.maxFailures) await lock(db, key, rule);
}

/** After a successful check: the attempt was not a failure, so give it back. */
export async function releaseAttempt(db: Kysely<Database>, key: string): Promise<void> {
  await db.updateTable('auth_throttle').set({ failures: sql<number>`case when failures > 0 then failures - 1 else 0 end` }).where('key', '=', key).execute();
}

export async function clearFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
}

/** The throttle key of a typed username, the same whether or not such a user exists. */
export function accountKey(username: string): string {
  return `account:${username.trim().toLowerCase()}`;
}
