// Browser tests: the real server in-process on a free loopback port, serving the built web app, and
// the system Chromium driven by Playwright. Screenshots go to e2e/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../packages/server/src/app.js';
import { openSystem } from '../packages/server/src/boot.js';
import { loadConfig } from '../packages/server/src/config.js';
import { openSqlite } from '../packages/server/src/db/database.js';
import type { AppDeps } from '../packages/server/src/deps.js';
import type { FastifyInstance } from 'fastify';
import { currentTotp } from '../packages/server/src/security/totp.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(import.meta.dirname, 'screenshots');
// E2E_WEB_DIST: a build of one's own, safe from another build replacing the shared dist mid-test.
const WEB_DIST = process.env.E2E_WEB_DIST ?? path.resolve(import.meta.dirname, '../packages/web/dist');

export function assertBrowserAvailable(): void {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is required for the browser tests at ${CHROMIUM} (apt-get install chromium)`);
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('Build the web app first: npm run build -w @binhan/web');
}

export interface RunningServer {
  app: FastifyInstance;
  deps: AppDeps;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startServer(): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'binhan-e2e-'));
  const config = { ...loadConfig({}), dataDir, secretKey: undefined, webDistDir: WEB_DIST, logLevel: 'silent', argon2MemoryKib: 4096 };
  const { deps, handle } = await openSystem(config, openSqlite(path.join(dataDir, 'binhan.sqlite')));
  const app = await buildApp(deps, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    app, deps,
    // "localhost" is a secure context, so the browser keeps the __Host- cookie over plain HTTP.
    baseUrl: `http://localhost:${port}`,
    close: async () => {
      await app.close();
      await handle.close();
      // The audit checkpoints are written beside the data folder (BINHAN_AUDIT_ANCHOR_DIR's default).
      for (const dir of [dataDir, deps.anchors.dir]) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

export async function newPage(browser: Browser, size: 'desktop' | 'phone'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: size === 'phone' ? { width: 360, height: 740 } : { width: 1280, height: 800 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...(size === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  // Only the local server may be reached.
  await context.route(/^(?!http:\/\/localhost:\d+\/)/, (route) => route.abort());
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Start the server and Chromium before a file's tests and close both after; read them through the getters. */
export function useServerAndBrowser(): { readonly server: RunningServer; readonly browser: Browser } {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    assertBrowserAvailable();
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('the server is not started yet');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not started yet');
      return browser;
    },
  };
}

/** Sign in through the form (with the two-factor code when the account has one) and wait for the home page. */
export async function signInAs(page: Page, baseUrl: string, username: string, password: string, totpSecret?: string | null): Promise<void> {
  await page.goto(`${baseUrl}/app/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel(/^Mật khẩu( \*)?$/).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  if (totpSecret) {
    await page.getByLabel(/^Mã xác thực/).fill(currentTotp(totpSecret));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
  }
  await page.getByRole('heading', { name: /Xin chào/ }).waitFor();
}

/**
 * The intake wizard's first three steps as most journeys take them: how the case was detected, a woman
 * survivor, and a beating at home (act a), Law 13/2022 art. 3) with minor injuries; ends on step 4.
 */
export async function intakeUpToPerpetrators(page: Page, input: { source: string; fullName: string; dateOfBirth?: string; phone?: string; ethnicity?: string; narrative?: string }): Promise<void> {
  const next = () => page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
  const pick = (label: RegExp, option: string) => page.getByLabel(label).selectOption({ label: option });
  await page.getByText('Bước 1/5').waitFor();
  await pick(/^Nguồn phát hiện/, input.source);
  await next();
  await page.getByText('Bước 2/5').waitFor();
  await page.getByLabel(/^Họ và tên/).fill(input.fullName);
  await page.getByText('Nữ', { exact: true }).click();
  if (input.dateOfBirth) await page.getByLabel(/^Ngày sinh/).fill(input.dateOfBirth);
  if (input.phone) await page.getByLabel('Số điện thoại').fill(input.phone);
  if (input.ethnicity) await pick(/^Dân tộc/, input.ethnicity);
  await next();
  await page.getByText('Bước 3/5').waitFor();
  await pick(/^Nơi xảy ra/, 'Nơi ở chung');
  await page.getByText(/^a\) Hành hạ/).click();
  await page.getByRole('button', { name: 'Không', exact: true }).last().click();
  await page.getByRole('button', { name: 'Không', exact: true }).last().click();
  await page.getByRole('button', { name: 'Có', exact: true }).last().click();
  await page.getByText('Loại đề xuất: Tấn công thể chất').waitFor();
  await pick(/^Thương tích/, 'Bị thương nhẹ');
  if (input.narrative) await page.getByLabel(/^Diễn biến vụ việc/).fill(input.narrative);
  await next();
  await page.getByText('Bước 4/5').waitFor();
}

/**
 * Close the notices still on screen, as a person would before reaching for what lies under them (on a phone
 * they sit over the header's links).
 */
export async function dismissNotifications(page: Page): Promise<void> {
  const notices = page.locator('.mantine-Notification-root');
  for (let left = await notices.count(); left > 0; left = await notices.count()) {
    const close = notices.first().locator('button');
    if (await close.count() === 0) break;
    await close.first().click().catch(() => undefined);
    await page.waitForTimeout(50);
    if (await notices.count() >= left) await notices.first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  }
}
