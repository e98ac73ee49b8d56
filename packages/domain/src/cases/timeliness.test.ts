import { describe, expect, it } from 'vitest';
import {
  computeT1,
  DEFAULT_TIME_LIMITS,
  firstInterventionDueAt,
  isOverdue,
  isTimely,
  TimeLimitsConfig,
  type T1CaseRecord,
} from './timeliness.js';

const L = DEFAULT_TIME_LIMITS;
const detected = '2024-05-24T01:00:00Z';

describe('firstInterventionDueAt', () => {
  it('adds the limit of the risk level', () => {
    expect(firstInterventionDueAt(detected, 'critical', L)).toBe('2024-05-24T03:00:00.000Z');
    expect(firstInterventionDueAt(detected, 'high', L)).toBe('2024-05-24T13:00:00.000Z');
    expect(firstInterventionDueAt(detected, 'medium', L)).toBe('2024-05-25T01:00:00.000Z');
    expect(firstInterventionDueAt(detected, 'low', L)).toBe('2024-05-25T01:00:00.000Z');
  });

  it('uses the "unassessed" limit before any assessment', () => {
    expect(firstInterventionDueAt(detected, null, L)).toBe('2024-05-25T01:00:00.000Z');
    expect(firstInterventionDueAt(detected, null, { ...L, unassessed: 2 })).toBe('2024-05-24T03:00:00.000Z');
  });

  it('reads times given in Vietnam time and answers in UTC', () => {
    expect(firstInterventionDueAt('2024-05-24T08:00:00+07:00', 'critical', L)).toBe('2024-05-24T03:00:00.000Z');
  });

  it('uses configured limits', () => {
    expect(firstInterventionDueAt(detected, 'critical', { ...L, critical: 0.5 })).toBe('2024-05-24T01:30:00.000Z');
  });

  it('refuses a time without a time zone', () => {
    expect(() => firstInterventionDueAt('2024-05-24T01:00:00', 'high', L)).toThrow(RangeError);
    expect(() => firstInterventionDueAt('2024-05-24', 'high', L)).toThrow(RangeError);
  });
});

describe('isTimely', () => {
  it('counts an intervention exactly at the limit as on time, one second later as late', () => {
    expect(isTimely(detected, '2024-05-24T03:00:00Z', 'critical', L)).toBe(true);
    expect(isTimely(detected, '2024-05-24T03:00:01Z', 'critical', L)).toBe(false);
    expect(isTimely(detected, '2024-05-24T13:00:00Z', 'high', L)).toBe(true);
    expect(isTimely(detected, '2024-05-24T13:00:01Z', 'high', L)).toBe(false);
    expect(isTimely(detected, '2024-05-25T01:00:00Z', 'low', L)).toBe(true);
    expect(isTimely(detected, '2024-05-25T01:00:01Z', 'low', L)).toBe(false);
  });

  it('compares instants, not clock readings, across time zones', () => {
    expect(isTimely(detected, '2024-05-24T10:00:00+07:00', 'critical', L)).toBe(true);
    expect(isTimely(detected, '2024-05-24T10:00:01+07:00', 'critical', L)).toBe(false);
  });

  it('is false without an intervention', () => {
    expect(isTimely(detected, null, 'low', L)).toBe(false);
  });

  it('is true for an intervention recorded at or before detection', () => {
    expect(isTimely(detected, detected, 'critical', L)).toBe(true);
    expect(isTimely(detected, '2024-05-24T00:30:00Z', 'critical', L)).toBe(true);
  });
});

describe('isOverdue', () => {
  it('flags a case without intervention once its limit has passed', () => {
    expect(isOverdue(detected, null, 'critical', '2024-05-24T03:00:00Z', L)).toBe(false);
    expect(isOverdue(detected, null, 'critical', '2024-05-24T03:00:01Z', L)).toBe(true);
    expect(isOverdue(detected, null, 'high', '2024-05-24T03:00:01Z', L)).toBe(false);
  });

  it('never flags a case that had its intervention, even a late one', () => {
    expect(isOverdue(detected, '2024-05-24T09:00:00Z', 'critical', '2024-05-26T00:00:00Z', L)).toBe(false);
  });
});

describe('computeT1', () => {
  const period = { start: '2024-01-01T00:00:00Z', end: '2024-07-01T00:00:00Z' };
  const on = (overrides: Partial<T1CaseRecord>): T1CaseRecord => ({
    detectedAt: '2024-03-01T00:00:00Z',
    riskLevel: 'high',
    firstInterventionAt: '2024-03-01T02:00:00Z',
    hasServiceOrReferral: true,
    ...overrides,
  });

  it('is null, not 0 %, without cases', () => {
    expect(computeT1([], period, L)).toEqual({ numerator: 0, denominator: 0, value: null });
  });

  it('counts survivors detected in the period and those helped on time', () => {
    const cases = [
      on({}),
      on({ riskLevel: 'critical', firstInterventionAt: '2024-03-01T02:00:00Z' }),
      on({ riskLevel: 'critical', firstInterventionAt: '2024-03-01T02:00:01Z' }),
      on({ firstInterventionAt: null }),
    ];
    expect(computeT1(cases, period, L)).toEqual({ numerator: 2, denominator: 4, value: 50 });
  });

  it('needs a service or referral as well as a timely intervention', () => {
    expect(computeT1([on({ hasServiceOrReferral: false })], period, L)).toEqual({ numerator: 0, denominator: 1, value: 0 });
  });

  it('includes the start of the period and excludes its end', () => {
    const cases = [
      on({ detectedAt: '2023-12-31T23:59:59Z', firstInterventionAt: '2024-01-01T00:00:00Z' }),
      on({ detectedAt: '2024-01-01T00:00:00Z', firstInterventionAt: '2024-01-01T01:00:00Z' }),
      on({ detectedAt: '2024-06-30T23:59:59Z', firstInterventionAt: '2024-07-01T01:00:00Z' }),
      on({ detectedAt: '2024-07-01T00:00:00Z', firstInterventionAt: '2024-07-01T01:00:00Z' }),
    ];
    expect(computeT1(cases, period, L)).toEqual({ numerator: 2, denominator: 2, value: 100 });
  });

  it('places a case by its instant: 06:00 in Vietnam on 1 January is still 2023 in UTC', () => {
    const result = computeT1([on({ detectedAt: '2024-01-01T06:00:00+07:00', firstInterventionAt: '2024-01-01T07:00:00+07:00' })], period, L);
    expect(result.denominator).toBe(0);
  });

  it('gives an unrounded percentage', () => {
    const result = computeT1([on({}), on({}), on({ firstInterventionAt: null })], period, L);
    expect(result.value).toBeCloseTo(66.6667, 3);
  });

  it('applies configured limits', () => {
    const late = on({ riskLevel: 'high', firstInterventionAt: '2024-03-01T06:00:00Z' });
    expect(computeT1([late], period, L).numerator).toBe(1);
    expect(computeT1([late], period, { ...L, high: 4 }).numerator).toBe(0);
  });

  it('counts an unassessed case with the unassessed limit', () => {
    const unassessed = on({ riskLevel: null, firstInterventionAt: '2024-03-01T20:00:00Z' });
    expect(computeT1([unassessed], period, L).numerator).toBe(1);
  });

  it('refuses a period that does not move forward', () => {
    expect(() => computeT1([], { start: period.end, end: period.start }, L)).toThrow(RangeError);
    expect(() => computeT1([], { start: period.start, end: period.start }, L)).toThrow(RangeError);
  });
});

describe('TimeLimitsConfig', () => {
  it('accepts the defaults and refuses a zero or missing limit', () => {
    expect(TimeLimitsConfig.safeParse(DEFAULT_TIME_LIMITS).success).toBe(true);
    expect(TimeLimitsConfig.safeParse({ ...DEFAULT_TIME_LIMITS, critical: 0 }).success).toBe(false);
    const missing: Record<string, number> = { ...DEFAULT_TIME_LIMITS };
    delete missing.unassessed;
    expect(TimeLimitsConfig.safeParse(missing).success).toBe(false);
  });

  it('has the DOMAIN.md defaults: critical 2 h, high 12 h, other 24 h', () => {
    expect(DEFAULT_TIME_LIMITS).toEqual({ critical: 2, high: 12, medium: 24, low: 24, unassessed: 24 });
  });
});
