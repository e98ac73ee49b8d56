// Two officers of the same commune edit the same case's "Theo dõi và an toàn" at once. A saves first; B,
// whose page was loaded before, changes the same field: nothing is overwritten, B sees both values side
// by side and chooses the device's. Fields changed by only one of them merge.
import { describe, expect, it } from 'vitest';
import { foldVietnamese, type CaseDetail } from '@binhan/domain';
import { newId } from '../packages/server/src/lib/ids.js';
import { nowIso } from '../packages/server/src/lib/clock.js';
import { caseIntake } from '../packages/server/src/test/factories.js';
import { addUser, signIn } from './offline-support.js';
import { newPage, screenshot, useServerAndBrowser } from './support.js';

const PLAN_A = 'Lánh tạm ở nhà chị gái tại thôn Nà Lẹng.\nKhi nguy hiểm gọi trưởng thôn hoặc 113.';
const PLAN_B = 'Ở nhà mẹ đẻ tại bản Khuổi Luông.\nĐã hẹn tín hiệu báo tin với hàng xóm.';

describe('case details edited on two devices', () => {
  const env = useServerAndBrowser();

  it('shows a conflict side by side, keeps the chosen value and merges the other fields', async () => {
    const { deps } = env.server;
    const commune = await deps.db.selectFrom('admin_units').select('id').where('code', '=', '02176').where('valid_to', 'is', null).executeTakeFirstOrThrow();
    for (const [code, name] of [['02176-T01', 'Thôn Nà Lẹng'], ['02176-T02', 'Bản Khuổi Luông']] as const) {
      await deps.db.insertInto('admin_units').values({
        id: newId(), code, name, name_folded: foldVietnamese(name), kind: 'village', parent_id: commune.id, valid_from: '2025-07-01', valid_to: null, created_at: nowIso(),
      }).execute();
    }
    deps.units.invalidate();
    const officers: Array<{ username: string; secret: string }> = [];
    for (const [username, displayName] of [['an.ht', 'Hoàng Thị An'], ['binh.lv', 'Lục Văn Bình']] as const) {
      officers.push({ username, secret: (await addUser(deps, username, displayName, 'commune_officer', commune.id)) ?? '' });
    }

    const a = await newPage(env.browser, 'desktop');
    const b = await newPage(env.browser, 'desktop');
    await signIn(a.page, env.server.baseUrl, officers[0]?.username ?? '', officers[0]?.secret ?? '');
    await signIn(b.page, env.server.baseUrl, officers[1]?.username ?? '', officers[1]?.secret ?? '');

    // The case, opened through the API as the intake wizard sends it.
    const body = caseIntake(commune.id, { survivor: { fullName: 'Triệu Thị Sen', phone: '0912 000 111' } });
    const created = await a.page.evaluate(async (payload) => {
      const response = await fetch('/api/cases', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(payload) });
      return (await response.json()) as CaseDetail;
    }, body);
    expect(created.code).toBeTruthy();

    const casePath = `${env.server.baseUrl}/app/cases/${created.id}`;
    await a.page.goto(casePath);
    await b.page.goto(casePath);
    const cardA = a.page.getByTestId('case-details-card');
    const cardB = b.page.getByTestId('case-details-card');
    await cardA.getByText('Theo dõi và an toàn').waitFor();
    await cardB.getByText('Theo dõi và an toàn').waitFor();

    // A: safety plan and next follow-up, saved.
    await cardA.getByRole('button', { name: 'Sửa' }).click();
    const dialogA = a.page.getByRole('dialog');
    await dialogA.getByLabel(/^Kế hoạch an toàn/).fill(PLAN_A);
    await dialogA.getByLabel(/^Ngày theo dõi tiếp theo/).fill('15122026');
    await dialogA.getByRole('button', { name: 'Lưu' }).click();
    await dialogA.waitFor({ state: 'hidden' });
    await expect.poll(() => cardA.getByTestId('safety-plan').innerText()).toBe(PLAN_A);
    await cardA.getByText('15/12/2026').waitFor();

    // B, on the page loaded before A's save: the same safety plan field, and the village.
    await expect.poll(() => cardB.getByTestId('safety-plan').innerText()).toBe('Chưa có');
    await cardB.getByRole('button', { name: 'Sửa' }).click();
    const dialogB = b.page.getByRole('dialog');
    await dialogB.getByLabel(/^Kế hoạch an toàn/).fill(PLAN_B);
    await dialogB.getByLabel(/^Thôn\/bản/).click();
    await b.page.getByRole('option', { name: 'Bản Khuổi Luông' }).click();
    await dialogB.getByRole('button', { name: 'Lưu' }).click();
    await dialogB.waitFor({ state: 'hidden' });

    // Nothing overwritten: both values side by side, the starting value small.
    const panel = b.page.getByTestId('conflict-panel');
    await panel.waitFor();
    const item = panel.getByTestId('conflict-item');
    await expect.poll(() => item.count()).toBe(1);
    await item.getByText('Kế hoạch an toàn', { exact: true }).waitFor();
    expect(await item.getByTestId('conflict-device-value').innerText()).toContain(PLAN_B.split('\n')[0]);
    expect(await item.getByTestId('conflict-server-value').innerText()).toContain(PLAN_A.split('\n')[0]);
    await item.getByText('Giá trị trên thiết bị', { exact: true }).waitFor();
    await item.getByText('Giá trị trên máy chủ', { exact: true }).waitFor();
    await item.getByText(/Giá trị ban đầu: \(để trống\)/).waitFor();
    // Meanwhile the field only B changed is already saved, and A's date stays.
    await cardB.getByText('Thôn/bản: Bản Khuổi Luông').waitFor();
    await cardB.getByText('15/12/2026').waitFor();
    expect(await cardB.getByTestId('safety-plan').innerText()).toBe(PLAN_A);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(b.page, 'case-conflict');

    // B keeps the device's value.
    await item.getByRole('button', { name: 'Giữ giá trị trên thiết bị' }).click();
    await panel.waitFor({ state: 'detached' });
    await expect.poll(() => cardB.getByTestId('safety-plan').innerText()).toBe(PLAN_B);
    await cardB.getByText('Thôn/bản: Bản Khuổi Luông').waitFor();
    await cardB.getByText('15/12/2026').waitFor();

    // A, after a reload, sees the merged result; the server holds it once.
    await a.page.reload();
    await expect.poll(() => a.page.getByTestId('case-details-card').getByTestId('safety-plan').innerText()).toBe(PLAN_B);
    await a.page.getByTestId('case-details-card').getByText('Thôn/bản: Bản Khuổi Luông').waitFor();
    expect(await a.page.getByTestId('conflict-panel').count()).toBe(0);
    const row = await deps.db.selectFrom('cases').select(['next_follow_up_on', 'village_id']).where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.next_follow_up_on).toBe('2026-12-15');
    const resolved = await deps.db.selectFrom('audit_log').select('action').where('action', '=', 'case.conflict_resolved').execute();
    expect(resolved.length).toBe(1);

    await a.context.close();
    await b.context.close();
  });
});
