// When a session ends while someone is typing, the page stays as it is: a sign-in dialog opens over it,
// and after signing in again the half-filled form still holds every character.
import { describe, expect, it } from 'vitest';
import { createUser } from '../packages/server/src/modules/users/service.js';
import { currentTotp, generateTotpSecret } from '../packages/server/src/security/totp.js';
import { newPage, screenshot, useServerAndBrowser } from './support.js';

const PASSWORD = 'Chợ phiên Yến Lạc sáng chủ nhật';

describe('session expiry', () => {
  const env = useServerAndBrowser();

  it('keeps a half-filled form through a re-sign-in, and the English interface is complete', async () => {
    const { deps } = env.server;
    const unit = await deps.db.selectFrom('admin_units').select('id').where('code', '=', '066').executeTakeFirstOrThrow();
    const { user } = await createUser(deps, null, { username: 'quan.tri', displayName: 'Quản trị viên', role: 'system_admin', unitId: unit.id, organisation: undefined, locale: 'vi' }, { temporaryPassword: PASSWORD });
    const secret = generateTotpSecret();
    await deps.db.updateTable('users').set({ must_change_password: 0, totp_enabled: 1, totp_secret_enc: deps.cipher.encrypt(secret) }).where('id', '=', user.id).execute();

    const { context, page } = await newPage(env.browser, 'desktop');
    await page.goto(`${env.server.baseUrl}/app/login`);
    // English first: every label of the sign-in page is translated.
    await page.getByText('English', { exact: true }).first().click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'session-01-login-english');
    await page.getByText('Tiếng Việt', { exact: true }).first().click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();

    await page.getByLabel('Tên đăng nhập').fill('quan.tri');
    await page.getByLabel(/^Mật khẩu( \*)?$/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByLabel(/^Mã xác thực/).fill(currentTotp(secret));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByRole('heading', { name: /Xin chào/ }).waitFor();

    await page.getByRole('link', { name: 'Người dùng' }).first().click();
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Họ và tên').fill('Hoàng Thị Duyên');
    await dialog.getByLabel('Tên đăng nhập').fill('duyen.ht');
    await dialog.getByLabel(/^Vai trò/).click();
    await page.getByRole('option', { name: 'Cán bộ thống kê' }).click();
    await dialog.getByLabel(/^Đơn vị/).fill('xuan duong');
    await page.getByRole('option', { name: 'Xuân Dương (02191) — Xã', exact: true }).click();

    // The session ends behind the user's back (an administrator signed them out everywhere).
    await deps.db.updateTable('sessions').set({ revoked_at: new Date().toISOString() }).where('user_id', '=', user.id).execute();
    await dialog.getByRole('button', { name: 'Tạo tài khoản' }).click();

    await page.getByRole('heading', { name: 'Phiên đăng nhập đã hết hạn' }).waitFor();
    await screenshot(page, 'session-02-expired');
    await page.getByLabel(/^Mật khẩu( \*)?$/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    // A new 30-second step: the code used above cannot be used twice.
    const nextStep = Math.ceil(Date.now() / 30_000) * 30_000 + 1000;
    await page.waitForTimeout(Math.max(0, nextStep - Date.now()));
    await page.getByLabel(/^Mã xác thực/).fill(currentTotp(secret));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByRole('heading', { name: 'Phiên đăng nhập đã hết hạn' }).waitFor({ state: 'hidden' });

    expect(await page.getByRole('dialog').getByLabel('Họ và tên').inputValue()).toBe('Hoàng Thị Duyên');
    expect(await page.getByRole('dialog').getByLabel('Tên đăng nhập').inputValue()).toBe('duyen.ht');
    // Submitting again now works: the account is created.
    await page.getByRole('dialog').getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByTestId('temporary-password').waitFor();
    await screenshot(page, 'session-03-form-kept');
    await context.close();
  });
});
