// The support plan of a case: read, draft, submit for approval, approve or return.
import { z } from 'zod';
import { IdParams, SupportPlanDecision, SupportPlanInput, SupportPlanView } from '@binhan/domain';
import { requires } from '../../http/access.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { caseInScope } from '../cases/case-access.js';
import { decidePlan, presentPlan, saveDraft, submitPlan } from './service.js';

const PlanAnswer = z.object({ plan: SupportPlanView.nullable() });

export async function supportPlanRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;
  const tags = ['support-plans'];

  app.get('/api/cases/:id/support-plan', {
    config: { access: requires('cases.read') },
    schema: { tags, summary: 'The latest support plan of the case', params: IdParams, response: { 200: PlanAnswer, ...errorResponses } },
  }, async (request) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.read');
    return { plan: await presentPlan(deps, row.id, actor.role) };
  });

  app.put('/api/cases/:id/support-plan', {
    config: { access: requires('cases.write') },
    schema: { tags, summary: 'Save the draft support plan (a new version once the last was approved)', params: IdParams, body: SupportPlanInput, response: { 200: PlanAnswer, ...errorResponses } },
  }, async (request) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.write');
    await saveDraft(deps, request, row, request.body, actor.id);
    return { plan: await presentPlan(deps, row.id, actor.role) };
  });

  app.post('/api/cases/:id/support-plan/submit', {
    config: { access: requires('cases.write') },
    schema: { tags, summary: 'Submit the draft to the district focal point for approval', params: IdParams, response: { 200: PlanAnswer, ...errorResponses } },
  }, async (request) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.write');
    await submitPlan(deps, request, row, actor.id);
    return { plan: await presentPlan(deps, row.id, actor.role) };
  });

  app.post('/api/cases/:id/support-plan/decide', {
    config: { access: requires('cases.assign') },
    schema: { tags, summary: 'Approve the submitted plan, or return it with a comment', params: IdParams, body: SupportPlanDecision, response: { 200: PlanAnswer, ...errorResponses } },
  }, async (request) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.assign');
    await decidePlan(deps, request, row, request.body, actor.id);
    return { plan: await presentPlan(deps, row.id, actor.role) };
  });
}
