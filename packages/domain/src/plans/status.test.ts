import { describe, expect, it } from 'vitest';
import { baselineOf, expectedValue, indicatorStatus, percent } from './status.js';
import { PlanIndicatorInput, PlanInput, TargetsInput } from './schemas.js';
import { PLAN_85 } from './plan-85.js';

const goal = { year: 2020, value: 100 };

describe('indicator status', () => {
  it('is "no data" when the module is missing or nothing was counted, whatever the target', () => {
    expect(indicatorStatus({ year: 2018, value: 80, available: false, yearTarget: null, goal, baseline: null }).status).toBe('no_data');
    expect(indicatorStatus({ year: 2018, value: null, available: true, yearTarget: null, goal, baseline: null }).status).toBe('no_data');
  });

  it('is "no target" when there is a value but no target', () => {
    expect(indicatorStatus({ year: 2018, value: 80, available: true, yearTarget: null, goal: null, baseline: null }).status).toBe('no_target');
  });

  it('is "met" at or above the target, compared as shown to one decimal', () => {
    expect(indicatorStatus({ year: 2020, value: 100, available: true, yearTarget: null, goal, baseline: null }).status).toBe('met');
    expect(indicatorStatus({ year: 2018, value: 49.96, available: true, yearTarget: null, goal: { year: 2020, value: 50 }, baseline: null }).status).toBe('met');
    expect(indicatorStatus({ year: 2018, value: 49.94, available: true, yearTarget: null, goal: { year: 2020, value: 50 }, baseline: { year: 2018, value: 49.94 } }).status).toBe('on_track');
  });

  it('is "on track" before the end year when at or above the straight line from the baseline to the goal', () => {
    const baseline = { year: 2017, value: 40 };
    // 2017 → 40, 2018 → 60, 2019 → 80, 2020 → 100.
    expect(expectedValue(2018, baseline, goal)).toBe(60);
    expect(expectedValue(2019, baseline, goal)).toBe(80);
    const at = (year: number, value: number) => indicatorStatus({ year, value, available: true, yearTarget: null, goal, baseline });
    expect(at(2018, 60)).toEqual({ status: 'on_track', target: 100, expected: 60 });
    expect(at(2018, 59)).toEqual({ status: 'off_track', target: 100, expected: 60 });
    expect(at(2019, 85).status).toBe('on_track');
    expect(at(2019, 79.9).status).toBe('off_track');
  });

  it('is "off track" in the end year and after when the target is not met', () => {
    const baseline = { year: 2017, value: 40 };
    expect(indicatorStatus({ year: 2020, value: 99, available: true, yearTarget: null, goal, baseline })).toEqual({ status: 'off_track', target: 100, expected: 100 });
    expect(indicatorStatus({ year: 2023, value: 99, available: true, yearTarget: null, goal, baseline }).status).toBe('off_track');
  });

  it('counts the baseline year itself as on track (the line starts at its value)', () => {
    const baseline = { year: 2017, value: 30 };
    expect(indicatorStatus({ year: 2017, value: 30, available: true, yearTarget: null, goal, baseline })).toEqual({ status: 'on_track', target: 100, expected: 30 });
  });

  it('judges a year with its own target (a milestone) against it alone: met or off track', () => {
    const baseline = { year: 2017, value: 40 };
    expect(indicatorStatus({ year: 2018, value: 70, available: true, yearTarget: 70, goal, baseline })).toEqual({ status: 'met', target: 70, expected: 70 });
    // 65 is above the line (60) but below the milestone.
    expect(indicatorStatus({ year: 2018, value: 65, available: true, yearTarget: 70, goal, baseline }).status).toBe('off_track');
  });

  it('takes the first plan year with a value as the baseline', () => {
    expect(baselineOf([{ year: 2016, value: 10 }, { year: 2017, value: null }, { year: 2018, value: 55 }, { year: 2019, value: 60 }], 2017)).toEqual({ year: 2018, value: 55 });
    expect(baselineOf([{ year: 2017, value: null }], 2017)).toBeNull();
  });

  it('computes a percentage, null for an empty denominator', () => {
    expect(percent(1, 4)).toBe(25);
    expect(percent(0, 0)).toBeNull();
  });
});

describe('plan schemas', () => {
  it('accepts the seeded plan 85/KH-UBND and its indicators', () => {
    expect(PlanInput.safeParse(PLAN_85.plan).success).toBe(true);
    for (const { targets, ...indicator } of PLAN_85.indicators) {
      expect(PlanIndicatorInput.safeParse(indicator).success).toBe(true);
      expect(targets.length).toBeGreaterThan(0);
    }
    expect(PLAN_85.indicators.map((i) => [i.code, i.targets[0]?.value])).toEqual([['T1', 100], ['T2', 50], ['T3', 100], ['T4', 70], ['T5', 50]]);
  });

  it('refuses a measure that does not exist and negative targets', () => {
    const indicator = { ...PLAN_85.indicators[0], targets: undefined };
    delete indicator.targets;
    expect(PlanIndicatorInput.safeParse({ ...indicator, numeratorKey: 'cases.everything' }).success).toBe(false);
    expect(TargetsInput.safeParse({ targets: [{ year: 2020, unitId: '00000000-0000-4000-8000-000000000000', value: -1 }] }).success).toBe(false);
  });
});
