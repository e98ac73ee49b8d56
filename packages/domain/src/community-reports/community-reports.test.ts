import { describe, expect, it } from 'vitest';
import {
  CommunityReportInput, communityReportIssues, contactOrNone, DETECTION_SOURCE_OF_RELATION, formatReportReference, parseReportReference,
  REPORT_CLOSE_REASON_LABELS, REPORT_CONCERN_LABELS, REPORT_REFERENCE_ALPHABET, REPORTER_RELATIONS, reportCloseIssues, suggestedDetectionSource,
} from '../index.js';

const UNIT = '0190f5a2-7b3c-7d4e-8f90-123456789abc';
const parse = (input: Record<string, unknown>) => CommunityReportInput.parse({ unitId: UNIT, ...input });

describe('community report rules', () => {
  it('asks for something that happened: a choice or a few words', () => {
    expect(communityReportIssues(parse({}))).toEqual([{ path: 'concerns', code: 'REPORT_CONTENT_REQUIRED' }]);
    expect(communityReportIssues(parse({ description: '   ' }))).toEqual([{ path: 'concerns', code: 'REPORT_CONTENT_REQUIRED' }]);
    expect(communityReportIssues(parse({ concerns: ['beating'] }))).toEqual([]);
    expect(communityReportIssues(parse({ description: 'Nghe tiếng kêu cứu' }))).toEqual([]);
  });

  it('needs a phone number only for ways that use one, and a number that looks like one', () => {
    expect(communityReportIssues(parse({ concerns: ['other'], contact: { ways: ['sms'] } }))).toEqual([{ path: 'contact.phone', code: 'REPORT_PHONE_REQUIRED' }]);
    expect(communityReportIssues(parse({ concerns: ['other'], contact: { ways: ['via_trusted_person'], note: 'Nhờ chị Lan' } }))).toEqual([]);
    expect(communityReportIssues(parse({ concerns: ['other'], contact: { phone: '<b>1</b>' } }))).toEqual([{ path: 'contact.phone', code: 'REPORT_PHONE_FORMAT' }]);
    expect(communityReportIssues(parse({ concerns: ['other'], contact: { phone: '+84 912 345 678', ways: ['phone_call'] } }))).toEqual([]);
  });

  it('treats an all-empty contact as none', () => {
    expect(contactOrNone(parse({ contact: { ways: [] } }).contact)).toBeUndefined();
    expect(contactOrNone(parse({ contact: { safeTime: 'sáng' } }).contact)).toMatchObject({ safeTime: 'sáng' });
  });

  it('defaults what a reporter may not know to "not sure" and refuses unknown fields and oversized text', () => {
    expect(parse({ concerns: ['beating'] })).toMatchObject({ occurredWhen: 'not_sure', inDangerNow: 'not_sure', childInvolved: 'not_sure' });
    expect(CommunityReportInput.safeParse({ unitId: UNIT, caseId: UNIT }).success).toBe(false);
    expect(CommunityReportInput.safeParse({ unitId: UNIT, description: 'x'.repeat(3001) }).success).toBe(false);
  });

  it('asks for a note when a close reason says too little', () => {
    expect(reportCloseIssues({ reason: 'other' })).toEqual([{ path: 'note', code: 'REPORT_CLOSE_NOTE_REQUIRED' }]);
    expect(reportCloseIssues({ reason: 'not_violence' })).toEqual([]);
  });
});

describe('report references', () => {
  it('reads a reference however it is typed, and refuses look-alike characters', () => {
    expect(formatReportReference('KX3V4WMG')).toBe('KX3V-4WMG');
    expect(parseReportReference('kx3v 4wmg')).toBe('KX3V4WMG');
    expect(parseReportReference('KX3V-4WMG')).toBe('KX3V4WMG');
    expect(parseReportReference('KX3V-4WM0')).toBeNull();
    expect(parseReportReference('KX3V')).toBeNull();
    for (const ch of '01ILO') expect(REPORT_REFERENCE_ALPHABET).not.toContain(ch);
  });
});

describe('labels and detection sources', () => {
  it('suggests a detection source for every kind of reporter, an anonymous report when unknown', () => {
    for (const relation of REPORTER_RELATIONS) expect(DETECTION_SOURCE_OF_RELATION[relation]).toBeDefined();
    expect(suggestedDetectionSource(undefined)).toBe('anonymous_report');
    expect(suggestedDetectionSource('teacher')).toBe('school');
  });

  it('labels every code in Vietnamese and English', () => {
    for (const table of [REPORT_CONCERN_LABELS, REPORT_CLOSE_REASON_LABELS]) {
      for (const label of Object.values(table)) {
        expect(label.vi.length).toBeGreaterThan(0);
        expect(label.en.length).toBeGreaterThan(0);
      }
    }
  });
});
