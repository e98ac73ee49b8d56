// The installable app: once opened online, the service worker holds the app shell, so a reload with the
// network cut still shows the app (not the browser's offline page), while API answers — personal
// data — are never kept by the worker and fail offline.
import { describe, expect, it } from 'vitest';
import { newPage, screenshot, useServerAndBrowser } from './support.js';

interface ManifestIcon { src: string; sizes: string; type: string; purpose?: string }
interface Manifest { name: string; short_name: string; lang: string; start_url: string; scope: string; display: string; theme_color: string; background_color: string; icons: ManifestIcon[] }

describe('installable app', () => {
  const env = useServerAndBrowser();

  it('installs its service worker online, then opens the app shell offline without caching API answers', async () => {
    const { baseUrl } = env.server;
    const { context, page } = await newPage(env.browser, 'phone');
    await page.goto(`${baseUrl}/app/`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();

    // The worker is installed, active and controls the page (clients.claim; a reload if it was late).
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const controlled = await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 5_000 }).then(() => true, () => false);
    if (!controlled) {
      await page.reload();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    }
    const registration = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return { scope: reg?.scope ?? null, script: reg?.active?.scriptURL ?? null };
    });
    expect(registration).toEqual({ scope: `${baseUrl}/app/`, script: `${baseUrl}/app/sw.js` });

    // The manifest is linked, parses, and its icons are real PNGs of the announced sizes.
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(manifestHref).toBe('/app/manifest.webmanifest');
    const manifestResponse = await page.request.get(`${baseUrl}/app/manifest.webmanifest`);
    expect(manifestResponse.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = (await manifestResponse.json()) as Manifest;
    expect(manifest).toMatchObject({ name: 'Bình An', short_name: 'Bình An', lang: 'vi', start_url: '/app/', scope: '/app/', display: 'standalone' });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe(manifest.theme_color);
    expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    const iconSizes = await page.evaluate(async (icons) => Promise.all(icons.map(async (icon) => {
      const response = await fetch(new URL(icon.src, `${location.origin}/app/manifest.webmanifest`));
      const bitmap = await createImageBitmap(await response.blob());
      return `${response.headers.get('content-type')} ${bitmap.width}x${bitmap.height}`;
    })), manifest.icons);
    expect(iconSizes).toEqual(['image/png 192x192', 'image/png 512x512', 'image/png 512x512']);
    expect(await page.locator('link[rel="apple-touch-icon"]').count()).toBe(1);

    const sw = await page.request.get(`${baseUrl}/app/sw.js`);
    expect(sw.headers()['cache-control']).toBe('no-cache');
    expect(sw.headers()['service-worker-allowed']).toBe('/app/');

    // The API was called online (the sign-in page asks who is signed in), and nothing of it was kept.
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    expect(cached).toContain('/app/index.html');
    expect(cached).toContain('/app/manifest.webmanifest');
    expect(cached.some((url) => url.startsWith('/app/assets/') && url.endsWith('.js'))).toBe(true);
    expect(cached.filter((url) => url.startsWith('/api'))).toEqual([]);

    // Network cut: a reload still opens the app, served by the worker.
    await context.setOffline(true);
    const offline = await page.reload();
    expect(offline?.fromServiceWorker()).toBe(true);
    expect(page.url()).toBe(`${baseUrl}/app/login`);
    await page.waitForFunction(() => (document.getElementById('root')?.innerText.trim().length ?? 0) > 0);
    expect(await page.title()).toBe('Bình An');
    // A deep link too: any route of the app opens the same shell.
    const deepLink = await page.goto(`${baseUrl}/app/cases`);
    expect(deepLink?.fromServiceWorker()).toBe(true);
    await page.waitForFunction(() => (document.getElementById('root')?.innerText.trim().length ?? 0) > 0);
    // Past the first loading state: whatever the app shows without a connection, it is the app's own page.
    await page.getByText('Đang tải…').waitFor({ state: 'hidden', timeout: 15_000 });
    await screenshot(page, 'pwa-offline-shell');

    // API answers are not served from the worker's cache: offline they fail.
    const apiOffline = await page.evaluate(async () => fetch('/api/me').then((response) => `answered ${response.status}`, () => 'rejected'));
    expect(apiOffline).toBe('rejected');
    // And the network is truly cut for what the worker does not hold.
    const publicPage = await page.evaluate(async () => fetch('/').then((response) => `answered ${response.status}`, () => 'rejected'));
    expect(publicPage).toBe('rejected');

    await context.setOffline(false);
    await context.close();
  });
});
