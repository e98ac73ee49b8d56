// Survivor cases: list, identity search and duplicate check, intake, the case page, the audited
// reveal of the identity, and every change to a case. Commune officers work on their commune's cases,
// the district focal point on the district's; leaders read without identities.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AssignInput, CaseDetail, CaseIdentitySearch, CaseList, CaseListItem, CaseListQuery, CaseNoteCreate, CaseStatusChange,
  DuplicateCheck, FirstInterventionInput, IdParams, OkBody, ServiceGivenInput,
  SurvivorIdentityView, TimelineEntry, makeCaseCreateSchema, makeIncidentSchema, makeRiskAssessmentSchema,
  roleCan, type Action, type SyncOpKind,
} from '@binhan/domain';
import { requires } from '../../http/access.js';
import { anchorAuditHead, audit } from '../../http/audit-context.js';
import { Invalid, NotFound } from '../../http/errors.js';
import { idempotencyKeyOf, requestHash } from '../../http/idempotency.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { now } from '../../lib/clock.js';
import { addIncident, addNote, assignOfficer, changeStatus, eligibleOfficers, recordFirstIntervention, recordRiskAssessment, recordService } from './actions.js';
import { findDuplicates, intakeClientKey, openCaseOnce, searchByIdentity } from './intake.js';
import { listCases, loadCaseRow, presentCase, presentListItems, type CaseViewer } from './queries.js';
import { readTimeline, revealIdentity } from './identity-view.js';
import { caseInScope, recheck, SCHEMA_TIME } from './case-access.js';

export async function caseRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;
  const tags = ['cases'];
  const limits = deps.config.caseSettings.timeLimits;
  const checklist = deps.config.caseSettings.riskChecklist;

  const viewerOf = async (request: FastifyRequest): Promise<CaseViewer> => {
    const actor = await request.loadActor();
    return { id: actor.id, role: actor.role, isUnscoped: actor.isUnscoped === true, unitScope: actor.unitScope };
  };

  const detail = async (request: FastifyRequest, id: string) => {
    const row = await loadCaseRow(deps.db, id);
    if (!row) throw new NotFound();
    return presentCase(deps, row, (request.auth as NonNullable<typeof request.auth>).actor.role, limits);
  };

  app.get('/api/cases/config', {
    config: { access: requires('cases.read') },
    schema: { tags, summary: 'The risk checklist and first-intervention time limits in force', response: { 200: z.object({ riskChecklist: z.unknown(), timeLimits: z.record(z.string(), z.number()) }), ...errorResponses } },
  }, async () => ({ riskChecklist: checklist, timeLimits: { ...limits } }));

  app.get('/api/cases', {
    config: { access: requires('cases.read') },
    schema: { tags, summary: 'Cases in my area (codes, never names), filtered and paginated', querystring: CaseListQuery, response: { 200: CaseList, ...errorResponses } },
  }, async (request) => listCases(deps, await viewerOf(request), request.query, limits));

  app.post('/api/cases/search', {
    config: { access: requires('cases.identify') },
    schema: { tags, summary: 'Find cases by name, phone or citizen ID (keyed hashes; terms stay out of URLs and logs)', body: CaseIdentitySearch, response: { 200: z.object({ items: z.array(CaseListItem) }), ...errorResponses } },
  }, async (request) => {
    const viewer = await viewerOf(request);
    const rows = await searchByIdentity(deps, viewer, request.body);
    await audit(request, deps.db, { action: 'case.search', details: { by: Object.keys(request.body).filter((k) => request.body[k as keyof typeof request.body]), found: rows.length } });
    return { items: await presentListItems(deps.db, rows, limits) };
  });

  app.post('/api/cases/duplicates', {
    config: { access: requires('cases.identify') },
    schema: { tags, summary: 'Possible duplicates before intake: same name and birth year, same phone or CCCD', body: DuplicateCheck, response: { 200: z.object({ items: z.array(CaseListItem) }), ...errorResponses } },
  }, async (request) => {
    const rows = await findDuplicates(deps, await viewerOf(request), request.body);
    await audit(request, deps.db, { action: 'case.duplicate_check', details: { found: rows.length } });
    return { items: await presentListItems(deps.db, rows, limits) };
  });

  app.post('/api/cases', {
    // X-Client-Op-Id (see http/client-op.ts) is apart from Idempotency-Key: it makes a later sync case.open answer duplicate.
    config: { access: requires('cases.write'), syncKind: 'case.open' },
    schema: { tags, summary: 'Open a case: detection, survivor, first incident', body: makeCaseCreateSchema(SCHEMA_TIME), response: { 201: CaseDetail, ...errorResponses } },
  }, async (request, reply) => {
    const input = recheck(makeCaseCreateSchema(now()), request.body);
    const viewer = await viewerOf(request);
    const key = idempotencyKeyOf(request);
    const opened = await openCaseOnce(deps, request, viewer, input, key ? { key: intakeClientKey(viewer.id, key), requestHash: requestHash(request.body) } : null);
    return reply.status(201).send(await detail(request, opened.id));
  });

  app.get('/api/cases/:id', {
    config: { access: requires('cases.read') },
    schema: { tags, summary: 'The case page, without the survivor’s identity', params: IdParams, response: { 200: CaseDetail, ...errorResponses } },
  }, async (request) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.read');
    await audit(request, deps.db, { action: 'case.view', resourceType: 'case', resourceId: row.id });
    return presentCase(deps, row, actor.role, limits);
  });

  app.post('/api/cases/:id/reveal', {
    config: { access: requires('cases.identify') },
    schema: { tags, summary: 'Reveal the survivor’s identity (logged in the audit and on the case timeline)', params: IdParams, response: { 200: z.object({ survivor: SurvivorIdentityView }), ...errorResponses } },
  }, async (request) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.identify');
    const survivor = await revealIdentity(deps, request, row, actor.id);
    // Anchored at once: removing a reveal from the log is then caught by audit-verify, not only the next day.
    await anchorAuditHead(request, 'reveal', row.id);
    return { survivor };
  });

  app.get('/api/cases/:id/timeline', {
    config: { access: requires('cases.read') },
    schema: { tags, summary: 'What happened on the case, newest first', params: IdParams, response: { 200: z.object({ items: z.array(TimelineEntry) }), ...errorResponses } },
  }, async (request) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.read');
    return { items: await readTimeline(deps, row.id, actor.role) };
  });

  app.get('/api/cases/:id/officers', {
    config: { access: requires('cases.assign') },
    schema: { tags, summary: 'Officers who may be assigned the case', params: IdParams, response: { 200: z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string() })) }), ...errorResponses } },
  }, async (request) => {
    const { row } = await caseInScope(request, request.params.id, 'cases.assign');
    return { items: await eligibleOfficers(deps, row) };
  });

  const write = <B>(path: string, summary: string, body: z.ZodType<B>, status: 200 | 201, run: (request: FastifyRequest, row: NonNullable<Awaited<ReturnType<typeof loadCaseRow>>>, input: B, userId: string) => Promise<unknown>, action: Action = 'cases.write', syncKind?: SyncOpKind) => {
    app.post(`/api/cases/:id/${path}`, {
      config: { access: requires(action), ...(syncKind ? { syncKind } : {}) },
      schema: { tags, summary, params: IdParams, body, response: { [status]: CaseDetail, ...errorResponses } },
    }, async (request, reply) => {
      const { id } = request.params;
      const { row, actor } = await caseInScope(request, id, action);
      await run(request, row, request.body as B, actor.id);
      // The response map is keyed by a variable status, which the route types cannot follow.
      return reply.status(status).send((await detail(request, id)) as never);
    });
  };

  write('incidents', 'Add an incident', makeIncidentSchema(SCHEMA_TIME), 201, (request, row, body, userId) => addIncident(deps, request, row, recheck(makeIncidentSchema(now()), body), userId));
  write('risk-assessments', 'Assess the risk with the checklist', makeRiskAssessmentSchema(checklist, SCHEMA_TIME), 201, (request, row, body, userId) =>
    recordRiskAssessment(deps, request, row, recheck(makeRiskAssessmentSchema(checklist, now()), body), checklist, userId), 'cases.write', 'case.risk_assessment');
  write('first-intervention', 'Record the first intervention', FirstInterventionInput, 200, (request, row, body, userId) => {
    if (Date.parse(body.at) > now().getTime() + 5 * 60_000) throw new Invalid('VALIDATION_FAILED', {}, [{ path: 'at', key: 'datetime_in_future' }]);
    return recordFirstIntervention(deps, request, row, body, userId);
  });
  write('services', 'Record a support service given', ServiceGivenInput, 201, (request, row, body, userId) => recordService(deps, request, row, body, userId), 'cases.write', 'case.service');
  write('status', 'Move the case to another status (close with a reason, reopen with a note)', CaseStatusChange, 200, (request, row, body, userId) => changeStatus(deps, request, row, body, userId, roleCan((request.auth as NonNullable<typeof request.auth>).actor.role, 'cases.assign')));
  write('assign', 'Assign the responsible officer', AssignInput, 200, (request, row, body, userId) => assignOfficer(deps, request, row, body.officerId, userId), 'cases.assign');

  app.post('/api/cases/:id/notes', {
    config: { access: requires('cases.write'), syncKind: 'case.note' },
    schema: { tags, summary: 'Add a note to the timeline (stored encrypted)', params: IdParams, body: CaseNoteCreate, response: { 201: OkBody, ...errorResponses } },
  }, async (request, reply) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.write');
    await addNote(deps, request, row, request.body.body, actor.id);
    return reply.status(201).send({ ok: true as const });
  });
}
