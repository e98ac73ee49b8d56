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
});
