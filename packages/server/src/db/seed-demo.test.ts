import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp } from '../test/test-app.js';
import { seedDemo, type DemoAccount } from './seed-demo.js';
import { seedDemoCases } from './seed-demo-cases.js';
import { seedDemoReports } from './seed-demo-reports.js';

describe.each(DATABASES)('demo data on %s', (kind) => {
  let t: TestApp;
  let accounts: DemoAccount[] = [];
  beforeAll(async () => {
    t = await createTestApp(kind, { totpRoles: [], isDemo: true });
  });
  afterAll(async () => t.close());

  it('makes one labelled demo account per role that signs in with its printed password', async () => {
    accounts = await seedDemo(t.deps);
    expect(accounts.map((a) => a.role).sort()).toEqual([...ROLES].sort());
    const officer = accounts.find((a) => a.role === 'commune_officer');
    const login = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: officer?.username, password: officer?.password } });
    expect(login.statusCode).toBe(200);
    expect(login.json().stage).toBe('active');
    expect(login.json().me.displayName).toContain('(mẫu)');
    expect((await t.inject({ method: 'GET', url: '/api/meta' })).json().demo).toBe(true);
  });

  it('makes synthetic cases across the communes of every generation, most supported in time', async () => {
    const focal = accounts.find((a) => a.role === 'district_focal_point');
    if (!focal) throw new Error('demo accounts were not created');
    const made = await seedDemoCases(t.app, focal, 40);
    expect(made).toBeGreaterThanOrEqual(30);
    const years = await t.deps.db.selectFrom('cases').select('detected_at').execute();
    expect(new Set(years.map((y) => y.detected_at.slice(0, 4))).size).toBeGreaterThan(3);
    const timely = await t.deps.db.selectFrom('cases').select('id').where('first_intervention_at', 'is not', null).where('has_service_or_referral', '=', 1).execute();
    expect(timely.length).toBeGreaterThan(made / 2);
  });

  it('links synthetic perpetrators to the cases, some repeating, many counselled or handled', async () => {
    const links = await t.deps.db.selectFrom('perpetrator_links').select(['perpetrator_id', 'unit_id']).execute();
    const people = await t.deps.db.selectFrom('perpetrators').select('id').execute();
    expect(links.length).toBeGreaterThanOrEqual(30);
    expect(people.length).toBeLessThan(links.length);
    const units = new Map<string, Set<string>>();
    for (const link of links) units.set(link.perpetrator_id, (units.get(link.perpetrator_id) ?? new Set()).add(link.unit_id));
    expect([...units.values()].some((set) => set.size > 1)).toBe(true);
    const counselled = await t.deps.db.selectFrom('perpetrator_counselling').select('perpetrator_id').distinct().execute();
    const handled = await t.deps.db.selectFrom('perpetrator_measures').select('perpetrator_id').distinct().execute();
    expect(counselled.length).toBeGreaterThan(people.length / 3);
    expect(handled.length).toBeGreaterThan(5);
  });

  it('makes Trần Phú’s periodic reports of the last two ended six-month periods: one approved, one returned', async () => {
    expect(await seedDemoReports(t.app, accounts)).toBe(2);
    const reports = await t.deps.db.selectFrom('periodic_reports').select(['status', 'period', 'approved_figures']).orderBy('period').execute();
    expect(reports.map((r) => r.status).sort()).toEqual(['approved', 'returned']);
    expect(reports.find((r) => r.status === 'approved')?.approved_figures).toBeTruthy();
  });

  it('adds labelled villages under today’s communes', async () => {
    const villages = await t.deps.db.selectFrom('admin_units').select('name').where('kind', '=', 'village').execute();
    expect(villages.length).toBeGreaterThanOrEqual(8);
    expect(villages.every((v) => v.name.endsWith('(mẫu)'))).toBe(true);
  });
});
