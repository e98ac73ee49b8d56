// T4 and T5 for a unit and a year (or a period within one year), rolled up the unit tree and across
// the mergers, with a breakdown by commune in the units of that year or in today's units. The numbers
// come from the one domain function; this file only gathers records and population figures.
import {
  breakdownUnits, communeHoldingAt, computeReach, resolvePopulation, T4_GROUPS, T5_GROUPS,
  type AudienceGroup, type CountingBasis, type ReachRecord,
} from '@binhan/domain';
import type { AppDeps } from '../../deps.js';
import { Invalid } from '../../http/errors.js';
import { todayInVietnam } from '../../lib/clock.js';
import type { OutreachActor } from './activity-access.js';
import { unitRef } from './activities.js';

export interface ReachRequest {
  code: 'T4' | 'T5';
  unitId: string;
  year?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  units: 'then' | 'today';
}

/** The period asked for: a whole year, or dates within one year (population figures are per year). */
export function reachPeriod(query: { year?: number | undefined; from?: string | undefined; to?: string | undefined }) {
  const year = query.year ?? Number((query.from ?? query.to ?? todayInVietnam()).slice(0, 4));
  const from = query.from ?? `${year}-01-01`;
  const to = query.to ?? `${year}-12-31`;
  if (to < from) throw new Invalid('VALIDATION_FAILED', {}, [{ path: 'to', key: 'date_before_start' }]);
  if (from.slice(0, 4) !== to.slice(0, 4) || Number(from.slice(0, 4)) !== year) throw new Invalid('PERIOD_ONE_YEAR');
  return { year, from, to };
}

export async function computeReachFor(deps: AppDeps, actor: OutreachActor, request: ReachRequest) {
  const { year, from, to } = reachPeriod(request);
  const graph = await deps.units.graph();
  const groups: readonly AudienceGroup[] = request.code === 'T4' ? T4_GROUPS : T5_GROUPS;
  let units = [...graph.scopeOf(request.unitId)];
  if (!actor.isUnscoped) units = units.filter((id) => actor.unitScope.has(id));
  const rows = await deps.db.selectFrom('outreach_audiences')
    .innerJoin('outreach_activities', 'outreach_activities.id', 'outreach_audiences.activity_id')
    .select(['outreach_activities.id', 'outreach_activities.unit_id', 'outreach_activities.activity_date', 'outreach_activities.counting_basis',
      'outreach_audiences.audience_group', 'outreach_audiences.female', 'outreach_audiences.male', 'outreach_audiences.unknown_sex'])
    .where('outreach_activities.activity_date', '>=', from).where('outreach_activities.activity_date', '<=', to)
    .where('outreach_audiences.audience_group', 'in', [...groups])
    .where('outreach_activities.unit_id', 'in', units.length > 0 ? units : ['-'])
    .execute();
  const records = rows.map((r) => ({
    activityId: r.id, unitId: r.unit_id, activityDate: r.activity_date, group: r.audience_group as AudienceGroup,
    female: Number(r.female), male: Number(r.male), unknownSex: Number(r.unknown_sex), countingBasis: r.counting_basis as CountingBasis,
  }));
  const figures = (await deps.db.selectFrom('population_figures').select(['unit_id', 'year', 'audience_group', 'total', 'female', 'male']).where('year', '=', year).execute())
    .map((f) => ({
      unitId: f.unit_id, year: Number(f.year), group: f.audience_group as AudienceGroup, total: Number(f.total),
      female: f.female === null ? null : Number(f.female), male: f.male === null ? null : Number(f.male),
    }));
  const period = { from, to };
  const population = resolvePopulation(graph, figures, request.unitId, year);
  const overall = computeReach(request.code, groups, records, population.byGroup, period);

  // The breakdown: each activity goes to the commune that held its area on the chosen date.
  const date = request.units === 'today' ? todayInVietnam() : to;
  const rowsUnits = breakdownUnits(graph, request.unitId, date);
  const byHolder = new Map<string, Array<ReachRecord & { activityId: string }>>();
  const holderCache = new Map<string, string | null>();
  for (const r of records) {
    let holder = holderCache.get(r.unitId);
    if (holder === undefined) {
      holder = communeHoldingAt(graph, r.unitId, date);
      holderCache.set(r.unitId, holder);
    }
    if (holder === null) continue;
    const list = byHolder.get(holder) ?? [];
    list.push(r);
    byHolder.set(holder, list);
  }
  const breakdown = rowsUnits
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((u) => ({ unit: unitRef(graph, u.id), result: computeReach(request.code, groups, byHolder.get(u.id) ?? [], resolvePopulation(graph, figures, u.id, year).byGroup, period) }));
  const missingUnitIds = [...new Set(groups.flatMap((g) => population.missingUnits[g] ?? []))];
  return {
    ...overall,
    unitId: request.unitId,
    year, from, to,
    units: request.units,
    unitsDate: date,
    missingPopulationUnits: missingUnitIds.map((id) => unitRef(graph, id)),
    breakdown,
  };
}
