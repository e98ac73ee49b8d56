// Journey 10 (administrator), first part: the first administrator signs in with the one-time password,
// sets a password, enrols two-factor (the test computes the code from the secret on the page), creates a
// commune officer, who then signs in on a phone and sees only their commune.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ensureFirstAdministrator } from '../packages/server/src/boot.js';
import { currentTotp } from '../packages/server/src/security/totp.js';
import { newPage, screenshot, useServerAndBrowser } from './support.js';

const ADMIN_PASSWORD = 'Nương ngô trên núi Na Rì 2026';
const OFFICER_PASSWORD = 'Suối Khuổi Slưn trong xanh 17';

async function signInWith(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel(/^Mật khẩu( \*)?$/).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

async function setNewPassword(page: Page, password: string): Promise<void> {
  await page.getByRole('heading', { name: 'Đặt mật khẩu mới' }).waitFor();
  await page.getByLabel(/^Mật khẩu mới( \*)?$/).fill(password);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(password);
  await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
}

/** Reads the secret the page shows, as a person would type it into an authenticator app. */
async function enrolTwoFactor(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { name: 'Bật xác thực hai lớp' }).waitFor();
  const secret = (await page.getByLabel('Khóa bí mật (nhập thủ công)').innerText()).replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await screenshot(page, `${name}-enrol`);
  await page.getByLabel('Mã xác thực (6 chữ số)').fill(currentTotp(secret));
  await page.getByRole('button', { name: 'Bật xác thực hai lớp' }).click();
  await page.getByText('Tôi đã lưu các mã khôi phục').waitFor();
  await screenshot(page, `${name}-recovery-codes`);
  await page.getByText('Tôi đã lưu các mã khôi phục').click();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
}

describe('first administrator and a commune officer', () => {
  const env = useServerAndBrowser();

  it('sets up the first administrator, who creates a commune officer who sees only their commune', async () => {
    const oneTimePassword = await ensureFirstAdministrator(env.server.deps);
    if (!oneTimePassword) throw new Error('the first administrator already existed');

    const { context, page } = await newPage(env.browser, 'desktop');
    await page.goto(`${env.server.baseUrl}/app/`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await screenshot(page, 'admin-01-login');

    await signInWith(page, 'admin', 'mật khẩu sai rồi');
    await page.getByText('Tên đăng nhập hoặc mật khẩu không đúng', { exact: false }).waitFor();
    await signInWith(page, 'admin', oneTimePassword);

    // A common password is refused with a reason, then a good one is accepted.
    await page.getByRole('heading', { name: 'Đặt mật khẩu mới' }).waitFor();
    await page.getByLabel(/^Mật khẩu mới( \*)?$/).fill('password1234');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('password1234');
    await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
    await page.getByText('Mật khẩu này quá phổ biến', { exact: false }).waitFor();
    await screenshot(page, 'admin-02-password-refused');
    await setNewPassword(page, ADMIN_PASSWORD);

    await enrolTwoFactor(page, 'admin-03');
    await page.getByRole('heading', { name: /Xin chào/ }).waitFor();
    await screenshot(page, 'admin-04-home');

    // Administrative units across the reorganisations, as the README shows them.
    await page.getByRole('link', { name: 'Đơn vị hành chính' }).first().click();
    await page.getByRole('button', { name: '2017 (Kế hoạch 85)' }).click();
    await page.getByText('Hữu Thác', { exact: false }).first().waitFor();
    await page.getByText('Hữu Thác', { exact: false }).first().click();
    await page.getByText(/Nay thuộc: .*Trần Phú/).waitFor();
    await screenshot(page, 'admin-units');

    // Create the commune officer.
    await page.getByRole('link', { name: 'Người dùng' }).first().click();
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Họ và tên').fill('Lường Thị Mai');
    await dialog.getByLabel('Tên đăng nhập').fill('mai.lt');
    await dialog.getByLabel(/^Vai trò/).click();
    await page.getByRole('option', { name: 'Cán bộ văn hóa - xã hội xã' }).click();
    await dialog.getByLabel(/^Đơn vị/).fill('tran phu');
    await page.getByRole('option', { name: 'Trần Phú (02176) — Xã', exact: true }).click();
    await screenshot(page, 'admin-05-create-officer');
    await dialog.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const temporary = page.getByTestId('temporary-password');
    await temporary.waitFor();
    const officerOneTime = (await temporary.innerText()).trim();
    await screenshot(page, 'admin-06-temporary-password');
    await page.getByRole('button', { name: 'Tôi đã ghi lại mật khẩu' }).click();
    await page.getByRole('cell', { name: 'mai.lt' }).or(page.getByText('mai.lt')).first().waitFor();
    await context.close();

    // The officer, on a 360 px phone.
    const phone = await newPage(env.browser, 'phone');
    await phone.page.goto(`${env.server.baseUrl}/app/`);
    await signInWith(phone.page, 'mai.lt', officerOneTime);
    await setNewPassword(phone.page, OFFICER_PASSWORD);
    await enrolTwoFactor(phone.page, 'officer-01');
    await phone.page.getByText('Đơn vị: Trần Phú', { exact: false }).waitFor();
    await screenshot(phone.page, 'officer-02-home');

    await phone.page.goto(`${env.server.baseUrl}/app/units`);
    await phone.page.getByText('Trần Phú', { exact: false }).first().waitFor();
    const body = await phone.page.locator('main').innerText();
    expect(body).toContain('Trần Phú');
    for (const other of ['Côn Minh', 'Xuân Dương', 'Cường Lợi', 'Văn Lang']) expect(body).not.toContain(other);
    await screenshot(phone.page, 'officer-03-units');
    // The officer's navigation has no users or audit pages.
    expect(await phone.page.getByRole('link', { name: 'Người dùng' }).count()).toBe(0);
    const direct = await phone.page.request.get(`${env.server.baseUrl}/api/users`);
    expect(direct.status()).toBe(403);
    await phone.context.close();
  });
});
