// Indicators T4 and T5 of DOMAIN.md §2: people of the listed groups reached by communication activities
// in the period, over the population of those groups in the unit for the year. The one place they are
// computed; the API, reports and dashboards call these functions.
import { z } from 'zod';
import type { AdminUnit, UnitGraph } from '../admin-units.js';
import { COMMUNE_LEVEL_KINDS, isValidAt } from '../admin-units.js';
import { AUDIENCE_GROUPS, T4_GROUPS, T5_GROUPS, type AudienceGroup, type CountingBasis } from './codes.js';

/** One audience line of one activity. */
export interface ReachRecord {
  /** yyyy-mm-dd */
  activityDate: string;
  group: AudienceGroup;
  female: number;
  male: number;
  unknownSex: number;
  countingBasis: CountingBasis;
}

/** The population of one group in the unit for the year; null when no figure is known. */
export interface GroupPopulation {
  total: number;
  female: number | null;
  male: number | null;
}
export type PopulationByGroup = Partial<Record<AudienceGroup, GroupPopulation | null>>;

/** Calendar dates, both included. */
export interface ReachPeriod {
  from: string;
  to: string;
}

export const REACH_STATUSES = ['ok', 'no_population_figure'] as const;
export const REACH_WARNINGS = ['reach_exceeds_population', 'includes_repeat_attendees', 'population_missing_for_some_groups'] as const;
export type ReachWarning = (typeof REACH_WARNINGS)[number];

export const GroupReach = z.object({
  group: z.enum(AUDIENCE_GROUPS),
  reached: z.number(),
  female: z.number(),
  male: z.number(),
  unknownSex: z.number(),
  population: z.number().nullable(),
  value: z.number().nullable(),
});
export type GroupReach = z.infer<typeof GroupReach>;

export const ReachResult = z.object({
  code: z.enum(['T4', 'T5']),
  status: z.enum(REACH_STATUSES),
  /** People reached in the groups that have a population figure. */
  numerator: z.number(),
  /** Population of those groups; null when no group has a figure. */
  denominator: z.number().nullable(),
  /** Percent; null with status "no_population_figure", never a division by zero or a false 0 %. */
  value: z.number().nullable(),
  /** Everyone reached in the indicator's groups, with or without a population figure. */
  reached: z.number(),
  /** How the reach was counted: audiences of new people only, and audiences that may repeat people. */
  basis: z.object({ newPeople: z.number(), includingRepeat: z.number() }),
  activities: z.number(),
  warnings: z.array(z.enum(REACH_WARNINGS)),
  groups: z.array(GroupReach),
  missingGroups: z.array(z.enum(AUDIENCE_GROUPS)),
});
export type ReachResult = z.infer<typeof ReachResult>;

/** Reach of `groups` over their population; records outside the period are ignored. */
export function computeReach(
  code: 'T4' | 'T5',
  groups: readonly AudienceGroup[],
  records: readonly (ReachRecord & { activityId?: string })[],
  population: PopulationByGroup,
  period: ReachPeriod,
): ReachResult {
  if (period.to < period.from) throw new RangeError('the period must not end before it starts');
  const lines = new Map<AudienceGroup, { female: number; male: number; unknownSex: number }>();
  for (const g of groups) lines.set(g, { female: 0, male: 0, unknownSex: 0 });
  const basis = { newPeople: 0, includingRepeat: 0 };
  const activityIds = new Set<string>();
  let anonymousActivities = 0;
  for (const r of records) {
    if (r.activityDate < period.from || r.activityDate > period.to) continue;
    const line = lines.get(r.group);
    if (!line) continue;
    line.female += r.female;
    line.male += r.male;
    line.unknownSex += r.unknownSex;
    const people = r.female + r.male + r.unknownSex;
    if (r.countingBasis === 'new_people') basis.newPeople += people;
    else basis.includingRepeat += people;
    if (r.activityId === undefined) anonymousActivities += 1;
    else activityIds.add(r.activityId);
  }
  let numerator = 0;
  let denominator = 0;
  let reached = 0;
  const missingGroups: AudienceGroup[] = [];
  const groupRows: GroupReach[] = groups.map((group) => {
    const line = lines.get(group) as { female: number; male: number; unknownSex: number };
    const groupReached = line.female + line.male + line.unknownSex;
    reached += groupReached;
    const pop = population[group] ?? null;
    // A population of 0 is a missing denominator too: there is nothing to divide by.
    if (pop === null || pop.total === 0) {
      missingGroups.push(group);
      return { group, reached: groupReached, ...line, population: pop?.total ?? null, value: null };
    }
    numerator += groupReached;
    denominator += pop.total;
    return { group, reached: groupReached, ...line, population: pop.total, value: (groupReached / pop.total) * 100 };
  });
  return reachResult(code, { numerator, denominator, reached, basis, activities: activityIds.size + anonymousActivities }, groupRows, missingGroups);
}

/** The result with its status and warnings, from the added-up counts. */
function reachResult(
  code: 'T4' | 'T5',
  totals: { numerator: number; denominator: number; reached: number; basis: ReachResult['basis']; activities: number },
  groupRows: GroupReach[],
  missingGroups: AudienceGroup[],
): ReachResult {
  const { numerator, denominator } = totals;
  const hasDenominator = denominator > 0;
  const warnings: ReachWarning[] = [];
  // One group above its own population shows repeat counting too, even when the total stays under.
  if (hasDenominator && (numerator > denominator || groupRows.some((g) => g.value !== null && g.value > 100))) warnings.push('reach_exceeds_population');
  if (totals.basis.includingRepeat > 0) warnings.push('includes_repeat_attendees');
  if (hasDenominator && missingGroups.length > 0) warnings.push('population_missing_for_some_groups');
  return {
    code,
    status: hasDenominator ? 'ok' : 'no_population_figure',
    numerator,
    denominator: hasDenominator ? denominator : null,
    value: hasDenominator ? (numerator / denominator) * 100 : null,
    reached: totals.reached,
    basis: totals.basis,
    activities: totals.activities,
    warnings,
    groups: groupRows,
    missingGroups,
  };
}

/** T4: officials, workers, employers, armed forces and students reached, over their population. */
export function computeT4(records: readonly (ReachRecord & { activityId?: string })[], population: PopulationByGroup, period: ReachPeriod): ReachResult {
  return computeReach('T4', T4_GROUPS, records, population, period);
}

/** T5: community residents reached, over the resident population. */
export function computeT5(records: readonly (ReachRecord & { activityId?: string })[], population: PopulationByGroup, period: ReachPeriod): ReachResult {
  return computeReach('T5', T5_GROUPS, records, population, period);
}

/** A stored population figure. */
export interface PopulationFigureRecord {
  unitId: string;
  year: number;
  group: AudienceGroup;
  total: number;
  female: number | null;
  male: number | null;
}

export interface ResolvedPopulation {
  byGroup: PopulationByGroup;
  /** Per group, the units whose missing figure leaves the group without a denominator. */
  missingUnits: Partial<Record<AudienceGroup, string[]>>;
}

/**
 * The population of a unit for a year, by group. A figure entered for the unit itself wins; otherwise
 * the figures of the units that made up its area that year are added (its communes, or the communes
 * later merged into it), first as the units stood at the end of the year, then at its start (a figure
 * of January 2025 entered for the communes that merged on 1/7/2025). If any part lacks a figure the
 * group has none: a partial sum would overstate the indicator.
 */
export function resolvePopulation(graph: UnitGraph, figures: readonly PopulationFigureRecord[], unitId: string, year: number): ResolvedPopulation {
  const index = new Map<string, PopulationFigureRecord>();
  for (const f of figures) if (f.year === year) index.set(`${f.unitId}|${f.group}`, f);
  const byGroup: PopulationByGroup = {};
  const missingUnits: Partial<Record<AudienceGroup, string[]>> = {};
  for (const group of AUDIENCE_GROUPS) {
    let found: GroupPopulation | null = null;
    let missing: string[] = [];
    for (const date of [`${year}-12-31`, `${year}-01-01`]) {
      const attempt = figureAt(graph, index, unitId, group, date, 0);
      if ('missing' in attempt) {
        if (missing.length === 0) missing = attempt.missing;
        continue;
      }
      found = attempt;
      break;
    }
    byGroup[group] = found;
    if (found === null) missingUnits[group] = missing;
  }
  return { byGroup, missingUnits };
}

type Attempt = GroupPopulation | { missing: string[] };

function figureAt(graph: UnitGraph, index: Map<string, PopulationFigureRecord>, unitId: string, group: AudienceGroup, date: string, depth: number): Attempt {
  const own = index.get(`${unitId}|${group}`);
  if (own) return { total: own.total, female: own.female, male: own.male };
  if (depth > 6) return { missing: [unitId] };
  const parts = partsAt(graph, unitId, date);
  if (parts.length === 0) return { missing: [unitId] };
  let total = 0;
  let female: number | null = 0;
  let male: number | null = 0;
  const missing: string[] = [];
  for (const part of parts) {
    const p = figureAt(graph, index, part.id, group, date, depth + 1);
    if ('missing' in p) {
      missing.push(...p.missing);
      continue;
    }
    total += p.total;
    female = female === null || p.female === null ? null : female + p.female;
    male = male === null || p.male === null ? null : male + p.male;
  }
  return missing.length > 0 ? { missing } : { total, female, male };
}

/**
 * The units that made up a unit's area on a date: its children then (villages do not count unless
 * they have figures of their own, which they rarely do); or, for a unit that did not exist on that date,
 * the highest units of its area across reorganisations that did.
 */
function partsAt(graph: UnitGraph, unitId: string, date: string): AdminUnit[] {
  const unit = graph.get(unitId);
  if (!unit) return [];
  if (isValidAt(unit, date)) return graph.childrenOf(unitId).filter((c) => isValidAt(c, date) && !isVillageLevel(c));
  const inArea = [...graph.scopeOf(unitId)].map((id) => graph.get(id)).filter((u): u is AdminUnit => u !== undefined && u.id !== unitId && isValidAt(u, date));
  const ids = new Set(inArea.map((u) => u.id));
  return inArea.filter((u) => u.parentId === null || !ids.has(u.parentId)).filter((u) => !isVillageLevel(u));
}

function isVillageLevel(unit: AdminUnit): boolean {
  return unit.kind === 'village' || unit.kind === 'residential_group';
}

/**
 * The rows of a breakdown of a unit's figures on a date: the unit's communes as they stood then (the
 * units of that year), or today's. A commune-level unit is its own single row.
 */
export function breakdownUnits(graph: UnitGraph, unitId: string, date: string): AdminUnit[] {
  const unit = graph.get(unitId);
  if (!unit) return [];
  if (isCommuneLevel(unit) && isValidAt(unit, date)) return [unit];
  return [...graph.scopeOf(unitId)]
    .map((id) => graph.get(id))
    .filter((u): u is AdminUnit => u !== undefined && isCommuneLevel(u) && isValidAt(u, date));
}

function isCommuneLevel(unit: AdminUnit): boolean {
  return COMMUNE_LEVEL_KINDS.includes(unit.kind);
}

/**
 * The commune-level unit that held the area of `unitId` on `date`: an activity recorded in Hữu Thác in
 * 2018 belongs to Trần Phú in today's units. A unit split between successors goes to the one that took it
 * whole, else to the first part. A village goes with its commune. Null when no such unit is found.
 */
export function communeHoldingAt(graph: UnitGraph, unitId: string, date: string): string | null {
  let unit = graph.get(unitId);
  while (unit && !isCommuneLevel(unit) && unit.parentId !== null && isVillageLevel(unit)) unit = graph.get(unit.parentId);
  if (!unit || !isCommuneLevel(unit)) return null;
  const holders = graph.unitsHoldingAreaAt(unit.id, date).filter((h) => isCommuneLevel(h.unit));
  const whole = holders.find((h) => !h.isPart) ?? holders[0];
  return whole?.unit.id ?? null;
}

/**
 * The reach of an area from the reach of its rows (DOMAIN.md §11): every count is the sum of the rows', so the
 * communes add up to the area. A group counts where its row has a population figure, as in computeReach.
 */
export function sumReach(code: 'T4' | 'T5', groups: readonly AudienceGroup[], parts: readonly ReachResult[]): ReachResult {
  let numerator = 0;
  let denominator = 0;
  let reached = 0;
  let activities = 0;
  const basis = { newPeople: 0, includingRepeat: 0 };
  const byGroup = new Map<AudienceGroup, GroupReach>(groups.map((group) => [group, { group, reached: 0, female: 0, male: 0, unknownSex: 0, population: null, value: null }]));
  const missing = new Set<AudienceGroup>();
  for (const part of parts) {
    numerator += part.numerator;
    denominator += part.denominator ?? 0;
    reached += part.reached;
    activities += part.activities;
    basis.newPeople += part.basis.newPeople;
    basis.includingRepeat += part.basis.includingRepeat;
    for (const g of part.groups) {
      const sum = byGroup.get(g.group);
      if (!sum) continue;
      sum.reached += g.reached;
      sum.female += g.female;
      sum.male += g.male;
      sum.unknownSex += g.unknownSex;
      if (g.population !== null && g.population > 0) sum.population = (sum.population ?? 0) + g.population;
      // A row without a figure leaves its people of that group out of the numerator: say so when it had any.
      else if (g.reached > 0) missing.add(g.group);
    }
  }
  const groupRows = [...byGroup.values()].map((g) => {
    if (g.population === null) missing.add(g.group);
    return { ...g, value: g.population === null ? null : (g.reached / g.population) * 100 };
  });
  return reachResult(code, { numerator, denominator, reached, basis, activities }, groupRows, groups.filter((g) => missing.has(g)));
}
