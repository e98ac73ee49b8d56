import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DATABASES, type TestApp } from '../test/test-app.js';
import { seedDemo } from './seed-demo.js';
import { seedDemoOutreach } from './seed-demo-outreach.js';
import { seedDemoTraining } from './seed-demo-training.js';

describe.each(DATABASES)('demo communication activities on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { totpRoles: [], isDemo: true });
  });
  afterAll(async () => t.close());

  it('makes a few thousand labelled activities and population figures quickly, which T4, T5 and the communicator read back', async () => {
    const accounts = await seedDemo(t.deps);
    await seedDemoTraining(t.deps);
    const started = Date.now();
    const made = await seedDemoOutreach(t.deps);
    const seconds = (Date.now() - started) / 1000;
    expect(made.activities).toBeGreaterThan(2000);
    expect(made.figures).toBeGreaterThan(500);
    expect(seconds).toBeLessThan(20);
    const topics = await t.deps.db.selectFrom('outreach_activities').select('topic').execute();
    expect(topics.every((r) => r.topic.endsWith('(mẫu)'))).toBe(true);
    const signIn = async (role: string) => {
      const account = accounts.find((a) => a.role === role);
      const login = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: account?.username, password: account?.password } });
      return login.cookies[0]?.value as string;
    };
    const focal = await signIn('district_focal_point');
    const t5 = (await t.inject({ method: 'GET', url: '/api/indicators/t5?year=2019', cookie: focal })).json();
    expect(t5.status).toBe('ok');
    expect(t5.value).toBeGreaterThan(10);
    const communicator = await signIn('communicator');
    const own = (await t.inject({ method: 'GET', url: '/api/outreach/activities', cookie: communicator })).json();
    expect(own.total).toBeGreaterThan(0);
    const ownRows = await t.deps.db.selectFrom('outreach_activities').innerJoin('users', 'users.id', 'outreach_activities.created_by').select((eb) => eb.fn.countAll().as('n')).where('users.role', '=', 'communicator').executeTakeFirstOrThrow();
    expect(own.total).toBe(Number(ownRows.n));
  }, 120_000);
});
