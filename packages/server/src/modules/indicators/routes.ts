// Indicator values for a unit and period. T1 (survivors supported in time) comes from the case records
// through the one domain function computeT1; T2–T5 join as their modules land.
import { computeT1, IndicatorQuery, IndicatorValue, type RiskLevel } from '@binhan/domain';
import { authorize, requires } from '../../http/access.js';
import { Invalid } from '../../http/errors.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { vietnamDayEnd, vietnamDayStart } from '../cases/queries.js';

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
    // The unit's area across reorganisations, limited to what the user may see.
    let units: string[] | null = unitId ? [...graph.scopeOf(unitId)] : null;
    if (!actor.isUnscoped) units = (units ?? [...actor.unitScope]).filter((id) => actor.unitScope.has(id));
    const period = { start: vietnamDayStart(from), end: vietnamDayEnd(to) };
    let q = deps.db.selectFrom('cases').select(['detected_at', 'first_risk_level', 'first_intervention_at', 'has_service_or_referral'])
      .where('detected_at', '>=', period.start).where('detected_at', '<', period.end)
      // A duplicate or a report that proved not to be violence is not a survivor to count.
      .where((eb) => eb.or([eb('closure_reason', 'is', null), eb('closure_reason', 'not in', ['duplicate', 'not_violence'])]));
    if (units !== null) q = q.where('unit_id', 'in', units.length > 0 ? units : ['-']);
    const rows = await q.execute();
    const result = computeT1(rows.map((r) => ({
      detectedAt: r.detected_at,
      riskLevel: r.first_risk_level as RiskLevel | null,
      firstInterventionAt: r.first_intervention_at,
      hasServiceOrReferral: Number(r.has_service_or_referral) === 1,
    })), period, deps.config.caseSettings.timeLimits);
    return { code: 'T1', ...result, from, to, unitId: unitId ?? null };
  });
}
