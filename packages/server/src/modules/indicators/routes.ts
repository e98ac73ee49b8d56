// Indicator values for a unit and period. T1 (survivors supported in time) comes from the case records
// through the one domain function computeT1; T2–T5 join as their modules land.
import { computeT1, IndicatorQuery, IndicatorValue, type RiskLevel } from '@binhan/domain';
import { authorize, requires } from '../../http/access.js';
import { Invalid } from '../../http/errors.js';
import { indicatorArea } from '../../http/scope.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { vietnamDayEnd, vietnamDayStart } from '../cases/queries.js';
import { attributedCases, t1CaseQuery } from './registry.js';

export async function indicatorRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;

  app.get('/api/indicators/t1', {
    config: { access: requires('indicators.read') },
    schema: {
      tags: ['indicators'],
      summary: 'T1: survivors detected in the period who got a first intervention within the limit for their risk level and at least one service or referral',
      querystring: IndicatorQuery,
      response: { 200: IndicatorValue, ...errorResponses },
    },
  }, async (request) => {
    const { unitId, from, to } = request.query;
    if (to < from) throw new Invalid('VALIDATION_FAILED', {}, [{ path: 'to', key: 'date_before_start' }]);
    const actor = await request.loadActor();
    const graph = await deps.units.graph();
    if (unitId) authorize(request, 'indicators.read', { unitId }, actor);
    // The unit's area by the one attribution rule, limited to what the user may see.
    const area = indicatorArea(graph, actor, unitId, request.query.units);
    const period = { start: vietnamDayStart(from), end: vietnamDayEnd(to) };
    const rows = area === null ? await t1CaseQuery(deps, null, from, to).execute() : await attributedCases(deps, area, from, to);
    const result = computeT1(rows.map((r) => ({
      detectedAt: r.detected_at,
      riskLevel: r.first_risk_level as RiskLevel | null,
      firstInterventionAt: r.first_intervention_at,
      hasServiceOrReferral: Number(r.has_service_or_referral) === 1,
    })), period, deps.config.caseSettings.timeLimits);
    return { code: 'T1', ...result, from, to, unitId: unitId ?? null };
  });
}
