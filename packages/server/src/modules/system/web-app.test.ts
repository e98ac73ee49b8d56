// The staff app served at /app/ from a build directory: the installable-app files (service worker and
// manifest) with the headers a browser needs, long caching for hashed assets only, the client-side
// routes falling back to index.html, and a Content-Security-Policy that allows the worker and manifest.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';

function cspDirectives(header: unknown): Map<string, string[]> {
  return new Map(String(header).split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name = '', ...values] = d.split(/\s+/);
    return [name, values] as const;
  }));
}

describe.each(DATABASES)('the staff web app on %s', (kind) => {
  let t: TestApp;
  let dist: string;

  beforeAll(async () => {
    // A small build of the app, laid out as Vite writes it.
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'binhan-web-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.mkdirSync(path.join(dist, 'icons'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="vi"><head><link rel="manifest" href="/app/manifest.webmanifest"></head><body><div id="root"></div></body></html>');
    fs.writeFileSync(path.join(dist, 'sw.js'), "'use strict';\nself.addEventListener('fetch', () => {});\n");
    fs.writeFileSync(path.join(dist, 'manifest.webmanifest'), JSON.stringify({ name: 'Bình An', start_url: '/app/', scope: '/app/', icons: [] }));
    fs.writeFileSync(path.join(dist, 'assets', 'index-Abc123.js'), 'export {};\n');
    fs.writeFileSync(path.join(dist, 'icons', 'icon-192.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
    t = await createTestApp(kind, { webDistDir: dist });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('serves the service worker uncached as JavaScript, allowed to control /app/', async () => {
    const response = await t.inject({ method: 'GET', url: '/app/sw.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/javascript/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['service-worker-allowed']).toBe('/app/');
    expect(response.body).toContain("addEventListener('fetch'");
  });

  it('serves the manifest as application/manifest+json, revalidated on every use', async () => {
    const response = await t.inject({ method: 'GET', url: '/app/manifest.webmanifest' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.json()).toMatchObject({ name: 'Bình An', start_url: '/app/', scope: '/app/' });
    expect(response.headers['service-worker-allowed']).toBeUndefined();
  });

  it('caches hashed assets for a year, icons not, and answers client-side routes with index.html', async () => {
    const asset = await t.inject({ method: 'GET', url: '/app/assets/index-Abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['service-worker-allowed']).toBeUndefined();
    const icon = await t.inject({ method: 'GET', url: '/app/icons/icon-192.png' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toBe('image/png');
    expect(icon.headers['cache-control']).toBe('no-cache');
    for (const url of ['/app', '/app/', '/app/cases/123']) {
      const page = await t.inject({ method: 'GET', url });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.body).toContain('<div id="root">');
    }
    expect((await t.inject({ method: 'GET', url: '/app/assets/missing-XYZ.js' })).statusCode).toBe(404);
  });

  it('lets the app register its worker and read its manifest, and keeps scripts to its own origin', async () => {
    const csp = cspDirectives((await t.inject({ method: 'GET', url: '/app/' })).headers['content-security-policy']);
    expect(csp.get('worker-src')).toEqual(["'self'"]);
    expect(csp.get('manifest-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
  });
});
