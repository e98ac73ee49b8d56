// The indicator registry: every indicator is numerator / denominator over an area and a period, computed
// from the live records by the owning module's domain function (DOMAIN.md §2), each record in the one row
// the attribution rule gives it (DOMAIN.md §11). Plans
// name numerators and denominators by measure key (domain plans/measures.ts); each module supplies the
// measures it owns. A module not installed yet makes its measures "not available" — never zero.
//
// Many figures are asked for at once (a dashboard wants every year and every commune): a module reads its
// records once for all the cells asked for and computes each cell with its domain function.
import {
  computeReach, computeT1, computeT3, GBV_TRAINING_TOPICS, isCommuneLevelUnit, isPostingActiveIn, isValidAt, MEASURE_MODULES, moduleOfMeasure, percent,
  PLAN_85, T4_GROUPS, T5_GROUPS, vietnamDateOf,
  type Attribution, type AudienceGroup, type CountingBasis, type MeasureKey, type MeasureModule, type PopulationByGroup, type ReachRecord,
  type RiskLevel, type T3Completion, type TargetKind, type TimeLimits, type TrainingTopic,
} from '@binhan/domain';
import type { AppDeps } from '../../deps.js';
import { readInSlices } from '../../db/slices.js';
import { vietnamDayEnd, vietnamDayStart } from '../cases/queries.js';
import { loadT2Records, t2Of } from '../perpetrators/indicator.js';

/**
 * One figure to compute: the records of the attribution's `rows` from `from` to `to` (Vietnamese calendar
 * days, both included). Every source computes each row on its own and a cell adds up its rows, so the
 * communes of an area add up to the area by construction (DOMAIN.md §11).
 */
export interface Cell {
  key: string;
  rows: ReadonlySet<string>;
  from: string;
  to: string;
  /** T3 counts courses completed from this day (the plan's start); the cell's start by default. */
  trainedFrom?: string;
}

export type MeasureValues = Partial<Record<MeasureKey, number>>;

export interface MeasureSource {
  module: MeasureModule;
  /** Computes every measure of the module for every cell, reading the records once. */
  compute(deps: AppDeps, attribution: Attribution, cells: readonly Cell[]): Promise<Map<string, MeasureValues>>;
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

/** The span of the cells' periods. */
function envelope(cells: readonly Cell[]): { from: string; to: string } {
  let from = cells[0]?.from ?? '9999-12-31';
  let to = cells[0]?.to ?? '0000-01-01';
  for (const cell of cells) {
    if (cell.from < from) from = cell.from;
    if (cell.to > to) to = cell.to;
  }
  return { from, to };
}

/** Adds `values` into `into`, key by key. */
function addValues(into: MeasureValues, values: MeasureValues): void {
  for (const [key, value] of Object.entries(values) as Array<[MeasureKey, number]>) into[key] = (into[key] ?? 0) + value;
}

/** The distinct periods of the cells, each with its cells. */
function byPeriod(cells: readonly Cell[]): Array<{ from: string; to: string; trainedFrom: string | undefined; cells: Cell[] }> {
  const groups = new Map<string, { from: string; to: string; trainedFrom: string | undefined; cells: Cell[] }>();
  for (const cell of cells) {
    const key = `${cell.from}|${cell.to}|${cell.trainedFrom ?? ''}`;
    const group = groups.get(key) ?? { from: cell.from, to: cell.to, trainedFrom: cell.trainedFrom, cells: [] };
    group.cells.push(cell);
    groups.set(key, group);
  }
  return [...groups.values()];
}

// ——— Cases (T1) ————————————————————————————————————————————————————————————————————————————————

/** The case rows of a set of units and a period that count as survivors (duplicates and non-violence excluded). */
export function t1CaseQuery(deps: AppDeps, units: readonly string[] | null, from: string, to: string) {
  let q = deps.db.selectFrom('cases').select(['id', 'code', 'unit_id', 'village_id', 'detected_at', 'first_risk_level', 'first_intervention_at', 'has_service_or_referral'])
    .where('detected_at', '>=', vietnamDayStart(from)).where('detected_at', '<', vietnamDayEnd(to))
    .where((eb) => eb.or([eb('closure_reason', 'is', null), eb('closure_reason', 'not in', ['duplicate', 'not_violence'])]));
  if (units !== null) q = q.where('unit_id', 'in', units.length > 0 ? [...units] : ['-']);
  return q;
}

/** The counted cases of an attribution's area in a period, each with its row. */
export async function attributedCases(deps: AppDeps, attribution: Attribution, from: string, to: string) {
  const rows = await readInSlices(attribution.sourceUnits, (part) => t1CaseQuery(deps, part, from, to).execute());
  const out: Array<(typeof rows)[number] & { rowId: string }> = [];
  for (const r of rows) {
    const rowId = attribution.rowOf(r.unit_id, r.village_id).rowId;
    if (attribution.rows.has(rowId)) out.push({ ...r, rowId });
  }
  return out;
}

interface CaseCounts {
  detected: number;
  inTime: number;
  withService: number;
}

const casesSource: MeasureSource = {
  module: 'cases',
  async compute(deps, attribution, cells) {
    const result = new Map<string, MeasureValues>();
    if (cells.length === 0) return result;
    const { from, to } = envelope(cells);
    // Bucket by row and Vietnamese year, so each cell reads only its own records.
    const buckets = new Map<string, Map<number, Awaited<ReturnType<typeof attributedCases>>>>();
    for (const row of await attributedCases(deps, attribution, from, to)) {
      const year = Number(vietnamDateOf(row.detected_at).slice(0, 4));
      let byYear = buckets.get(row.rowId);
      if (!byYear) buckets.set(row.rowId, (byYear = new Map()));
      const list = byYear.get(year);
      if (list) list.push(row);
      else byYear.set(year, [row]);
    }
    const limits: TimeLimits = deps.config.caseSettings.timeLimits;
    const toRecord = (r: { detected_at: string; first_risk_level: string | null; first_intervention_at: string | null; has_service_or_referral: number | string }) => ({
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
    // Each row and period is computed once by computeT1 (T1 counts each survivor once, in one row), and a
    // cell adds up its rows.
    const perRow = new Map<string, CaseCounts>();
    const rowCounts = (rowId: string, from: string, to: string): CaseCounts => {
      const key = `${rowId}|${from}|${to}`;
      let counts = perRow.get(key);
      if (!counts) {
        const records = [];
        for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year += 1) for (const r of buckets.get(rowId)?.get(year) ?? []) records.push(toRecord(r));
        counts = measure(records, from, to);
        perRow.set(key, counts);
      }
      return counts;
    };
    for (const cell of cells) {
      const counts = { detected: 0, inTime: 0, withService: 0 };
      for (const rowId of cell.rows) {
        if (!buckets.has(rowId)) continue;
        const c = rowCounts(rowId, cell.from, cell.to);
        counts.detected += c.detected;
        counts.inTime += c.inTime;
        counts.withService += c.withService;
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

/** T2 through the perpetrator module's loader (computeT2): records read once for every cell, each cell counted from them. */
const perpetratorsSource: MeasureSource = {
  module: 'perpetrators',
  async compute(deps, attribution, cells) {
    const result = new Map<string, MeasureValues>();
    if (cells.length === 0) return result;
    // Read once for all the cells: every perpetrator with an incident in the whole span, each with all their
    // incidents and handling. computeT2 leaves out those without an incident in a cell's period, so each period
    // gets the same figures as from its own read (a dashboard has eleven periods: the span and each year).
    const span = envelope(cells);
    const records = await loadT2Records(deps, { units: [...attribution.sourceUnits] }, { start: vietnamDayStart(span.from), end: vietnamDayEnd(span.to) });
    // A perpetrator counts only in the row of an incident of theirs (that of their first in the period), so each
    // cell computes over the perpetrators with an incident in one of its rows, not over the whole area's: a
    // province's dashboard has a cell per commune and year, and every cell over every record was quadratic.
    const byRow = new Map<string, Array<(typeof records)[number]>>();
    for (const record of records) {
      for (const rowId of new Set(record.incidents.map((i) => attribution.rowOf(i.unitId).rowId))) {
        const list = byRow.get(rowId);
        if (list) list.push(record);
        else byRow.set(rowId, [record]);
      }
    }
    for (const group of byPeriod(cells)) {
      const period = { start: vietnamDayStart(group.from), end: vietnamDayEnd(group.to) };
      for (const cell of group.cells) {
        const candidates = new Set<(typeof records)[number]>();
        for (const rowId of cell.rows) for (const record of byRow.get(rowId) ?? []) candidates.add(record);
        const t2 = t2Of([...candidates], (unitId) => cell.rows.has(attribution.rowOf(unitId).rowId), period);
        result.set(cell.key, { 'perpetrators.identified': t2.denominator, 'perpetrators.handled': t2.numerator });
      }
    }
    return result;
  },
};

/**
 * T3 with the training module's domain function: focal points on the roster during the period, each in the
 * row of their latest posting active in it (wherever that is, so a person who moved counts once), trained
 * in a GBV course completed from `trainedFrom` (the plan's start) to the period's end.
 */
const trainingSource: MeasureSource = {
  module: 'training',
  async compute(deps, attribution, cells) {
    const result = new Map<string, MeasureValues>();
    if (cells.length === 0) return result;
    const { from, to } = envelope(cells);
    const earliest = cells.reduce((min, c) => (c.trainedFrom !== undefined && c.trainedFrom < min ? c.trainedFrom : min), from);
    const posted = (q: ReturnType<typeof postingQuery>) => q.where('from_date', '<=', to).where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', from)])).execute();
    const postingQuery = () => deps.db.selectFrom('focal_points').select(['id', 'person_id', 'unit_id', 'from_date', 'to_date']);
    const people = [...new Set((await readInSlices(attribution.sourceUnits, (part) => posted(postingQuery().where('unit_id', 'in', part)))).map((r) => r.person_id))];
    const postings = (await readInSlices(people, (part) => posted(postingQuery().where('person_id', 'in', part))))
      .map((r) => ({ id: r.id, personId: r.person_id, unitId: r.unit_id, fromDate: r.from_date, toDate: r.to_date }));
    const completions: T3Completion[] = [];
    for (const c of await readInSlices(people, (part) => deps.db.selectFrom('course_attendees as a').innerJoin('training_courses as c', 'c.id', 'a.course_id')
      .select(['a.ref_id', 'c.end_date', 'c.topic'])
      .where('a.kind', '=', 'focal_point').where('a.completed', '=', 1).where('a.ref_id', 'in', part)
      .where('c.topic', 'in', [...GBV_TRAINING_TOPICS]).where('c.end_date', '>=', earliest).where('c.end_date', '<=', to).execute())) {
      completions.push({ personId: c.ref_id, completedOn: c.end_date, topic: c.topic as TrainingTopic });
    }
    for (const group of byPeriod(cells)) {
      // Each person's latest posting active in the period decides their row.
      const latest = new Map<string, (typeof postings)[number]>();
      for (const p of postings) {
        if (!isPostingActiveIn(p, group)) continue;
        const previous = latest.get(p.personId);
        if (!previous || p.fromDate > previous.fromDate || (p.fromDate === previous.fromDate && p.id > previous.id)) latest.set(p.personId, p);
      }
      const chosen = [...latest.values()].map((p) => ({ ...p, rowId: attribution.rowOf(p.unitId).rowId }));
      for (const cell of group.cells) {
        const trainedFrom = cell.trainedFrom !== undefined && cell.trainedFrom < cell.from ? cell.trainedFrom : cell.from;
        const t3 = computeT3(chosen.filter((p) => cell.rows.has(p.rowId)), completions, { from: cell.from, to: cell.to }, { trainedFrom });
        result.set(cell.key, { 'training.focal_points': t3.denominator, 'training.focal_points_trained': t3.numerator });
      }
    }
    return result;
  },
};

const OUTREACH_ZERO: MeasureValues = { 'outreach.groups_reached': 0, 'outreach.groups_population': 0, 'outreach.residents_reached': 0, 'outreach.residents_population': 0 };

/**
 * T4 and T5 through the outreach module (computeReach). Each activity goes to its row; a population figure
 * counts for the commune-level unit valid on 31/12 of its year, in that unit's row.
 */
const outreachSource: MeasureSource = {
  module: 'outreach',
  async compute(deps, attribution, cells) {
    const result = new Map<string, MeasureValues>();
    if (cells.length === 0) return result;
    const { from, to } = envelope(cells);
    const { activities, population } = await loadReachInputs(deps, attribution, from, to);
    // A period is measured against the population of the calendar year in which it ends, never a sum of
    // two years' populations (DOMAIN.md §11); each row on its own, a cell adds its rows up.
    const perRow = new Map<string, MeasureValues>();
    const rowPeriod = (rowId: string, from: string, to: string): MeasureValues => {
      const key = `${rowId}|${from}|${to}`;
      let values = perRow.get(key);
      if (!values) {
        const records = activities.get(rowId) ?? [];
        const pop = population.get(`${rowId}|${to.slice(0, 4)}`) ?? {};
        const t4 = computeReach('T4', T4_GROUPS, records, pop, { from, to });
        const t5 = computeReach('T5', T5_GROUPS, records, pop, { from, to });
        values = {
          'outreach.groups_reached': t4.numerator, 'outreach.groups_population': t4.denominator ?? 0,
          'outreach.residents_reached': t5.numerator, 'outreach.residents_population': t5.denominator ?? 0,
        };
        perRow.set(key, values);
      }
      return values;
    };
    for (const cell of cells) {
      const values: MeasureValues = { ...OUTREACH_ZERO };
      for (const rowId of cell.rows) addValues(values, rowPeriod(rowId, cell.from, cell.to));
      result.set(cell.key, values);
    }
    return result;
  },
};

/** Audience lines by row, and population figures by row and year (groups added up), of an attribution's area. */
export async function loadReachInputs(deps: AppDeps, attribution: Attribution, from: string, to: string) {
  const lines = await readInSlices(attribution.sourceUnits, (part) => deps.db.selectFrom('outreach_audiences')
    .innerJoin('outreach_activities', 'outreach_activities.id', 'outreach_audiences.activity_id')
    .select(['outreach_activities.id', 'outreach_activities.unit_id', 'outreach_activities.village_id', 'outreach_activities.activity_date', 'outreach_activities.counting_basis',
      'outreach_audiences.audience_group', 'outreach_audiences.female', 'outreach_audiences.male', 'outreach_audiences.unknown_sex'])
    .where('outreach_activities.activity_date', '>=', from).where('outreach_activities.activity_date', '<=', to)
    .where('outreach_activities.unit_id', 'in', part)
    .execute());
  const activities = new Map<string, Array<ReachRecord & { activityId: string }>>();
  for (const r of lines) {
    const rowId = attribution.rowOf(r.unit_id, r.village_id).rowId;
    if (!attribution.rows.has(rowId)) continue;
    const list = activities.get(rowId) ?? [];
    list.push({
      activityId: r.id, activityDate: r.activity_date, group: r.audience_group as AudienceGroup,
      female: Number(r.female), male: Number(r.male), unknownSex: Number(r.unknown_sex), countingBasis: r.counting_basis as CountingBasis,
    });
    activities.set(rowId, list);
  }
  const figures = await readInSlices(attribution.sourceUnits, (part) => deps.db.selectFrom('population_figures')
    .select(['unit_id', 'year', 'audience_group', 'total', 'female', 'male'])
    .where('year', '>=', Number(from.slice(0, 4))).where('year', '<=', Number(to.slice(0, 4))).where('unit_id', 'in', part).execute());
  const population = new Map<string, PopulationByGroup>();
  for (const f of figures) {
    const year = Number(f.year);
    const unit = attribution.graph.get(f.unit_id);
    // A figure belongs to the commune-level unit valid on 31/12 of its year; figures of a district or a
    // province would count twice beside their communes, so the communes' figures make up the area.
    if (!unit || !isCommuneLevelUnit(unit) || !isValidAt(unit, `${year}-12-31`)) continue;
    const rowId = attribution.rowOf(f.unit_id).rowId;
    if (!attribution.rows.has(rowId)) continue;
    const key = `${rowId}|${year}`;
    const byGroup = population.get(key) ?? {};
    const group = f.audience_group as AudienceGroup;
    const previous = byGroup[group];
    const female = f.female === null ? null : Number(f.female);
    const male = f.male === null ? null : Number(f.male);
    byGroup[group] = previous
      ? { total: previous.total + Number(f.total), female: previous.female === null || female === null ? null : previous.female + female, male: previous.male === null || male === null ? null : previous.male + male }
      : { total: Number(f.total), female, male };
    population.set(key, byGroup);
  }
  return { activities, population };
}

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
export async function computeMeasures(deps: AppDeps, keys: Iterable<MeasureKey>, attribution: Attribution, cells: readonly Cell[]): Promise<Map<string, MeasureValues>> {
  const modules = new Set<MeasureModule>();
  for (const key of keys) modules.add(moduleOfMeasure(key));
  const merged = new Map<string, MeasureValues>(cells.map((c) => [c.key, {}]));
  for (const module of modules) {
    const source = MEASURE_SOURCES[module];
    if (!source) continue;
    const values = await source.compute(deps, attribution, cells);
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
 * One indicator for one area and period: `indicator` is a registry code (T1…T5) or a full definition (a
 * plan's custom indicator); the area is the attribution's rows (limited by the caller to what the user may see).
 */
export async function computeIndicator(
  deps: AppDeps,
  indicator: string | IndicatorDefinition,
  attribution: Attribution,
  period: { from: string; to: string },
  /** The plan's start (T3's training window). */
  options: { trainedFrom?: string } = {},
): Promise<IndicatorResult> {
  const definition = typeof indicator === 'string' ? INDICATOR_REGISTRY[indicator] : indicator;
  if (!definition) throw new RangeError(`unknown indicator ${typeof indicator === 'string' ? indicator : indicator.code}`);
  const keys = [definition.numeratorKey, ...(definition.denominatorKey ? [definition.denominatorKey] : [])];
  const values = await computeMeasures(deps, keys, attribution, [{ key: 'only', rows: attribution.rows, ...period, ...(options.trainedFrom ? { trainedFrom: options.trainedFrom } : {}) }]);
  return indicatorFromMeasures(definition, values.get('only'));
}
