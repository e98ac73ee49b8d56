// Journey 1 (night report, commune officer, on a phone): intake in five steps, a dropped connection on
// submit that loses nothing, the risk checklist giving "rất cao" with the 2-hour limit and the actions
// to take, the first intervention recorded, and the timeline showing it. The identity never reaches the
// address bar or browser storage.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '../packages/server/src/modules/users/service.js';
import { currentTotp, generateTotpSecret } from '../packages/server/src/security/totp.js';
import { newPage, screenshot, useServerAndBrowser } from './support.js';

const PASSWORD = 'Bản Pjạc bên suối lúc chín giờ tối';
const SURVIVOR = 'Hoàng Thị Nhung';
const PHONE = '0987 654 321';

const next = (page: Page) => page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
/** On a phone the lists are the system's own pickers. */
const pick = (page: Page, label: RegExp, option: string) => page.getByLabel(label).selectOption({ label: option });

describe('case intake on a phone', () => {
  const env = useServerAndBrowser();

  it('takes a night report, assesses critical risk, records the first intervention and shows it on the timeline', async () => {
    const { deps } = env.server;
    const commune = await deps.db.selectFrom('admin_units').select('id').where('code', '=', '02176').where('valid_to', 'is', null).executeTakeFirstOrThrow();
    const { user } = await createUser(deps, null, { username: 'mai.lt', displayName: 'Lường Thị Mai', role: 'commune_officer', unitId: commune.id, organisation: undefined, locale: 'vi' }, { temporaryPassword: PASSWORD });
    const secret = generateTotpSecret();
    await deps.db.updateTable('users').set({ must_change_password: 0, totp_enabled: 1, totp_secret_enc: deps.cipher.encrypt(secret) }).where('id', '=', user.id).execute();

    const { context, page } = await newPage(env.browser, 'phone');
    await page.goto(`${env.server.baseUrl}/app/login`);
    await page.getByLabel('Tên đăng nhập').fill('mai.lt');
    await page.getByLabel(/^Mật khẩu( \*)?$/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByLabel(/^Mã xác thực/).fill(currentTotp(secret));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByRole('heading', { name: /Xin chào/ }).waitFor();
    await page.getByText('chưa có vụ việc', { exact: false }).waitFor();
    await screenshot(page, 'case-01-home');

    // Step 1: where and how. The officer's only commune is already chosen.
    await page.getByRole('link', { name: 'Tiếp nhận tin báo' }).click();
    await page.getByText('Bước 1/5').waitFor();
    await expect.poll(() => page.getByLabel(/^Xã, phường, thị trấn/).inputValue()).toBe(commune.id);
    await next(page);
    await page.getByText('Bắt buộc phải nhập').first().waitFor();
    await pick(page, /^Nguồn phát hiện/, 'Trưởng thôn, tổ trưởng tổ dân phố');
    await page.getByLabel(/^Ghi chú về việc tiếp nhận/).fill('Trưởng thôn gọi điện: chị ấy đang trốn ở nhà chị gái.');
    await screenshot(page, 'case-02-step-detection');
    await next(page);

    // Step 2: the survivor; a wrong phone number is caught before leaving the step.
    await page.getByText('Bước 2/5').waitFor();
    await page.getByLabel(/^Họ và tên/).fill(SURVIVOR);
    await page.getByText('Nữ', { exact: true }).click();
    await page.getByLabel(/^Ngày sinh/).fill('14081992');
    await page.getByLabel('Số điện thoại').fill('0987 654');
    await next(page);
    await page.getByText('số di động gồm 10 chữ số', { exact: false }).waitFor();
    await page.getByLabel('Số điện thoại').fill(PHONE);
    await pick(page, /^Dân tộc/, 'Tày');
    await screenshot(page, 'case-03-step-survivor');
    await next(page);

    // Step 3: what happened, with the GBVIMS questions asked in order until the first "yes".
    await page.getByText('Bước 3/5').waitFor();
    await pick(page, /^Nơi xảy ra/, 'Nơi ở chung');
    await page.getByText(/^a\) Hành hạ/).click();
    await page.getByRole('button', { name: 'Không', exact: true }).last().click();
    await page.getByRole('button', { name: 'Không', exact: true }).last().click();
    await page.getByRole('button', { name: 'Có', exact: true }).last().click();
    await page.getByText('Loại đề xuất: Tấn công thể chất').waitFor();
    await pick(page, /^Thương tích/, 'Bị thương nhẹ');
    await page.getByLabel(/^Diễn biến vụ việc/).fill('Bị chồng đánh sau bữa tối, chạy sang nhà chị gái.');
    await screenshot(page, 'case-04-step-incident');
    await next(page);

    // Step 4: the husband, his identity not known yet.
    await page.getByText('Bước 4/5').waitFor();
    await page.getByRole('button', { name: 'Thêm người có hành vi bạo lực' }).click();
    await pick(page, /^Quan hệ với người bị bạo lực/, 'Chồng');
    await pick(page, /^Giới tính/, 'Nam');
    await page.getByTestId('perpetrator-entry').locator('label').filter({ hasText: /^Chưa rõ$/ }).click();
    await page.getByText('Chỉ ghi giới tính, tuổi và quan hệ', { exact: false }).waitFor();
    await next(page);

    // Step 5: review. Going back a step keeps everything typed.
    await page.getByText('Bước 5/5').waitFor();
    await page.getByRole('button', { name: 'Sửa: Người bị bạo lực' }).click();
    expect(await page.getByLabel(/^Họ và tên/).inputValue()).toBe(SURVIVOR);
    await next(page);
    await page.getByText('Bước 3/5').waitFor();
    await next(page);
    await page.getByText('Bước 4/5').waitFor();
    await next(page);
    await page.getByText('Bước 5/5').waitFor();
    await screenshot(page, 'case-05-review');

    // The signal drops on submit: the error says so and nothing is lost; the retry creates the case.
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Tạo hồ sơ' }).click();
    await page.getByText('Không kết nối được tới máy chủ', { exact: false }).waitFor();
    await screenshot(page, 'case-06-offline');
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Tạo hồ sơ' }).click();

    // The case page opens with the risk assessment; threat to kill with a weapon is critical.
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Đánh dấu các dấu hiệu', { exact: false }).waitFor();
    await dialog.getByText('đã đe dọa giết người bị bạo lực', { exact: false }).click();
    await dialog.getByText('Đã dùng hoặc đe dọa dùng hung khí', { exact: false }).click();
    await dialog.getByText('Nguy cơ: Rất cao (nguy hiểm)').first().waitFor();
    await dialog.getByText('Can thiệp lần đầu trong vòng 2 giờ', { exact: false }).waitFor();
    await dialog.getByText('Đề nghị Chủ tịch UBND xã quyết định biện pháp cấm tiếp xúc', { exact: false }).waitFor();
    await dialog.getByText('Đang gặp nguy hiểm').click();
    await screenshot(page, 'case-07-risk-critical');
    await dialog.getByRole('button', { name: 'Lưu đánh giá' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The 2-hour limit is running, with the actions to take now.
    await page.getByText(/Hạn can thiệp lần đầu: .* — Còn 1 giờ 5\d phút/).waitFor();
    await page.getByText('Nguy cơ cao: cần can thiệp ngay').waitFor();
    await screenshot(page, 'case-08-case-critical');
    const caseUrl = page.url();

    await page.getByRole('button', { name: 'Ghi nhận can thiệp lần đầu' }).click();
    await dialog.getByLabel(/^Đã làm gì/).fill('Gọi Công an xã; đưa đến địa chỉ tin cậy.');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(/Đã can thiệp lần đầu lúc .* — đúng hạn/).waitFor();
    const timeline = page.getByTestId('case-timeline');
    await timeline.getByText('Can thiệp lần đầu', { exact: true }).waitFor();
    await timeline.getByText('Gọi Công an xã; đưa đến địa chỉ tin cậy.').waitFor();
    await timeline.getByText('Mức nguy cơ: Rất cao (nguy hiểm) (điểm 8)').waitFor();
    await page.getByText('Diễn biến hồ sơ').scrollIntoViewIfNeeded();
    await screenshot(page, 'case-09-timeline');

    // The identity is not on the case page until asked for, and never in the address or the browser's storage.
    expect(await page.locator('main').innerText()).not.toContain(SURVIVOR);
    const stored = await page.evaluate(() => JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }));
    for (const secretText of [SURVIVOR, '0987654321', PHONE]) {
      expect(caseUrl).not.toContain(encodeURIComponent(secretText));
      expect(stored).not.toContain(secretText);
    }

    // The list shows the case by its code only.
    await page.getByRole('link', { name: '← Danh sách hồ sơ vụ việc' }).click();
    await page.getByRole('heading', { name: 'Hồ sơ vụ việc' }).waitFor();
    await page.getByText('Nguy cơ: Rất cao (nguy hiểm)').first().waitFor();
    expect(await page.locator('main').innerText()).not.toContain(SURVIVOR);
    await screenshot(page, 'case-10-list');
    await context.close();
  });
});
