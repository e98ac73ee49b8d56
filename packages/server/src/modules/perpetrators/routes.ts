// Perpetrators (target T2): the list, identity search and duplicate check, the perpetrator page and its
// audited reveal, corrections, counselling sessions and handling measures, links on a case's incidents,
// the case page's perpetrators, and indicator T2. Same scoping as cases.
import { z } from 'zod';
import {
  CasePerpetratorList, CounsellingPatch, Id, IdParams, IndicatorQuery, PerpetratorDetail, PerpetratorDuplicateCheck, PerpetratorIdentityView,
  PerpetratorLinkInput, PerpetratorLinkPatch, PerpetratorList, PerpetratorListQuery, PerpetratorMeasurePatch, PerpetratorPatch, PerpetratorSearch,
  PerpetratorLinkRequestDecision, PerpetratorLinkRequestList, PerpetratorLinkRequestQuery, PerpetratorLinkRequestView,
  PerpetratorSearchResult, T2Value, makeCounsellingSchema, makePerpetratorMeasureSchema,
} from '@binhan/domain';
import { authorize, requires } from '../../http/access.js';
import { anchorAuditHead, audit } from '../../http/audit-context.js';
import { Invalid, NotFound } from '../../http/errors.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { indicatorArea } from '../../http/scope.js';
import { now } from '../../lib/clock.js';
import { caseInScope, recheck, SCHEMA_TIME } from '../cases/case-access.js';
import { vietnamDayEnd, vietnamDayStart } from '../cases/queries.js';
import { perpetratorInScope, viewerOf } from './access.js';
import { loadT2 } from './indicator.js';
import { decideLinkRequest, listLinkRequests } from './link-requests.js';
import { casePerpetrators, listPerpetrators, presentPerpetrator } from './queries.js';
import {
  addCounselling, addPerpetratorMeasure, deleteCounselling, linkOnIncident, perpetratorDuplicates, revealPerpetrator, searchPerpetrators, unlinkFromIncident,
  updateCounselling, updateLink, updatePerpetrator, updatePerpetratorMeasure,
} from './service.js';

const SessionParams = z.strictObject({ id: Id, sessionId: Id });
const MeasureParams = z.strictObject({ id: Id, measureId: Id });
const IncidentParams = z.strictObject({ id: Id, incidentId: Id });
const LinkParams = z.strictObject({ id: Id, incidentId: Id, perpetratorId: Id });

export async function perpetratorRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;
  const tags = ['perpetrators'];

  const page = async (id: string, request: Parameters<typeof viewerOf>[0]) => {
    const row = await deps.db.selectFrom('perpetrators').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound();
    return presentPerpetrator(deps, await viewerOf(request), row);
  };

  app.get('/api/perpetrators', {
    config: { access: requires('cases.read') },
    schema: { tags, summary: 'Perpetrators in my area (codes, never names), filtered by unit, period, measure, counselling and repeat violence', querystring: PerpetratorListQuery, response: { 200: PerpetratorList, ...errorResponses } },
  }, async (request) => {
    const { from, to } = request.query;
    if (from && to && to < from) throw new Invalid('VALIDATION_FAILED', {}, [{ path: 'to', key: 'date_before_start' }]);
    return listPerpetrators(deps, await viewerOf(request), request.query);
  });

  app.post('/api/perpetrators/search', {
    config: { access: requires('cases.identify') },
    schema: { tags, summary: 'Find perpetrators by name, phone or citizen ID (keyed hashes); records outside my area only as "exists elsewhere"', body: PerpetratorSearch, response: { 200: PerpetratorSearchResult, ...errorResponses } },
  }, async (request) => {
    const result = await searchPerpetrators(deps, await viewerOf(request), request.body);
    await audit(request, deps.db, { action: 'perpetrator.search', details: { by: Object.keys(request.body).filter((k) => request.body[k as keyof typeof request.body]), found: result.items.length, elsewhere: result.elsewhere.length } });
    return result;
  });

  app.post('/api/perpetrators/duplicates', {
    config: { access: requires('cases.identify') },
    schema: { tags, summary: 'Possible duplicates before adding a perpetrator: same name and birth year, same phone or CCCD', body: PerpetratorDuplicateCheck, response: { 200: PerpetratorSearchResult, ...errorResponses } },
  }, async (request) => {
    const result = await perpetratorDuplicates(deps, await viewerOf(request), request.body);
    await audit(request, deps.db, { action: 'perpetrator.duplicate_check', details: { found: result.items.length, elsewhere: result.elsewhere.length } });
    return result;
  });

  app.get('/api/perpetrators/link-requests', {
    config: { access: requires('cases.write') },
    schema: { tags, summary: 'Link requests to decide (another commune asks to link a record of my area) and the ones my area made', querystring: PerpetratorLinkRequestQuery, response: { 200: PerpetratorLinkRequestList, ...errorResponses } },
  }, async (request) => {
    authorize(request, 'cases.write');
    return { items: await listLinkRequests(deps, await viewerOf(request), request.query.status) };
  });

  app.post('/api/perpetrators/link-requests/:id/decide', {
    config: { access: requires('cases.write') },
    schema: { tags, summary: 'Approve or decline another commune’s request to link a record of my area (audited on both sides)', params: IdParams, body: PerpetratorLinkRequestDecision, response: { 200: PerpetratorLinkRequestView, ...errorResponses } },
  }, async (request) => {
    authorize(request, 'cases.write');
    return decideLinkRequest(deps, request, await viewerOf(request), request.params.id, request.body);
  });

  app.get('/api/perpetrators/:id', {
    config: { access: requires('cases.read') },
    schema: { tags, summary: 'The perpetrator page, without the identity: incidents I may see, counselling, measures, the community-criticism rule', params: IdParams, response: { 200: PerpetratorDetail, ...errorResponses } },
  }, async (request) => {
    const { row, viewer } = await perpetratorInScope(request, request.params.id, 'cases.read');
    await audit(request, deps.db, { action: 'perpetrator.view', resourceType: 'perpetrator', resourceId: row.id });
    return presentPerpetrator(deps, viewer, row);
  });

  app.patch('/api/perpetrators/:id', {
    config: { access: requires('cases.write') },
    schema: { tags, summary: 'Correct the record: identity (replaced whole), commune, risk factors', params: IdParams, body: PerpetratorPatch, response: { 200: PerpetratorDetail, ...errorResponses } },
  }, async (request) => {
    const { row, viewer } = await perpetratorInScope(request, request.params.id, 'cases.write');
    await updatePerpetrator(deps, request, viewer, row, request.body);
    return page(row.id, request);
  });

  app.post('/api/perpetrators/:id/reveal', {
    config: { access: requires('cases.identify') },
    schema: { tags, summary: 'Reveal the perpetrator’s identity (logged in the audit)', params: IdParams, response: { 200: z.object({ identity: PerpetratorIdentityView }), ...errorResponses } },
  }, async (request) => {
    const { row } = await perpetratorInScope(request, request.params.id, 'cases.identify');
    const identity = await revealPerpetrator(deps, request, row);
    await anchorAuditHead(request, 'reveal', row.id);
    return { identity };
  });

  app.post('/api/perpetrators/:id/counselling', {
    config: { access: requires('cases.write') },
    schema: { tags, summary: 'Record a counselling session', params: IdParams, body: makeCounsellingSchema(SCHEMA_TIME), response: { 201: PerpetratorDetail, ...errorResponses } },
  }, async (request, reply) => {
    const { row, viewer } = await perpetratorInScope(request, request.params.id, 'cases.write');
    const input = recheck(makeCounsellingSchema(now()), request.body);
    await addCounselling(deps, request, viewer, row, input);
    return reply.status(201).send(await page(row.id, request));
  });

  app.patch('/api/perpetrators/:id/counselling/:sessionId', {
    config: { access: requires('cases.write') },
    schema: { tags, summary: 'Correct a counselling session', params: SessionParams, body: CounsellingPatch, response: { 200: PerpetratorDetail, ...errorResponses } },
  }, async (request) => {
    const { row, viewer } = await perpetratorInScope(request, request.params.id, 'cases.write');
    await updateCounselling(deps, request, viewer, row, request.params.sessionId, request.body);
    return page(row.id, request);
  });

  app.delete('/api/perpetrators/:id/counselling/:sessionId', {
    config: { access: requires('cases.write') },
    schema: { tags, summary: 'Remove a counselling session recorded by mistake (kept in the audit)', params: SessionParams, response: { 200: PerpetratorDetail, ...errorResponses } },
  }, async (request) => {
    const { row, viewer } = await perpetratorInScope(request, request.params.id, 'cases.write');
    await deleteCounselling(deps, request, viewer, row, request.params.sessionId);
    return page(row.id, request);
  });

  app.post('/api/perpetrators/:id/measures', {
    config: { access: requires('cases.write') },
    schema: { tags, summary: 'Record a handling measure; a no-contact order is the case’s protection measure (a commune chairman’s order lasts at most 3 days)', params: IdParams, body: makePerpetratorMeasureSchema(SCHEMA_TIME), response: { 201: PerpetratorDetail, ...errorResponses } },
  }, async (request, reply) => {
    const { row, viewer } = await perpetratorInScope(request, request.params.id, 'cases.write');
    const input = recheck(makePerpetratorMeasureSchema(now(), deps.config.caseSettings.measureLimits), request.body);
    await addPerpetratorMeasure(deps, request, viewer, row, input);
    return reply.status(201).send(await page(row.id, request));
  });

  app.patch('/api/perpetrators/:id/measures/:measureId', {
    config: { access: requires('cases.write') },
    schema: { tags, summary: 'Correct a handling measure or change its status', params: MeasureParams, body: PerpetratorMeasurePatch, response: { 200: PerpetratorDetail, ...errorResponses } },
  }, async (request) => {
    const { row, viewer } = await perpetratorInScope(request, request.params.id, 'cases.write');
    await updatePerpetratorMeasure(deps, request, viewer, row, request.params.measureId, request.body);
    return page(row.id, request);
  });

  app.get('/api/cases/:id/perpetrators', {
    config: { access: requires('cases.read') },
    schema: { tags: ['cases'], summary: 'Perpetrators linked to the case’s incidents, with their current measures', params: IdParams, response: { 200: CasePerpetratorList, ...errorResponses } },
  }, async (request) => {
    const { row } = await caseInScope(request, request.params.id, 'cases.read');
    return { items: await casePerpetrators(deps, await viewerOf(request), row.id) };
  });

  app.post('/api/cases/:id/incidents/:incidentId/perpetrators', {
    config: { access: requires('cases.write') },
    schema: { tags: ['cases'], summary: 'Link a perpetrator to an incident: an existing record, one found elsewhere, or a new one', params: IncidentParams, body: PerpetratorLinkInput, response: { 201: CasePerpetratorList, ...errorResponses } },
  }, async (request, reply) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.write');
    await linkOnIncident(deps, request, row, request.params.incidentId, request.body, actor.id);
    return reply.status(201).send({ items: await casePerpetrators(deps, await viewerOf(request), row.id) });
  });

  app.patch('/api/cases/:id/incidents/:incidentId/perpetrators/:perpetratorId', {
    config: { access: requires('cases.write') },
    schema: { tags: ['cases'], summary: 'Correct the relationship, age or note recorded on one incident link', params: LinkParams, body: PerpetratorLinkPatch, response: { 200: CasePerpetratorList, ...errorResponses } },
  }, async (request) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.write');
    await updateLink(deps, request, row, request.params.incidentId, request.params.perpetratorId, request.body, actor.id);
    return { items: await casePerpetrators(deps, await viewerOf(request), row.id) };
  });

  app.delete('/api/cases/:id/incidents/:incidentId/perpetrators/:perpetratorId', {
    config: { access: requires('cases.write') },
    schema: { tags: ['cases'], summary: 'Remove a perpetrator from an incident (refused while counselling or a measure refers to it)', params: LinkParams, response: { 200: CasePerpetratorList, ...errorResponses } },
  }, async (request) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.write');
    await unlinkFromIncident(deps, request, row, request.params.incidentId, request.params.perpetratorId, actor.id);
    return { items: await casePerpetrators(deps, await viewerOf(request), row.id) };
  });

  app.get('/api/indicators/t2', {
    config: { access: requires('indicators.read') },
    schema: {
      tags: ['indicators'],
      summary: 'T2: perpetrators identified in incidents of the period, and those counselled or with a handling measure; by sex, measure and repeat violence',
      querystring: IndicatorQuery,
      response: { 200: T2Value, ...errorResponses },
    },
  }, async (request) => {
    const { unitId, from, to } = request.query;
    if (to < from) throw new Invalid('VALIDATION_FAILED', {}, [{ path: 'to', key: 'date_before_start' }]);
    const actor = await request.loadActor();
    const graph = await deps.units.graph();
    if (unitId) authorize(request, 'indicators.read', { unitId }, actor);
    // The unit's area by the one attribution rule, limited to what the user may see.
    const area = indicatorArea(graph, actor, unitId, request.query.units);
    const result = await loadT2(deps, area === null ? { units: null } : { units: [...area.sourceUnits], inArea: (u) => area.includes(u) }, { start: vietnamDayStart(from), end: vietnamDayEnd(to) });
    return { code: 'T2', ...result, from, to, unitId: unitId ?? null };
  });
}
