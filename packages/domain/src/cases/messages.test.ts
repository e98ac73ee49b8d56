import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISSUE_MESSAGES } from '../i18n/errors.js';
import { CASE_ISSUE_MESSAGES, isCaseIssueKey } from './messages.js';

const vi: Record<string, string> = CASE_ISSUE_MESSAGES.vi;
const en: Record<string, string> = CASE_ISSUE_MESSAGES.en;

describe('CASE_ISSUE_MESSAGES', () => {
  it('has the same keys in Vietnamese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('has a text for every key, NFC-normalised', () => {
    for (const text of [...Object.values(vi), ...Object.values(en)]) {
      expect(text.trim().length).toBeGreaterThan(0);
      expect(text).toBe(text.normalize('NFC'));
    }
  });

  it('does not redefine a key of the shared catalogue', () => {
    for (const key of Object.keys(vi)) expect(key in ISSUE_MESSAGES.vi).toBe(false);
  });

  it('has no key that the case module never raises', () => {
    const dir = new URL('.', import.meta.url);
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'messages.ts')
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n');
    const unused = Object.keys(vi).filter((key) => key !== 'case_transition_not_allowed' && !source.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });

  it('recognises its keys', () => {
    expect(isCaseIssueKey('cccd_format')).toBe(true);
    expect(isCaseIssueKey('toString')).toBe(false);
    expect(isCaseIssueKey('required')).toBe(false);
  });
});
