// Protection measures and follow-ups of a case. Readers of the case read them; those who work on cases
// record them, on cases of their own area only. Terms are checked against the law with the real clock.
import { z } from 'zod';
import { Id, IdParams, makeFollowUpSchema, makeProtectionMeasureSchema } from '@binhan/domain';
import { requires } from '../../http/access.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { now } from '../../lib/clock.js';
import { caseInScope, recheck, SCHEMA_TIME } from '../cases/case-access.js';
import {
  FollowUpView, MeasureStatusChange, MeasureView, addFollowUp, addMeasure, changeMeasureStatus, listFollowUps, listMeasures,
} from './service.js';

const MeasureParams = z.strictObject({ id: Id, measureId: Id });
const MeasureList = z.object({ items: z.array(MeasureView) });
const FollowUpList = z.object({ items: z.array(FollowUpView) });

export async function measureRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;
  const tags = ['cases'];

  app.get('/api/cases/:id/measures', {
    config: { access: requires('cases.read') },
    schema: { tags, summary: 'Protection measures of the case, with whether each is active now and when it expires or must be decided', params: IdParams, response: { 200: MeasureList, ...errorResponses } },
  }, async (request) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.read');
    return { items: await listMeasures(deps, row.id, actor.role) };
  });

  app.post('/api/cases/:id/measures', {
    config: { access: requires('cases.write'), syncKind: 'case.measure' },
    schema: { tags, summary: 'Record a protection measure (Law 13/2022 Art. 22); a term beyond the legal maximum is refused', params: IdParams, body: makeProtectionMeasureSchema(SCHEMA_TIME), response: { 201: MeasureList, ...errorResponses } },
  }, async (request, reply) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.write');
    const input = recheck(makeProtectionMeasureSchema(now(), deps.config.caseSettings.measureLimits), request.body);
    await addMeasure(deps, request, row, input, actor.id);
    return reply.status(201).send({ items: await listMeasures(deps, row.id, actor.role) });
  });

  app.patch('/api/cases/:id/measures/:measureId', {
    config: { access: requires('cases.write') },
    schema: { tags, summary: 'Change a measure’s status: decide a request, or end, revoke or record a breach of a measure in effect', params: MeasureParams, body: MeasureStatusChange, response: { 200: MeasureList, ...errorResponses } },
  }, async (request) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.write');
    await changeMeasureStatus(deps, request, row, request.params.measureId, request.body, actor.id);
    return { items: await listMeasures(deps, row.id, actor.role) };
  });

  app.get('/api/cases/:id/follow-ups', {
    config: { access: requires('cases.read') },
    schema: { tags, summary: 'Follow-up contacts with the survivor, latest first', params: IdParams, response: { 200: FollowUpList, ...errorResponses } },
  }, async (request) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.read');
    return { items: await listFollowUps(deps, row.id, actor.role) };
  });

  app.post('/api/cases/:id/follow-ups', {
    config: { access: requires('cases.write'), syncKind: 'case.follow_up' },
    schema: { tags, summary: 'Record a follow-up contact: safety, recurrence, new needs, next follow-up', params: IdParams, body: makeFollowUpSchema(SCHEMA_TIME), response: { 201: FollowUpList, ...errorResponses } },
  }, async (request, reply) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.write');
    const input = recheck(makeFollowUpSchema(now()), request.body);
    await addFollowUp(deps, request, row, input, actor.id);
    return reply.status(201).send({ items: await listFollowUps(deps, row.id, actor.role) });
  });
}
