import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../security/audit-chain.js';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';

describe.each(DATABASES)('audit log on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.signIn(await t.makeUser('system_admin'));
  });
  afterAll(async () => t.close());

  it('records sign-in, failed sign-in, account creation and sign-out, with who and from where but no name', async () => {
    const officerUnit = await t.unitId('02176');
    await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ai.do', password: 'không phải mật khẩu' } });
    const created = await t.inject({ method: 'POST', url: '/api/users', cookie: admin, payload: { username: 'thu.nt', displayName: 'Nông Thị Thu', role: 'commune_officer', unitId: officerUnit } });
    expect(created.statusCode).toBe(201);
    const page = await t.inject({ method: 'GET', url: '/api/audit?pageSize=100', cookie: admin });
    expect(page.statusCode).toBe(200);
    const items = page.json<{ items: Array<{ action: string; actorUsername: string | null; ipAddress: string | null; details: object }> }>().items;
    const actions = items.map((i) => i.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'auth.login_failed', 'user.create', 'auth.totp_verified']));
    const creation = items.find((i) => i.action === 'user.create' && i.actorUsername !== 'system');
    expect(creation?.ipAddress).toBe('127.0.0.1');
    const all = JSON.stringify(await t.deps.db.selectFrom('audit_log').selectAll().execute());
    expect(all).not.toContain('Nông Thị Thu');
    expect(all).not.toContain('không phải mật khẩu');
    expect(all).not.toContain('ai.do');
  });

  it('filters by action and by day', async () => {
    const filtered = await t.inject({ method: 'GET', url: '/api/audit?action=auth.login_failed', cookie: admin });
    expect(filtered.json().items.every((i: { action: string }) => i.action === 'auth.login_failed')).toBe(true);
    const future = await t.inject({ method: 'GET', url: '/api/audit?from=2099-01-01', cookie: admin });
    expect(future.json().total).toBe(0);
    const badDate = await t.inject({ method: 'GET', url: '/api/audit?from=29/11/2026', cookie: admin });
    expect(badDate.statusCode).toBe(400);
  });

  it('verifies an intact chain and names an edited, a deleted and a reordered entry', async () => {
    const ok = await t.inject({ method: 'GET', url: '/api/audit/verify', cookie: admin });
    expect(ok.json()).toMatchObject({ ok: true, problems: [] });
    // Without the key the chain cannot be recomputed: checked with another key, every entry fails.
    const otherKey = Buffer.alloc(32, 7);
    expect((await verifyAuditChain(t.deps.db, otherKey)).problems[0]).toEqual({ seq: 1, problem: 'edited' });
    const rows = await t.deps.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.length).toBeGreaterThanOrEqual(6);

    await t.deps.db.updateTable('audit_log').set({ details: '{"forged":true}' }).where('seq', '=', 2).execute();
    expect((await verifyAuditChain(t.deps.db, t.deps.auditKey)).problems).toEqual([{ seq: 2, problem: 'edited' }]);
    await t.deps.db.updateTable('audit_log').set({ details: rows[1]?.details as string }).where('seq', '=', 2).execute();

    await t.deps.db.deleteFrom('audit_log').where('seq', '=', 4).execute();
    expect((await verifyAuditChain(t.deps.db, t.deps.auditKey)).problems).toEqual([{ seq: 5, problem: 'deleted_before' }]);
    await t.deps.db.insertInto('audit_log').values(rows[3] as never).execute();

    // Swap the contents of two entries while keeping their sequence numbers and hashes consistent.
    const third = rows[2];
    const sixth = rows[5];
    if (!third || !sixth) throw new Error('not enough entries');
    await t.deps.db.deleteFrom('audit_log').where('seq', 'in', [3, 6]).execute();
    await t.deps.db.insertInto('audit_log').values([{ ...sixth, seq: 3 }, { ...third, seq: 6 }] as never).execute();
    const swapped = await verifyAuditChain(t.deps.db, t.deps.auditKey);
    expect(swapped.ok).toBe(false);
    expect(swapped.problems[0]?.seq).toBe(3);
  });
});
