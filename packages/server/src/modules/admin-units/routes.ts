// Administrative units: the tree at any date, a unit's history and where its area is today; changes
// (villages, units, renames, mergers) for administrators.
import { z } from 'zod';
import { IdParams, IsoDate, MergerInput, UnitCreate, UnitListQuery, UnitMapping, UnitUpdate, UnitView, isValidAt, type AdminUnit } from '@binhan/domain';
import { authorize, requires } from '../../http/access.js';
import { NotFound } from '../../http/errors.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { todayInVietnam } from '../../lib/clock.js';
import { createUnit, presentUnit, recordMerger, updateUnit } from './service.js';

export async function adminUnitRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;
  const tags = ['admin-units'];

  app.get('/api/admin-units', {
    config: { access: requires('units.read') },
    schema: { tags, summary: 'Units in my area, optionally only those valid on a date (validOn; at is its former name)', querystring: UnitListQuery, response: { 200: z.object({ items: z.array(UnitView) }), ...errorResponses } },
  }, async (request) => {
    const actor = await request.loadActor();
    const graph = await deps.units.graph();
    const validOn = request.query.validOn ?? request.query.at;
    const items: AdminUnit[] = [];
    for (const unit of graph.byId.values()) {
      if (!actor.isUnscoped && !actor.unitScope.has(unit.id)) continue;
      if (validOn !== undefined && !isValidAt(unit, validOn)) continue;
      items.push(unit);
    }
    items.sort((a, b) => a.code.localeCompare(b.code) || a.validFrom.localeCompare(b.validFrom));
    return { items: items.map((u) => presentUnit(graph, u)) };
  });

  app.get('/api/admin-units/:id', {
    config: { access: requires('units.read') },
    schema: { tags, summary: 'One unit with its predecessors and successors', params: IdParams, response: { 200: UnitView, ...errorResponses } },
  }, async (request) => {
    const actor = await request.loadActor();
    const graph = await deps.units.graph();
    const unit = graph.get(request.params.id);
    if (!unit) throw new NotFound('UNIT_NOT_FOUND');
    authorize(request, 'units.read', { unitId: unit.id }, actor);
    return presentUnit(graph, unit);
  });

  app.get('/api/admin-units/:id/mapping', {
    config: { access: requires('units.read') },
    schema: {
      tags, summary: 'The unit(s) that held this unit’s area on a date (default today)',
      params: IdParams, querystring: z.strictObject({ at: IsoDate.optional() }), response: { 200: UnitMapping, ...errorResponses },
    },
  }, async (request) => {
    const actor = await request.loadActor();
    const graph = await deps.units.graph();
    const unit = graph.get(request.params.id);
    if (!unit) throw new NotFound('UNIT_NOT_FOUND');
    authorize(request, 'units.read', { unitId: unit.id }, actor);
    const at = request.query.at ?? todayInVietnam();
    return {
      unit: presentUnit(graph, unit),
      at,
      holders: graph.unitsHoldingAreaAt(unit.id, at).map((m) => ({ unit: presentUnit(graph, m.unit), isPart: m.isPart })),
    };
  });

  app.post('/api/admin-units', {
    config: { access: requires('units.manage') },
    schema: { tags, summary: 'Add a village or unit', body: UnitCreate, response: { 201: UnitView, ...errorResponses } },
  }, async (request, reply) => {
    authorize(request, 'units.manage');
    return reply.status(201).send(await createUnit(deps, request, request.body));
  });

  app.patch('/api/admin-units/:id', {
    config: { access: requires('units.manage') },
    schema: { tags, summary: 'Rename a unit or set the day it ends', params: IdParams, body: UnitUpdate, response: { 200: UnitView, ...errorResponses } },
  }, async (request) => {
    authorize(request, 'units.manage');
    return updateUnit(deps, request, request.params.id, request.body);
  });

  app.post('/api/admin-units/mergers', {
    config: { access: requires('units.manage') },
    schema: {
      tags, summary: 'Record a merger into an existing or a new unit', body: MergerInput,
      response: { 201: z.object({ target: UnitView, sources: z.array(UnitView) }), ...errorResponses },
    },
  }, async (request, reply) => {
    authorize(request, 'units.manage');
    return reply.status(201).send(await recordMerger(deps, request, request.body));
  });
}
