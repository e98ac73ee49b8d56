import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp } from '../test/test-app.js';
import { seedDemo } from './seed-demo.js';

describe.each(DATABASES)('demo data on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { totpRoles: [], isDemo: true });
  });
  afterAll(async () => t.close());

  it('makes one labelled demo account per role that signs in with its printed password', async () => {
    const accounts = await seedDemo(t.deps);
    expect(accounts.map((a) => a.role).sort()).toEqual([...ROLES].sort());
    const officer = accounts.find((a) => a.role === 'commune_officer');
    const login = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: officer?.username, password: officer?.password } });
    expect(login.statusCode).toBe(200);
    expect(login.json().stage).toBe('active');
    expect(login.json().me.displayName).toContain('(mẫu)');
    expect((await t.inject({ method: 'GET', url: '/api/meta' })).json().demo).toBe(true);
  });

  it('adds labelled villages under today’s communes', async () => {
    const villages = await t.deps.db.selectFrom('admin_units').select('name').where('kind', '=', 'village').execute();
    expect(villages.length).toBeGreaterThanOrEqual(8);
    expect(villages.every((v) => v.name.endsWith('(mẫu)'))).toBe(true);
  });
});
