// Finding 6 of the outside probe: X-Frame-Options: SAMEORIGIN contradicted frame-ancestors 'none'. Every
// kind of answer now refuses framing both ways.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';

describe.each(DATABASES)('framing headers on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.close());

  it.each(['/', '/bao-tin', '/api/health', '/api/docs/', '/api/cases', '/api/no-such-route'])('refuses to be framed on %s, with X-Frame-Options and frame-ancestors agreeing', async (url) => {
    const response = await t.inject({ method: 'GET', url });
    expect(response.headers['x-frame-options']).toBe('DENY');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });
});
