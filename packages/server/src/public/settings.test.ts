import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { DEFAULT_PUBLIC_PAGE } from './settings.js';

function settingsFile(content: unknown): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'binhan-public-')), 'public.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('BINHAN_PUBLIC_PAGE', () => {
  it('defaults to the national hotlines, 111 first for children, and a weather search for quick exit', () => {
    const config = loadConfig({});
    expect(config.publicPage).toEqual(DEFAULT_PUBLIC_PAGE);
    expect(config.publicPage.hotlines.map((h) => h.number)).toEqual(['111', '113', '115']);
    expect(config.publicPage.quickExitUrl).toMatch(/^https:\/\//);
  });

  it('takes a district’s hotlines and neutral page, keeping the defaults for the rest', () => {
    const file = settingsFile({ hotlines: [{ number: '1900 969 680', name: { vi: 'Đường dây nóng', en: 'Hotline' } }], quickExitUrl: 'https://thoitiet.example/na-ri' });
    const config = loadConfig({ BINHAN_PUBLIC_PAGE: file });
    expect(config.publicPage.hotlines).toEqual([{ number: '1900 969 680', name: { vi: 'Đường dây nóng', en: 'Hotline' }, forChildren: false }]);
    expect(config.publicPage.quickExitUrl).toBe('https://thoitiet.example/na-ri');
    expect(config.publicPage.reportsPerHour).toBe(DEFAULT_PUBLIC_PAGE.reportsPerHour);
  });

  it('refuses to start on a bad file, naming the variable and the field', () => {
    expect(() => loadConfig({ BINHAN_PUBLIC_PAGE: settingsFile('{ not json') })).toThrow(ConfigError);
    expect(() => loadConfig({ BINHAN_PUBLIC_PAGE: settingsFile({ quickExitUrl: 'javascript:alert(1)' }) })).toThrow(/BINHAN_PUBLIC_PAGE[\s\S]*quickExitUrl/);
    expect(() => loadConfig({ BINHAN_PUBLIC_PAGE: settingsFile({ hotlines: [{ number: 'gọi đi', name: { vi: 'x', en: 'x' } }] }) })).toThrow(/hotlines\.0\.number/);
    expect(() => loadConfig({ BINHAN_PUBLIC_PAGE: settingsFile({ reportsPerHour: 0 }) })).toThrow(/reportsPerHour/);
  });
});
