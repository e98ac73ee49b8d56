// Limits on report submissions, kept in the database (they hold across server processes): per address on
// the public page, in total per hour on the public page, and per user in the staff app. An address is
// never stored: its network (IPv4 address, IPv6 /64) is hashed with a key into one of a fixed number of
// shared counters, so a flood from any number of addresses (or forged forwarded-for headers) can never
// grow the table beyond ADDRESS_BUCKETS rows, and a counter says next to nothing about who sent.
// Stale rows are swept as well.
import { isIPv4, isIPv6 } from 'node:net';
import { sql } from 'kysely';
import type { AppDeps } from '../../deps.js';
import { RateLimited } from '../../http/errors.js';
import { addMinutes, now } from '../../lib/clock.js';
import { takeAttempt, type ThrottleRule } from '../../security/throttle.js';
import { USED_TOKEN_PREFIX } from '../../public/form-token.js';

const PREFIX = 'report-';
const SWEEP_EVERY_MS = 60_000;
const lastSweep = new WeakMap<AppDeps, number>();

/** The eight 16-bit groups of an IPv6 address written in any of its forms, or null. */
function ipv6Groups(ip: string): number[] | null {
  let text = ip.toLowerCase().split('%')[0] ?? '';
  if (!isIPv6(text)) return null;
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length > 1 && halves[1] ? halves[1].split(':') : [];
  const zeros = halves.length > 1 ? 8 - head.length - rest.length : 0;
  const groups = [...head, ...Array<string>(Math.max(0, zeros)).fill('0'), ...rest].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/**
 * The network an address belongs to: a whole IPv4 address, or the /64 of an IPv6 one (one household),
 * the same string however the address is written (IPv4-mapped, leading zeros, "::" anywhere).
 */
export function networkOf(ip: string): string {
  if (isIPv4(ip)) return ip;
  const groups = ipv6Groups(ip);
  if (!groups) return ip.toLowerCase();
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** How many per-address counters exist at most (a few hundred kilobytes of rows). */
export const ADDRESS_BUCKETS = 16_384;

/** The counter an address's network shares with about 1/ADDRESS_BUCKETS of all networks. */
export function addressCounterKey(deps: AppDeps, ip: string): string {
  const digest = Buffer.from(deps.cipher.blindIndex(networkOf(ip), 'report-address'), 'base64url');
  return `${PREFIX}address:${digest.readUInt32BE(0) % ADDRESS_BUCKETS}`;
}

/** Delete counters whose window is long over and that lock nothing; at most once a minute per process. */
async function sweep(deps: AppDeps): Promise<void> {
  const at = now().getTime();
  if (at - (lastSweep.get(deps) ?? 0) < SWEEP_EVERY_MS) return;
  lastSweep.set(deps, at);
  const staleBefore = addMinutes(now(), -120).toISOString();
  const nowText = now().toISOString();
  await deps.db.deleteFrom('auth_throttle')
    .where('key', 'like', `${PREFIX}%`)
    .where('key', 'not like', `${USED_TOKEN_PREFIX}%`)
    .where('window_start', '<', staleBefore)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowText)]))
    .execute();
  // A used form token is remembered as long as it could still be sent (a day), then forgotten.
  await deps.db.deleteFrom('auth_throttle').where('key', 'like', `${USED_TOKEN_PREFIX}%`).where('window_start', '<', addMinutes(now(), -25 * 60).toISOString()).execute();
}

async function take(deps: AppDeps, key: string, rule: ThrottleRule): Promise<void> {
  const wait = await takeAttempt(deps.db, key, rule);
  if (wait > 0) throw new RateLimited(wait);
}

/** Every public submission counts against its address, valid or not: a flood is slowed before any work. */
export async function takePublicAddressAttempt(deps: AppDeps, ip: string): Promise<void> {
  await sweep(deps);
  const limit = deps.config.publicPage.reportsPerAddressPer10Minutes;
  await take(deps, addressCounterKey(deps, ip), { maxFailures: limit, windowMinutes: 10, lockMinutes: 10 });
}

/**
 * Reports stored from the public page per commune and hour: a flood aimed at one commune does not stop
 * reports about the others. The hour's total for the whole page stays, far higher, so the disk cannot
 * be filled.
 */
export async function takePublicTotalAttempt(deps: AppDeps, unitId: string): Promise<void> {
  await take(deps, `${PREFIX}unit:${unitId}`, { maxFailures: deps.config.publicPage.reportsPerCommunePerHour, windowMinutes: 60, lockMinutes: 10 });
  await take(deps, `${PREFIX}all`, { maxFailures: deps.config.publicPage.reportsPerHour, windowMinutes: 60, lockMinutes: 10 });
}

export const STAFF_REPORTS_PER_HOUR = 60;

export async function takeStaffAttempt(deps: AppDeps, userId: string): Promise<void> {
  await sweep(deps);
  await take(deps, `${PREFIX}user:${userId}`, { maxFailures: STAFF_REPORTS_PER_HOUR, windowMinutes: 60, lockMinutes: 10 });
}

/** For tests: how many counters the report limits keep (used form tokens are remembered apart, for a day). */
export async function countReportCounters(deps: AppDeps): Promise<number> {
  const row = await deps.db.selectFrom('auth_throttle').select(sql<number>`count(*)`.as('n')).where('key', 'like', `${PREFIX}%`)
    .where('key', 'not like', `${USED_TOKEN_PREFIX}%`).executeTakeFirstOrThrow();
  return Number(row.n);
}
