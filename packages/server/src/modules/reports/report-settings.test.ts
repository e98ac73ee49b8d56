import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';

function settingsFile(content: unknown): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'binhan-report-settings-')), 'reports.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('report settings (BINHAN_REPORT_SETTINGS)', () => {
  it('defaults to the cut-off dates of Decree 09/2019 and a threshold of 5', () => {
    expect(loadConfig({}).reportSettings).toEqual({ firstHalfCutOff: '06-14', yearCutOff: '12-14', smallCellThreshold: 5, firstYear: 2017, districtsAbolishedOn: '2025-07-01' });
  });

  it('takes calendar periods and another threshold from the file, keeping defaults for the rest', () => {
    const config = loadConfig({ BINHAN_REPORT_SETTINGS: settingsFile({ firstHalfCutOff: '06-30', yearCutOff: '12-31', smallCellThreshold: 10, districtsAbolishedOn: '2026-01-01' }) });
    expect(config.reportSettings).toEqual({ firstHalfCutOff: '06-30', yearCutOff: '12-31', smallCellThreshold: 10, firstYear: 2017, districtsAbolishedOn: '2026-01-01' });
  });

  it('stops with a message naming the variable and the field', () => {
    expect(() => loadConfig({ BINHAN_REPORT_SETTINGS: settingsFile({ yearCutOff: '02-30' }) })).toThrow(ConfigError);
    expect(() => loadConfig({ BINHAN_REPORT_SETTINGS: settingsFile({ yearCutOff: '02-30' }) })).toThrow(/BINHAN_REPORT_SETTINGS.*\n.*yearCutOff/);
    expect(() => loadConfig({ BINHAN_REPORT_SETTINGS: settingsFile('{not json') })).toThrow(/BINHAN_REPORT_SETTINGS: cannot read/);
    expect(() => loadConfig({ BINHAN_REPORT_SETTINGS: settingsFile({ districtsAbolishedOn: '1/7/2025' }) })).toThrow(/districtsAbolishedOn/);
  });
});
