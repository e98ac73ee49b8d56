// What happens when the connection returns after offline work (issue 8): a change to a case that was
// closed meanwhile is refused with a clear reason and kept for the supervisor (exported, never lost); the
// same field edited offline and on the server becomes a conflict shown side by side and resolved by
// choice; a communicator's activity recorded offline arrives once; signing out, or another person signing
// in on the same device, leaves nothing of the previous person's offline work.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addUser, communeId, deviceContents, openCase, prepareDevice, signIn } from './offline-support.js';
import { newPage, screenshot, useServerAndBrowser } from './support.js';

const PLAN_DEVICE = 'Chạy sang nhà bác Tày ở đầu bản, gọi trưởng thôn 0912 000 111.';
const PLAN_SERVER = 'Lánh tạm ở nhà văn hóa thôn.';

async function openCaseFromList(page: Page, code: string): Promise<void> {
  await page.getByRole('link', { name: 'Hồ sơ vụ việc' }).first().click();
  await page.getByText(code).first().click();
  await page.getByTestId('case-details-card').waitFor();
}

describe('sync after offline work', () => {
  const env = useServerAndBrowser();

  it('refuses a change to a closed case, keeps it for export, and turns a double edit into a visible choice', async () => {
    const { deps, baseUrl } = env.server;
    const unitId = await communeId(deps, '02191');
    const secret = await addUser(deps, 'quyen.lt', 'La Thị Quyên', 'commune_officer', unitId);
    const colleague = await addUser(deps, 'binh.hv', 'Hà Văn Bình', 'commune_officer', unitId);
    const { context, page } = await newPage(env.browser, 'desktop');
    await signIn(page, baseUrl, 'quyen.lt', secret);
    const closing = await openCase(page, unitId, 'Nông Thị Mơ', '0913 222 333');
    const planned = await openCase(page, unitId, 'Lý Thị Sáu', '0913 444 555');
    await prepareDevice(page, baseUrl);

    // No signal: a follow-up on one case, the safety plan of the other.
    await context.setOffline(true);
    await page.goto(`${baseUrl}/app/`).catch(() => undefined);
    await page.getByRole('heading', { name: 'Mở khóa dữ liệu trên máy' }).waitFor();
    await page.getByLabel('Mã PIN ngoại tuyến').fill('246810');
    await page.getByRole('button', { name: 'Mở khóa' }).click();
    await openCaseFromList(page, closing.code);
    await page.getByRole('button', { name: 'Ghi nhận lần theo dõi' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: /^Hình thức/ }).click();
    await page.getByRole('option', { name: 'Gọi điện thoại' }).click();
    await dialog.getByText('An toàn', { exact: true }).click();
    await dialog.getByText('Không', { exact: true }).last().click();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await openCaseFromList(page, planned.code);
    await page.getByTestId('case-details-card').getByRole('button', { name: 'Sửa' }).click();
    await dialog.getByLabel(/^Kế hoạch an toàn/).fill(PLAN_DEVICE);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('case-details-card').getByText(PLAN_DEVICE).waitFor();
    await page.getByText('2 thay đổi đang chờ gửi', { exact: false }).waitFor();

    // Meanwhile, at the commune office: the first case is closed, the colleague writes another plan.
    await deps.db.updateTable('cases').set({ status: 'closed', closure_reason: 'safe_and_supported' }).where('id', '=', closing.id).execute();
    const office = await newPage(env.browser, 'desktop');
    await signIn(office.page, baseUrl, 'binh.hv', colleague);
    const edited = await office.page.evaluate(async (id) => {
      const response = await fetch(`/api/cases/${id}/details`, {
        method: 'PATCH', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ baseVersion: 0, changes: { safetyPlan: { from: null, to: 'Lánh tạm ở nhà văn hóa thôn.' } } }),
      });
      return response.status;
    }, planned.id);
    expect(edited).toBe(200);
    await office.context.close();

    // Signal again: nothing is overwritten and nothing is lost.
    await context.setOffline(false);
    await page.getByText('1 thay đổi bị máy chủ từ chối', { exact: false }).waitFor({ timeout: 60_000 });
    await page.getByTestId('offline-banner').getByRole('link', { name: 'Xem chi tiết' }).click();
    await page.getByRole('heading', { name: 'Thay đổi bị từ chối' }).waitFor();
    await page.getByText('Hồ sơ đã đóng', { exact: false }).first().waitFor();
    await page.getByText('Giá trị trên thiết bị').first().waitFor();
    await page.getByText(PLAN_DEVICE).first().waitFor();
    await page.getByText(PLAN_SERVER).first().waitFor();
    await screenshot(page, 'offline-sync-01-refused-and-conflict');
    expect(await deps.db.selectFrom('follow_ups').select('id').where('case_id', '=', closing.id).execute()).toHaveLength(0);

    // The refused change goes to the supervisor as a file.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Xuất tệp cho cán bộ phụ trách' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { operations?: Array<{ code: string; kind: string }> } & Record<string, unknown>;
    expect(JSON.stringify(exported)).toContain('CASE_CLOSED');
    expect(JSON.stringify(exported)).toContain('case.follow_up');

    // The officer keeps the plan she wrote with the survivor; the choice is audited.
    await page.getByRole('button', { name: 'Giữ giá trị trên thiết bị' }).click();
    await page.getByText('Đã lưu lựa chọn của bạn.').waitFor();
    const audited = await deps.db.selectFrom('audit_log').select('action').where('action', '=', 'case.conflict_resolved').execute();
    expect(audited).toHaveLength(1);
    const row = await deps.db.selectFrom('cases').select('safety_plan_enc').where('id', '=', planned.id).executeTakeFirstOrThrow();
    expect(deps.cipher.decrypt(row.safety_plan_enc as string)).toBe(PLAN_DEVICE);

    // Signing out, with the refused change still on the device, asks first; then nothing is left.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: /La Thị Quyên/ }).click();
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Tên đăng nhập').waitFor();
    expect((await deviceContents(page)).records).toBe(0);
    await context.close();
  });

  it('sends a change whose answer was lost again as the same write, so it lands once', async () => {
    const { deps, baseUrl } = env.server;
    const unitId = await communeId(deps, '02143');
    const secret = await addUser(deps, 'hien.nt', 'Nông Thị Hiền', 'commune_officer', unitId);
    const { context, page } = await newPage(env.browser, 'desktop');
    await signIn(page, baseUrl, 'hien.nt', secret);
    const opened = await openCase(page, unitId, 'Lưu Thị Hằng', '0914 555 666');
    await prepareDevice(page, baseUrl);

    // Weak signal: the follow-up reaches the server, but its answer never comes back.
    let lost = 0;
    await context.route(/\/api\/cases\/[0-9a-f-]+\/follow-ups$/, async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      await route.fetch();
      lost += 1;
      await route.abort('connectionreset');
    });
    await openCaseFromList(page, opened.code);
    await page.getByRole('button', { name: 'Ghi nhận lần theo dõi' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: /^Hình thức/ }).click();
    await page.getByRole('option', { name: 'Thăm tại nhà' }).click();
    await dialog.getByText('An toàn', { exact: true }).click();
    await dialog.getByText('Không', { exact: true }).last().click();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Kept in the queue, since the app cannot know the server has it.
    await page.getByText('1 thay đổi đang chờ gửi', { exact: false }).waitFor();
    expect(lost).toBe(1);
    expect(await deps.db.selectFrom('follow_ups').select('id').where('case_id', '=', opened.id).execute()).toHaveLength(1);

    // The signal is back: the queued copy carries the same id, and the server knows it already.
    await context.unroute(/\/api\/cases\/[0-9a-f-]+\/follow-ups$/);
    await page.getByTestId('offline-banner').getByRole('button', { name: 'Gửi ngay' }).click();
    await expect.poll(async () => page.getByTestId('offline-banner').count(), { timeout: 30_000 }).toBe(0);
    expect(await deps.db.selectFrom('follow_ups').select('id').where('case_id', '=', opened.id).execute()).toHaveLength(1);
    await context.close();
  });

  it('sends a communicator’s offline activity once, and wipes her data when someone else signs in', async () => {
    const { deps, baseUrl } = env.server;
    const unitId = await communeId(deps, '02155');
    await addUser(deps, 'nga.tt', 'Triệu Thị Nga', 'communicator', unitId);
    const officer = await addUser(deps, 'dung.hv', 'Hoàng Văn Dũng', 'commune_officer', unitId);
    const { context, page } = await newPage(env.browser, 'phone');
    await signIn(page, baseUrl, 'nga.tt', null);
    await prepareDevice(page, baseUrl);

    await context.setOffline(true);
    await page.goto(`${baseUrl}/app/outreach/new`).catch(() => undefined);
    await page.getByLabel('Mã PIN ngoại tuyến').fill('246810');
    await page.getByRole('button', { name: 'Mở khóa' }).click();
    await page.getByRole('heading', { name: 'Ghi hoạt động truyền thông' }).waitFor();
    await page.getByRole('combobox', { name: /^Hình thức/ }).click();
    await page.getByRole('option', { name: 'Họp, nói chuyện chuyên đề', exact: true }).click();
    await page.getByRole('textbox', { name: /^Chủ đề/ }).fill('Phòng, chống bạo lực gia đình ở bản Khuổi Ít');
    await page.getByRole('combobox', { name: /^Ngôn ngữ/ }).click();
    await page.getByRole('option', { name: 'Tiếng Tày', exact: true }).click();
    await page.getByLabel('Nữ', { exact: true }).fill('25');
    await page.getByLabel('Nam', { exact: true }).fill('21');
    await page.getByRole('button', { name: 'Lưu hoạt động' }).click();
    await page.getByRole('heading', { name: 'Hoạt động truyền thông' }).waitFor();
    await page.getByText('1 thay đổi đang chờ gửi', { exact: false }).waitFor();
    await screenshot(page, 'offline-sync-02-activity-queued');

    await context.setOffline(false);
    await expect.poll(async () => page.getByTestId('offline-banner').count(), { timeout: 60_000 }).toBe(0);
    const saved = await deps.db.selectFrom('outreach_activities').selectAll().where('unit_id', '=', unitId).execute();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ format: 'meeting', language: 'tay', audience_total: 46 });

    // She leaves without signing out; the next person to sign in on this phone does not inherit her data.
    expect((await deviceContents(page)).records).toBeGreaterThan(0);
    await context.clearCookies();
    await signIn(page, baseUrl, 'dung.hv', officer);
    await expect.poll(async () => (await deviceContents(page)).records).toBe(0);
    await context.close();
  });
});
