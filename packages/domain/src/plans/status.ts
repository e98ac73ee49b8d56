// Where an indicator stands against its target (DOMAIN.md §1–2). One pure function, used by the dashboard
// and the reports alike, so a person reading either sees the same word for the same numbers.
//
// Definitions (shown in the app next to the numbers):
// - no data: the indicator cannot be computed — its module is not installed, or its denominator is 0
//   (no survivors detected is not "0 % supported").
// - no target: neither the year nor the plan's end year has a target for this unit or a unit above it.
// - met: the value reaches the year's target (the target set for that year, else the plan's end target).
// - on track: not met, in a year before the plan's end that has no target of its own, and the value is at
//   or above the expected value on a straight line from the baseline (the unit's value in the first plan
//   year that has data) to the end target. A year with its own target (a milestone), the end year and
//   the years after it are met or off track.
// - off track: any other case.

export const INDICATOR_STATUSES = ['met', 'on_track', 'off_track', 'no_data', 'no_target'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

export interface YearPoint {
  year: number;
  value: number;
}

export interface StatusInput {
  year: number;
  /** Null when the denominator is 0. */
  value: number | null;
  /** False when the module behind the numerator or denominator is not installed. */
  available: boolean;
  /** The target set for this year (a milestone); null when the year has none of its own. */
  yearTarget: number | null;
  /** The plan's end target (year = the plan's last year); null when none is set. */
  goal: YearPoint | null;
  /** The unit's value in the first plan year with data; null when there is none. */
  baseline: YearPoint | null;
}

export interface StatusResult {
  status: IndicatorStatus;
  /** The target the value is compared with: the year's own, else the plan's end target; null when none. */
  target: number | null;
  /** The value expected this year on the straight line from the baseline to the goal; null when not defined. */
  expected: number | null;
}

/** Values are compared after rounding to 0.1, as they are shown, so 49.96 % shows as 50.0 % and meets 50 %. */
function shown(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The value expected in `year` on the straight line from the baseline to the goal. */
export function expectedValue(year: number, baseline: YearPoint | null, goal: YearPoint | null): number | null {
  if (!goal || !baseline) return null;
  if (year >= goal.year) return goal.value;
  if (baseline.year >= goal.year || year < baseline.year) return null;
  return baseline.value + ((goal.value - baseline.value) * (year - baseline.year)) / (goal.year - baseline.year);
}

export function indicatorStatus(input: StatusInput): StatusResult {
  const target = input.yearTarget ?? input.goal?.value ?? null;
  const expected = input.yearTarget ?? expectedValue(input.year, input.baseline, input.goal);
  if (!input.available || input.value === null) return { status: 'no_data', target, expected };
  if (target === null) return { status: 'no_target', target, expected };
  const value = shown(input.value);
  if (value >= shown(target)) return { status: 'met', target, expected };
  const onTheLine = input.yearTarget === null && input.goal !== null && input.year < input.goal.year && expected !== null && value >= shown(expected);
  return { status: onTheLine ? 'on_track' : 'off_track', target, expected };
}

/** numerator / denominator × 100, or null for an empty denominator. */
export function percent(numerator: number, denominator: number): number | null {
  return denominator > 0 ? (numerator / denominator) * 100 : null;
}

/** The first year (in order) with a value: the baseline of the straight line. */
export function baselineOf(points: ReadonlyArray<{ year: number; value: number | null }>, fromYear: number): YearPoint | null {
  const sorted = [...points].filter((p) => p.year >= fromYear).sort((a, b) => a.year - b.year);
  for (const p of sorted) if (p.value !== null) return { year: p.year, value: p.value };
  return null;
}
