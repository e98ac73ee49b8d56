import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';
import { caseIntake, HOUR, hoursAgo } from '../../test/factories.js';
import type { AlertView } from './routes.js';

const ago = hoursAgo;

describe.each(DATABASES)('alerts on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let tranPhu: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    tranPhu = await t.unitId('02176');
    officer = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
  });
  afterAll(async () => t.close());

  const openCase = async (detectedHoursAgo: number, phone: string) => (await t.inject({
    method: 'POST', url: '/api/cases', cookie: officer,
    payload: caseIntake(tranPhu, { detectedAt: ago(detectedHoursAgo), survivor: { fullName: `Người thử ${phone}`, phone } }),
  })).json<CaseDetail>();
  const alerts = async (cookie: string) => (await t.inject({ method: 'GET', url: '/api/alerts', cookie })).json<{ items: AlertView[] }>().items;

  it('raises an overdue first intervention, then a no-contact decision due, and clears them when done', async () => {
    const critical = await openCase(3, '0911000001');
    await t.inject({ method: 'POST', url: `/api/cases/${critical.id}/risk-assessments`, cookie: officer, payload: { assessedAt: ago(2.9), answers: { threat_to_kill: true, weapon: true }, immediateSafety: 'unsafe_now' } });
    const calm = await openCase(1, '0911000002');
    let items = await alerts(officer);
    expect(items.find((a) => a.caseId === critical.id)).toMatchObject({ kind: 'first_intervention', severity: 'overdue' });
    expect(items.find((a) => a.caseId === calm.id)).toBeUndefined();

    await t.inject({ method: 'POST', url: `/api/cases/${critical.id}/first-intervention`, cookie: officer, payload: { at: ago(0.5) } });
    const requested = await t.inject({ method: 'POST', url: `/api/cases/${critical.id}/measures`, cookie: officer, payload: { type: 'no_contact', issuer: 'commune_chairman', status: 'requested', requestedAt: ago(11), startsAt: ago(11), endsAt: new Date(Date.now() + 40 * HOUR).toISOString() } });
    expect(requested.statusCode).toBe(201);
    items = await alerts(officer);
    expect(items.filter((a) => a.caseId === critical.id).map((a) => [a.kind, a.severity])).toEqual([['no_contact_decision', 'due_soon']]);

    const other = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02185' }));
    expect(await alerts(other)).toEqual([]);
  });
});
