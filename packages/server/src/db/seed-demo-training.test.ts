import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageRow, NetworkMemberView, T3Value } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp } from '../test/test-app.js';
import { seedDemo } from './seed-demo.js';
import { seedDemoTraining } from './seed-demo-training.js';

describe.each(DATABASES)('demo roster, courses and network on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { totpRoles: [], isDemo: true });
  });
  afterAll(async () => t.close());

  it('makes labelled postings, courses with attendance, members and trusted addresses that the API reads back', async () => {
    const accounts = await seedDemo(t.deps);
    const made = await seedDemoTraining(t.deps);
    expect(made.postings).toBeGreaterThan(40);
    expect(made.courses).toBeGreaterThan(20);
    expect(made.attendees).toBeGreaterThan(100);
    expect(made.members).toBeGreaterThanOrEqual(30);
    const names = await t.deps.db.selectFrom('focal_points').select('full_name').execute();
    expect(names.every((n) => n.full_name.endsWith('(mẫu)'))).toBe(true);
    const focal = accounts.find((a) => a.role === 'district_focal_point');
    const login = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: focal?.username, password: focal?.password } });
    const cookie = login.cookies[0]?.value as string;
    const district = await t.unitId('066', '1997-01-01');
    const t3 = (await t.inject({ method: 'GET', url: `/api/indicators/t3?unitId=${district}&from=2017-05-24&to=2020-12-31`, cookie })).json<T3Value>();
    expect(t3.denominator).toBeGreaterThan(20);
    expect(t3.value).toBeGreaterThan(30);
    expect(t3.value).toBeLessThan(100);
    const members = (await t.inject({ method: 'GET', url: '/api/network/members', cookie })).json<{ items: NetworkMemberView[] }>().items;
    expect(members.every((m) => m.fullName.endsWith('(mẫu)'))).toBe(true);
    expect(members.some((m) => m.userId !== null)).toBe(true);
    const rows = (await t.inject({ method: 'GET', url: '/api/network/coverage?from=2026-01-01&to=2026-12-31', cookie })).json<{ rows: CoverageRow[] }>().rows;
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.coreMembers >= 1)).toBe(true);
    expect(rows.some((r) => r.villagesWithoutMember.length > 0)).toBe(true);
  });
});
