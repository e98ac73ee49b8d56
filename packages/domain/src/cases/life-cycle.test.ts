import { describe, expect, it } from 'vitest';
import {
  canTransition,
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  CASE_TRANSITIONS,
  checkMeasureDuration,
  CLOSURE_REASON_LABELS,
  CLOSURE_REASONS,
  CLOSURE_REASONS_NEEDING_NOTE,
  DEFAULT_MEASURE_LIMITS,
  DETECTION_SOURCE_LABELS,
  DETECTION_SOURCES,
  formatCaseCode,
  isMeasureActive,
  isOpenStatus,
  MEASURE_ISSUER_LABELS,
  MEASURE_ISSUERS,
  MEASURE_STATUS_LABELS,
  MEASURE_STATUSES,
  MeasureLimitsConfig,
  measureDecisionDueAt,
  measureNeedsEnd,
  parseCaseCode,
  PROTECTION_MEASURE_LABELS,
  PROTECTION_MEASURE_TYPES,
  SUPPORT_SERVICE_TYPE_LABELS,
  SUPPORT_SERVICE_TYPES,
  type CaseStatus,
} from './life-cycle.js';

describe('case status life cycle', () => {
  it('moves forward one step at a time', () => {
    const path: CaseStatus[] = ['reported', 'assessed', 'support_plan', 'in_support', 'follow_up', 'closed'];
    for (let i = 0; i + 1 < path.length; i++) expect(canTransition(path[i]!, path[i + 1]!)).toBe(true);
  });

  it('does not skip steps or stay in place', () => {
    expect(canTransition('reported', 'support_plan')).toBe(false);
    expect(canTransition('reported', 'in_support')).toBe(false);
    expect(canTransition('assessed', 'follow_up')).toBe(false);
    for (const s of CASE_STATUSES) expect(canTransition(s, s)).toBe(false);
  });

  it('lets the plan be revised and new needs reopen support', () => {
    expect(canTransition('in_support', 'support_plan')).toBe(true);
    expect(canTransition('follow_up', 'in_support')).toBe(true);
    expect(canTransition('follow_up', 'assessed')).toBe(false);
  });

  it('closes any open case and reopens a closed one at "reported"', () => {
    for (const s of CASE_STATUSES.filter(isOpenStatus)) expect(canTransition(s, 'closed')).toBe(true);
    expect(CASE_TRANSITIONS.closed).toEqual(['reported']);
    expect(isOpenStatus('closed')).toBe(false);
  });

  it('labels statuses and closure reasons in both languages', () => {
    for (const s of CASE_STATUSES) expect(CASE_STATUS_LABELS[s].vi.length).toBeGreaterThan(0);
    for (const r of CLOSURE_REASONS) expect(CLOSURE_REASON_LABELS[r].en.length).toBeGreaterThan(0);
    expect(CLOSURE_REASONS_NEEDING_NOTE).toContain('other');
  });
});

describe('case codes', () => {
  it('formats <unit code>-<year>-<sequence> with a padded sequence', () => {
    expect(formatCaseCode('02155', 2024, 7)).toBe('02155-2024-0007');
    expect(formatCaseCode('02155', 2024, 12345)).toBe('02155-2024-12345');
  });

  it('parses a code back, even when the unit code has dashes', () => {
    expect(parseCaseCode('02155-2024-0007')).toEqual({ unitCode: '02155', year: 2024, sequence: 7 });
    expect(parseCaseCode('NR-01-2025-0012')).toEqual({ unitCode: 'NR-01', year: 2025, sequence: 12 });
    expect(parseCaseCode(formatCaseCode('x.y', 2030, 1))).toEqual({ unitCode: 'x.y', year: 2030, sequence: 1 });
  });

  it('refuses malformed codes and arguments', () => {
    expect(parseCaseCode('02155-24-0007')).toBeNull();
    expect(parseCaseCode('2024-0007')).toBeNull();
    expect(parseCaseCode('02155-2024-0000')).toBeNull();
    expect(() => formatCaseCode('02155', 24, 1)).toThrow(RangeError);
    expect(() => formatCaseCode('02155', 2024, 0)).toThrow(RangeError);
    expect(() => formatCaseCode('02155', 2024, 1.5)).toThrow(RangeError);
  });
});

describe('code lists of DOMAIN.md §4', () => {
  it('lists the detection sources', () => {
    expect(DETECTION_SOURCES).toHaveLength(12);
    for (const s of DETECTION_SOURCES) expect(DETECTION_SOURCE_LABELS[s].vi.length).toBeGreaterThan(0);
  });

  it('lists the support services', () => {
    expect(SUPPORT_SERVICE_TYPES).toHaveLength(9);
    expect(SUPPORT_SERVICE_TYPE_LABELS.temporary_shelter.vi).toContain('địa chỉ tin cậy');
  });

  it('lists the protection measures of Art. 22(1) with their points a–l', () => {
    expect(PROTECTION_MEASURE_TYPES.map((t) => PROTECTION_MEASURE_LABELS[t].point).join('')).toBe('abcdđeghikl');
    expect(PROTECTION_MEASURE_LABELS.no_contact.vi).toBe('Cấm tiếp xúc');
    expect(PROTECTION_MEASURE_LABELS.community_criticism.vi).toBe('Góp ý, phê bình người có hành vi bạo lực gia đình trong cộng đồng dân cư');
    for (const i of MEASURE_ISSUERS) expect(MEASURE_ISSUER_LABELS[i].vi.length).toBeGreaterThan(0);
    for (const s of MEASURE_STATUSES) expect(MEASURE_STATUS_LABELS[s].vi.length).toBeGreaterThan(0);
  });
});

describe('checkMeasureDuration', () => {
  const start = '2024-05-24T03:00:00Z';

  it('allows a commune chairman’s no-contact order of exactly 3 days, not a second more', () => {
    expect(checkMeasureDuration('no_contact', 'commune_chairman', start, '2024-05-27T03:00:00Z')).toBeNull();
    expect(checkMeasureDuration('no_contact', 'commune_chairman', start, '2024-05-27T03:00:01Z')).toBe('measure_too_long');
    expect(checkMeasureDuration('no_contact', 'commune_chairman', start, '2024-05-25T03:00:00Z')).toBeNull();
  });

  it('allows a court’s no-contact order of exactly 4 months, not a second more', () => {
    expect(checkMeasureDuration('no_contact', 'court', start, '2024-09-24T03:00:00Z')).toBeNull();
    expect(checkMeasureDuration('no_contact', 'court', start, '2024-09-24T03:00:01Z')).toBe('measure_too_long');
  });

  it('counts 4 months from 31 October to the end of February', () => {
    expect(checkMeasureDuration('no_contact', 'court', '2023-10-31T03:00:00Z', '2024-02-29T03:00:00Z')).toBeNull();
    expect(checkMeasureDuration('no_contact', 'court', '2023-10-31T03:00:00Z', '2024-03-01T03:00:00Z')).toBe('measure_too_long');
  });

  it('refuses an end before the start', () => {
    expect(checkMeasureDuration('no_contact', 'court', start, '2024-05-24T02:59:59Z')).toBe('measure_end_before_start');
    expect(checkMeasureDuration('medical_care', 'service_provider', start, '2024-05-24T02:59:59Z')).toBe('measure_end_before_start');
  });

  it('lets only the commune chairman and a court order no contact', () => {
    expect(checkMeasureDuration('no_contact', 'commune_police', start, '2024-05-25T03:00:00Z')).toBe('measure_issuer_not_allowed');
    expect(checkMeasureDuration('no_contact', 'other', start, '2024-05-25T03:00:00Z')).toBe('measure_issuer_not_allowed');
  });

  it('sets no maximum for measures without a legal term', () => {
    expect(checkMeasureDuration('behaviour_change_education', 'commune_police', start, '2026-05-24T03:00:00Z')).toBeNull();
  });

  it('uses configured limits', () => {
    const limits = [{ type: 'no_contact' as const, issuer: 'commune_chairman' as const, maxDuration: { hours: 120 } }];
    expect(checkMeasureDuration('no_contact', 'commune_chairman', start, '2024-05-28T03:00:00Z', limits)).toBeNull();
    expect(checkMeasureDuration('no_contact', 'court', start, '2024-05-28T03:00:00Z', limits)).toBe('measure_issuer_not_allowed');
    expect(checkMeasureDuration('no_contact', 'court', start, '2025-05-28T03:00:00Z', [])).toBeNull();
  });

  it('knows which measures must have an end', () => {
    expect(measureNeedsEnd('no_contact')).toBe(true);
    expect(measureNeedsEnd('medical_care')).toBe(false);
  });

  it('accepts the default limits as configuration', () => {
    expect(MeasureLimitsConfig.safeParse(DEFAULT_MEASURE_LIMITS).success).toBe(true);
    expect(MeasureLimitsConfig.safeParse([{ type: 'no_contact', issuer: 'court', maxDuration: { days: 3 } }]).success).toBe(false);
  });
});

describe('measure deadlines and activity', () => {
  it('gives the commune chairman 12 hours to decide on no contact', () => {
    expect(measureDecisionDueAt('no_contact', 'commune_chairman', '2024-05-24T03:00:00Z')).toBe('2024-05-24T15:00:00.000Z');
    expect(measureDecisionDueAt('no_contact', 'court', '2024-05-24T03:00:00Z')).toBeNull();
    expect(measureDecisionDueAt('medical_care', 'service_provider', '2024-05-24T03:00:00Z')).toBeNull();
  });

  it('shows an order as active only while in effect and within its term', () => {
    const order = { status: 'in_effect' as const, startsAt: '2024-05-24T03:00:00Z', endsAt: '2024-05-27T03:00:00Z' };
    expect(isMeasureActive(order, '2024-05-24T02:59:59Z')).toBe(false);
    expect(isMeasureActive(order, '2024-05-24T03:00:00Z')).toBe(true);
    expect(isMeasureActive(order, '2024-05-27T03:00:00Z')).toBe(true);
    expect(isMeasureActive(order, '2024-05-27T03:00:01Z')).toBe(false);
    expect(isMeasureActive({ ...order, status: 'breached' }, '2024-05-25T00:00:00Z')).toBe(true);
    expect(isMeasureActive({ ...order, status: 'revoked' }, '2024-05-25T00:00:00Z')).toBe(false);
    expect(isMeasureActive({ ...order, status: 'requested' }, '2024-05-25T00:00:00Z')).toBe(false);
    expect(isMeasureActive({ ...order, endsAt: null }, '2030-01-01T00:00:00Z')).toBe(true);
  });
});
