// Plans, indicators and targets as data. Reading them (the definitions behind every figure) is open to the
// roles that see indicators and to administrators; changing them to plan managers (system administrator,
// district focal point), each target only on units of their own area.
import { z } from 'zod';
import {
  Id, IdParams, MEASURE_KEYS, MEASURE_MODULES, moduleOfMeasure, PlanDetail, PlanIndicatorInput, PlanInput, PlanSummary, TargetSplitInput, TargetsInput,
} from '@binhan/domain';
import { requires } from '../../http/access.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { isModuleAvailable } from '../indicators/registry.js';
import {
  addIndicator, createPlan, deleteIndicator, listPlans, planDetail, saveTargets, splitTarget, updateIndicator, updatePlan,
} from './service.js';

const PlanList = z.object({
  items: z.array(PlanSummary),
  /** The numerators and denominators indicators can be built from, and whether their module is installed. */
  measures: z.array(z.object({ key: z.enum(MEASURE_KEYS), module: z.enum(MEASURE_MODULES), available: z.boolean() })),
});
const IndicatorParams = z.strictObject({ id: Id, indicatorId: Id });

export async function planRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;
  const tags = ['plans'];

  app.get('/api/plans', {
    config: { access: requires('plans.read') },
    schema: { tags, summary: 'Plans (newest period first) and the measures their indicators can use', response: { 200: PlanList, ...errorResponses } },
  }, async () => ({
    items: await listPlans(deps),
    measures: MEASURE_KEYS.map((key) => ({ key, module: moduleOfMeasure(key), available: isModuleAvailable(moduleOfMeasure(key)) })),
  }));

  app.get('/api/plans/:id', {
    config: { access: requires('plans.read') },
    schema: { tags, summary: 'A plan with its indicators (definitions, numerator and denominator) and every target by year and unit', params: IdParams, response: { 200: PlanDetail, ...errorResponses } },
  }, async (request) => planDetail(deps, request.params.id));

  app.post('/api/plans', {
    config: { access: requires('plans.manage') },
    schema: { tags, summary: 'Add a plan (number, title, issuer, issue date, period, vision year)', body: PlanInput, response: { 201: PlanDetail, ...errorResponses } },
  }, async (request, reply) => {
    const actor = await request.loadActor();
    const id = await createPlan(deps, request, request.body, actor.id);
    return reply.status(201).send(await planDetail(deps, id));
  });

  app.put('/api/plans/:id', {
    config: { access: requires('plans.manage') },
    schema: { tags, summary: 'Change a plan’s particulars; a period that would leave targets outside it is refused', params: IdParams, body: PlanInput, response: { 200: PlanDetail, ...errorResponses } },
  }, async (request) => {
    await updatePlan(deps, request, request.params.id, request.body);
    return planDetail(deps, request.params.id);
  });

  app.post('/api/plans/:id/indicators', {
    config: { access: requires('plans.manage') },
    schema: { tags, summary: 'Add an indicator built from a numerator and (for a percentage) a denominator', params: IdParams, body: PlanIndicatorInput, response: { 201: PlanDetail, ...errorResponses } },
  }, async (request, reply) => {
    await addIndicator(deps, request, request.params.id, request.body);
    return reply.status(201).send(await planDetail(deps, request.params.id));
  });

  app.put('/api/plans/:id/indicators/:indicatorId', {
    config: { access: requires('plans.manage') },
    schema: { tags, summary: 'Change an indicator’s names, definition, numerator, denominator or kind', params: IndicatorParams, body: PlanIndicatorInput, response: { 200: PlanDetail, ...errorResponses } },
  }, async (request) => {
    await updateIndicator(deps, request, request.params.id, request.params.indicatorId, request.body);
    return planDetail(deps, request.params.id);
  });

  app.delete('/api/plans/:id/indicators/:indicatorId', {
    config: { access: requires('plans.manage') },
    schema: { tags, summary: 'Remove an indicator and its targets', params: IndicatorParams, response: { 200: PlanDetail, ...errorResponses } },
  }, async (request) => {
    await deleteIndicator(deps, request, request.params.id, request.params.indicatorId);
    return planDetail(deps, request.params.id);
  });

  app.put('/api/plans/:id/indicators/:indicatorId/targets', {
    config: { access: requires('plans.manage') },
    schema: { tags, summary: 'Set or remove (value null) targets by year and unit; all entries are saved or none', params: IndicatorParams, body: TargetsInput, response: { 200: PlanDetail, ...errorResponses } },
  }, async (request) => {
    const actor = await request.loadActor();
    await saveTargets(deps, request, actor, request.params.id, request.params.indicatorId, request.body.targets);
    return planDetail(deps, request.params.id);
  });

  app.post('/api/plans/:id/indicators/:indicatorId/targets/split', {
    config: { access: requires('plans.manage') },
    schema: { tags, summary: 'Split a unit’s target for a year among the communes of that year (a percentage applies to each; a count is shared out)', params: IndicatorParams, body: TargetSplitInput, response: { 200: PlanDetail, ...errorResponses } },
  }, async (request) => {
    const actor = await request.loadActor();
    await splitTarget(deps, request, actor, request.params.id, request.params.indicatorId, request.body);
    return planDetail(deps, request.params.id);
  });
}
