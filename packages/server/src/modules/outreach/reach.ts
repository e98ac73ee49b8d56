// T4 and T5 for a unit and a year (or a period within one year), by the one attribution rule (DOMAIN.md §11),
// with a breakdown by commune in the units of that year or in today's units. The numbers come from the one
// domain function; this file only gathers records and population figures.
import {
  attributionOf, computeReach, isCommuneLevelUnit, sumReach, T4_GROUPS, T5_GROUPS,
  type AdminUnit, type AudienceGroup, type ReachResult,
} from '@binhan/domain';
import type { AppDeps } from '../../deps.js';
import { Invalid } from '../../http/errors.js';
import { defaultView } from '../../http/scope.js';
import { todayInVietnam } from '../../lib/clock.js';
import { loadReachInputs } from '../indicators/registry.js';
import type { OutreachActor } from './activity-access.js';
import { unitRef } from './activities.js';

export interface ReachRequest {
  code: 'T4' | 'T5';
  unitId: string;
  year?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  units?: 'then' | 'today' | undefined;
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

/**
 * T4 or T5 of a unit's area: each row (commune) computed on its own with its own population, the area the
 * sum of its rows (the same fold as the dashboard and the reports), with the rows as the breakdown.
 */
export async function computeReachFor(deps: AppDeps, actor: OutreachActor, request: ReachRequest) {
  const { year, from, to } = reachPeriod(request);
  const graph = await deps.units.graph();
  const groups: readonly AudienceGroup[] = request.code === 'T4' ? T4_GROUPS : T5_GROUPS;
  const today = todayInVietnam();
  const view = request.units ?? defaultView(graph, request.unitId);
  const attribution = attributionOf(graph, request.unitId, view, today, actor.isUnscoped === true ? null : actor.unitScope);
  const { activities, population } = await loadReachInputs(deps, attribution, from, to);
  const period = { from, to };
  const results = new Map([...attribution.rows].map((rowId) => [rowId, computeReach(request.code, groups, activities.get(rowId) ?? [], population.get(`${rowId}|${year}`) ?? {}, period)]));
  const overall = sumReach(request.code, groups, [...results.values()]);
  const shown = (view === 'then' ? attribution.rowsShownFor(from, to) : [...attribution.rows].map((id) => graph.get(id)).filter((u): u is AdminUnit => u !== undefined))
    // A district's own row is shown only when it holds activities.
    .filter((u) => isCommuneLevelUnit(u) || (results.get(u.id)?.activities ?? 0) > 0)
    .sort((a, b) => a.code.localeCompare(b.code) || a.validFrom.localeCompare(b.validFrom));
  const missing = shown.filter((u) => isCommuneLevelUnit(u) && (results.get(u.id)?.missingGroups.length ?? 0) > 0);
  return {
    ...overall,
    unitId: request.unitId,
    year, from, to,
    units: view,
    unitsDate: view === 'today' ? today : to,
    missingPopulationUnits: missing.map((u) => unitRef(graph, u.id)),
    breakdown: shown.map((u) => ({ unit: unitRef(graph, u.id), result: results.get(u.id) as ReachResult })),
  };
}
