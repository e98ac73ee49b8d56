import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, sessionIdleMinutes: 30, sessionAbsoluteHours: 12, trustProxy: false });
    expect(config.totpRoles).toContain('commune_officer');
    expect(config.totpRoles).not.toContain('statistician');
  });

  it('reads the trusted proxy as hops or addresses, and refuses anything else naming the variable', () => {
    expect(loadConfig({ BINHAN_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ BINHAN_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(loadConfig({ BINHAN_TRUST_PROXY: 'no' }).trustProxy).toBe(false);
    expect(() => loadConfig({ BINHAN_TRUST_PROXY: 'everyone' })).toThrow(/BINHAN_TRUST_PROXY/);
  });

  it('names every variable at fault', () => {
    try {
      loadConfig({ PORT: 'abc', BINHAN_TOTP_ROLES: 'chief', DATABASE_URL: 'mysql://x' });
      expect.unreachable('loadConfig accepted bad values');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/BINHAN_TOTP_ROLES: unknown role\(s\): chief/);
      expect(message).toMatch(/DATABASE_URL/);
    }
  });

  it('reads the district’s case rules from BINHAN_CASE_SETTINGS and refuses a broken file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'binhan-settings-'));
    const good = path.join(dir, 'good.json');
    fs.writeFileSync(good, JSON.stringify({ timeLimits: { critical: 1, high: 6, medium: 24, low: 48, unassessed: 12 } }));
    const settings = loadConfig({ BINHAN_CASE_SETTINGS: good }).caseSettings;
    expect(settings.timeLimits.critical).toBe(1);
    expect(settings.riskChecklist.items.length).toBeGreaterThan(5);
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ timeLimits: { critical: -2 } }));
    expect(() => loadConfig({ BINHAN_CASE_SETTINGS: bad })).toThrow(/BINHAN_CASE_SETTINGS: .*timeLimits/s);
    expect(() => loadConfig({ BINHAN_CASE_SETTINGS: path.join(dir, 'missing.json') })).toThrow(/BINHAN_CASE_SETTINGS: cannot read/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
