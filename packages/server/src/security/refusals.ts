// Refused requests made visible (issue 14, item 4): a 403, a 404 on an id the user may not reach, a 429
// or a sign-in lockout is written to the audit log as "access.refused", at most RECORDED_PER_HOUR times
// per user and per address in an hour so a flood cannot fill the disk, and counted in refusal_counters.
// When a user or an address crosses its threshold in an hour, one "security.probing_alert" entry is
// written and the administrators' list of probing alerts shows it.
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { AppDeps } from '../deps.js';
import { now } from '../lib/clock.js';
import { appendAudit } from './audit-chain.js';
import { auditActor } from '../http/audit-context.js';

export const RECORDED_PER_HOUR = 20;
/** Refusals in one hour that make an alert: a user's own, or an address's (an office behind one address sends more). */
export const ALERT_THRESHOLD = { user: 10, address: 30 } as const;

export type RefusalSubject = { kind: 'user' | 'address'; subject: string };

function hourOf(at: Date): string {
  return `${at.toISOString().slice(0, 13)}:00:00.000Z`;
}

async function count(deps: AppDeps, who: RefusalSubject, window: string, at: string): Promise<number> {
  const row = await deps.db.insertInto('refusal_counters').values({ kind: who.kind, subject: who.subject, window_start: window, refusals: 1, last_at: at })
    .onConflict((oc) => oc.columns(['kind', 'subject', 'window_start']).doUpdateSet({ refusals: sql<number>`refusal_counters.refusals + 1`, last_at: at }))
    .returning('refusals').executeTakeFirstOrThrow();
  return Number(row.refusals);
}

/**
 * Count and record one refusal. `subjects` defaults to the signed-in user and the client address; the
 * public form passes a keyed hash of the address instead, so a reporter's address is never stored.
 * Never throws: a refusal is answered whether or not it could be recorded.
 */
export async function recordRefusal(
  request: FastifyRequest, refusal: { status: number; code: string }, subjects?: RefusalSubject[],
): Promise<void> {
  const deps = request.server.deps;
  try {
    const at = now();
    const window = hourOf(at);
    const userId = request.auth?.user.id ?? null;
    const who: RefusalSubject[] = subjects ?? [...(userId ? [{ kind: 'user' as const, subject: userId }] : []), { kind: 'address', subject: request.ip }];
    const counts = await Promise.all(who.map(async (w) => ({ ...w, refusals: await count(deps, w, window, at.toISOString()) })));
    const actor = subjects ? { actorId: null, actorUsername: null, actorRole: null, ipAddress: null } : auditActor(request);
    const params = (request.params ?? {}) as Record<string, unknown>;
    // The limit follows who is refused: a signed-in user's own count, else the address's (so colleagues
    // behind one office address are still recorded when one of them floods).
    const own = counts.find((c) => c.kind === 'user') ?? counts[0];
    if (own !== undefined && own.refusals <= RECORDED_PER_HOUR) {
      await appendAudit(deps.db, deps, {
        ...actor, action: 'access.refused', outcome: 'denied', resourceId: typeof params.id === 'string' ? params.id : null,
        details: { method: request.method, route: request.routeOptions.url ?? null, status: refusal.status, code: refusal.code },
      });
    }
    for (const c of counts) {
      if (c.refusals !== ALERT_THRESHOLD[c.kind]) continue;
      await appendAudit(deps.db, deps, { ...actor, action: 'security.probing_alert', outcome: 'denied', details: { kind: c.kind, subject: c.subject, window, refusals: c.refusals } });
    }
  } catch (error) {
    request.log.error({ err: { type: (error as Error).name, message: (error as Error).message } }, 'refusal not recorded');
  }
}

/** Users and addresses over their threshold in the last `days` days, most refusals first. */
export async function probingAlerts(deps: AppDeps, days = 7) {
  const since = hourOf(new Date(now().getTime() - days * 86_400_000));
  const rows = await deps.db.selectFrom('refusal_counters').selectAll().where('window_start', '>=', since)
    .where((eb) => eb.or([
      eb.and([eb('kind', '=', 'user'), eb('refusals', '>=', ALERT_THRESHOLD.user)]),
      eb.and([eb('kind', '=', 'address'), eb('refusals', '>=', ALERT_THRESHOLD.address)]),
    ]))
    .orderBy('refusals', 'desc').orderBy('window_start', 'desc').limit(200).execute();
  const userIds = rows.filter((r) => r.kind === 'user').map((r) => r.subject);
  const users = userIds.length === 0 ? [] : await deps.db.selectFrom('users').select(['id', 'username', 'role']).where('id', 'in', userIds).execute();
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map((r) => ({
    kind: r.kind as 'user' | 'address',
    subject: r.subject,
    username: r.kind === 'user' ? byId.get(r.subject)?.username ?? null : null,
    role: r.kind === 'user' ? byId.get(r.subject)?.role ?? null : null,
    windowStart: r.window_start,
    refusals: Number(r.refusals),
    lastAt: r.last_at,
  }));
}
