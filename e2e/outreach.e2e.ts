// Communication activities. A communicator records an activity on a 360 px phone and finds it in her
// list; the district focal point imports a workbook with two bad rows, reads why they were refused,
// fixes them and imports the file; then types a population figure and sees T5 computed from it.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '../packages/server/src/modules/users/service.js';
import { generateTotpSecret } from '../packages/server/src/security/totp.js';
import type { AppDeps } from '../packages/server/src/deps.js';
import { newPage, screenshot, signInAs, useServerAndBrowser } from './support.js';

const PASSWORD = 'Buổi truyền thông ở nhà văn hóa thôn';

async function makeUser(deps: AppDeps, username: string, displayName: string, role: 'district_focal_point' | 'communicator', unitId: string, withTotp: boolean): Promise<string | null> {
  const secret = withTotp ? generateTotpSecret() : null;
  const { user } = await createUser(deps, null, { username, displayName, role, unitId, organisation: undefined, locale: 'vi' }, { temporaryPassword: PASSWORD });
  await deps.db.updateTable('users').set({ must_change_password: 0, totp_enabled: secret ? 1 : 0, totp_secret_enc: secret ? deps.cipher.encrypt(secret) : null }).where('id', '=', user.id).execute();
  return secret;
}

const signIn = (page: Page, baseUrl: string, username: string, secret: string | null) => signInAs(page, baseUrl, username, PASSWORD, secret);

async function choose(page: Page, label: RegExp, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const YEAR = 2025;
function row(day: string, unitCode: string, female: number | string, group = 'Người dân tại cộng đồng') {
  return [`${day}/${YEAR}`, unitCode, null, 'Họp, nói chuyện chuyên đề', 'Luật Phòng, chống bạo lực gia đình năm 2022', 'Tiếng Tày', null, 'Tờ rơi: 100', group, female, 20, 0, 'Chỉ người mới (chưa được tính trong năm)', null, null];
}

async function writeWorkbook(rows: unknown[][], name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Hoạt động');
  sheet.addRow(['Ngày (dd/mm/yyyy)', 'Mã đơn vị', 'Thôn, bản', 'Hình thức', 'Chủ đề', 'Ngôn ngữ', 'Chiến dịch', 'Tài liệu và số lượng', 'Nhóm đối tượng', 'Số nữ', 'Số nam', 'Không rõ giới tính', 'Cách đếm', 'Mã hoạt động', 'Ghi chú']);
  for (const r of rows) sheet.addRow(r);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'binhan-outreach-')), name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('communication activities', () => {
  const env = useServerAndBrowser();

  it('lets a communicator record an activity on a phone-sized window', async () => {
    const { deps, baseUrl } = env.server;
    const tranPhu = await deps.db.selectFrom('admin_units').select('id').where('code', '=', '02176').where('valid_to', 'is', null).executeTakeFirstOrThrow();
    await makeUser(deps, 'hang.tt', 'Triệu Thị Hằng', 'communicator', tranPhu.id, false);
    const { context, page } = await newPage(env.browser, 'phone');
    await signIn(page, baseUrl, 'hang.tt', null);
    await page.goto(`${baseUrl}/app/outreach`);
    await page.getByRole('heading', { name: 'Hoạt động truyền thông' }).waitFor();
    await page.getByRole('link', { name: 'Ghi hoạt động mới' }).click();
    await page.getByRole('heading', { name: 'Ghi hoạt động truyền thông' }).waitFor();
    await screenshot(page, 'outreach-01-form-empty-phone');
    await choose(page, /^Hình thức/, 'Họp, nói chuyện chuyên đề');
    await page.getByRole('textbox', { name: /^Chủ đề/ }).fill('Luật Phòng, chống bạo lực gia đình năm 2022');
    await choose(page, /^Ngôn ngữ/, 'Tiếng Tày');
    await page.getByLabel('Nữ', { exact: true }).fill('31');
    await page.getByLabel('Nam', { exact: true }).fill('24');
    await page.getByRole('button', { name: /Thêm tài liệu/ }).click();
    await page.getByRole('textbox', { name: 'Tài liệu' }).fill('Tờ rơi');
    await page.getByLabel('Số lượng').fill('120');
    await expect.poll(() => page.getByTestId('audience-total').innerText()).toBe('Tổng cộng: 55 người');
    // Nothing overflows the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'outreach-02-form-filled-phone');
    await page.getByRole('button', { name: 'Lưu hoạt động' }).click();
    await page.getByRole('heading', { name: 'Hoạt động truyền thông' }).waitFor();
    await page.getByRole('link', { name: /Luật Phòng, chống bạo lực gia đình năm 2022/ }).waitFor();
    await expect.poll(() => page.getByTestId('outreach-summary').innerText()).toBe('1 hoạt động, 55 lượt người được truyền thông');
    await screenshot(page, 'outreach-03-list-phone');
    const saved = await deps.db.selectFrom('outreach_activities').selectAll().executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ unit_id: tranPhu.id, format: 'meeting', language: 'tay', audience_total: 55 });
    await context.close();
  });

  it('imports a workbook with two bad rows, shows why, and imports it once they are fixed', async () => {
    const { deps, baseUrl } = env.server;
    const district = await deps.db.selectFrom('admin_units').select('id').where('code', '=', '066').executeTakeFirstOrThrow();
    const secret = await makeUser(deps, 'thu.nt', 'Nông Thị Thu', 'district_focal_point', district.id, true);
    const good = [row('12/08', '02176', 35), row('13/08', '02191', 40), row('20/11', '02155', 28), row('21/11', '02143', 19, 'Học sinh')];
    const bad = await writeWorkbook([good[0] as unknown[], row('14/08', '99999', 30), good[1] as unknown[], row('15/08', '02176', -12), good[2] as unknown[], good[3] as unknown[]], 'hoat-dong-loi.xlsx');
    const fixed = await writeWorkbook([good[0] as unknown[], row('14/08', '02176', 30), good[1] as unknown[], row('15/08', '02176', 12), good[2] as unknown[], good[3] as unknown[]], 'hoat-dong-da-sua.xlsx');
    const before = Number((await deps.db.selectFrom('outreach_activities').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    const { context, page } = await newPage(env.browser, 'desktop');
    await signIn(page, baseUrl, 'thu.nt', secret);
    await page.goto(`${baseUrl}/app/outreach/import`);
    await page.getByRole('heading', { name: 'Nhập hoạt động từ tệp Excel' }).waitFor();
    await choose(page, /^Năm của các hoạt động/, String(YEAR));
    await page.locator('input[type=file]').setInputFiles(bad);
    await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
    const rejected = page.getByTestId('rejected-rows');
    await rejected.waitFor();
    await expect.poll(() => rejected.getByRole('row').count()).toBe(3);
    await rejected.getByText('Không có đơn vị mã 99999 vào ngày của hoạt động').waitFor();
    await rejected.getByText('Số người không được âm (-12)').waitFor();
    await page.getByText('6 dòng, 4 dòng hợp lệ (4 hoạt động), 2 dòng bị từ chối').waitFor();
    await screenshot(page, 'outreach-04-import-rejected-desktop');
    expect(Number((await deps.db.selectFrom('outreach_activities').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);

    await page.getByRole('button', { name: 'Chọn tệp khác' }).click();
    await page.locator('input[type=file]').setInputFiles(fixed);
    await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
    await page.getByText('Tất cả các dòng đều hợp lệ.').waitFor();
    await page.getByRole('button', { name: 'Nhập 6 hoạt động' }).click();
    await page.getByTestId('import-done').getByText('Đã nhập 6 hoạt động.').waitFor();
    await screenshot(page, 'outreach-05-import-done-desktop');
    expect(Number((await deps.db.selectFrom('outreach_activities').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(before + 6);

    await page.getByRole('link', { name: 'Xem danh sách hoạt động' }).click();
    await page.getByRole('heading', { name: 'Hoạt động truyền thông' }).waitFor();
    await page.getByText('7 hoạt động').waitFor();
    await screenshot(page, 'outreach-06-list-desktop');

    // A population figure for Trần Phú in 2025, then T5 for Trần Phú in that year.
    await page.goto(`${baseUrl}/app/population`);
    await page.getByRole('heading', { name: 'Số liệu dân số' }).waitFor();
    await choose(page, /^Năm$/, String(YEAR));
    const grid = page.getByTestId('population-grid');
    await grid.getByLabel('Tổng số — Trần Phú (02176)').fill('4000');
    await grid.getByLabel('Nguồn số liệu — Trần Phú (02176)').fill('Niên giám thống kê 2025');
    await page.getByRole('button', { name: 'Lưu số liệu' }).click();
    await page.getByText('Đã lưu số liệu dân số.').waitFor();
    await screenshot(page, 'outreach-07-population-desktop');

    await page.goto(`${baseUrl}/app/reach`);
    await page.getByRole('heading', { name: 'Chỉ tiêu truyền thông T4, T5' }).waitFor();
    await choose(page, /^Năm$/, String(YEAR));
    await page.getByRole('combobox', { name: /^Đơn vị/ }).fill('Trần Phú');
    await page.getByRole('option', { name: /^Trần Phú \(02176\)/ }).first().click();
    // 35 + 30 + 12 women and 3 × 20 men in Trần Phú's rows (the phone's activity is of today's year).
    await expect.poll(() => page.getByTestId('reach-t5-value').innerText()).toBe('3,4% (137/4.000 người)');
    await page.getByTestId('reach-t4-value').getByText('Chưa có số liệu dân số').waitFor();
    await screenshot(page, 'outreach-08-reach-desktop');
    await context.close();
  });
});
