// Field work without a connection (issue 8), on a phone: the commune officer prepares her device (offline
// PIN, her commune's open cases), loses the signal in a village, opens a case and records a follow-up,
// opens a new case through the intake wizard, reloads (the PIN opens the encrypted store again), and when
// the signal returns everything reaches the server exactly once. The device's store never holds a
// readable name; five wrong PINs wipe it.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addUser, communeId, deviceContents, openCase, PIN, prepareDevice, signIn, unlockWithPin, waitForServiceWorker } from './offline-support.js';
import { dismissNotifications, intakeUpToPerpetrators, newPage, screenshot, useServerAndBrowser } from './support.js';

const KNOWN = 'Đàm Thị Xuyến';
const NEW_SURVIVOR = 'Lộc Thị Phượng';

const next = (page: Page) => page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
const pick = (page: Page, label: RegExp, option: string) => page.getByLabel(label).selectOption({ label: option });

describe('offline field work', () => {
  const env = useServerAndBrowser();

  it('works on marked cases without a connection, keeps them encrypted, and syncs each change once', async () => {
    const { deps, baseUrl } = env.server;
    const commune = { id: await communeId(deps) };
    const secret = await addUser(deps, 'xuan.lt', 'Lương Thị Xuân', 'commune_officer', commune.id);
    const { context, page } = await newPage(env.browser, 'phone');
    await signIn(page, baseUrl, 'xuan.lt', secret);

    // Two open cases of her commune, opened online earlier.
    const codes = [(await openCase(page, commune.id, KNOWN, '0912 111 222')).code, (await openCase(page, commune.id, 'Hà Thị Lan', '0912 333 444')).code];
    const first = await deps.db.selectFrom('cases').select(['id', 'code']).where('code', '=', codes[0] as string).executeTakeFirstOrThrow();

    // Prepare the device: the offline PIN, then her commune's open cases.
    await page.goto(`${baseUrl}/app/offline`);
    await page.getByRole('heading', { name: 'Làm việc khi không có mạng' }).waitFor();
    await page.getByLabel('Mã PIN', { exact: true }).fill('1234');
    await page.getByLabel('Nhập lại mã PIN').fill('1234');
    await page.getByRole('button', { name: 'Chuẩn bị dữ liệu' }).click();
    await page.getByText('Mã PIN phải gồm 6 đến 12 chữ số.').waitFor();
    await page.getByLabel('Mã PIN', { exact: true }).fill(PIN);
    await page.getByLabel('Nhập lại mã PIN').fill(PIN);
    await page.getByRole('button', { name: 'Chuẩn bị dữ liệu' }).click();
    await page.getByText('Đã chuẩn bị 2 hồ sơ', { exact: false }).waitFor();
    await page.getByText('2 hồ sơ trên máy (tối đa 200)').waitFor();
    await screenshot(page, 'offline-01-prepared');

    // The service worker holds the app itself, so a reload without a connection still opens it.
    await waitForServiceWorker(page);

    // In the village: no signal. The case list and the case page come from the device.
    await context.setOffline(true);
    await page.goto(`${baseUrl}/app/cases`).catch(() => undefined);
    await unlockWithPin(page, '999999');
    await page.getByText('Còn 4 lần thử', { exact: false }).waitFor();
    await unlockWithPin(page);
    await page.getByTestId('offline-banner').getByText('Đang làm việc không có mạng', { exact: false }).waitFor();
    await page.getByText(first.code).first().click();
    await page.getByTestId('follow-ups-panel').waitFor();
    await screenshot(page, 'offline-02-case-offline');

    // A follow-up recorded offline waits to be sent, and says so.
    await page.getByRole('button', { name: 'Ghi nhận lần theo dõi' }).click();
    const dialog = page.getByRole('dialog');
    await pick(page, /^Hình thức/, 'Thăm tại nhà');
    await dialog.getByText('An toàn', { exact: true }).click();
    await dialog.getByText('Không', { exact: true }).last().click();
    await dialog.getByLabel(/^Ghi chú/).fill('Chị ấy an toàn, chồng đã đi làm ăn xa.');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('follow-ups-panel').getByText('Chờ gửi').waitFor();
    await page.getByText('1 thay đổi đang chờ gửi', { exact: false }).waitFor();
    await screenshot(page, 'offline-03-follow-up-queued');

    // A note, on the timeline at once, waiting too.
    await page.getByRole('button', { name: 'Thêm ghi chú' }).click();
    await dialog.getByLabel(/^Nội dung|^Ghi chú/).fill('Đã hẹn chị ấy gặp ở trạm y tế tuần sau.');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('case-timeline').getByText('Đã hẹn chị ấy gặp ở trạm y tế tuần sau.').waitFor();
    await page.getByText('2 thay đổi đang chờ gửi', { exact: false }).waitFor();

    // A new case through the intake wizard, offline.
    await dismissNotifications(page);
    await page.getByRole('link', { name: 'Trang chủ' }).first().click();
    await page.getByRole('link', { name: 'Tiếp nhận tin báo' }).click();
    await intakeUpToPerpetrators(page, { source: 'Trưởng thôn, tổ trưởng tổ dân phố', fullName: NEW_SURVIVOR, dateOfBirth: '03031995', narrative: 'Bị chồng đánh khi đi nương về.' });
    await next(page);
    await page.getByText('Bước 5/5').waitFor();
    await page.getByRole('button', { name: 'Tạo hồ sơ' }).click();
    await page.getByText('(chờ cấp mã)').first().waitFor();
    // The risk checklist opens as it does online; its answer counts offline with the same rules.
    await dialog.getByText('đã đe dọa giết người bị bạo lực', { exact: false }).click();
    await dialog.getByText('Đã dùng hoặc đe dọa dùng hung khí', { exact: false }).click();
    await dialog.getByText('Nguy cơ: Rất cao (nguy hiểm)').first().waitFor();
    await dialog.getByText('Đang gặp nguy hiểm').click();
    await dialog.getByRole('button', { name: 'Lưu đánh giá' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('4 thay đổi đang chờ gửi', { exact: false }).waitFor();
    await page.getByText(/Hạn can thiệp lần đầu: .* — Còn 1 giờ 5\d phút/).waitFor();
    await screenshot(page, 'offline-04-new-case-queued');

    // A reload without a connection: the app opens from the service worker, the store needs the PIN.
    await page.reload();
    await page.getByRole('heading', { name: 'Mở khóa dữ liệu trên máy' }).waitFor();
    await screenshot(page, 'offline-05-pin');
    await unlockWithPin(page);
    await page.getByText('4 thay đổi đang chờ gửi', { exact: false }).waitFor();

    // Nothing readable on the device: no survivor's name, no note.
    const stored = await deviceContents(page);
    expect(stored.records).toBeGreaterThan(5);
    for (const secretText of [KNOWN, NEW_SURVIVOR, 'Hà Thị Lan', 'đi làm ăn xa', 'đi nương về', 'trạm y tế tuần sau']) expect(stored.text).not.toContain(secretText);

    // Signal again: the queue goes by itself, in order, each change once.
    await context.setOffline(false);
    await expect.poll(async () => page.getByTestId('offline-banner').count(), { timeout: 60_000 }).toBe(0);
    const followUps = await deps.db.selectFrom('follow_ups').select(['case_id']).execute();
    expect(followUps.filter((f) => f.case_id === first.id)).toHaveLength(1);
    const cases = await deps.db.selectFrom('cases').select(['id', 'code', 'unit_id']).execute();
    expect(cases).toHaveLength(3);
    const opened = cases.find((c) => !codes.includes(c.code));
    expect(opened?.unit_id).toBe(commune.id);
    const notes = await deps.db.selectFrom('case_events').select('case_id').where('kind', '=', 'note').execute();
    expect(notes.filter((n) => n.case_id === first.id)).toHaveLength(1);
    const assessed = await deps.db.selectFrom('risk_assessments').select(['case_id', 'level']).execute();
    expect(assessed.filter((r) => r.case_id === opened?.id)).toEqual([{ case_id: opened?.id, level: 'critical' }]);
    // The page opened on the local case now shows the server's code.
    await page.getByText(opened?.code as string).first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'offline-06-synced');
    await context.close();
  });

  it('locks when left idle offline, and wipes the device after five wrong PINs', async () => {
    const { deps, baseUrl } = env.server;
    const secret = await addUser(deps, 'tham.hv', 'Hoàng Văn Thắm', 'commune_officer', await communeId(deps));
    const { context, page } = await newPage(env.browser, 'phone');
    await page.clock.install();
    await signIn(page, baseUrl, 'tham.hv', secret);
    await prepareDevice(page, baseUrl);
    expect((await deviceContents(page)).records).toBeGreaterThan(0);

    await context.setOffline(true);
    await page.reload();
    // Left alone for the idle timeout, the unlocked store locks again and asks for the PIN.
    await unlockWithPin(page);
    await page.getByTestId('offline-banner').waitFor();
    await page.clock.fastForward('31:00');
    await page.getByRole('heading', { name: 'Mở khóa dữ liệu trên máy' }).waitFor();
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await page.getByLabel('Mã PIN ngoại tuyến').fill(`00000${attempt}`);
      await page.getByRole('button', { name: 'Mở khóa' }).click();
      await page.getByText(`Còn ${5 - attempt} lần thử`, { exact: false }).waitFor();
    }
    await page.getByLabel('Mã PIN ngoại tuyến').fill('000005');
    await page.getByRole('button', { name: 'Mở khóa' }).click();
    await page.getByText('dữ liệu ngoại tuyến trên máy này đã bị xóa', { exact: false }).waitFor();
    await screenshot(page, 'offline-07-wiped');
    expect((await deviceContents(page)).records).toBe(0);
    await context.close();
  });
});
