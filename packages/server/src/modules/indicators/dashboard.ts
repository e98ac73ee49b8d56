// The plan dashboard and its drill-down (DOMAIN.md §1–2), computed from the live records on every request:
// each indicator's value for the last year of the chosen period against that year's target, its trend by
// year, the whole period taken together, and the communes compared — as they were that year, or today's
// communes with the figures of the units merged into them. Everything is limited to the user's area.
import {
  baselineOf, COMMUNE_LEVEL_KINDS, indicatorStatus, isCommuneLevelUnit, isTimely, roleCan,
  type Actor, type DashboardIndicator, type DashboardQuery, type DashboardView, type DrilldownQuery, type DrilldownView,
  type IndicatorCell, type MeasureKey, type RiskLevel, type UnitGraph, type YearPoint,
} from '@binhan/domain';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.js';
import { authorize } from '../../http/access.js';
import { attributionFor } from '../../http/scope.js';
import { Invalid, NotFound } from '../../http/errors.js';
import { nowIso } from '../../lib/clock.js';
import {
  indicatorView, loadPlanRow, planDetail, planIndicators, planTargets, unitBrief, type TargetRow,
} from '../plans/service.js';
import {
  attributedCases, computeMeasures, indicatorFromMeasures, type Cell, type IndicatorDefinition, type MeasureValues,
} from './registry.js';

/** Whether a row has any figure at all (a district's own row is shown only when it holds records). */
function hasFigures(values: MeasureValues | undefined): boolean {
  return Object.values(values ?? {}).some((v) => v !== 0);
}

/** The longest period a dashboard covers at once. */
export const MAX_DASHBOARD_YEARS = 15;

type LoadedActor = Actor & { id: string; unitId: string | null };

function yearRange(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function yearCell(key: string, rows: ReadonlySet<string>, trainedFrom: string, fromYear: number, toYear = fromYear): Cell {
  return { key, rows, from: `${fromYear}-01-01`, to: `${toYear}-12-31`, trainedFrom };
}

/** Targets of one indicator looked up for a unit: its own, else that of the smallest unit whose area contains it. */
class TargetIndex {
  private readonly byKey = new Map<string, TargetRow[]>();
  private readonly scopes = new Map<string, Set<string>>();

  constructor(rows: readonly TargetRow[], private readonly graph: UnitGraph) {
    for (const row of rows) {
      const key = `${row.indicator_id}|${row.year}`;
      const list = this.byKey.get(key);
      if (list) list.push(row);
      else this.byKey.set(key, [row]);
    }
  }

  private scope(unitId: string): Set<string> {
    let scope = this.scopes.get(unitId);
    if (!scope) this.scopes.set(unitId, (scope = this.graph.scopeOf(unitId)));
    return scope;
  }

  get(indicatorId: string, year: number, unitId: string): number | null {
    let best: { value: number; size: number } | null = null;
    for (const row of this.byKey.get(`${indicatorId}|${year}`) ?? []) {
      if (row.unit_id === unitId) return row.value;
      const scope = this.scope(row.unit_id);
      if (scope.has(unitId) && (best === null || scope.size < best.size)) best = { value: row.value, size: scope.size };
    }
    return best?.value ?? null;
  }
}

function definitionOf(view: ReturnType<typeof indicatorView>): IndicatorDefinition {
  return {
    code: view.code, nameVi: view.nameVi, nameEn: view.nameEn, definitionVi: view.definitionVi, definitionEn: view.definitionEn,
    numeratorKey: view.numeratorKey, denominatorKey: view.denominatorKey, targetKind: view.targetKind,
  };
}

function planSummaryOf(detail: Awaited<ReturnType<typeof planDetail>>): DashboardView['plan'] {
  return {
    id: detail.id, code: detail.code, titleVi: detail.titleVi, titleEn: detail.titleEn, issuer: detail.issuer, issuingUnit: detail.issuingUnit,
    issuedOn: detail.issuedOn, fromYear: detail.fromYear, toYear: detail.toYear, visionYear: detail.visionYear, description: detail.description,
    indicatorCount: detail.indicatorCount, updatedAt: detail.updatedAt,
  };
}

export function checkPeriod(fromYear: number, toYear: number): void {
  if (toYear < fromYear || toYear - fromYear + 1 > MAX_DASHBOARD_YEARS) {
    throw new Invalid('PERIOD_INVALID', { from: fromYear, to: toYear, max: MAX_DASHBOARD_YEARS }, [{ path: 'toYear', key: 'PERIOD_INVALID', values: { from: fromYear, to: toYear, max: MAX_DASHBOARD_YEARS } }]);
  }
}

/** The unit the dashboard shows when none is chosen: the plan's issuing unit for the unscoped, else the user's own unit. */
function defaultUnit(actor: LoadedActor, issuingUnitId: string | null): string | null {
  if (actor.isUnscoped === true || actor.role === 'system_admin') return issuingUnitId ?? actor.unitId;
  if (issuingUnitId && actor.unitScope.has(issuingUnitId)) return issuingUnitId;
  return actor.unitId;
}

export async function buildDashboard(deps: AppDeps, request: FastifyRequest, actor: LoadedActor, query: DashboardQuery): Promise<DashboardView> {
  checkPeriod(query.fromYear, query.toYear);
  const plan = await loadPlanRow(deps, query.planId);
  const graph = await deps.units.graph();
  const unitId = query.unitId ?? defaultUnit(actor, plan.issuing_unit_id);
  if (unitId === null) throw new NotFound('UNIT_NOT_FOUND');
  const unit = graph.get(unitId);
  if (!unit) throw new NotFound('UNIT_NOT_FOUND');
  authorize(request, 'indicators.read', { unitId }, actor);

  const detail = await planDetail(deps, plan.id);
  const indicators = (await planIndicators(deps, plan.id)).map(indicatorView);
  const targets = new TargetIndex(await planTargets(deps, plan.id), graph);
  const planFrom = Number(plan.from_year);
  const planTo = Number(plan.to_year);
  const endYear = query.toYear;
  const attribution = attributionFor(graph, unitId, query.units, actor);

  const trendYears = yearRange(query.fromYear, query.toYear);
  const planYears = yearRange(planFrom, planTo);
  const allYears = [...new Set([...trendYears, ...planYears])].sort((a, b) => a - b);

  // The rows compared: the units of the last year (each with its own records), or today's units (each with
  // the records that moved into it; "partial" when some of them moved there by the main-successor rule).
  const shown = attribution.rowsShownFor(`${endYear}-01-01`, `${endYear}-12-31`);
  const approximate = new Set<string>();
  if (attribution.view === 'today') {
    for (const id of attribution.sourceUnits) {
      const row = attribution.rowOf(id);
      if (row.approximate) approximate.add(row.rowId);
    }
  }
  const communes = shown.map((unit) => ({ unit, rows: new Set([unit.id]), partial: approximate.has(unit.id) }))
    .sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'vi') || a.unit.validFrom.localeCompare(b.unit.validFrom));

  // T3 counts courses completed since the plan began.
  const trainedFrom = `${planFrom}-01-01`;
  const cells: Cell[] = [yearCell('period', attribution.rows, trainedFrom, query.fromYear, query.toYear)];
  for (const y of allYears) cells.push(yearCell(`area|${y}`, attribution.rows, trainedFrom, y));
  for (const c of communes) for (const y of new Set([endYear, ...planYears])) cells.push(yearCell(`c|${c.unit.id}|${y}`, c.rows, trainedFrom, y));

  const keys = new Set<MeasureKey>();
  for (const i of indicators) {
    keys.add(i.numeratorKey);
    if (i.denominatorKey) keys.add(i.denominatorKey);
  }
  const measures = await computeMeasures(deps, keys, attribution, cells);

  const result: DashboardIndicator[] = indicators.map((view) => {
    const definition = definitionOf(view);
    const figures = (key: string) => indicatorFromMeasures(definition, measures.get(key));
    const goalOf = (u: string): YearPoint | null => {
      const value = targets.get(view.id, planTo, u);
      return value === null ? null : { year: planTo, value };
    };
    const baselineFor = (prefix: string) => baselineOf(planYears.map((y) => ({ year: y, value: figures(`${prefix}|${y}`).value })), planFrom);
    const cellFor = (prefix: string, u: string, year: number, goal: YearPoint | null, baseline: YearPoint | null): IndicatorCell => {
      const f = figures(`${prefix}|${year}`);
      // A target set for this very year (on the unit or a unit around it) is a milestone; else the end target.
      const yearTarget = targets.get(view.id, year, u);
      const { status, expected, target } = indicatorStatus({ year, value: f.value, available: f.available, yearTarget, goal, baseline });
      return { numerator: f.numerator, denominator: f.denominator, value: f.value, available: f.available, target, expected, status };
    };

    const goal = goalOf(unitId);
    const baseline = baselineFor('area');
    const period = figures('period');
    return {
      indicator: view,
      missingModules: period.missingModules,
      year: endYear,
      current: cellFor('area', unitId, endYear, goal, baseline),
      period: { numerator: period.numerator, denominator: period.denominator, value: period.value, available: period.available },
      goal,
      baseline,
      trend: trendYears.map((y) => ({ year: y, ...cellFor('area', unitId, y, goal, baseline) })),
      communes: communes.filter((c) => isCommuneLevelUnit(c.unit) || hasFigures(measures.get(`c|${c.unit.id}|${endYear}`))).map((c) => {
        const prefix = `c|${c.unit.id}`;
        const communeGoal = goalOf(c.unit.id);
        return { unit: unitBrief(c.unit), partial: c.partial, ...cellFor(prefix, c.unit.id, endYear, communeGoal, baselineFor(prefix)) };
      }),
    };
  });

  return {
    plan: planSummaryOf(detail), unit: unitBrief(unit), fromYear: query.fromYear, toYear: query.toYear, units: attribution.view,
    computedAt: nowIso(), indicators: result,
  };
}

const CASE_MEASURES = new Set<MeasureKey>(['cases.survivors_detected', 'cases.supported_in_time', 'cases.with_service']);
/** Most records listed in a drill-down; the counts always cover all of them. */
export const DRILLDOWN_LIMIT = 500;

/** Why a survivor counts in T1's numerator or not: the first condition that fails, in the order of the definition. */
function t1Reason(r: { detectedAt: string; riskLevel: RiskLevel | null; firstInterventionAt: string | null; hasServiceOrReferral: boolean }, deps: AppDeps): string {
  if (r.firstInterventionAt === null) return 'no_intervention';
  if (!isTimely(r.detectedAt, r.firstInterventionAt, r.riskLevel, deps.config.caseSettings.timeLimits)) return 'late';
  if (!r.hasServiceOrReferral) return 'no_service';
  return 'counted';
}

export async function buildDrilldown(deps: AppDeps, request: FastifyRequest, actor: LoadedActor, query: DrilldownQuery): Promise<DrilldownView> {
  const plan = await loadPlanRow(deps, query.planId);
  const indicator = (await planIndicators(deps, plan.id)).find((i) => i.id === query.indicatorId);
  if (!indicator) throw new NotFound();
  const graph = await deps.units.graph();
  const unit = graph.get(query.unitId);
  if (!unit) throw new NotFound('UNIT_NOT_FOUND');
  authorize(request, 'indicators.read', { unitId: unit.id }, actor);
  const view = indicatorView(indicator);
  const definition = definitionOf(view);
  const attribution = attributionFor(graph, unit.id, query.units, actor);
  const from = `${query.year}-01-01`;
  const to = `${query.year}-12-31`;
  const values = await computeMeasures(deps, [definition.numeratorKey, ...(definition.denominatorKey ? [definition.denominatorKey] : [])], attribution, [{ key: 'x', rows: attribution.rows, from, to, trainedFrom: `${plan.from_year}-01-01` }]);
  const figures = indicatorFromMeasures(definition, values.get('x'));
  const mayReadCases = roleCan(actor.role, 'cases.read');
  const base = {
    indicator: view, unit: unitBrief(unit), year: query.year, from, to,
    numerator: figures.numerator, denominator: figures.denominator, value: figures.value, available: figures.available,
  };
  if (!figures.available) return { ...base, breakdown: [], items: null, listPath: null };

  const casesBased = CASE_MEASURES.has(definition.numeratorKey) && (definition.denominatorKey === null || definition.denominatorKey === 'cases.survivors_detected');
  if (!casesBased) {
    const n = figures.numerator ?? 0;
    const breakdown = [{ key: 'in_numerator', count: n, inNumerator: true }];
    if (figures.denominator !== null) breakdown.push({ key: 'not_in_numerator', count: Math.max(0, figures.denominator - n), inNumerator: false });
    return { ...base, breakdown, items: null, listPath: null };
  }

  const rows = (await attributedCases(deps, attribution, from, to)).sort((a, b) => b.detected_at.localeCompare(a.detected_at));
  const records = rows.map((r) => {
    const record = {
      id: r.id, code: r.code, detectedAt: r.detected_at, riskLevel: r.first_risk_level as RiskLevel | null,
      firstInterventionAt: r.first_intervention_at, hasServiceOrReferral: Number(r.has_service_or_referral) === 1,
    };
    const t1 = t1Reason(record, deps);
    let reason = t1;
    let inNumerator = t1 === 'counted';
    if (definition.numeratorKey === 'cases.with_service') {
      inNumerator = record.hasServiceOrReferral;
      reason = inNumerator ? 'with_service' : 'no_service';
    } else if (definition.numeratorKey === 'cases.survivors_detected') {
      inNumerator = true;
      reason = 'detected';
    }
    return { ...record, reason, inNumerator };
  });
  const counts = new Map<string, { count: number; inNumerator: boolean }>();
  for (const r of records) {
    const entry = counts.get(r.reason) ?? { count: 0, inNumerator: r.inNumerator };
    entry.count += 1;
    counts.set(r.reason, entry);
  }
  const order = ['counted', 'with_service', 'detected', 'no_service', 'late', 'no_intervention'];
  const breakdown = [...counts].map(([key, v]) => ({ key, ...v })).sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
  const communeLevel = COMMUNE_LEVEL_KINDS.includes(unit.kind) || unit.kind === 'district' || unit.kind === 'province';
  return {
    ...base,
    breakdown,
    // Statisticians and others without case access get the counts only.
    items: mayReadCases ? records.slice(0, DRILLDOWN_LIMIT) : null,
    listPath: mayReadCases && communeLevel ? `/cases?unitId=${unit.id}&from=${from}&to=${to}` : null,
  };
}
