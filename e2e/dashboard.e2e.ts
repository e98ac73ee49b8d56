// The indicator dashboard as a district leader uses it: Plan 85/KH-UBND's indicators against their targets,
// another unit chosen, a chart downloaded as PNG, the cases behind a commune's value, and the printed page;
// a statistician sees counts only behind the same value; the administrator's plans page with its targets grid.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newId } from '../packages/server/src/lib/ids.js';
import { createUser } from '../packages/server/src/modules/users/service.js';
import { generateTotpSecret } from '../packages/server/src/security/totp.js';
import { newPage, type RunningServer, screenshot, SCREENSHOTS, signInAs, useServerAndBrowser } from './support.js';

const PASSWORD = 'Đèo Áng Toòng mây trắng 2026';
const HOUR = 3_600_000;

async function addUser(server: RunningServer, username: string, role: 'district_leader' | 'statistician' | 'system_admin', displayName: string): Promise<string> {
  const { deps } = server;
  const district = await deps.db.selectFrom('admin_units').select('id').where('code', '=', '066').executeTakeFirstOrThrow();
  const secret = generateTotpSecret();
  const { user } = await createUser(deps, null, { username, displayName, role, unitId: district.id, organisation: undefined, locale: 'vi' }, { temporaryPassword: PASSWORD });
  await deps.db.updateTable('users').set({ must_change_password: 0, totp_enabled: 1, totp_secret_enc: deps.cipher.encrypt(secret) }).where('id', '=', user.id).execute();
  return secret;
}

const signIn = (page: Page, baseUrl: string, username: string, secret: string) => signInAs(page, baseUrl, username, PASSWORD, secret);

/**
 * Survivors of 2017–2020 in Cư Lễ, Kim Hỷ and Văn Minh (high risk, 12 h limit). T1 for the district:
 * 2017 1/3 (the baseline, on track), 2018 2/3 (above the line's 55.6%), 2019 3/4 (below its 77.8%), 2020 4/4.
 */
async function seedCases(server: RunningServer): Promise<void> {
  const { deps } = server;
  const unit = async (code: string) => (await deps.db.selectFrom('admin_units').select('id').where('code', '=', code).where('valid_from', '=', '1997-01-01').executeTakeFirstOrThrow()).id;
  const [cuLe, kimHy, vanMinh] = [await unit('02176'), await unit('02146'), await unit('02170')];
  const receiver = await deps.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
  const rows: Array<[string, string, number | null, boolean]> = [
    [cuLe, '2017-03-02T09:00', 2, true], [kimHy, '2017-06-11T15:00', 30, true], [vanMinh, '2017-09-20T08:00', null, false],
    [cuLe, '2018-02-12T10:00', 1, true], [kimHy, '2018-05-01T21:00', 5, true], [vanMinh, '2018-10-09T07:30', 3, false],
    [cuLe, '2019-01-15T10:00', 1, true], [cuLe, '2019-04-15T10:00', 2, true], [kimHy, '2019-07-04T22:00', 8, true], [vanMinh, '2019-11-30T06:00', 14, true],
    [cuLe, '2020-03-03T08:00', 1, true], [kimHy, '2020-06-06T08:00', 2, true], [vanMinh, '2020-08-08T08:00', 6, true], [vanMinh, '2020-12-12T08:00', 1, true],
  ];
  let seq = 0;
  for (const [unitId, local, after, service] of rows) {
    seq += 1;
    const detected = Date.parse(`${local}:00+07:00`);
    const at = new Date().toISOString();
    await deps.db.insertInto('cases').values({
      id: newId(), code: `${local.slice(0, 4)}-E2E-${String(seq).padStart(3, '0')}`, unit_id: unitId, village_id: null, status: 'follow_up', closure_reason: null,
      detection_source: 'village_head', detected_at: new Date(detected).toISOString(), received_by: receiver.id, assigned_officer_id: null, is_child: 0,
      risk_level: 'high', first_risk_level: 'high', first_intervention_at: after === null ? null : new Date(detected + after * HOUR).toISOString(),
      has_service_or_referral: service ? 1 : 0, client_key: null, closure_requested_at: null, closure_requested_by: null, closure_requested_reason: null,
      version: 1, created_at: at, updated_at: at,
    }).execute();
  }
}

describe('indicator dashboard', () => {
  const env = useServerAndBrowser();

  let seeded = false;
  /** The cases are written once, after the first user exists (it receives them). */
  async function ensureCases(): Promise<void> {
    if (seeded) return;
    seeded = true;
    await seedCases(env.server);
  }

  it('shows values against targets, switches unit, exports a chart, drills down and prints', async () => {
    const leaderSecret = await addUser(env.server, 'thuy.lt', 'district_leader', 'Lục Thị Thủy');
    await ensureCases();
    const { context, page } = await newPage(env.browser, 'desktop');
    await signIn(page, env.server.baseUrl, 'thuy.lt', leaderSecret);

    // From the navigation, then the plan's period 2017–2020.
    await page.getByRole('link', { name: 'Bảng theo dõi chỉ tiêu' }).click();
    await page.getByRole('heading', { name: 'Bảng theo dõi chỉ tiêu' }).waitFor();
    await page.goto(`${env.server.baseUrl}/app/dashboard?from=2017&to=2020`);
    const t1 = page.getByTestId('indicator-T1');
    await t1.getByTestId('indicator-value').filter({ hasText: '100,0%' }).waitFor();
    expect(await t1.getByTestId('indicator-target').textContent()).toContain('Chỉ tiêu: 100,0%');
    await expect.poll(() => t1.locator('[data-status]').first().getAttribute('data-status')).toBe('met');
    expect(await t1.getByTestId('indicator-fraction').textContent()).toMatch(/Tử số\s*4.*Mẫu số\s*4/s);
    // The trend table, year by year, with the status of each.
    const trend = t1.getByRole('table', { name: /T1 — Diễn biến theo năm/ });
    for (const [year, fraction, status] of [['2017', '1/3', 'Đúng tiến độ'], ['2018', '2/3', 'Đúng tiến độ'], ['2019', '3/4', 'Chậm tiến độ'], ['2020', '4/4', 'Đạt']]) {
      await trend.getByRole('row').filter({ hasText: new RegExp(`^${year}`) }).filter({ hasText: fraction }).filter({ hasText: status }).waitFor();
    }
    // Indicators whose module is not in use say so in words, never 0%.
    for (const code of ['T2', 'T3', 'T4', 'T5']) {
      const value = await page.getByTestId(`indicator-${code}`).getByTestId('indicator-value').textContent();
      expect(value).not.toBe('0,0%');
    }
    await screenshot(page, 'dashboard-01-district');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-01b-top.png') });
    await t1.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-01c-t1.png') });

    // Sort the communes by value, then open what lies behind Văn Minh's 2020 figure.
    const communes = page.getByTestId('communes-table-T1');
    await communes.getByRole('button', { name: 'Sắp xếp theo Xã, phường, thị trấn' }).click();
    await page.getByRole('button', { name: 'Xem chi tiết T1 của Văn Minh năm 2020' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('drilldown-items').waitFor();
    expect(await dialog.getByTestId('drilldown-items').getByRole('row').count()).toBe(3);
    await dialog.getByText('Mở danh sách hồ sơ').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-02-drilldown.png') });
    await page.keyboard.press('Escape');

    // A chart as PNG.
    const download = page.waitForEvent('download');
    await t1.getByRole('button', { name: /Tải biểu đồ ".*Diễn biến theo năm" dưới dạng ảnh PNG/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^T1_—_Diễn_biến_theo_năm_—_Na_Rì\.png$/);
    const saved = path.join(SCREENSHOTS, 'dashboard-03-chart-export.png');
    await file.saveAs(saved);
    const bytes = fs.readFileSync(saved);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(bytes.length).toBeGreaterThan(5_000);

    // Another unit: Cư Lễ alone (2020: 1 of 1), then today's communes compared.
    const unitField = page.getByTestId('dashboard-unit');
    await unitField.click();
    await unitField.fill('cu le');
    await page.getByRole('option', { name: /Cư Lễ \(02176\)/ }).first().click();
    await expect.poll(() => page.url()).toContain('unit=');
    await t1.getByTestId('indicator-fraction').filter({ hasText: /Tử số\s*1.*Mẫu số\s*1/s }).waitFor();
    await page.getByText('Cư Lễ', { exact: false }).first().waitFor();
    await page.goto(`${env.server.baseUrl}/app/dashboard?from=2017&to=2020&units=today`);
    await page.getByTestId('communes-table-T1').getByRole('row').filter({ hasText: 'Trần Phú' }).filter({ hasText: '3/3' }).waitFor();
    await screenshot(page, 'dashboard-04-today-units');

    // The printed page: no navigation or buttons, the charts and tables as they are.
    await page.goto(`${env.server.baseUrl}/app/dashboard?from=2017&to=2020`);
    await t1.getByTestId('indicator-value').filter({ hasText: '100,0%' }).waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.waitForTimeout(300);
    expect(await page.getByRole('button', { name: 'In bảng theo dõi' }).isVisible()).toBe(false);
    expect(await page.getByRole('navigation').first().isVisible()).toBe(false);
    await screenshot(page, 'dashboard-05-print');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    // Kept outside the repository (screenshots/ holds PNGs only); turn it into pictures with pdftoppm to look at it.
    fs.writeFileSync(path.join(os.tmpdir(), 'binhan-dashboard-print.pdf'), pdf);
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await context.close();
  });

  it('gives a statistician the counts behind a value but not the cases', async () => {
    const secret = await addUser(env.server, 'son.tk', 'statistician', 'Triệu Văn Sơn');
    await ensureCases();
    const { context, page } = await newPage(env.browser, 'desktop');
    await signIn(page, env.server.baseUrl, 'son.tk', secret);
    await page.goto(`${env.server.baseUrl}/app/dashboard?from=2017&to=2020`);
    await page.getByRole('button', { name: 'Xem chi tiết T1 của Văn Minh năm 2020' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('drilldown-breakdown').waitFor();
    await dialog.getByText('Vai trò của bạn chỉ xem số liệu tổng hợp, không xem danh sách hồ sơ.').waitFor();
    expect(await dialog.getByTestId('drilldown-items').count()).toBe(0);
    expect(await dialog.textContent()).not.toContain('E2E');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-06-statistician-drilldown.png') });
    await context.close();
  });

  it('shows the administrator the plan with its indicators and the targets grid', async () => {
    const secret = await addUser(env.server, 'quan.tri', 'system_admin', 'Hà Văn Quân');
    const { context, page } = await newPage(env.browser, 'desktop');
    await signIn(page, env.server.baseUrl, 'quan.tri', secret);
    await page.getByRole('link', { name: 'Kế hoạch và chỉ tiêu' }).click();
    await page.getByRole('link', { name: '85/KH-UBND' }).click();
    await page.getByTestId('indicators-table').getByText('T5').waitFor();
    const grid = page.getByTestId('targets-grid');
    await grid.waitFor();
    expect(await grid.getByLabel(/Na Rì \(066\).* 2020/).inputValue()).toBe('100%');
    // A target above 100% is refused with the reason, and nothing is saved.
    await grid.getByLabel(/Na Rì \(066\).* 2019/).fill('120');
    await page.getByTestId('save-targets').click();
    await page.getByText('Chỉ tiêu tính theo tỷ lệ phần trăm không được vượt quá 100%.').waitFor();
    await grid.getByLabel(/Na Rì \(066\).* 2019/).fill('80');
    await page.getByTestId('save-targets').click();
    await page.getByText('Đã lưu mức chỉ tiêu.').waitFor();
    await screenshot(page, 'dashboard-07-plan-targets');
    await context.close();
  });
});
