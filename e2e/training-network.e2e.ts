// Training and the network. The district focal point records a course for Trần Phú, adds one of the
// commune's two focal points, marks both days present, completed and her scores, and sees T3 go from
// 0 % to 50 % with the other still listed as untrained. A commune officer, on a phone, adds a
// communicator to the network and sees her card; then trusted addresses and coverage.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { foldVietnamese } from '@binhan/domain';
import { newId } from '../packages/server/src/lib/ids.js';
import { createUser } from '../packages/server/src/modules/users/service.js';
import { generateTotpSecret } from '../packages/server/src/security/totp.js';
import type { AppDeps } from '../packages/server/src/deps.js';
import { newPage, screenshot, signInAs, useServerAndBrowser } from './support.js';

const PASSWORD = 'Lớp tập huấn mở ở hội trường xã';

/** yyyy-mm-dd in Vietnam, `days` from today. */
function vietnamDay(days: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date(Date.now() + days * 86_400_000))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}
const typed = (iso: string) => iso.split('-').reverse().join('');

async function makeUser(deps: AppDeps, username: string, displayName: string, role: 'district_focal_point' | 'commune_officer', unitId: string): Promise<string> {
  const secret = generateTotpSecret();
  const { user } = await createUser(deps, null, { username, displayName, role, unitId, organisation: undefined, locale: 'vi' }, { temporaryPassword: PASSWORD });
  await deps.db.updateTable('users').set({ must_change_password: 0, totp_enabled: 1, totp_secret_enc: deps.cipher.encrypt(secret) }).where('id', '=', user.id).execute();
  return secret;
}

const signIn = (page: Page, baseUrl: string, username: string, secret: string) => signInAs(page, baseUrl, username, PASSWORD, secret);

async function pickOption(page: Page, label: RegExp, typedText: string, option: RegExp | string): Promise<void> {
  await page.getByRole('combobox', { name: label }).fill(typedText);
  await page.getByRole('option', { name: option }).first().click();
}

describe('training and the communicators’ network', () => {
  const env = useServerAndBrowser();

  it('records a course with attendance, and T3 moves from 0 % to 50 %', async () => {
    const { deps } = env.server;
    const district = await deps.db.selectFrom('admin_units').select('id').where('code', '=', '066').executeTakeFirstOrThrow();
    const tranPhu = await deps.db.selectFrom('admin_units').select('id').where('code', '=', '02176').where('valid_to', 'is', null).executeTakeFirstOrThrow();
    const secret = await makeUser(deps, 'thu.nt', 'Nông Thị Thu', 'district_focal_point', district.id);
    const at = new Date().toISOString();
    const start = vietnamDay(-3);
    const end = vietnamDay(-2);
    const from = `${start.slice(0, 4)}-01-01`;
    for (const [name, position] of [['Hoàng Thị Én', 'Công chức Văn hóa - Xã hội'], ['Lường Văn Toàn', 'Phó Chủ tịch UBND xã']] as const) {
      await deps.db.insertInto('focal_points').values({
        id: newId(), person_id: newId(), unit_id: tranPhu.id, full_name: name, name_folded: foldVietnamese(name), position, sex: name.includes('Thị') ? 'female' : 'male',
        ethnicity: '02', user_id: null, from_date: from, to_date: null, end_reason: null, created_by: null, created_at: at, updated_at: at,
      }).execute();
    }

    const { context, page } = await newPage(env.browser, 'desktop');
    await signIn(page, env.server.baseUrl, 'thu.nt', secret);
    await page.getByRole('link', { name: 'Tập huấn' }).first().click();
    await page.getByRole('heading', { name: 'Tập huấn', exact: true }).waitFor();
    const t3 = page.getByTestId('t3-card');
    await t3.getByLabel('Từ ngày', { exact: true }).fill(typed(from));
    await expect.poll(() => t3.getByTestId('t3-value').innerText()).toBe('0%');
    await t3.getByText('Chưa được tập huấn (2)').click();
    await t3.getByText('Lường Văn Toàn').waitFor();
    await page.getByTestId('roster-table').getByText('Hoàng Thị Én').waitFor();
    // Accent-insensitive search on the roster.
    await page.getByTestId('roster-search').fill('hoang thi en');
    await expect.poll(() => page.getByTestId('roster-table').getByRole('row').count()).toBe(2);
    await screenshot(page, 'training-01-roster');

    await page.getByRole('tab', { name: 'Lớp tập huấn' }).click();
    await page.getByRole('button', { name: 'Thêm lớp tập huấn' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Tên lớp/).fill('Tập huấn phòng ngừa, ứng phó với bạo lực trên cơ sở giới');
    await pickOption(page, /^Đơn vị tổ chức/, 'tran phu', /^Trần Phú \(02176\)/);
    // A course ending before it starts is refused under the end date.
    await dialog.getByLabel('Ngày bắt đầu').fill(typed(end));
    await dialog.getByLabel('Ngày kết thúc').fill(typed(start));
    await dialog.getByLabel(/^Cơ quan tổ chức/).fill('UBND xã Trần Phú');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Ngày kết thúc không được trước ngày bắt đầu').waitFor();
    await screenshot(page, 'training-02-course-form-error');
    await dialog.getByLabel('Ngày bắt đầu').fill(typed(start));
    await dialog.getByLabel('Ngày kết thúc').fill(typed(end));
    await dialog.getByRole('button', { name: 'Thêm nhóm' }).click();
    await dialog.getByLabel('Nữ').first().fill('12');
    await dialog.getByLabel('Nam').first().fill('7');
    await dialog.getByRole('button', { name: 'Lưu' }).click();

    // The course page: add Hoàng Thị Én from the roster, mark both days, completed and her scores.
    await page.getByRole('heading', { name: 'Tập huấn phòng ngừa, ứng phó với bạo lực trên cơ sở giới' }).waitFor();
    await page.getByTestId('attendee-picker').fill('hoang');
    await page.getByRole('option', { name: /Hoàng Thị Én/ }).click();
    await page.getByRole('button', { name: 'Thêm vào lớp' }).click();
    const row = page.getByTestId('attendance-row').filter({ hasText: 'Hoàng Thị Én' });
    await row.waitFor();
    const days = row.getByRole('checkbox');
    await days.nth(0).check();
    await days.nth(1).check();
    await row.getByLabel('Hoàng Thị Én: Hoàn thành').check();
    await row.getByLabel('Hoàng Thị Én: Điểm trước').fill('45');
    await row.getByLabel('Hoàng Thị Én: Điểm sau').fill('80');
    await row.getByRole('button', { name: 'Lưu: Hoàng Thị Én' }).click();
    await page.getByText('Đã lưu kết quả của Hoàng Thị Én.').waitFor();
    await expect.poll(() => page.getByTestId('course-gain').innerText()).toBe('+35 điểm');
    await screenshot(page, 'training-03-course-attendance');

    await page.getByRole('link', { name: /Quay lại danh sách lớp/ }).click();
    await page.getByTestId('courses-table').getByText('1 học viên có tên, 1 hoàn thành; 19 học viên khác').waitFor();
    await screenshot(page, 'training-04-courses');
    await t3.getByLabel('Từ ngày', { exact: true }).fill(typed(from));
    await expect.poll(() => t3.getByTestId('t3-value').innerText()).toBe('50%');
    await t3.getByText('Chưa được tập huấn (1)').click();
    expect(await t3.getByTestId('t3-untrained').innerText()).not.toContain('Hoàng Thị Én');
    await screenshot(page, 'training-05-t3-moved');

    // Coverage of the whole district on a desk: the six communes of today.
    await page.goto(`${env.server.baseUrl}/app/network?tab=coverage`);
    await expect.poll(() => page.getByTestId('coverage-table').getByRole('row').count()).toBe(8);
    await screenshot(page, 'network-05-coverage-desktop');
    await context.close();

    // A course held by the district that Hoàng Thị Én and an official of Côn Minh attended: Trần Phú's
    // officer finds it, read-only, with only her own commune's attendee named.
    const en = await deps.db.selectFrom('focal_points').select('person_id').where('full_name', '=', 'Hoàng Thị Én').executeTakeFirstOrThrow();
    const conMinh = await deps.db.selectFrom('admin_units').select('id').where('code', '=', '02185').where('valid_to', 'is', null).executeTakeFirstOrThrow();
    const khai = newId();
    await deps.db.insertInto('focal_points').values({
      id: newId(), person_id: khai, unit_id: conMinh.id, full_name: 'Nông Văn Khải', name_folded: foldVietnamese('Nông Văn Khải'), position: 'Phó Chủ tịch UBND xã', sex: 'male',
      ethnicity: '02', user_id: null, from_date: from, to_date: null, end_reason: null, created_by: null, created_at: at, updated_at: at,
    }).execute();
    const districtCourse = newId();
    await deps.db.insertInto('training_courses').values({
      id: districtCourse, unit_id: district.id, title: 'Lớp huyện: kỹ năng hỗ trợ người bị bạo lực', title_folded: foldVietnamese('Lớp huyện: kỹ năng hỗ trợ người bị bạo lực'),
      topic: 'gbv_prevention_response', start_date: start, end_date: end, organiser: 'Phòng Văn hóa - Thông tin huyện', venue: null, trainers: null, materials: null,
      other_attendees: '[]', created_by: null, created_at: at, updated_at: at,
    }).execute();
    for (const ref of [en.person_id, khai]) {
      await deps.db.insertInto('course_attendees').values({
        id: newId(), course_id: districtCourse, kind: 'focal_point', ref_id: ref, days_attended: JSON.stringify([start]), completed: 1, score_before: null, score_after: null, created_at: at, updated_at: at,
      }).execute();
    }
    const officerSecret = await makeUser(deps, 'lan.ht', 'Hà Thị Lan', 'commune_officer', tranPhu.id);
    const officer = await newPage(env.browser, 'desktop');
    await signIn(officer.page, env.server.baseUrl, 'lan.ht', officerSecret);
    await officer.page.goto(`${env.server.baseUrl}/app/training?tab=courses`);
    await officer.page.getByRole('link', { name: 'Lớp huyện: kỹ năng hỗ trợ người bị bạo lực' }).click();
    await officer.page.getByText('1 học viên khác không hiển thị', { exact: false }).waitFor();
    await officer.page.getByTestId('attendance-row').filter({ hasText: 'Hoàng Thị Én' }).waitFor();
    expect(await officer.page.getByTestId('attendance-grid').innerText()).not.toContain('Nông Văn Khải');
    expect(await officer.page.getByRole('button', { name: 'Sửa thông tin lớp' }).count()).toBe(0);
    await screenshot(officer.page, 'training-06-district-course-commune-view');
    await officer.context.close();
  });

  it('adds a communicator on a phone, keeps trusted addresses protected, and shows coverage', async () => {
    const { deps } = env.server;
    const tranPhu = await deps.db.selectFrom('admin_units').select('id').where('code', '=', '02176').where('valid_to', 'is', null).executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    for (const name of ['Bản Pjạc', 'Nà Làng']) {
      await deps.db.insertInto('admin_units').values({ id: newId(), code: `02176-${foldVietnamese(name).replace(/\s/g, '')}`, name, name_folded: foldVietnamese(name), kind: 'village', parent_id: tranPhu.id, valid_from: '2025-07-01', valid_to: null, created_at: at }).execute();
    }
    deps.units.invalidate();
    const secret = await makeUser(deps, 'mai.lt', 'Lường Thị Mai', 'commune_officer', tranPhu.id);
    const { context, page } = await newPage(env.browser, 'phone');
    await signIn(page, env.server.baseUrl, 'mai.lt', secret);
    await page.goto(`${env.server.baseUrl}/app/network`);
    await page.getByRole('heading', { name: 'Mạng lưới', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Thêm thành viên' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Họ và tên/).fill('Triệu Thị Mẩy');
    await dialog.getByText('Nữ', { exact: true }).click();
    await dialog.getByLabel('Tiếng Dao').check();
    // The officer's own commune is chosen already.
    expect(await page.getByRole('combobox', { name: /^Xã/ }).inputValue()).toBe('Trần Phú (02176) — Xã');
    await pickOption(page, /^Thôn, bản/, 'pjac', 'Bản Pjạc');
    await dialog.getByLabel('Số điện thoại').fill('091234');
    await dialog.getByLabel('Thuộc nhóm nòng cốt').check({ force: true });
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText(/số di động gồm 10 chữ số/i).waitFor();
    await screenshot(page, 'network-01-member-form-phone');
    await dialog.getByLabel('Số điện thoại').fill('0912 345 678');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    const card = page.getByTestId('member-card').filter({ hasText: 'Triệu Thị Mẩy' });
    await card.waitFor();
    expect(await card.innerText()).toContain('Nòng cốt');
    expect(await page.content()).not.toContain('0912345678');
    await card.getByRole('button', { name: 'Xem số điện thoại' }).click();
    await card.getByText('0912345678').waitFor();
    await screenshot(page, 'network-02-members-phone');

    await page.getByRole('tab', { name: 'Địa chỉ tin cậy' }).click();
    await page.getByRole('button', { name: 'Thêm địa chỉ tin cậy' }).click();
    await dialog.getByLabel(/^Tên gọi/).fill('Hộ tin cậy số 1');
    await dialog.getByLabel('Người liên hệ').fill('Nông Thị Vân');
    await dialog.getByLabel('Vị trí, đường đi').fill('Nhà thứ ba sau cầu treo');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    const address = page.getByTestId('trusted-card').filter({ hasText: 'Hộ tin cậy số 1' });
    await address.waitFor();
    expect(await page.content()).not.toContain('cầu treo');
    await address.getByRole('button', { name: 'Xem vị trí và liên hệ' }).click();
    await address.getByText('Nhà thứ ba sau cầu treo').waitFor();
    await screenshot(page, 'network-03-trusted-phone');

    await page.getByRole('tab', { name: 'Bao phủ theo xã' }).click();
    const commune = page.getByTestId('coverage-card').filter({ hasText: 'Trần Phú' });
    await commune.getByText('Nà Làng (1/2)').waitFor();
    await screenshot(page, 'network-04-coverage-phone');
    await context.close();
  });
});
