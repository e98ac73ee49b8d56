// The indicator registry: every indicator is numerator / denominator over an area (a set of units) and a
// period, computed from the live records by the owning module's domain function (DOMAIN.md §2). Plans
// name numerators and denominators by measure key (domain plans/measures.ts); each module supplies the
// measures it owns. A module not installed yet makes its measures "not available" — never zero.
//
// Many figures are asked for at once (a dashboard wants every year and every commune): a module reads its
// records once for all the cells asked for and computes each cell with its domain function.
import {
  computeT1, computeT3, GBV_TRAINING_TOPICS, MEASURE_MODULES, moduleOfMeasure, percent, PLAN_85, vietnamDateOf,
  type MeasureKey, type MeasureModule, type RiskLevel, type T3Completion, type TargetKind, type TimeLimits, type TrainingTopic,
} from '@binhan/domain';
import type { AppDeps } from '../../deps.js';
import { vietnamDayEnd, vietnamDayStart } from '../cases/queries.js';
import { computeReachFor } from '../outreach/reach.js';
import { loadT2 } from '../perpetrators/indicator.js';

/** One figure to compute: the records of `units` (null: all units) from `from` to `to` (Vietnamese calendar days, both included). */
export interface Cell {
  key: string;
  units: ReadonlySet<string> | null;
  from: string;
  to: string;
  /** The unit whose area `units` is (population figures are entered per unit: T4, T5 need it). */
  unitId?: string;
  /** T3 counts courses completed from this day (the plan's start); the cell's start by default. */
  trainedFrom?: string;
}

export type MeasureValues = Partial<Record<MeasureKey, number>>;

export interface MeasureSource {
  module: MeasureModule;
  /** Computes every measure of the module for every cell, reading the records once. */
  compute(deps: AppDeps, cells: readonly Cell[]): Promise<Map<string, MeasureValues>>;
}

/** How an indicator is defined: the fields of a plan indicator the computation needs. */
export interface IndicatorDefinition {
  code: string;
  nameVi: string;
  nameEn: string;
  definitionVi: string;
  definitionEn: string;
  numeratorKey: MeasureKey;
  denominatorKey: MeasureKey | null;
  targetKind: TargetKind;
}

export interface IndicatorResult {
  numerator: number | null;
  denominator: number | null;
  /** Percent (or the count for a count indicator); null when not available or the denominator is 0. */
  value: number | null;
  available: boolean;
  /** The modules not installed yet that make the indicator unavailable. */
  missingModules: MeasureModule[];
  definition: IndicatorDefinition;
}

// ——— Cases (T1) ————————————————————————————————————————————————————————————————————————————————

interface T1Row {
  unit_id: string;
  detected_at: string;
  first_risk_level: string | null;
  first_intervention_at: string | null;
  has_service_or_referral: number | string;
}

/** The case rows of a set of units and a period that count as survivors (duplicates and non-violence excluded). */
export function t1CaseQuery(deps: AppDeps, units: readonly string[] | null, from: string, to: string) {
  let q = deps.db.selectFrom('cases').select(['id', 'code', 'unit_id', 'detected_at', 'first_risk_level', 'first_intervention_at', 'has_service_or_referral'])
    .where('detected_at', '>=', vietnamDayStart(from)).where('detected_at', '<', vietnamDayEnd(to))
    .where((eb) => eb.or([eb('closure_reason', 'is', null), eb('closure_reason', 'not in', ['duplicate', 'not_violence'])]));
  if (units !== null) q = q.where('unit_id', 'in', units.length > 0 ? [...units] : ['-']);
  return q;
}

/** Union of the cells' units (null when one cell asks for every unit) and the span of their periods. */
function envelope(cells: readonly Cell[]): { units: string[] | null; from: string; to: string } {
  let units: Set<string> | null = new Set();
  let from = cells[0]?.from ?? '9999-12-31';
  let to = cells[0]?.to ?? '0000-01-01';
  for (const cell of cells) {
    if (cell.units === null) units = null;
    else if (units !== null) for (const id of cell.units) units.add(id);
    if (cell.from < from) from = cell.from;
    if (cell.to > to) to = cell.to;
  }
  return { units: units === null ? null : [...units], from, to };
}

/** SQLite binds at most 32,766 parameters; large unit lists are read in slices. */
const UNITS_PER_QUERY = 5_000;

interface CaseCounts {
  detected: number;
  inTime: number;
  withService: number;
}

const casesSource: MeasureSource = {
  module: 'cases',
  async compute(deps, cells) {
    const result = new Map<string, MeasureValues>();
    if (cells.length === 0) return result;
    const { units, from, to } = envelope(cells);
    const rows: T1Row[] = [];
    if (units === null) rows.push(...await t1CaseQuery(deps, null, from, to).execute());
    else for (let i = 0; i < Math.max(units.length, 1); i += UNITS_PER_QUERY) rows.push(...await t1CaseQuery(deps, units.slice(i, i + UNITS_PER_QUERY), from, to).execute());
    // Bucket by unit and Vietnamese year, so each cell reads only its own records.
    const buckets = new Map<string, Map<number, T1Row[]>>();
    for (const row of rows) {
      const year = Number(vietnamDateOf(row.detected_at).slice(0, 4));
      let byYear = buckets.get(row.unit_id);
      if (!byYear) buckets.set(row.unit_id, (byYear = new Map()));
      const list = byYear.get(year);
      if (list) list.push(row);
      else byYear.set(year, [row]);
    }
    const limits: TimeLimits = deps.config.caseSettings.timeLimits;
    const toRecord = (r: T1Row) => ({
      detectedAt: r.detected_at,
      riskLevel: r.first_risk_level as RiskLevel | null,
      firstInterventionAt: r.first_intervention_at,
      hasServiceOrReferral: Number(r.has_service_or_referral) === 1,
    });
    /** T1 of records over a period, with the survivors who got a service or referral. */
    const measure = (records: ReturnType<typeof toRecord>[], from: string, to: string): CaseCounts => {
      const period = { start: vietnamDayStart(from), end: vietnamDayEnd(to) };
      const t1 = computeT1(records, period, limits);
      const startMs = Date.parse(period.start);
      const endMs = Date.parse(period.end);
      let withService = 0;
      for (const r of records) {
        const at = Date.parse(r.detectedAt);
        if (at >= startMs && at < endMs && r.hasServiceOrReferral) withService += 1;
      }
      return { detected: t1.denominator, inTime: t1.numerator, withService };
    };
    // A cell of whole years adds up the figures of each unit and year, each computed once by computeT1
    // (T1 counts each survivor once, so figures of separate units and years add up); any other period is
    // computed on its own.
    const perUnitYear = new Map<string, CaseCounts>();
    const unitYear = (unitId: string, year: number): CaseCounts => {
      const key = `${unitId}|${year}`;
      let counts = perUnitYear.get(key);
      if (!counts) {
        counts = measure((buckets.get(unitId)?.get(year) ?? []).map(toRecord), `${year}-01-01`, `${year}-12-31`);
        perUnitYear.set(key, counts);
      }
      return counts;
    };
    for (const cell of cells) {
      const firstYear = Number(cell.from.slice(0, 4));
      const lastYear = Number(cell.to.slice(0, 4));
      const unitIds = [...(cell.units ?? buckets.keys())].filter((id) => buckets.has(id));
      let counts: CaseCounts;
      if (cell.from.endsWith('-01-01') && cell.to.endsWith('-12-31')) {
        counts = { detected: 0, inTime: 0, withService: 0 };
        for (const unitId of unitIds) {
          for (let year = firstYear; year <= lastYear; year += 1) {
            if (!buckets.get(unitId)?.has(year)) continue;
            const c = unitYear(unitId, year);
            counts.detected += c.detected;
            counts.inTime += c.inTime;
            counts.withService += c.withService;
          }
        }
      } else {
        const records = [];
        for (const unitId of unitIds) {
          for (let year = firstYear; year <= lastYear; year += 1) for (const r of buckets.get(unitId)?.get(year) ?? []) records.push(toRecord(r));
        }
        counts = measure(records, cell.from, cell.to);
      }
      result.set(cell.key, {
        'cases.survivors_detected': counts.detected,
        'cases.supported_in_time': counts.inTime,
        'cases.with_service': counts.withService,
      });
    }
    return result;
  },
};

// ——— Perpetrators (T2), training (T3), outreach (T4, T5): each module's own loader and domain function ——

/** T2 through the perpetrator module's loader (computeT2), one cell at a time. */
const perpetratorsSource: MeasureSource = {
  module: 'perpetrators',
  async compute(deps, cells) {
    const result = new Map<string, MeasureValues>();
    for (const cell of cells) {
      const t2 = await loadT2(deps, cell.units === null ? null : [...cell.units], { start: vietnamDayStart(cell.from), end: vietnamDayEnd(cell.to) });
      result.set(cell.key, { 'perpetrators.identified': t2.denominator, 'perpetrators.handled': t2.numerator });
    }
    return result;
  },
};

/**
 * T3 with the training module's domain function: focal points on the roster of the cell's area during
 * its period, trained in a GBV course completed from `trainedFrom` (the plan's start) to the period's end.
 */
const trainingSource: MeasureSource = {
  module: 'training',
  async compute(deps, cells) {
    const result = new Map<string, MeasureValues>();
    if (cells.length === 0) return result;
    const { units, from, to } = envelope(cells);
    const earliest = cells.reduce((min, c) => (c.trainedFrom !== undefined && c.trainedFrom < min ? c.trainedFrom : min), from);
    let q = deps.db.selectFrom('focal_points').select(['id', 'person_id', 'unit_id', 'from_date', 'to_date'])
      .where('from_date', '<=', to).where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', from)]));
    if (units !== null) q = q.where('unit_id', 'in', units.length > 0 ? units : ['-']);
    const postings = (await q.execute()).map((r) => ({ id: r.id, personId: r.person_id, unitId: r.unit_id, fromDate: r.from_date, toDate: r.to_date }));
    const people = [...new Set(postings.map((p) => p.personId))];
    const completions: T3Completion[] = [];
    for (let i = 0; i < people.length; i += 500) {
      const part = await deps.db.selectFrom('course_attendees as a').innerJoin('training_courses as c', 'c.id', 'a.course_id')
        .select(['a.ref_id', 'c.end_date', 'c.topic'])
        .where('a.kind', '=', 'focal_point').where('a.completed', '=', 1).where('a.ref_id', 'in', people.slice(i, i + 500))
        .where('c.topic', 'in', [...GBV_TRAINING_TOPICS]).where('c.end_date', '>=', earliest).where('c.end_date', '<=', to).execute();
      for (const c of part) completions.push({ personId: c.ref_id, completedOn: c.end_date, topic: c.topic as TrainingTopic });
    }
    for (const cell of cells) {
      const inCell = cell.units === null ? postings : postings.filter((p) => cell.units?.has(p.unitId));
      const trainedFrom = cell.trainedFrom !== undefined && cell.trainedFrom < cell.from ? cell.trainedFrom : cell.from;
      const t3 = computeT3(inCell, completions, { from: cell.from, to: cell.to }, { trainedFrom });
      result.set(cell.key, { 'training.focal_points': t3.denominator, 'training.focal_points_trained': t3.numerator });
    }
    return result;
  },
};

/**
 * T4 and T5 through the outreach module (computeReach over the activities and the population figures of
 * the unit's area). Population is per year, so a period of several years adds up each year's people
 * reached and each year's population. A cell without its unit cannot be computed and stays unavailable.
 */
const outreachSource: MeasureSource = {
  module: 'outreach',
  async compute(deps, cells) {
    const result = new Map<string, MeasureValues>();
    for (const cell of cells) {
      if (cell.unitId === undefined) continue;
      const actor = { id: 'indicator-registry', role: 'district_focal_point' as const, isUnscoped: cell.units === null, unitScope: new Set(cell.units ?? []) };
      const values: MeasureValues = { 'outreach.groups_reached': 0, 'outreach.groups_population': 0, 'outreach.residents_reached': 0, 'outreach.residents_population': 0 };
      for (let year = Number(cell.from.slice(0, 4)); year <= Number(cell.to.slice(0, 4)); year += 1) {
        const from = year === Number(cell.from.slice(0, 4)) ? cell.from : `${year}-01-01`;
        const to = year === Number(cell.to.slice(0, 4)) ? cell.to : `${year}-12-31`;
        for (const code of ['T4', 'T5'] as const) {
          const reach = await computeReachFor(deps, actor, { code, unitId: cell.unitId, year, from, to, units: 'then' });
          const [reachedKey, populationKey] = code === 'T4'
            ? ['outreach.groups_reached', 'outreach.groups_population'] as const
            : ['outreach.residents_reached', 'outreach.residents_population'] as const;
          values[reachedKey] = (values[reachedKey] ?? 0) + reach.numerator;
          values[populationKey] = (values[populationKey] ?? 0) + (reach.denominator ?? 0);
        }
      }
      result.set(cell.key, values);
    }
    return result;
  },
};

// ——— The registry ——————————————————————————————————————————————————————————————————————————————

/**
 * The modules whose measures can be computed. A module taken out of this table makes its indicators
 * "not available" (never zero) wherever they appear.
 */
export const MEASURE_SOURCES: Partial<Record<MeasureModule, MeasureSource>> = {
  cases: casesSource,
  perpetrators: perpetratorsSource,
  training: trainingSource,
  outreach: outreachSource,
};

export function isModuleAvailable(module: MeasureModule): boolean {
  return MEASURE_SOURCES[module] !== undefined;
}

export function availableModules(): MeasureModule[] {
  return MEASURE_MODULES.filter(isModuleAvailable);
}

/** The headline indicators T1–T5 with their default definitions (those of Plan 85/KH-UBND). */
export const INDICATOR_REGISTRY: Readonly<Record<string, IndicatorDefinition>> = Object.fromEntries(
  PLAN_85.indicators.map((i) => [i.code, {
    code: i.code, nameVi: i.nameVi, nameEn: i.nameEn, definitionVi: i.definitionVi, definitionEn: i.definitionEn,
    numeratorKey: i.numeratorKey, denominatorKey: i.denominatorKey ?? null, targetKind: i.targetKind,
  }]),
);

export function missingModulesOf(definition: Pick<IndicatorDefinition, 'numeratorKey' | 'denominatorKey'>): MeasureModule[] {
  const modules = new Set<MeasureModule>([moduleOfMeasure(definition.numeratorKey)]);
  if (definition.denominatorKey) modules.add(moduleOfMeasure(definition.denominatorKey));
  return [...modules].filter((m) => !isModuleAvailable(m));
}

/** The measures of the given keys for every cell; modules not installed give nothing (not zero). */
export async function computeMeasures(deps: AppDeps, keys: Iterable<MeasureKey>, cells: readonly Cell[]): Promise<Map<string, MeasureValues>> {
  const modules = new Set<MeasureModule>();
  for (const key of keys) modules.add(moduleOfMeasure(key));
  const merged = new Map<string, MeasureValues>(cells.map((c) => [c.key, {}]));
  for (const module of modules) {
    const source = MEASURE_SOURCES[module];
    if (!source) continue;
    const values = await source.compute(deps, cells);
    for (const [key, v] of values) Object.assign(merged.get(key) ?? {}, v);
  }
  return merged;
}

/** An indicator's figures from computed measures. */
export function indicatorFromMeasures(definition: IndicatorDefinition, values: MeasureValues | undefined): IndicatorResult {
  const missingModules = missingModulesOf(definition);
  const numerator = values?.[definition.numeratorKey];
  const denominator = definition.denominatorKey ? values?.[definition.denominatorKey] : undefined;
  const available = missingModules.length === 0 && numerator !== undefined && (definition.denominatorKey === null || denominator !== undefined);
  if (!available) return { numerator: null, denominator: null, value: null, available: false, missingModules, definition };
  const n = numerator;
  const d = denominator ?? null;
  const value = definition.targetKind === 'count' ? n : percent(n, d ?? 0);
  return { numerator: n, denominator: d, value, available: true, missingModules, definition };
}

/**
 * One indicator for one area and period: `indicator` is a registry code (T1…T5) or a full definition
 * (a plan's custom indicator). `units` null means every unit; the caller limits it to what the user may see.
 */
export async function computeIndicator(
  deps: AppDeps,
  indicator: string | IndicatorDefinition,
  units: ReadonlySet<string> | null,
  period: { from: string; to: string },
  /** The unit whose area `units` is (needed by T4, T5) and the plan's start (T3's training window). */
  options: { unitId?: string; trainedFrom?: string } = {},
): Promise<IndicatorResult> {
  const definition = typeof indicator === 'string' ? INDICATOR_REGISTRY[indicator] : indicator;
  if (!definition) throw new RangeError(`unknown indicator ${typeof indicator === 'string' ? indicator : indicator.code}`);
  const keys = [definition.numeratorKey, ...(definition.denominatorKey ? [definition.denominatorKey] : [])];
  const values = await computeMeasures(deps, keys, [{ key: 'only', units, ...period, ...(options.unitId ? { unitId: options.unitId } : {}), ...(options.trainedFrom ? { trainedFrom: options.trainedFrom } : {}) }]);
  return indicatorFromMeasures(definition, values.get('only'));
}
