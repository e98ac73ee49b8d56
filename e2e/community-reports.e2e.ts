// Community reports in the staff app (issue 7): a communicator files a report from a phone (someone in
// danger now, a child involved, HTML in the text) and another one; the commune officer sees the alert on
// the home page and the queue (most urgent first), opens a case from the first report through the intake
// filled in from it — the case shows the detection source — and closes the second with a reason. The
// communicator follows the status of their own reports only, and cannot open the queue.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { foldVietnamese } from '@binhan/domain';
import { newId } from '../packages/server/src/lib/ids.js';
import { submitReport } from '../packages/server/src/modules/community-reports/submit.js';
import { createUser } from '../packages/server/src/modules/users/service.js';
import { generateTotpSecret } from '../packages/server/src/security/totp.js';
import { newPage, screenshot, signInAs, useServerAndBrowser } from './support.js';

const PASSWORD = 'Tin báo từ bản Pjạc lúc chiều tối';
const HOSTILE = '<script>window.__pwned = 1</script><b>Chồng</b> đánh vợ & con';
const SURVIVOR = 'Hoàng Thị Sen';

const next = (page: Page) => page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
/** On a phone the lists are the system's own pickers. */
const pick = (page: Page, label: RegExp, option: string) => page.getByLabel(label).selectOption({ label: option });
/** A yes / no / not sure question (segmented buttons) answered by its label. */
const answer = (page: Page, question: string, choice: 'Có' | 'Không' | 'Không rõ') =>
  page.locator('.mantine-InputWrapper-root', { hasText: question }).getByText(choice, { exact: true }).click();

const signIn = (page: Page, baseUrl: string, username: string, secret?: string) => signInAs(page, baseUrl, username, PASSWORD, secret);

describe('community reports in the staff app', () => {
  const env = useServerAndBrowser();

  it('a communicator files reports, the commune officer opens a case from one and closes another, the communicator follows their own', async () => {
    const { deps, baseUrl } = env.server;
    const commune = await deps.db.selectFrom('admin_units').select(['id', 'name']).where('code', '=', '02176').where('valid_to', 'is', null).executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    const villageId = newId();
    await deps.db.insertInto('admin_units').values({ id: villageId, code: '02176-T01', name: 'Bản Pjạc', name_folded: foldVietnamese('Bản Pjạc'), kind: 'village', parent_id: commune.id, valid_from: '2025-07-01', valid_to: null, created_at: at }).execute();
    deps.units.invalidate();

    const { user: communicator } = await createUser(deps, null, { username: 'thu.nt', displayName: 'Nông Thị Thu', role: 'communicator', unitId: commune.id, organisation: undefined, locale: 'vi' }, { temporaryPassword: PASSWORD });
    await deps.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', communicator.id).execute();
    const { user: other } = await createUser(deps, null, { username: 'binh.lv', displayName: 'Lý Văn Bình', role: 'communicator', unitId: commune.id, organisation: undefined, locale: 'vi' }, { temporaryPassword: PASSWORD });
    const officerSecret = generateTotpSecret();
    const { user: officer } = await createUser(deps, null, { username: 'hoa.lt', displayName: 'Lục Thị Hoa', role: 'commune_officer', unitId: commune.id, organisation: undefined, locale: 'vi' }, { temporaryPassword: PASSWORD });
    await deps.db.updateTable('users').set({ must_change_password: 0, totp_enabled: 1, totp_secret_enc: deps.cipher.encrypt(officerSecret) }).where('id', '=', officer.id).execute();
    // Another communicator's report, which the first must never see among theirs.
    const othersReport = await submitReport(deps, { unitId: commune.id, concerns: ['eviction'], occurredWhen: 'this_week', inDangerNow: 'no', childInvolved: 'no' }, {
      channel: 'staff', user: { id: other.id, username: 'binh.lv', role: 'communicator' }, clientKey: null, ipAddress: null,
    });

    // --- The communicator, on a phone: no queue in the menu, and its address is refused.
    const com = await newPage(env.browser, 'phone');
    await signIn(com.page, baseUrl, 'thu.nt');
    await com.page.getByRole('link', { name: 'Gửi tin báo' }).first().waitFor();
    await screenshot(com.page, 'community-00-communicator-home-phone');
    await com.page.getByRole('button', { name: 'Mở menu điều hướng' }).click();
    const nav = com.page.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('link', { name: 'Gửi tin báo' }).waitFor();
    await nav.getByRole('link', { name: 'Tin báo tôi đã gửi' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Tin báo cộng đồng' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Hồ sơ vụ việc' }).count()).toBe(0);
    await com.page.getByRole('button', { name: 'Đóng menu điều hướng' }).click();
    await com.page.goto(`${baseUrl}/app/community-reports`);
    await com.page.getByText('Không có quyền truy cập').waitFor();

    // The form: someone in danger now brings the emergency numbers first; an empty report is explained.
    await com.page.goto(`${baseUrl}/app/send-report`);
    await com.page.getByRole('heading', { name: 'Gửi tin báo' }).waitFor();
    await expect.poll(() => com.page.getByLabel(/^Xã, phường, thị trấn/).inputValue()).toBe(commune.id);
    await com.page.getByRole('button', { name: 'Gửi tin báo' }).click();
    await com.page.getByText('Hãy chọn ít nhất một việc đã xảy ra, hoặc viết vài dòng mô tả.').waitFor();
    await answer(com.page, 'Có ai đang gặp nguy hiểm', 'Có');
    await com.page.getByTestId('emergency-numbers').getByText('Công an: 113').waitFor();
    await com.page.getByLabel('Đánh đập, gây thương tích').check();
    await com.page.getByLabel('Trẻ em bị bạo lực, xâm hại hoặc bị bỏ mặc').check();
    await com.page.getByLabel(/^Mô tả/).fill(HOSTILE);
    await pick(com.page, /^Xảy ra khi nào/, 'Đang xảy ra');
    await answer(com.page, 'Có trẻ em (dưới 18 tuổi)', 'Có');
    await pick(com.page, /^Thôn, bản, tổ dân phố/, 'Bản Pjạc');
    await pick(com.page, /^Bạn biết sự việc với tư cách/, 'Hàng xóm');
    // A phone call needs a number: said under the field.
    await com.page.getByLabel('Gọi điện thoại').check();
    await com.page.getByRole('button', { name: 'Gửi tin báo' }).click();
    await com.page.getByText('Để được gọi điện hoặc nhắn tin, hãy ghi số điện thoại.').waitFor();
    await com.page.getByLabel('Số điện thoại').fill('0912 888 777');
    await com.page.getByLabel(/^Thời gian liên hệ an toàn/).fill('Sáng 8–10 giờ');
    await screenshot(com.page, 'community-01-submit-phone');
    await com.page.getByRole('button', { name: 'Gửi tin báo' }).click();
    const receipt = com.page.getByTestId('report-receipt');
    await receipt.waitFor();
    const first = (await receipt.locator('.mantine-Alert-title').innerText()).trim();
    expect(first).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await com.page.getByText('hãy gọi ngay Công an:', { exact: false }).waitFor();
    await com.page.getByRole('link', { name: '113' }).waitFor();
    await screenshot(com.page, 'community-02-receipt-phone');

    // A second report, less urgent.
    await com.page.getByRole('button', { name: 'Gửi tin báo khác' }).click();
    await com.page.getByLabel('Đe dọa, chửi mắng, lăng mạ, xúc phạm').check();
    await com.page.getByLabel(/^Mô tả/).fill('Nghe tiếng cãi nhau to ở nhà cuối bản mấy tối liền.');
    await com.page.getByRole('button', { name: 'Gửi tin báo' }).click();
    await receipt.waitFor();
    const second = (await receipt.locator('.mantine-Alert-title').innerText()).trim();
    expect(second).not.toBe(first);

    // --- The commune officer, at a desk: the alert on the home page, then the queue.
    const off = await newPage(env.browser, 'desktop');
    await signIn(off.page, baseUrl, 'hoa.lt', officerSecret);
    const alerts = off.page.getByTestId('report-alerts-panel');
    await alerts.getByText(first).waitFor();
    await alerts.getByText('Có người đang gặp nguy hiểm').waitFor();
    await alerts.getByText('Chưa xử lý: 3 tin báo').waitFor();
    await screenshot(off.page, 'community-03-officer-home');
    await off.page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tin báo cộng đồng' }).click();
    await off.page.getByRole('heading', { name: 'Tin báo cộng đồng' }).waitFor();
    const cards = off.page.getByTestId('report-card');
    await expect.poll(() => cards.count()).toBe(3);
    // In danger now comes first, whatever the time.
    expect(await cards.first().innerText()).toContain(first);
    await cards.first().getByText('Đang gặp nguy hiểm').waitFor();
    await cards.first().getByText('Có trẻ em').waitFor();
    await cards.first().getByText(/Chờ xử lý \d+ phút/).waitFor();
    await screenshot(off.page, 'community-04-queue-desktop');

    // The report page: the reporter's words as text, never as markup.
    await cards.first().click();
    await off.page.getByRole('heading', { name: `Tin báo ${first}` }).waitFor();
    expect(await off.page.getByTestId('report-description').innerText()).toBe(HOSTILE);
    expect(await off.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await off.page.locator('main b').count()).toBe(0);
    await off.page.getByText('0912 888 777').waitFor();
    await screenshot(off.page, 'community-05-report-desktop');

    // Close the second report: "other" needs a written reason.
    await off.page.getByRole('link', { name: '← Danh sách tin báo' }).click();
    await off.page.getByRole('link', { name: `Mở tin báo ${second}` }).click();
    await off.page.getByRole('heading', { name: `Tin báo ${second}` }).waitFor();
    await off.page.getByRole('button', { name: 'Đóng tin báo' }).click();
    const dialog = off.page.getByRole('dialog');
    await dialog.getByLabel(/^Lý do đóng/).click();
    await off.page.getByRole('option', { name: 'Lý do khác' }).click();
    await dialog.getByRole('button', { name: 'Đóng tin báo' }).click();
    await dialog.getByText('Hãy ghi rõ lý do đóng tin báo.').waitFor();
    await screenshot(off.page, 'community-06-close-desktop');
    await dialog.getByLabel(/^Ghi rõ lý do/).fill('Đã xác minh với trưởng bản: hai vợ chồng cãi nhau, không có bạo lực.');
    await dialog.getByRole('button', { name: 'Đóng tin báo' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const triage = off.page.getByTestId('report-triage');
    await triage.getByText('Đã đóng tin báo').waitFor();
    await triage.getByText('Lý do khác').waitFor();
    await triage.getByText('Thời gian từ khi nhận tin đến khi xử lý').waitFor();
    await triage.getByText(/^\d+ phút$/).waitFor();

    // --- The officer on a phone opens a case from the urgent report, through the intake filled in from it.
    const phone = await newPage(env.browser, 'phone');
    // A second device in the same half-minute: the one-time code just used is refused as a replay, so forget it here.
    await deps.db.updateTable('users').set({ totp_last_step: null }).where('id', '=', officer.id).execute();
    await signIn(phone.page, baseUrl, 'hoa.lt', officerSecret);
    await phone.page.goto(`${baseUrl}/app/community-reports`);
    await phone.page.getByTestId('report-card').first().waitFor();
    await screenshot(phone.page, 'community-07-queue-phone');
    await phone.page.getByRole('link', { name: `Mở tin báo ${first}` }).click();
    await phone.page.getByRole('heading', { name: `Tin báo ${first}` }).waitFor();
    await phone.page.getByRole('alert').filter({ hasText: 'Có người đang gặp nguy hiểm' }).waitFor();
    await screenshot(phone.page, 'community-08-report-phone');
    await phone.page.getByRole('link', { name: 'Lập hồ sơ vụ việc' }).click();
    await phone.page.getByTestId('intake-from-report').getByText(`Lập hồ sơ từ tin báo ${first}`).waitFor();
    await expect.poll(() => phone.page.getByLabel(/^Xã, phường, thị trấn/).inputValue()).toBe(commune.id);
    await expect.poll(() => phone.page.getByLabel(/^Thôn, bản, tổ dân phố/).inputValue()).toBe(villageId);
    await expect.poll(() => phone.page.getByLabel(/^Nguồn phát hiện/).inputValue()).toBe('neighbour');
    expect(await phone.page.getByLabel(/^Ghi chú về việc tiếp nhận/).inputValue()).toBe(`Tin báo từ cộng đồng ${first}`);
    await screenshot(phone.page, 'community-09-intake-prefilled-phone');
    await next(phone.page);
    await phone.page.getByText(/^Bước 2\//).waitFor();
    await phone.page.getByLabel(/^Họ và tên/).fill(SURVIVOR);
    await phone.page.getByText('Nữ', { exact: true }).click();
    await next(phone.page);
    await phone.page.getByText(/^Bước 3\//).waitFor();
    // What happened comes from the report: the reported acts, the time in the reporter's words and their text.
    const narrative = await phone.page.getByLabel(/^Diễn biến vụ việc/).inputValue();
    expect(narrative).toContain('Sự việc được báo: Đánh đập, gây thương tích');
    expect(narrative).toContain('Thời điểm theo người báo tin: Đang xảy ra.');
    expect(narrative).toContain(HOSTILE);
    await pick(phone.page, /^Nơi xảy ra/, 'Nơi ở chung');
    await phone.page.getByText(/^a\) Hành hạ/).click();
    await phone.page.getByRole('button', { name: 'Không', exact: true }).last().click();
    await phone.page.getByRole('button', { name: 'Không', exact: true }).last().click();
    await phone.page.getByRole('button', { name: 'Có', exact: true }).last().click();
    await pick(phone.page, /^Thương tích/, 'Bị thương nhẹ');
    // Further steps (people who committed violence …) may be left as they are.
    for (let step = 0; step < 3 && (await phone.page.getByRole('button', { name: 'Tạo hồ sơ' }).count()) === 0; step += 1) await next(phone.page);
    await phone.page.getByRole('button', { name: 'Tạo hồ sơ' }).click();
    await phone.page.waitForURL(/\/app\/cases\/[0-9a-f-]{36}$/);
    const caseId = phone.page.url().split('/').pop() ?? '';
    const riskDialog = phone.page.getByRole('dialog');
    await riskDialog.getByText('Đánh dấu các dấu hiệu', { exact: false }).waitFor();
    await riskDialog.getByRole('button', { name: 'Đóng' }).first().click();
    await riskDialog.waitFor({ state: 'hidden' });
    // The case shows where it came from, and the report is linked to it.
    const caseRow = await deps.db.selectFrom('cases').select(['code', 'detection_source']).where('id', '=', caseId).executeTakeFirstOrThrow();
    const caseCode = caseRow.code;
    await phone.page.getByRole('heading', { name: `Hồ sơ ${caseCode}` }).waitFor();
    await phone.page.getByText('Hàng xóm', { exact: true }).first().waitFor();
    expect(caseRow.detection_source).toBe('neighbour');
    const reportRow = await deps.db.selectFrom('community_reports').select(['case_id', 'status']).where('reference', '=', first.replace('-', '')).executeTakeFirstOrThrow();
    expect(reportRow).toEqual({ case_id: caseId, status: 'case_opened' });
    await screenshot(phone.page, 'community-10-case-phone');

    // The report now says "Đã lập hồ sơ" with the case and the time it took.
    await phone.page.goto(`${baseUrl}/app/community-reports?status=all`);
    const done = phone.page.getByRole('link', { name: `Mở tin báo ${first}` });
    await done.getByText('Đã lập hồ sơ').waitFor();
    await done.click();
    const phoneTriage = phone.page.getByTestId('report-triage');
    await phoneTriage.getByText('Đã lập hồ sơ vụ việc').waitFor();
    await phoneTriage.getByRole('link', { name: caseCode }).waitFor();
    await screenshot(phone.page, 'community-11-report-triaged-phone');

    // The other communicator's report is about the same family: the officer links it to the case, found by its code.
    const othersRef = `${othersReport.reference.slice(0, 4)}-${othersReport.reference.slice(4)}`;
    await off.page.goto(`${baseUrl}/app/community-reports`);
    await off.page.getByRole('link', { name: `Mở tin báo ${othersRef}` }).click();
    await off.page.getByRole('button', { name: 'Gắn với hồ sơ có sẵn' }).click();
    const linkDialog = off.page.getByRole('dialog');
    await linkDialog.getByRole('button', { name: 'Gắn với hồ sơ' }).click();
    await linkDialog.getByText('Hãy chọn một hồ sơ.').waitFor();
    await linkDialog.getByLabel(/^Mã hồ sơ/).fill(caseCode.slice(0, 10));
    await linkDialog.getByText('Hồ sơ tìm được').waitFor();
    await linkDialog.getByRole('radio', { name: `Chọn hồ sơ ${caseCode}` }).click();
    await linkDialog.getByText(`Đã chọn: ${caseCode}`).waitFor();
    await screenshot(off.page, 'community-12-link-desktop');
    await linkDialog.getByRole('button', { name: 'Gắn với hồ sơ' }).click();
    await linkDialog.waitFor({ state: 'hidden' });
    await off.page.getByTestId('report-triage').getByText('Đã gắn với hồ sơ có sẵn').waitFor();
    expect((await deps.db.selectFrom('community_reports').select('case_id').where('id', '=', othersReport.id).executeTakeFirstOrThrow()).case_id).toBe(caseId);

    // The queue in English, for an officer who prefers it.
    await off.page.goto(`${baseUrl}/app/community-reports?status=all`);
    await off.page.getByRole('button', { name: 'Ngôn ngữ: Tiếng Việt' }).click();
    await off.page.getByRole('menuitem', { name: 'English' }).click();
    await off.page.getByRole('heading', { name: 'Community reports' }).waitFor();
    await off.page.getByText('Case opened').first().waitFor();
    await off.page.getByText('In danger now').first().waitFor();
    await screenshot(off.page, 'community-14-queue-desktop-en');

    // --- The communicator sees the status of their own two reports, and nothing of the other's or the case.
    await com.page.getByRole('link', { name: 'Xem tin báo tôi đã gửi' }).click();
    await com.page.getByRole('heading', { name: 'Tin báo tôi đã gửi' }).waitFor();
    const mine = com.page.getByTestId('my-report');
    await expect.poll(() => mine.count()).toBe(2);
    const mineText = await com.page.locator('main').innerText();
    expect(mineText).toContain(first);
    expect(mineText).toContain(second);
    expect(mineText).not.toContain(othersReport.reference.slice(0, 4) + '-' + othersReport.reference.slice(4));
    expect(mineText).not.toContain(caseCode);
    expect(mineText).not.toContain(SURVIVOR);
    await mine.filter({ hasText: first }).getByText('Đã lập hồ sơ').waitFor();
    await mine.filter({ hasText: second }).getByText('Đã đóng').waitFor();
    await screenshot(com.page, 'community-13-mine-phone');

    await com.context.close();
    await off.context.close();
    await phone.context.close();
  });
});
