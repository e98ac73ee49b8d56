import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, SupportPlanView } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';
import { caseIntake, hoursAgo } from '../../test/factories.js';

const ago = hoursAgo;

describe.each(DATABASES)('support plans on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let focal: string;
  let leader: string;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const tranPhu = await t.unitId('02176');
    officer = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
    focal = await t.signIn(await t.makeUser('district_focal_point'));
    leader = await t.signIn(await t.makeUser('district_leader'));
    const created = await t.inject({
      method: 'POST', url: '/api/cases', cookie: officer,
      payload: caseIntake(tranPhu, { detectedAt: ago(5), detectionSource: 'survivor', survivor: { fullName: 'Nông Thị Thắm', dateOfBirth: undefined, ageYears: 27 } }),
    });
    caseId = created.json<CaseDetail>().id;
    await t.inject({ method: 'POST', url: `/api/cases/${caseId}/risk-assessments`, cookie: officer, payload: { assessedAt: ago(4), answers: { escalation: true }, immediateSafety: 'safe_now' } });
  });
  afterAll(async () => t.close());

  const plan = { needs: ['health_care', 'legal_aid'], actions: [{ description: 'Đưa đi khám tại trạm y tế', owner: 'Cán bộ văn hóa - xã hội', dueOn: '2020-01-01' }], safetyPlan: 'Khi bị đe dọa, sang nhà trưởng thôn.' };

  it('is drafted and submitted by the commune, returned then approved by the district, which moves the case on', async () => {
    const draft = await t.inject({ method: 'PUT', url: `/api/cases/${caseId}/support-plan`, cookie: officer, payload: plan });
    expect(draft.statusCode).toBe(200);
    expect(draft.json<{ plan: SupportPlanView }>().plan).toMatchObject({ version: 1, status: 'draft', needs: ['health_care', 'legal_aid'], overdueActions: 1 });
    expect((await t.inject({ method: 'POST', url: `/api/cases/${caseId}/support-plan/decide`, cookie: focal, payload: { decision: 'approve' } })).statusCode).toBe(409);
    expect((await t.inject({ method: 'POST', url: `/api/cases/${caseId}/support-plan/submit`, cookie: officer })).json().plan.status).toBe('submitted');
    expect((await t.inject({ method: 'POST', url: `/api/cases/${caseId}/support-plan/decide`, cookie: officer, payload: { decision: 'approve' } })).statusCode).toBe(403);
    const noComment = await t.inject({ method: 'POST', url: `/api/cases/${caseId}/support-plan/decide`, cookie: focal, payload: { decision: 'return' } });
    expect(noComment.statusCode).toBe(400);
    const returned = await t.inject({ method: 'POST', url: `/api/cases/${caseId}/support-plan/decide`, cookie: focal, payload: { decision: 'return', note: 'Bổ sung trợ giúp pháp lý.' } });
    expect(returned.json().plan).toMatchObject({ status: 'returned', decisionNote: 'Bổ sung trợ giúp pháp lý.' });

    await t.inject({ method: 'PUT', url: `/api/cases/${caseId}/support-plan`, cookie: officer, payload: { ...plan, actions: [...plan.actions, { description: 'Liên hệ trợ giúp pháp lý', owner: 'Hội phụ nữ', dueOn: '2099-01-01' }] } });
    await t.inject({ method: 'POST', url: `/api/cases/${caseId}/support-plan/submit`, cookie: officer });
    const approved = await t.inject({ method: 'POST', url: `/api/cases/${caseId}/support-plan/decide`, cookie: focal, payload: { decision: 'approve' } });
    expect(approved.json<{ plan: SupportPlanView }>().plan).toMatchObject({ version: 1, status: 'approved' });
    expect((await t.inject({ method: 'GET', url: `/api/cases/${caseId}`, cookie: officer })).json<CaseDetail>().status).toBe('support_plan');

    // Editing an approved plan starts version 2; the leader sees the needs but not the actions or safety plan.
    const second = await t.inject({ method: 'PUT', url: `/api/cases/${caseId}/support-plan`, cookie: officer, payload: plan });
    expect(second.json().plan).toMatchObject({ version: 2, status: 'draft' });
    const forLeader = (await t.inject({ method: 'GET', url: `/api/cases/${caseId}/support-plan`, cookie: leader })).json<{ plan: SupportPlanView }>().plan;
    expect(forLeader).toMatchObject({ needs: ['health_care', 'legal_aid'], actions: null, safetyPlan: null });
    const stored = JSON.stringify(await t.deps.db.selectFrom('support_plans').selectAll().execute());
    expect(stored).not.toContain('trưởng thôn');
  });

  it('refuses a plan without actions or with an unknown need', async () => {
    const bad = await t.inject({ method: 'PUT', url: `/api/cases/${caseId}/support-plan`, cookie: officer, payload: { needs: ['magic'], actions: [] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['actions', 'needs.0']);
  });
});
