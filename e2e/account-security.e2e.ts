// Changing the second factor from an active session asks for the current password first, and a session
// left idle for as long as the server keeps it is closed by the app itself, behind an overlay that hides
// the page (typed text is kept for after the re-sign-in). Sign-in pages have no such timer.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '../packages/server/src/modules/users/service.js';
import { currentTotp, generateTotpSecret } from '../packages/server/src/security/totp.js';
import { newPage, screenshot, SCREENSHOTS, useServerAndBrowser } from './support.js';

const PASSWORD = 'Thác Bản Giốc mùa nước lớn 2026';
const EXPIRED = 'Phiên đăng nhập đã hết hạn';

/** The next 30-second step, so a code is never used twice. */
async function nextTotpStep(page: Page): Promise<void> {
  const nextStep = Math.ceil(Date.now() / 30_000) * 30_000 + 1000;
  await page.waitForTimeout(Math.max(0, nextStep - Date.now()));
}

describe('account security', () => {
  const env = useServerAndBrowser();

  async function addUser(username: string, role: 'district_focal_point' | 'trainer', totpSecret?: string): Promise<void> {
    const { deps } = env.server;
    const unit = await deps.db.selectFrom('admin_units').select('id').where('code', '=', '066').executeTakeFirstOrThrow();
    const { user } = await createUser(deps, null, { username, displayName: 'Nông Thị Hạnh', role, unitId: unit.id, organisation: undefined, locale: 'vi' }, { temporaryPassword: PASSWORD });
    await deps.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', user.id).execute();
    if (totpSecret !== undefined) {
      await deps.db.updateTable('users').set({ totp_enabled: 1, totp_secret_enc: deps.cipher.encrypt(totpSecret) }).where('id', '=', user.id).execute();
    }
  }

  it('asks for the current password before new recovery codes or moving two-factor to another phone', async () => {
    const secret = generateTotpSecret();
    await addUser('hanh.nt', 'district_focal_point', secret);
    const { context, page } = await newPage(env.browser, 'phone');
    await page.goto(`${env.server.baseUrl}/app/login`);
    await page.getByLabel('Tên đăng nhập').fill('hanh.nt');
    await page.getByLabel(/^Mật khẩu( \*)?$/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByLabel(/^Mã xác thực/).fill(currentTotp(secret));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByRole('heading', { name: /Xin chào/ }).waitFor();
    await page.goto(`${env.server.baseUrl}/app/account`);

    // New recovery codes: a wrong password is refused under the field, the right one shows the codes.
    await page.getByRole('button', { name: 'Tạo lại mã khôi phục' }).click();
    const dialog = page.getByRole('dialog');
    const passwordField = dialog.getByLabel(/^Nhập mật khẩu hiện tại để xác nhận/);
    await dialog.getByRole('button', { name: 'Tạo lại mã khôi phục' }).click();
    await dialog.getByText('Bắt buộc phải nhập').waitFor();
    await passwordField.fill('không phải mật khẩu này');
    await dialog.getByRole('button', { name: 'Tạo lại mã khôi phục' }).click();
    await dialog.getByText('Mật khẩu hiện tại không đúng.').waitFor();
    expect(await passwordField.getAttribute('aria-invalid')).toBe('true');
    // The dialog as a phone shows it (the overlay covers the screen, not the whole scrolled page).
    await page.screenshot({ path: path.join(SCREENSHOTS, 'account-01-password-confirm.png') });
    await passwordField.fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Tạo lại mã khôi phục' }).click();
    await page.getByText('Tôi đã lưu các mã khôi phục').waitFor();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.getByText('Tôi đã lưu các mã khôi phục').click();
    await page.getByRole('button', { name: 'Đóng' }).click();

    // Another phone: the password first, then the enrolment page shows the secret fetched with it.
    await page.getByRole('button', { name: 'Chuyển sang điện thoại khác' }).click();
    await page.getByRole('dialog').getByLabel(/^Nhập mật khẩu hiện tại để xác nhận/).fill(PASSWORD);
    await page.getByRole('dialog').getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: 'Bật xác thực hai lớp' }).waitFor();
    const newSecret = (await page.getByLabel('Khóa bí mật (nhập thủ công)').innerText()).replace(/\s+/g, '');
    expect(newSecret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newSecret).not.toBe(secret);
    await nextTotpStep(page);
    await page.getByLabel('Mã xác thực (6 chữ số)').fill(currentTotp(newSecret));
    await page.getByRole('button', { name: 'Bật xác thực hai lớp' }).click();
    await page.getByText('Tôi đã lưu các mã khôi phục').click();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: 'Tài khoản của tôi' }).waitFor();

    // Opened directly with two-factor already on and nothing started, the enrolment page sends the user back.
    await page.goto(`${env.server.baseUrl}/app/login/two-factor`);
    await page.getByRole('heading', { name: 'Tài khoản của tôi' }).waitFor();
    await context.close();
  });

  it('turns two-factor on from the account page, and asks again for the password after a reload', async () => {
    await addUser('hanh.lt', 'trainer');
    const { context, page } = await newPage(env.browser, 'desktop');
    await page.goto(`${env.server.baseUrl}/app/login`);
    await page.getByLabel('Tên đăng nhập').fill('hanh.lt');
    await page.getByLabel(/^Mật khẩu( \*)?$/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('heading', { name: /Xin chào/ }).waitFor();
    await page.goto(`${env.server.baseUrl}/app/account`);

    await page.getByRole('button', { name: 'Bật xác thực hai lớp' }).click();
    await page.getByRole('dialog').getByLabel(/^Nhập mật khẩu hiện tại để xác nhận/).fill(PASSWORD);
    await page.getByRole('dialog').getByRole('button', { name: 'Tiếp tục' }).click();
    const secretField = page.getByLabel('Khóa bí mật (nhập thủ công)');
    await secretField.waitFor();
    const first = await secretField.innerText();

    // The secret is not fetched again without the password.
    await page.reload();
    await page.getByLabel(/^Nhập mật khẩu hiện tại để xác nhận/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await secretField.waitFor();
    expect(await secretField.innerText()).not.toBe(first);
    await page.getByRole('link', { name: 'Quay lại trang tài khoản' }).click();
    await page.getByRole('heading', { name: 'Tài khoản của tôi' }).waitFor();
    await context.close();
  });

  it('closes an idle session by itself, hides the page, keeps what was typed; not on the sign-in pages', async () => {
    await addUser('hanh.tt', 'trainer');
    const { context, page } = await newPage(env.browser, 'desktop');
    await page.clock.install();
    await page.goto(`${env.server.baseUrl}/app/login`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    // On the sign-in page nothing happens, however long it stays open.
    await page.clock.fastForward('45:00');
    await page.getByLabel('Tên đăng nhập').fill('hanh.tt');
    expect(await page.getByRole('heading', { name: EXPIRED }).count()).toBe(0);

    await page.getByLabel(/^Mật khẩu( \*)?$/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('heading', { name: /Xin chào/ }).waitFor();
    await page.goto(`${env.server.baseUrl}/app/account`);
    await page.getByLabel(/^Mật khẩu hiện tại/).fill('đang gõ dở');

    // Not yet after 29 minutes…
    await page.clock.fastForward('29:00');
    await page.waitForTimeout(300);
    expect(await page.getByRole('heading', { name: EXPIRED }).count()).toBe(0);
    // …but after 30 without an answer from the env.server.
    await page.clock.fastForward('01:30');
    await page.getByRole('heading', { name: EXPIRED }).waitFor();
    const overlay = await page.locator('.mantine-Modal-overlay').evaluate((element) => {
      const style = getComputedStyle(element);
      return { background: style.backgroundColor, blur: style.backdropFilter };
    });
    expect(overlay.blur).toMatch(/blur\((1[6-9]|[2-9]\d)px\)/);
    const alpha = Number(/rgba?\([^)]*,\s*([\d.]+)\)/.exec(overlay.background)?.[1] ?? '1');
    expect(alpha).toBeGreaterThanOrEqual(0.9);
    await screenshot(page, 'account-02-idle-expired');

    await page.getByRole('dialog').getByLabel(/^Mật khẩu( \*)?$/).fill(PASSWORD);
    await page.getByRole('dialog').getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('heading', { name: EXPIRED }).waitFor({ state: 'hidden' });
    expect(await page.getByLabel(/^Mật khẩu hiện tại/).inputValue()).toBe('đang gõ dở');
    await context.close();
  });
});
