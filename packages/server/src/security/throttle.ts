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
  /** With it, each failure past the limit doubles the lock, up to this many minutes (increasing delay). */
  maxLockMinutes?: number;
}

/** Second-factor codes and password confirmations of a signed-in user. */
export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 };
/**
 * Sign-in (issue 14, item 5). One username from one address: 5 failures, then 1, 2, 4, 8, 15 minutes.
 * The username from every address together, and one address for every username, have higher limits;
 * those two are waived for a user with two-factor sign-in on a device that completed it before, so
 * neither someone typing a colleague's username elsewhere nor a busy office address locks anyone out.
 */
export const SIGN_IN_PAIR_RULE: ThrottleRule = { maxFailures: 5, windowMinutes: 60, lockMinutes: 1, maxLockMinutes: 15 };
export const SIGN_IN_ACCOUNT_RULE: ThrottleRule = { maxFailures: 20, windowMinutes: 15, lockMinutes: 15 };
export const ADDRESS_RULE: ThrottleRule = { maxFailures: 30, windowMinutes: 15, lockMinutes: 15 };

function lockMinutesFor(rule: ThrottleRule, failures: number): number {
  if (rule.maxLockMinutes === undefined) return rule.lockMinutes;
  return Math.min(rule.maxLockMinutes, rule.lockMinutes * 2 ** Math.max(0, failures - rule.maxFailures));
}

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
  const minutes = lockMinutesFor(rule, Number(row.failures));
  if (rule.maxLockMinutes !== undefined) {
    // Increasing delay: once a lock has run out, one guess is checked, under a new and longer lock
    // taken atomically, so parallel guesses cannot share the gap.
    const claimed = await db.updateTable('auth_throttle').set({ locked_until: addMinutes(at, minutes).toISOString() })
      .where('key', '=', key).where('locked_until', 'is not', null).where('locked_until', '<=', at.toISOString()).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 1) return 0;
    // Past the limit with no lock yet (a guess still being checked): lock now and refuse.
    await db.updateTable('auth_throttle').set({ locked_until: addMinutes(at, minutes).toISOString() }).where('key', '=', key).where('locked_until', 'is', null).execute();
    return Math.max(1, await lockedFor(db, key));
  }
  await lock(db, key, minutes);
  return minutes * 60;
}

async function lock(db: Kysely<Database>, key: string, minutes: number): Promise<void> {
  await db.updateTable('auth_throttle').set({ locked_until: addMinutes(now(), minutes).toISOString() }).where('key', '=', key).execute();
}

/** After a failed check: lock the key once its attempts reach the limit. */
export async function attemptFailed(db: Kysely<Database>, key: string, rule: ThrottleRule): Promise<void> {
  const row = await db.selectFrom('auth_throttle').select('failures').where('key', '=', key).executeTakeFirst();
  if (row && Number(row.failures) >= rule.maxFailures) await lock(db, key, lockMinutesFor(rule, Number(row.failures)));
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

/** The throttle key of a typed username from one address. */
export function pairKey(username: string, address: string): string {
  return `pair:${username.trim().toLowerCase()}|${address}`;
}

export interface SignInLock {
  key: string;
  kind: 'pair' | 'account' | 'address' | 'totp' | 'other';
  username: string | null;
  address: string | null;
  failures: number;
  lockedUntil: string;
}

/** Locks in force now: what an administrator sees and may lift. */
export async function currentLocks(db: Kysely<Database>): Promise<SignInLock[]> {
  const rows = await db.selectFrom('auth_throttle').selectAll().where('locked_until', '>', now().toISOString()).orderBy('locked_until', 'desc').limit(500).execute();
  return rows.map((r) => {
    const [prefix = '', rest = ''] = r.key.split(/:(.*)/s);
    const [pairUser = null, pairAddress = null] = prefix === 'pair' ? rest.split('|') : [];
    const kind = (['pair', 'account', 'address', 'totp'] as const).find((k) => k === prefix) ?? 'other';
    return {
      key: r.key, kind,
      username: kind === 'pair' ? pairUser : kind === 'account' ? rest : null,
      address: kind === 'pair' ? pairAddress : kind === 'address' ? rest : null,
      failures: Number(r.failures), lockedUntil: r.locked_until ?? '',
    };
  });
}
