// Journey 2 (referral with consent, on phones): a commune officer takes a report and assesses high risk,
// records the survivor's informed consent to share with health care and to be called, records a
// no-contact order (a term over the chairman's 3 days is refused under the end field), and refers her to
// the commune health station. The station's user sees only what was shared, accepts, and the officer's
// case page shows the referral accepted.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { foldVietnamese } from '@binhan/domain';
import { newId } from '../packages/server/src/lib/ids.js';
import { createUser } from '../packages/server/src/modules/users/service.js';
import { generateTotpSecret } from '../packages/server/src/security/totp.js';
import { intakeUpToPerpetrators, newPage, screenshot, signInAs, useServerAndBrowser } from './support.js';

const PASSWORD = 'Trạm y tế mở cửa lúc bảy giờ sáng';
const SURVIVOR = 'Nông Thị Hằng';
const PHONE = '0912 345 678';
const STATION = 'Trạm Y tế xã Bằng Thành';

const next = (page: Page) => page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
const pick = (scope: Page | ReturnType<Page['getByRole']>, label: RegExp, option: string) => scope.getByLabel(label).selectOption({ label: option });

/** A day and time in Vietnam, `hours` from now, as the date field (ddmmyyyy) and the time field (HH:mm) take them. */
function vietnamIn(hours: number): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(Date.now() + hours * 3_600_000))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.day}${parts.month}${parts.year}`, time: `${parts.hour}:${parts.minute}` };
}

const signIn = (page: Page, baseUrl: string, username: string, secret: string) => signInAs(page, baseUrl, username, PASSWORD, secret);

describe('referral with consent', () => {
  const env = useServerAndBrowser();

  it('records consent and a no-contact order, refers to the health station, and the station accepts', async () => {
    const { deps } = env.server;
    const commune = await deps.db.selectFrom('admin_units').select('id').where('code', '=', '02176').where('valid_to', 'is', null).executeTakeFirstOrThrow();
    const officerSecret = generateTotpSecret();
    const { user: officer } = await createUser(deps, null, { username: 'lan.nt', displayName: 'Nông Thị Lan', role: 'commune_officer', unitId: commune.id, organisation: undefined, locale: 'vi' }, { temporaryPassword: PASSWORD });
    await deps.db.updateTable('users').set({ must_change_password: 0, totp_enabled: 1, totp_secret_enc: deps.cipher.encrypt(officerSecret) }).where('id', '=', officer.id).execute();

    // The commune health station and its user, set up directly.
    const providerId = newId();
    const at = new Date().toISOString();
    await deps.db.insertInto('providers').values({
      id: providerId, name: STATION, name_folded: foldVietnamese(STATION), service_types: JSON.stringify(['health_care']), unit_id: commune.id,
      units_served: JSON.stringify([commune.id]), address: 'Thôn Nà Lẹng', phone: '0209 3870 115', hours: '7:00–17:00, trực 24/24', languages: JSON.stringify(['Tiếng Việt', 'Tiếng Tày']),
      is_public: 1, is_active: 1, created_at: at, updated_at: at,
    }).execute();
    const stationSecret = generateTotpSecret();
    const { user: nurse } = await createUser(deps, null, { username: 'tuyet.hv', displayName: 'Hà Văn Tuyết', role: 'service_provider', unitId: commune.id, organisation: STATION, locale: 'vi' }, { temporaryPassword: PASSWORD });
    await deps.db.updateTable('users').set({ provider_id: providerId, must_change_password: 0, totp_enabled: 1, totp_secret_enc: deps.cipher.encrypt(stationSecret) }).where('id', '=', nurse.id).execute();

    // Intake on a phone.
    const { context, page } = await newPage(env.browser, 'phone');
    await signIn(page, env.server.baseUrl, 'lan.nt', officerSecret);
    await page.getByTestId('alerts-panel').getByText('Không có việc nào cần xử lý ngay.').waitFor();
    await page.getByRole('link', { name: 'Tiếp nhận tin báo' }).click();
    await intakeUpToPerpetrators(page, { source: 'Người bị bạo lực tự báo tin', fullName: SURVIVOR, dateOfBirth: '03021990', phone: PHONE, ethnicity: 'Tày' });
    await page.getByText('Bước 4/5').waitFor();
    await next(page);
    await page.getByText('Bước 5/5').waitFor();
    await page.getByRole('button', { name: 'Tạo hồ sơ' }).click();

    // High risk: strangulation sets the floor.
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Đánh dấu các dấu hiệu', { exact: false }).waitFor();
    await dialog.getByText('đã bóp cổ, làm nghẹt thở', { exact: false }).click();
    await dialog.getByText('Nguy cơ: Cao').first().waitFor();
    await dialog.getByText('Đang gặp nguy hiểm').click();
    await dialog.getByRole('button', { name: 'Lưu đánh giá' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Nguy cơ: Cao').first().waitFor();

    // Consent: not saved until the survivor is confirmed fully informed.
    const consentPanel = page.getByTestId('consent-panel');
    await consentPanel.getByText('Chưa ghi nhận sự đồng ý nào.').waitFor();
    await consentPanel.getByRole('button', { name: 'Ghi nhận sự đồng ý' }).click();
    await dialog.getByText('Đồng ý được liên lạc').click();
    await dialog.getByText('Gọi điện thoại', { exact: true }).click();
    await dialog.getByText('Chăm sóc, điều trị y tế', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('cần xác nhận người bị bạo lực đã được thông tin đầy đủ', { exact: false }).waitFor();
    await screenshot(page, 'referral-01-consent-informed-missing');
    await dialog.getByText('Người bị bạo lực đã được thông tin đầy đủ trước khi đồng ý', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await consentPanel.getByText('Đang có hiệu lực').waitFor();
    await consentPanel.getByText('Chăm sóc, điều trị y tế').waitFor();

    // A chairman's no-contact order: 4 days is refused under the end field, 2 days is recorded and shows on top.
    const measuresPanel = page.getByTestId('measures-panel');
    await measuresPanel.getByRole('button', { name: 'Thêm biện pháp' }).click();
    await pick(dialog, /^Biện pháp/, 'c) Cấm tiếp xúc');
    await pick(dialog, /^Cấp quyết định hoặc thực hiện/, 'Chủ tịch Ủy ban nhân dân cấp xã');
    await dialog.getByLabel(/^Số quyết định/).fill('15/QĐ-UBND');
    const tooLong = vietnamIn(4 * 24);
    await dialog.getByLabel('Kết thúc: ngày').fill(tooLong.date);
    await dialog.getByLabel('Kết thúc: giờ').fill(tooLong.time);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('thời hạn vượt quá mức tối đa pháp luật cho phép', { exact: false }).waitFor();
    await screenshot(page, 'referral-02-measure-too-long');
    const twoDays = vietnamIn(2 * 24);
    await dialog.getByLabel('Kết thúc: ngày').fill(twoDays.date);
    await dialog.getByLabel('Kết thúc: giờ').fill(twoDays.time);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('active-measures').getByText(/^Đang có hiệu lực: cấm tiếp xúc đến \d{2}\/\d{2} \d{2}:\d{2}$/).waitFor();
    await screenshot(page, 'referral-03-no-contact-active');

    // Referral: the provider serving the commune is offered, the consent covering health care is chosen.
    const referralsPanel = page.getByTestId('referrals-panel');
    await referralsPanel.getByRole('button', { name: 'Chuyển gửi dịch vụ' }).click();
    await pick(dialog, /^Loại dịch vụ/, 'Chăm sóc, điều trị y tế');
    await pick(dialog, /^Cơ sở cung cấp dịch vụ/, `${STATION} · 0209 3870 115`);
    await expect.poll(() => dialog.getByLabel(/^Sự đồng ý cho phép chuyển gửi/).inputValue()).not.toBe('');
    await dialog.getByText('Khẩn', { exact: true }).click();
    await dialog.getByLabel(/^Ghi chú gửi cơ sở/).fill('Vết bầm ở cổ, cần khám trong ngày. Gọi trước khi đến.');
    await screenshot(page, 'referral-04-referral-modal');
    await dialog.getByRole('button', { name: 'Gửi chuyển gửi' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await referralsPanel.getByText('Đã gửi', { exact: true }).waitFor();
    await referralsPanel.getByText(STATION).waitFor();
    const caseUrl = page.url();

    // The station's user, in a second context: only Home, Referrals and Account.
    const station = await newPage(env.browser, 'phone');
    await signIn(station.page, env.server.baseUrl, 'tuyet.hv', stationSecret);
    await station.page.getByRole('button', { name: 'Mở menu điều hướng' }).click();
    const nav = station.page.getByRole('navigation', { name: 'Điều hướng chính' }).first();
    await nav.getByRole('link', { name: 'Chuyển gửi đến cơ sở' }).waitFor();
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Trang chủ', 'Chuyển gửi đến cơ sở', 'Tài khoản của tôi']);
    await nav.getByRole('link', { name: 'Chuyển gửi đến cơ sở' }).click();
    const card = station.page.getByTestId('inbox-referral');
    await card.getByText(SURVIVOR).waitFor();
    await card.getByText('Khẩn', { exact: true }).waitFor();
    await card.getByText(/^0912 ?345 ?678$/).waitFor();
    await card.getByText('Gọi điện thoại').waitFor();
    await card.getByText('Vết bầm ở cổ', { exact: false }).waitFor();
    expect(await station.page.locator('main').innerText()).not.toContain('02176-');
    await screenshot(station.page, 'referral-05-inbox');
    await card.getByRole('button', { name: 'Tiếp nhận' }).click();
    const stationDialog = station.page.getByRole('dialog');
    await stationDialog.getByLabel(/^Ghi chú/).fill('Hẹn khám lúc 14:00 hôm nay.');
    await stationDialog.getByRole('button', { name: 'Tiếp nhận' }).click();
    await stationDialog.waitFor({ state: 'hidden' });
    await card.getByText('Đã nhận', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Hoàn thành' }).waitFor();
    await screenshot(station.page, 'referral-06-accepted');
    await station.context.close();

    // The officer sees the answer on the case.
    await page.goto(caseUrl);
    await referralsPanel.getByText('Đã nhận', { exact: true }).waitFor();
    await referralsPanel.getByText('Hẹn khám lúc 14:00 hôm nay.').waitFor();
    await page.getByTestId('case-timeline').getByText('Cơ sở phản hồi chuyển gửi').waitFor();
    await screenshot(page, 'referral-07-case-accepted');
    await context.close();
  });
});
