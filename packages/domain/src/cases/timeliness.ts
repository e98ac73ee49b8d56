// Timeliness of the first intervention and indicator T1 of DOMAIN.md §2: survivors detected in a period
// who got a first intervention within the time limit of their risk level and at least one service or referral.
import { z } from 'zod';
import type { RiskLevel } from './risk.js';
import { addHours, instantMs } from './time.js';

/**
 * Hours from detection to the first intervention, per risk level. A case not yet assessed is "other"
 * in DOMAIN.md's terms and gets its own entry, so a deployment can choose to treat it as critical.
 */
export type TimeLimits = Readonly<Record<RiskLevel | 'unassessed', number>>;

export const DEFAULT_TIME_LIMITS: TimeLimits = { critical: 2, high: 12, medium: 24, low: 24, unassessed: 24 };

const Hours = z.number().positive().max(24 * 30);
export const TimeLimitsConfig = z.strictObject({
  critical: Hours,
  high: Hours,
  medium: Hours,
  low: Hours,
  unassessed: Hours,
});

/** The risk level that sets the limit: the level of the first assessment, or null before any. */
export type LimitLevel = RiskLevel | null;

function limitHours(level: LimitLevel, limits: TimeLimits): number {
  return limits[level ?? 'unassessed'];
}

/** The latest instant (ISO, UTC) at which the first intervention is still on time. */
export function firstInterventionDueAt(detectedAt: string, level: LimitLevel, limits: TimeLimits): string {
  return addHours(detectedAt, limitHours(level, limits));
}

/**
 * Whether a first intervention was on time. Reaching the limit exactly still counts (2 h 00 min for a
 * critical case); an intervention recorded before the detection time (the officer detected the case
 * while intervening) is on time.
 */
export function isTimely(
  detectedAt: string,
  firstInterventionAt: string | null,
  level: LimitLevel,
  limits: TimeLimits,
): boolean {
  if (firstInterventionAt === null) return false;
  return timelyMs(instantMs(detectedAt), firstInterventionAt, level, limits);
}

/** isTimely for a detection time already parsed (the same instant firstInterventionDueAt returns). */
function timelyMs(detectedMs: number, firstInterventionAt: string | null, level: LimitLevel, limits: TimeLimits): boolean {
  if (firstInterventionAt === null) return false;
  return instantMs(firstInterventionAt) <= detectedMs + limitHours(level, limits) * 3_600_000;
}

/** A case with no first intervention whose time limit has passed: drives alerts and the "overdue" flag. */
export function isOverdue(
  detectedAt: string,
  firstInterventionAt: string | null,
  level: LimitLevel,
  now: string,
  limits: TimeLimits,
): boolean {
  if (firstInterventionAt !== null) return false;
  return instantMs(now) > instantMs(firstInterventionDueAt(detectedAt, level, limits));
}

/** One survivor's case, as the T1 computation needs it. One record per survivor: the caller deduplicates. */
export interface T1CaseRecord {
  /** ISO datetime of detection. */
  detectedAt: string;
  riskLevel: LimitLevel;
  firstInterventionAt: string | null;
  hasServiceOrReferral: boolean;
}

/** A reporting period: start included, end excluded, ISO datetimes (UTC or with an offset). */
export interface T1Period {
  start: string;
  end: string;
}

export interface T1Result {
  numerator: number;
  denominator: number;
  /** Percent; null when the denominator is 0, because "no cases" is not "0 % on time". */
  value: number | null;
}

/** T1 for one unit and period. The one place the indicator is computed; reports and dashboards call it. */
export function computeT1(cases: readonly T1CaseRecord[], period: T1Period, limits: TimeLimits): T1Result {
  const start = instantMs(period.start);
  const end = instantMs(period.end);
  if (!(start < end)) throw new RangeError('the period must end after it starts');
  let numerator = 0;
  let denominator = 0;
  for (const record of cases) {
    const detected = instantMs(record.detectedAt);
    if (detected < start || detected >= end) continue;
    denominator += 1;
    if (record.hasServiceOrReferral && timelyMs(detected, record.firstInterventionAt, record.riskLevel, limits)) numerator += 1;
  }
  return { numerator, denominator, value: denominator === 0 ? null : (numerator / denominator) * 100 };
}
