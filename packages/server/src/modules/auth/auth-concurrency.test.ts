// Guessing in parallel must not get past the lockout, and must not break the audit chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../security/audit-chain.js';
import { createTestApp, DATABASES, sessionCookie, type TestApp } from '../../test/test-app.js';

describe.each(DATABASES)('parallel sign-in attempts on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.close());

  it('checks at most 5 of 20 simultaneous wrong passwords, then refuses even the right one with 429', async () => {
    const user = await t.makeUser('trainer');
    const before = Number((await t.deps.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: `sai mật khẩu số ${i}` } })));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 500)).toEqual([]);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15);
    const right = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
    expect(right.statusCode).toBe(429);

    const after = Number((await t.deps.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    // One entry per checked failure, and one per refusal (the 429s, the right password's included).
    expect(after - before).toBe(statuses.filter((s) => s === 401).length + statuses.filter((s) => s === 429).length + 1);
    const refused = await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'access.refused').execute();
    expect(refused).toHaveLength(statuses.filter((s) => s === 429).length + 1);
    expect((await verifyAuditChain(t.deps.db, t.deps.auditKey)).ok).toBe(true);
  });

  it('checks at most 5 of 30 simultaneous wrong codes, and ends the half-signed-in session', async () => {
    const user = await t.makeUser('commune_officer');
    const login = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
    const cookie = sessionCookie(login);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) =>
      t.inject({ method: 'POST', url: '/api/auth/totp', cookie, payload: { code: String(100000 + i * 7919).slice(0, 6) } })));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 500)).toEqual([]);
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(5);
    expect((await t.inject({ method: 'POST', url: '/api/auth/totp', cookie, payload: { code: '123456' } })).statusCode).toBe(401);
  });

  it('keeps the audit chain whole when many entries are appended at once', async () => {
    await Promise.all(Array.from({ length: 15 }, () =>
      t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ai.do.khong.biet', password: 'x' } })));
    const result = await verifyAuditChain(t.deps.db, t.deps.auditKey);
    expect(result).toMatchObject({ ok: true, problems: [] });
  });
});
