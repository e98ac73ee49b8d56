// Journey 4 (perpetrator handled): a commune officer of Trần Phú takes a report on a phone and adds the
// husband at intake; the duplicate warning finds him already recorded three months ago in Côn Minh, a
// commune the officer may not see, and the new incident asks to be connected to that record; once Côn
// Minh agrees it is (repeat violence).
// On his page the Côn Minh case stays hidden (its incident counted), community criticism fits the law, the
// officer records counselling (a date before the incident is refused under its field), community
// criticism, then corrects it; a chairman's no-contact order longer than 3 days is refused. T2 moves
// from "nobody identified" to 1/1. The list, the page and the intake step are shot on a phone and a desk.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createUser } from '../packages/server/src/modules/users/service.js';
import { currentTotp, generateTotpSecret } from '../packages/server/src/security/totp.js';
import { intakeUpToPerpetrators, newPage, type RunningServer, screenshot, signInAs, useServerAndBrowser } from './support.js';

const PASSWORD = 'Chồng chị ấy đã từng bị nhắc ở Côn Minh';
const PERPETRATOR = 'Hoàng Văn Dũng';
const BORN = '1985-06-12';
const MOTHER = 'Hoàng Thị Lự';

const next = (page: Page) => page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
/** On a phone (and a narrow window) the lists are the system's own pickers. */
const pick = (scope: Page | Locator, label: RegExp, option: string) => scope.getByLabel(label).selectOption({ label: option });

/** A day in Vietnam `days` from today as the date field takes it (ddmmyyyy), and as shown (dd/mm/yyyy). */
function vietnamDay(days: number, hour?: number): { typed: string; shown: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(Date.now() + days * 86_400_000))
      .map((p) => [p.type, p.value]),
  );
  return { typed: `${parts.day}${parts.month}${parts.year}`, shown: `${parts.day}/${parts.month}/${parts.year}`, time: hour === undefined ? `${parts.hour}:${parts.minute}` : `${String(hour).padStart(2, '0')}:00` };
}

async function makeOfficer(server: RunningServer, username: string, displayName: string, unitCode: string): Promise<{ id: string; unitId: string; secret: string }> {
  const { deps } = server;
  const unit = await deps.db.selectFrom('admin_units').select('id').where('code', '=', unitCode).where('valid_to', 'is', null).executeTakeFirstOrThrow();
  const { user } = await createUser(deps, null, { username, displayName, role: 'commune_officer', unitId: unit.id, organisation: undefined, locale: 'vi' }, { temporaryPassword: PASSWORD });
  const secret = generateTotpSecret();
  await deps.db.updateTable('users').set({ must_change_password: 0, totp_enabled: 1, totp_secret_enc: deps.cipher.encrypt(secret) }).where('id', '=', user.id).execute();
  return { id: user.id, unitId: unit.id, secret };
}

const signIn = (page: Page, baseUrl: string, username: string, secret: string) => signInAs(page, baseUrl, username, PASSWORD, secret);

/**
 * The Côn Minh officer opened a case three months ago, with the husband's identity, through the API;
 * returns a function with which she agrees to the pending link requests on her commune's records.
 */
async function earlierCaseInConMinh(server: RunningServer): Promise<() => Promise<void>> {
  const officer = await makeOfficer(server, 'binh.lv', 'Lục Văn Bình', '02185');
  const headers = { origin: 'http://localhost:80' };
  const login = await server.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { username: 'binh.lv', password: PASSWORD } });
  const cookie = login.cookies.find((c) => c.name.endsWith('binhan_session'));
  if (!cookie) throw new Error(`sign-in failed: ${login.body}`);
  const withCookie = { ...headers, cookie: `${cookie.name}=${cookie.value}` };
  const totp = await server.app.inject({ method: 'POST', url: '/api/auth/totp', headers: withCookie, payload: { code: currentTotp(officer.secret) } });
  expect(totp.statusCode).toBe(200);
  const detectedAt = new Date(Date.now() - 90 * 86_400_000).toISOString();
  const created = await server.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: withCookie,
    payload: {
      unitId: officer.unitId,
      detectedAt,
      detectionSource: 'village_head',
      survivor: { fullName: 'Lý Thị Mến', sex: 'female', dateOfBirth: '1988-02-01' },
      firstIncident: {
        occurredAt: detectedAt,
        placeType: 'shared_home',
        unitId: officer.unitId,
        acts: ['a'],
        gbvimsAnswers: { rape: false, sexual_assault: false, physical_assault: true },
        gbvimsType: 'physical_assault',
        context: 'intimate_partner',
        injuries: 'minor',
        reportedToPolice: false,
        perpetrators: [{ sex: 'male', relationship: 'husband', newPerpetrator: { identity: { fullName: PERPETRATOR, sex: 'male', dateOfBirth: BORN }, substanceUse: 'alcohol' } }],
      },
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  return async () => {
    const pending = await server.app.inject({ method: 'GET', url: '/api/perpetrators/link-requests', headers: withCookie });
    const items = pending.json<{ items: Array<{ id: string }> }>().items;
    expect(items).toHaveLength(1);
    for (const request of items) {
      const decided = await server.app.inject({ method: 'POST', url: `/api/perpetrators/link-requests/${request.id}/decide`, headers: withCookie, payload: { decision: 'approve' } });
      expect(decided.statusCode, decided.body).toBe(200);
    }
  };
}

describe('perpetrator handled', () => {
  const env = useServerAndBrowser();

  it('connects the husband at intake, records counselling and measures on his page, and T2 moves', async () => {
    const conMinhAgrees = await earlierCaseInConMinh(env.server);
    const officer = await makeOfficer(env.server, 'mai.lt', 'Lường Thị Mai', '02176');
    const colleague = await makeOfficer(env.server, 'thu.nv', 'Nông Văn Thư', '02176');

    const { context, page } = await newPage(env.browser, 'phone');
    await signIn(page, env.server.baseUrl, 'mai.lt', officer.secret);
    await page.getByTestId('t2-value').getByText('chưa xác định được người nào', { exact: false }).waitFor();

    // Intake: detection, survivor and incident as usual.
    await page.getByRole('link', { name: 'Tiếp nhận tin báo' }).click();
    await intakeUpToPerpetrators(page, { source: 'Trưởng thôn, tổ trưởng tổ dân phố', fullName: 'Lý Thị Mến' });

    // Step 4: the husband, a new identity as far as the officer knows; a birth date after the incident is refused.
    await page.getByText('Bước 4/5').waitFor();
    await page.getByText('Chưa ghi người có hành vi bạo lực nào', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Thêm người có hành vi bạo lực' }).click();
    const entry = page.getByTestId('perpetrator-entry');
    await pick(entry, /^Quan hệ với người bị bạo lực/, 'Chồng');
    await pick(entry, /^Giới tính/, 'Nam');
    await entry.getByLabel(/^Họ và tên/).fill(PERPETRATOR);
    await entry.getByLabel(/^Ngày sinh/).fill(vietnamDay(2).typed);
    await next(page);
    await entry.getByText('Ngày sinh không được sau ngày xảy ra vụ việc').waitFor();
    await entry.getByLabel(/^Ngày sinh/).fill('12061985');
    await pick(entry, /^Sử dụng rượu, bia, ma túy/, 'Thường xuyên uống rượu, bia');
    await screenshot(page, 'perpetrators-01-intake-step-phone');
    await next(page);

    // The duplicate warning: the same name and birth year, recorded where the officer may not look.
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Có thể người này đã được ghi nhận').waitFor();
    await dialog.getByText('trùng họ tên và năm sinh', { exact: false }).waitFor();
    expect(await dialog.innerText()).not.toContain('Côn Minh');
    await screenshot(page, 'perpetrators-02-intake-duplicate-phone');
    await dialog.getByRole('button', { name: 'Nối với người này' }).click();
    await page.getByText('Bước 5/5').waitFor();
    await page.getByText('Sẽ gửi yêu cầu liên kết đến xã đang quản lý hồ sơ người này', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Tạo hồ sơ' }).click();
    await dialog.getByText('Đánh dấu các dấu hiệu', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Nothing of his record shows until Côn Minh agrees to the link.
    expect(await page.locator('main').innerText()).not.toContain('NG-02185-');
    await conMinhAgrees();
    await page.reload();

    // The case page names him by code, repeat, not yet counselled.
    const panel = page.getByTestId('case-perpetrators');
    const link = panel.getByRole('link', { name: /^Mở trang NG-02185-/ });
    await link.waitFor();
    await panel.getByText('Tái diễn').waitFor();
    await panel.getByText('Chưa được tư vấn', { exact: false }).waitFor();
    expect(await page.locator('main').innerText()).not.toContain(PERPETRATOR);

    // His mother, who joined in, is added to the incident afterwards as a new person.
    await panel.getByRole('button', { name: 'Thêm người vào vụ việc' }).click();
    await dialog.locator('label').filter({ hasText: /^Nhập người mới$/ }).click();
    await pick(dialog, /^Quan hệ với người bị bạo lực/, 'Bố mẹ chồng, bố mẹ vợ hoặc người thân bên chồng, bên vợ');
    await pick(dialog, /^Giới tính/, 'Nữ');
    await dialog.getByLabel(/^Tuổi/).fill('63');
    await dialog.getByLabel(/^Họ và tên/).fill(MOTHER);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => panel.getByTestId('case-perpetrator').count()).toBe(2);
    await panel.getByText('Bố mẹ chồng, bố mẹ vợ hoặc người thân bên chồng, bên vợ', { exact: false }).waitFor();
    expect(await page.locator('main').innerText()).not.toContain(MOTHER);
    await page.reload();
    await panel.getByTestId('case-perpetrator').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'perpetrators-03-case-panel-phone');
    await link.click();

    // His page: the Côn Minh incident is counted, never shown; community criticism fits the law.
    await page.getByRole('heading', { name: /^Người có hành vi bạo lực NG-/ }).waitFor();
    await page.getByTestId('hidden-incidents').getByText('Còn 1 vụ việc thuộc hồ sơ ngoài địa bàn của bạn', { exact: false }).waitFor();
    await page.getByTestId('criticism-hint').getByText('Người này đủ điều kiện áp dụng góp ý, phê bình trong cộng đồng dân cư.').waitFor();
    expect(await page.locator('main').innerText()).not.toContain('Hồ sơ 02185-');
    expect(await page.locator('main').innerText()).not.toContain(PERPETRATOR);
    const perpetratorUrl = page.url();

    // The identity on a deliberate, audited request.
    await page.getByRole('button', { name: 'Hiện thông tin nhận dạng' }).click();
    await dialog.getByRole('button', { name: 'Hiện thông tin' }).click();
    await page.getByTestId('perpetrator-identity').getByText(PERPETRATOR).waitFor();
    await page.getByTestId('perpetrator-identity').getByText('12/06/1985').waitFor();
    await page.getByTestId('perpetrator-identity').getByRole('button', { name: 'Ẩn' }).click();

    // Counselling: a date before the incident is refused by the server under the date field.
    const counselling = page.getByTestId('counselling-panel');
    await counselling.getByRole('button', { name: 'Ghi nhận buổi tư vấn' }).click();
    await dialog.getByLabel(/^Ngày tư vấn/).fill(vietnamDay(-3).typed);
    await dialog.getByLabel(/^Người hoặc tổ chức tư vấn/).fill('Công an xã Trần Phú');
    await pick(dialog, /^Nội dung tư vấn/, 'Pháp luật về phòng, chống bạo lực gia đình');
    await dialog.getByLabel(/^Kết quả, nhận xét/).fill('Nhận thức được hành vi sai, hứa không tái phạm.');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Ngày này trước ngày xảy ra vụ việc bạo lực').waitFor();
    await screenshot(page, 'perpetrators-04-counselling-refused-phone');
    await dialog.getByLabel(/^Ngày tư vấn/).fill(vietnamDay(0).typed);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await counselling.getByTestId('counselling-item').getByText('Công an xã Trần Phú').waitFor();

    // A chairman's no-contact order for 5 days is refused under its end; the officer cancels it.
    const measures = page.getByTestId('perpetrator-measures');
    await measures.getByRole('button', { name: 'Ghi nhận hình thức xử lý' }).click();
    await pick(dialog, /^Hình thức xử lý/, 'Cấm tiếp xúc');
    await dialog.getByText('Ghi quyết định mới').click();
    await pick(dialog, /^Cơ quan, người quyết định/, 'Chủ tịch Ủy ban nhân dân cấp xã');
    const tooLong = vietnamDay(5);
    await dialog.getByLabel('Kết thúc: ngày').fill(tooLong.typed);
    await dialog.getByLabel('Kết thúc: giờ').fill(tooLong.time);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('thời hạn vượt quá mức tối đa pháp luật cho phép', { exact: false }).waitFor();
    await screenshot(page, 'perpetrators-05-no-contact-refused-phone');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Community criticism by the village, then marked done on correction.
    await measures.getByRole('button', { name: 'Ghi nhận hình thức xử lý' }).click();
    await pick(dialog, /^Hình thức xử lý/, 'Góp ý, phê bình trong cộng đồng dân cư');
    await pick(dialog, /^Cơ quan, người quyết định/, 'Cộng đồng dân cư (thôn, tổ dân phố)');
    await dialog.getByLabel(/^Ghi rõ cơ quan/).fill('Thôn Nà Lẹng');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const item = measures.getByTestId('measure-item');
    await item.getByText('Góp ý, phê bình trong cộng đồng dân cư').waitFor();
    await item.getByText('Đã quyết định').waitFor();
    await item.getByRole('button', { name: /^Sửa/ }).click();
    await pick(dialog, /^Tình trạng thực hiện/, 'Đã thực hiện xong');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await item.getByText('Đã thực hiện xong').waitFor();
    await page.getByText('Đã tư vấn hoặc xử lý').first().waitFor();
    // Without the saved-notices on top.
    await page.reload();
    await page.getByTestId('counselling-item').waitFor();
    await screenshot(page, 'perpetrators-06-page-phone');

    // T2 moved: two perpetrators identified in Trần Phú this year, one counselled and handled.
    await page.getByRole('button', { name: 'Mở menu điều hướng' }).click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).first().getByRole('link', { name: 'Người có hành vi bạo lực' }).click();
    await page.getByRole('heading', { name: 'Người có hành vi bạo lực' }).waitFor();
    await page.getByTestId('t2-value').getByText('1/2 (50%)', { exact: false }).waitFor();
    await page.getByTestId('perpetrator-list').getByText('Tái diễn').waitFor();
    await expect.poll(() => page.getByTestId('perpetrator-list').getByText(/^NG-/).count()).toBe(2);
    for (const name of [PERPETRATOR, MOTHER]) expect(await page.locator('main').innerText()).not.toContain(name);
    await screenshot(page, 'perpetrators-07-list-phone');
    await context.close();

    // At a desk, a colleague: the list filtered to repeat perpetrators, his page, and the intake step.
    const desk = await newPage(env.browser, 'desktop');
    await signIn(desk.page, env.server.baseUrl, 'thu.nv', colleague.secret);
    await desk.page.getByTestId('t2-value').getByText('1/2 (50%)', { exact: false }).waitFor();
    await desk.page.goto(`${env.server.baseUrl}/app/perpetrators?repeat=true`);
    const row = desk.page.getByTestId('perpetrator-list').getByRole('row').nth(1);
    await row.getByText('Góp ý, phê bình trong cộng đồng dân cư').waitFor();
    await row.getByText('+1 ngoài địa bàn').waitFor();
    await expect.poll(() => desk.page.getByTestId('perpetrator-list').getByRole('row').count()).toBe(2);
    await screenshot(desk.page, 'perpetrators-08-list-desktop');
    await desk.page.goto(`${env.server.baseUrl}/app/perpetrators?repeat=false`);
    const single = desk.page.getByTestId('perpetrator-list').getByRole('row').nth(1);
    await single.getByText('Nữ · 63 tuổi').waitFor();
    await single.getByText('Chưa tư vấn', { exact: true }).waitFor();
    await desk.page.goto(`${env.server.baseUrl}/app/perpetrators?handled=true`);
    await desk.page.getByTestId('perpetrator-list').getByText(/^NG-02185-/).waitFor();
    await expect.poll(() => desk.page.getByTestId('perpetrator-list').getByRole('row').count()).toBe(2);
    await desk.page.goto(perpetratorUrl);
    await desk.page.getByTestId('counselling-item').getByText('Công an xã Trần Phú').waitFor();
    await screenshot(desk.page, 'perpetrators-09-page-desktop');

    // The same page in English, for an officer who prefers it.
    await desk.page.getByRole('button', { name: 'Ngôn ngữ: Tiếng Việt' }).click();
    await desk.page.getByRole('menuitem', { name: 'English' }).click();
    await desk.page.getByRole('heading', { name: /^Perpetrator NG-02185-/ }).waitFor();
    await desk.page.getByText('This person meets the conditions for community criticism.').waitFor();
    await desk.page.getByText('Incidents in cases outside your area, not shown here: 1.').waitFor();
    await desk.page.getByTestId('perpetrator-measures').getByText('Community criticism', { exact: true }).waitFor();
    await screenshot(desk.page, 'perpetrators-09-page-desktop-en');
    await desk.page.getByRole('button', { name: 'Language: English' }).click();
    await desk.page.getByRole('menuitem', { name: 'Tiếng Việt' }).click();
    await desk.page.getByRole('heading', { name: /^Người có hành vi bạo lực NG-02185-/ }).waitFor();

    // The intake step at a desk, with an accent-free search finding him by name.
    await desk.page.setViewportSize({ width: 700, height: 800 });
    await desk.page.goto(`${env.server.baseUrl}/app/cases/new`);
    await desk.page.getByText('Bước 1/5').waitFor();
    await pick(desk.page, /^Nguồn phát hiện/, 'Người bị bạo lực tự báo tin');
    await next(desk.page);
    await desk.page.getByLabel(/^Họ và tên/).fill('Lý Thị Mến');
    await desk.page.getByText('Nữ', { exact: true }).click();
    await next(desk.page);
    const duplicateCase = desk.page.getByRole('dialog');
    if (await duplicateCase.getByText('Có thể trùng hồ sơ').isVisible().catch(() => false)) await duplicateCase.getByRole('button', { name: 'Tiếp tục, đây là hồ sơ mới' }).click();
    await desk.page.getByText('Bước 3/5').waitFor();
    await pick(desk.page, /^Nơi xảy ra/, 'Nơi ở chung');
    await desk.page.getByText(/^a\) Hành hạ/).click();
    await desk.page.getByRole('button', { name: 'Có', exact: true }).first().click();
    await pick(desk.page, /^Thương tích/, 'Không bị thương');
    await next(desk.page);
    await desk.page.getByText('Bước 4/5').waitFor();
    await desk.page.getByRole('button', { name: 'Thêm người có hành vi bạo lực' }).click();
    const deskEntry = desk.page.getByTestId('perpetrator-entry');
    await pick(deskEntry, /^Quan hệ với người bị bạo lực/, 'Chồng');
    await pick(deskEntry, /^Giới tính/, 'Nam');
    await desk.page.setViewportSize({ width: 1280, height: 800 });
    await deskEntry.locator('label').filter({ hasText: /^Tìm người đã có$/ }).click();
    await deskEntry.getByLabel('Nội dung tìm kiếm').fill('hoang van dung');
    await deskEntry.getByRole('button', { name: 'Tìm' }).click();
    await deskEntry.getByTestId('perpetrator-result').getByText(/^NG-/).waitFor();
    await screenshot(desk.page, 'perpetrators-10-intake-step-desktop');
    await deskEntry.getByRole('button', { name: /^Chọn: NG-/ }).click();
    await deskEntry.getByTestId('perpetrator-chosen').getByText(/^Đã chọn NG-/).waitFor();
    await desk.context.close();
  });
});
