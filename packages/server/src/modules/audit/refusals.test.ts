// Finding 4 of the outside probe: ~540 refused cross-scope requests left no audit entry, nor did lockouts
// and 429s. Refusals are now recorded (a bounded number per user and hour) and a user or address over its
// threshold shows up as a probing alert for administrators.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, ProbingAlertList } from '@binhan/domain';
import { ALERT_THRESHOLD, RECORDED_PER_HOUR } from '../../security/refusals.js';
import { createTestApp, DATABASES, type TestApp, type TestUser } from '../../test/test-app.js';
import { caseIntake } from '../../test/factories.js';

describe.each(DATABASES)('refused requests on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let prober: TestUser;
  let proberCookie: string;
  let otherCase: CaseDetail;

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.signIn(await t.makeUser('system_admin'));
    prober = await t.makeUser('commune_officer', { unitCode: '02176' });
    proberCookie = await t.signIn(prober);
    const conMinh = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02185' }));
    otherCase = (await t.inject({ method: 'POST', url: '/api/cases', cookie: conMinh, payload: caseIntake(await t.unitId('02185')) })).json<CaseDetail>();
  });
  afterAll(async () => t.close());

  const refusalsOf = (actorId: string | null, action = 'access.refused') => {
    let q = t.deps.db.selectFrom('audit_log').select(['actor_id', 'resource_id', 'details', 'outcome', 'ip_address']).where('action', '=', action);
    q = actorId === null ? q.where('actor_id', 'is', null) : q.where('actor_id', '=', actorId);
    return q.orderBy('seq').execute();
  };

  it('records a 403 on another commune’s case and a 404 on an unknown id, with who, which route and which id', async () => {
    expect((await t.inject({ method: 'GET', url: `/api/cases/${otherCase.id}`, cookie: proberCookie })).statusCode).toBe(403);
    const missing = randomUUID();
    expect((await t.inject({ method: 'GET', url: `/api/perpetrators/${missing}`, cookie: proberCookie })).statusCode).toBe(404);
    const rows = await refusalsOf(prober.id);
    expect(rows.map((r) => ({ id: r.resource_id, outcome: r.outcome, ip: r.ip_address, details: JSON.parse(r.details) as object }))).toEqual([
      { id: otherCase.id, outcome: 'denied', ip: '127.0.0.1', details: { method: 'GET', route: '/api/cases/:id', status: 403, code: 'UNIT_OUT_OF_SCOPE' } },
      { id: missing, outcome: 'denied', ip: '127.0.0.1', details: { method: 'GET', route: '/api/perpetrators/:id', status: 404, code: 'NOT_FOUND' } },
    ]);
  });

  it('records at most the hourly number per user, and alerts the administrators once the user crosses the threshold', async () => {
    const total = RECORDED_PER_HOUR + 10;
    for (let i = 2; i < total; i += 1) {
      expect((await t.inject({ method: 'POST', url: `/api/cases/${otherCase.id}/reveal`, cookie: proberCookie, payload: {} })).statusCode).toBe(403);
    }
    expect(await refusalsOf(prober.id)).toHaveLength(RECORDED_PER_HOUR);
    const alerts = await refusalsOf(prober.id, 'security.probing_alert');
    // One alert as the user crosses its threshold, one as the office address behind it crosses its own.
    expect(alerts.map((a) => JSON.parse(a.details) as { kind: string; refusals: number })).toEqual([
      expect.objectContaining({ kind: 'user', subject: prober.id, refusals: ALERT_THRESHOLD.user }),
      expect.objectContaining({ kind: 'address', subject: '127.0.0.1', refusals: ALERT_THRESHOLD.address }),
    ]);
    const listed = await t.inject({ method: 'GET', url: '/api/audit/probing-alerts', cookie: admin });
    expect(listed.statusCode).toBe(200);
    expect(listed.json<ProbingAlertList>().items).toContainEqual(expect.objectContaining({ kind: 'user', subject: prober.id, username: prober.username, role: 'commune_officer', refusals: total }));
    // The address behind it is over its own threshold too.
    expect(listed.json<ProbingAlertList>().items).toContainEqual(expect.objectContaining({ kind: 'address', subject: '127.0.0.1' }));
    expect((await t.inject({ method: 'GET', url: '/api/audit/probing-alerts', cookie: proberCookie })).statusCode).toBe(403);
  });

  it('records a sign-in lockout (429) for a known username', async () => {
    const victim = await t.makeUser('trainer');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      statuses.push((await t.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '198.51.100.23', payload: { username: victim.username, password: 'sai mật khẩu rồi' } })).statusCode);
    }
    expect(statuses).toContain(429);
    const locked = (await refusalsOf(null)).filter((r) => r.ip_address === '198.51.100.23');
    expect(locked.length).toBeGreaterThan(0);
    expect(JSON.parse(locked[0]?.details ?? '{}')).toMatchObject({ route: '/api/auth/login', status: 429, code: 'RATE_LIMITED' });
  });

  it('records the public form’s 429 without the reporter’s address', async () => {
    t.deps.config.publicPage = { ...t.deps.config.publicPage, reportsPerAddressPer10Minutes: 1 };
    const post = () => t.inject({ method: 'POST', url: '/bao-tin', remoteAddress: '203.0.113.77', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'description=x' });
    await post();
    expect((await post()).statusCode).toBe(429);
    const rows = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'access.refused').where('details', 'like', '%/bao-tin%').execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('203.0.113.77');
    expect(JSON.stringify(await t.deps.db.selectFrom('refusal_counters').selectAll().execute())).not.toContain('203.0.113.77');
  });
});
