// Journey 9 (a neighbour on the public page, on a cheap phone): the page and the report form work with
// JavaScript turned off; quick exit by the button and by Shift pressed three times blanks the page before
// the neutral site arrives and leaves no way Back. Screenshots at 360 px, in Vietnamese.
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { newId } from '../packages/server/src/lib/ids.js';
import { CHROMIUM, launchBrowser, SCREENSHOTS, screenshot, startServer, type RunningServer } from './support.js';

const NEUTRAL = 'https://neutral.example/thoi-tiet';
const START = 'https://start.example/';

/** A phone-sized context like newPage's, with JavaScript on or off; only the local server and two stand-in sites answer. */
async function phone(browser: Browser, javaScriptEnabled: boolean, size: 'phone' | 'desktop' = 'phone'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: size === 'phone' ? { width: 360, height: 740 } : { width: 1280, height: 800 },
    locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', javaScriptEnabled,
    ...(size === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  await context.route(/^(?!http:\/\/localhost:\d+\/)/, (route) => route.abort());
  // The neutral site answers slowly, so the test can see the page blanked before it arrives.
  await context.route((url) => url.href.startsWith(NEUTRAL), async (route: Route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Thời tiết</title><h1>Dự báo thời tiết</h1>' });
  });
  await context.route(START, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Trang khác</title><p>Trang khác</p>' }));
  context.setDefaultTimeout(10_000);
  return { context, page: await context.newPage() };
}

interface Seen { display: string; title: string; url: string }

/** Record, from inside the page, how it looks the moment quick exit starts (before any navigation). */
async function watchHiding(page: Page): Promise<Seen[]> {
  const seen: Seen[] = [];
  await page.exposeFunction('reportHiding', (state: Seen) => {
    seen.push(state);
  });
  await page.evaluate(() => {
    const root = document.documentElement;
    const observer = new MutationObserver(() => {
      if (!root.classList.contains('exiting')) return;
      observer.disconnect();
      // The title is cleared right after the class is set; wait for that task to finish.
      setTimeout(() => {
        void (window as unknown as { reportHiding: (s: Seen) => Promise<void> }).reportHiding({ display: getComputedStyle(document.body).display, title: document.title, url: location.href });
      }, 0);
    });
    observer.observe(root, { attributes: true, attributeFilter: ['class'] });
  });
  return seen;
}

describe('the public page on a phone', () => {
  // The public pages are served by the server alone, so this journey does not need the staff app built.
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is required for the browser tests at ${CHROMIUM}`);
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const env = {
    get server() {
      if (!server) throw new Error('the server is not started yet');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not started yet');
      return browser;
    },
  };

  const prepare = async () => {
    const { deps } = env.server;
    deps.config.publicPage = { ...deps.config.publicPage, quickExitUrl: NEUTRAL };
    const commune = await deps.db.selectFrom('admin_units').select('id').where('code', '=', '02176').where('valid_to', 'is', null).executeTakeFirstOrThrow();
    const existing = await deps.db.selectFrom('providers').select('id').where('name', '=', 'Trạm y tế xã Trần Phú').executeTakeFirst();
    if (!existing) {
      const at = new Date().toISOString();
      await deps.db.insertInto('providers').values({
        id: newId(), name: 'Trạm y tế xã Trần Phú', name_folded: 'tram y te xa tran phu', service_types: JSON.stringify(['health_care', 'psychosocial_counselling']),
        unit_id: commune.id, units_served: JSON.stringify([commune.id]), address: 'Thôn Nà Làng', phone: '0209 3884 123', hours: 'Thứ Hai – Thứ Sáu, 7:30–17:00',
        languages: JSON.stringify(['Tiếng Việt', 'Tày']), is_public: 1, is_active: 1, created_at: at, updated_at: at,
      }).execute();
      await deps.db.insertInto('admin_units').values({ id: newId(), code: '02176-T01', name: 'Bản Pjạc', name_folded: 'ban pjac', kind: 'village', parent_id: commune.id, valid_from: '2025-07-01', valid_to: null, created_at: at }).execute();
      deps.units.invalidate();
    }
    return commune.id;
  };

  it('sends a report with JavaScript turned off: mistakes explained, the reference given, emergency numbers first', async () => {
    const communeId = await prepare();
    const { context, page } = await phone(env.browser, false);
    await page.goto(`${env.server.baseUrl}/`);
    await page.getByRole('heading', { name: 'Bạn không đơn độc' }).waitFor();
    await screenshot(page, 'public-01-home');
    // Help by commune opens without script and without changing the address.
    await page.getByText('Xã Trần Phú', { exact: true }).click();
    await page.getByText('Trạm y tế xã Trần Phú').waitFor();
    expect(page.url()).toBe(`${env.server.baseUrl}/`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'public-01b-help-by-commune.png') });
    await page.getByRole('link', { name: 'Báo tin cho xã' }).first().click();
    await page.getByRole('heading', { name: 'Báo tin về bạo lực' }).waitFor();
    await screenshot(page, 'public-02-form');

    // A person takes more than a few seconds; the commune is left out on purpose.
    await page.getByLabel('Đánh đập, gây thương tích').check();
    await page.getByLabel('Trẻ em bị bạo lực, xâm hại hoặc bị bỏ mặc').check();
    await page.getByLabel(/^Kể thêm/).fill('Đêm nào cũng nghe tiếng đánh và tiếng trẻ con khóc ở nhà bên cạnh. <script>alert(1)</script>');
    await page.getByRole('group', { name: 'Có ai đang gặp nguy hiểm ngay lúc này không?' }).getByLabel('Có', { exact: true }).check();
    await page.getByRole('group', { name: 'Có trẻ em bị bạo lực hoặc bị ảnh hưởng không?' }).getByLabel('Có', { exact: true }).check();
    await page.waitForTimeout(3_200);
    await page.getByRole('button', { name: 'Gửi tin báo' }).click();
    await page.getByText('Chưa gửi được. Hãy xem lại:').waitFor();
    await expect.poll(() => page.getByLabel(/^Kể thêm/).inputValue()).toContain('<script>alert(1)</script>');
    await screenshot(page, 'public-03-form-errors');

    await page.getByLabel(/^Xã, phường, thị trấn/).selectOption(communeId);
    await page.getByLabel(/^Thôn, bản, tổ dân phố/).selectOption({ label: 'Bản Pjạc' });
    await page.getByLabel('Số điện thoại').fill('0912 345 678');
    await page.getByLabel('Tin nhắn SMS').check();
    await page.waitForTimeout(3_200);
    await page.getByRole('button', { name: 'Gửi tin báo' }).click();
    await page.getByRole('heading', { name: 'Đã nhận tin báo của bạn' }).waitFor();
    const reference = await page.locator('.reference').innerText();
    expect(reference).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // Someone is in danger: the numbers to call come before anything else, 111 first for a child.
    const order = await page.evaluate(() => {
      const main = document.querySelector('main') as HTMLElement;
      const first = main.firstElementChild as HTMLElement;
      return { firstClass: first.className, firstCall: first.querySelector('a.call')?.getAttribute('href') };
    });
    expect(order).toEqual({ firstClass: 'emergency', firstCall: 'tel:111' });
    await screenshot(page, 'public-04-result');
    const row = await env.server.deps.db.selectFrom('community_reports').selectAll().where('reference', '=', reference.replace('-', '')).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ unit_id: communeId, in_danger_now: 'yes', child_involved: 'yes', channel: 'public' });
    expect(await context.cookies()).toEqual([]);

    // Without JavaScript quick exit is a plain link to the neutral site.
    await page.getByRole('link', { name: 'Thoát nhanh', exact: true }).click();
    await page.waitForURL(NEUTRAL);
    await context.close();
  });

  it('quick exit by the button blanks the page at once and leaves no way back', async () => {
    await prepare();
    const { context, page } = await phone(env.browser, true);
    await page.goto(START);
    await page.goto(`${env.server.baseUrl}/`);
    await page.getByRole('heading', { name: 'Bạn không đơn độc' }).waitFor();
    // The button stays in view while reading far down the page.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const exit = page.getByRole('link', { name: 'Thoát nhanh', exact: true });
    const box = await exit.boundingBox();
    expect(box && box.y >= 0 && box.y < 120).toBe(true);
    await screenshot(page, 'public-05-home-scrolled');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'public-05b-viewport-scrolled.png') });
    const seen = await watchHiding(page);
    await exit.click();
    await page.waitForURL(NEUTRAL);
    // The page was blanked while the neutral site had not yet answered.
    expect(seen).toEqual([{ display: 'none', title: '', url: `${env.server.baseUrl}/` }]);
    await page.goBack();
    expect(page.url()).toBe(START);
    await context.close();
  });

  it('quick exit by pressing Shift three times works the same on a computer', async () => {
    await prepare();
    const { context, page } = await phone(env.browser, true, 'desktop');
    await page.goto(START);
    await page.goto(`${env.server.baseUrl}/bao-tin`);
    await page.getByText('Bấm phím Shift 3 lần để thoát nhanh').waitFor();
    // Capital letters typed in the form do not count as presses of Shift.
    await page.getByLabel(/^Kể thêm/).click();
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift+KeyA');
    expect(page.url()).toContain('/bao-tin');
    const seen = await watchHiding(page);
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift');
    await page.waitForURL(NEUTRAL);
    expect(seen).toEqual([{ display: 'none', title: '', url: `${env.server.baseUrl}/bao-tin` }]);
    await page.goBack();
    expect(page.url()).toBe(START);
    await context.close();
  });

  it('explains quick exit and clearing history, in Vietnamese and in English', async () => {
    const { context, page } = await phone(env.browser, false);
    await page.goto(`${env.server.baseUrl}/thoat-nhanh`);
    await page.getByRole('heading', { name: 'Thoát nhanh và xóa dấu vết' }).waitFor();
    await screenshot(page, 'public-06-exit-help');
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Leaving quickly and clearing your traces' }).waitFor();
    await context.close();
  });
});
