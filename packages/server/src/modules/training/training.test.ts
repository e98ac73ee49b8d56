// Roster, courses, attendance and T3 through the API, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseDetail, FocalPointView, T3Value } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';

describe.each(DATABASES)('training and T3 on %s', (kind) => {
  let t: TestApp;
  let focal: string;
  let officer: string;
  let statistician: string;
  let district: string;
  let tranPhu: string;
  let huuThac2017: string;
  let conMinh: string;

  beforeAll(async () => {
    t = await createTestApp(kind, { totpRoles: [] });
    focal = await t.signIn(await t.makeUser('district_focal_point'));
    officer = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
    statistician = await t.signIn(await t.makeUser('statistician'));
    district = await t.unitId('066', '1997-01-01');
    tranPhu = await t.unitId('02176');
    huuThac2017 = await t.unitId('02179', '1997-01-01');
    conMinh = await t.unitId('02185');
  });
  afterAll(async () => t.close());

  const post = (cookie: string, url: string, payload: object) => t.inject({ method: 'POST', url, cookie, payload });
  const put = (cookie: string, url: string, payload: object) => t.inject({ method: 'PUT', url, cookie, payload });
  const get = (cookie: string, url: string) => t.inject({ method: 'GET', url, cookie });
  const posting = (unitId: string, fullName: string, fromDate: string, extra: object = {}) =>
    ({ unitId, fullName, position: 'Công chức Văn hóa - Xã hội', sex: 'female', ethnicityCode: '02', fromDate, ...extra });
  const course = (unitId: string, startDate: string, endDate: string, extra: object = {}) =>
    ({ unitId, title: 'Tập huấn phòng ngừa, ứng phó với bạo lực trên cơ sở giới', topic: 'gbv_prevention_response', startDate, endDate, organiser: 'Phòng Văn hóa - Thông tin', ...extra });
  const t3 = async (cookie: string, unitId: string, from: string, to: string, extra = '') =>
    (await get(cookie, `/api/indicators/t3?unitId=${unitId}&from=${from}&to=${to}${extra}`));

  /** Add a roster person to a course and mark them present every day and completed. */
  async function complete(courseId: string, personId: string, days: string[]): Promise<CourseDetail> {
    const added = await post(focal, `/api/training/courses/${courseId}/attendees`, { kind: 'focal_point', refId: personId });
    expect(added.statusCode, added.body).toBe(201);
    const attendee = added.json<CourseDetail>().attendees.find((a) => a.refId === personId);
    const marked = await put(focal, `/api/training/attendances/${attendee?.id}`, { daysAttended: days, completed: true, scoreBefore: 50, scoreAfter: 80 });
    expect(marked.statusCode, marked.body).toBe(200);
    return marked.json<CourseDetail>();
  }

  it('refuses a posting or a course in a unit that did not exist on its day, naming the unit of that day', async () => {
    const early = await post(focal, '/api/training/roster', posting(tranPhu, 'Hoàng Văn Sinh', '2024-01-01'));
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ code: 'UNIT_NOT_VALID_ON_DATE' });
    expect(early.json().error.message).toContain('01/01/2024');
    expect(early.json().error.message).toContain('Cư Lễ (02176)');
    const late = await post(focal, '/api/training/courses', course(district, '2025-09-08', '2025-09-10'));
    expect(late.json().error.code).toBe('UNIT_NOT_VALID_ON_DATE');
  });

  it('adds, corrects and ends a posting, and refuses an end before the start', async () => {
    const created = await post(officer, '/api/training/roster', posting(tranPhu, 'Hoàng Thị Én', '2025-07-01'));
    expect(created.statusCode, created.body).toBe(201);
    const p = created.json<FocalPointView>();
    expect(p).toMatchObject({ fullName: 'Hoàng Thị Én', isActive: true, gbvTrainedOn: null, unit: { code: '02176' } });
    const corrected = await put(officer, `/api/training/roster/${p.id}`, posting(tranPhu, 'Hoàng Thị Yến', '2025-07-01'));
    expect(corrected.json<FocalPointView>()).toMatchObject({ fullName: 'Hoàng Thị Yến', personId: p.personId });
    const early = await post(officer, `/api/training/roster/${p.id}/end`, { toDate: '2025-06-30' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.issues[0].path).toBe('toDate');
    const ended = await post(officer, `/api/training/roster/${p.id}/end`, { toDate: '2025-12-31', reason: 'Chuyển công tác' });
    expect(ended.json<FocalPointView>()).toMatchObject({ toDate: '2025-12-31', isActive: false, endReason: 'Chuyển công tác' });
    expect((await post(officer, `/api/training/roster/${p.id}/end`, { toDate: '2026-01-31' })).statusCode).toBe(409);
    const audited = await t.deps.db.selectFrom('audit_log').select('action').where('resource_id', '=', p.id).execute();
    expect(audited.map((a) => a.action)).toEqual(['focal_point.create', 'focal_point.update', 'focal_point.end']);
  });

  it('keeps a commune officer to their own commune and finds names without accents, in Vietnamese order', async () => {
    const refused = await post(officer, '/api/training/roster', posting(conMinh, 'Lý Văn Bình', '2025-07-01'));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('UNIT_OUT_OF_SCOPE');
    for (const name of ['Đàm Thị Ánh', 'Nông Văn An', 'Triệu Thị Ấm']) expect((await post(officer, '/api/training/roster', posting(tranPhu, name, '2025-08-01'))).statusCode).toBe(201);
    const found = await get(officer, `/api/training/roster?unitId=${tranPhu}&q=${encodeURIComponent('dam thi anh')}`);
    expect(found.json<{ items: FocalPointView[] }>().items.map((i) => i.fullName)).toEqual(['Đàm Thị Ánh']);
    const all = (await get(officer, '/api/training/roster')).json<{ items: FocalPointView[] }>().items.map((i) => i.fullName);
    // By given name: An < Ánh < Ấm (a, á, ấ).
    expect(all.indexOf('Nông Văn An')).toBeLessThan(all.indexOf('Đàm Thị Ánh'));
    expect(all.indexOf('Đàm Thị Ánh')).toBeLessThan(all.indexOf('Triệu Thị Ấm'));
    expect((await get(officer, `/api/training/roster?unitId=${conMinh}`)).statusCode).toBe(403);
  });

  it('refuses a course that ends before it starts, with the end date marked, in Vietnamese and English', async () => {
    const bad = await post(focal, '/api/training/courses', course(district, '2024-05-10', '2024-05-09'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues).toEqual([{ path: 'endDate', message: 'ngày kết thúc không được trước ngày bắt đầu' }]);
    const english = await t.inject({ method: 'POST', url: '/api/training/courses', cookie: focal, payload: course(district, '2024-05-10', '2024-05-09'), headers: { 'accept-language': 'en' } });
    expect(english.json().error.issues[0].message).toBe('the end date cannot be before the start date');
    expect(await t.deps.db.selectFrom('training_courses').select('id').execute()).toHaveLength(0);
  });

  it('refuses an attendee from another district, and one added twice', async () => {
    const admin = await t.signIn(await t.makeUser('system_admin'));
    const province = await t.unitId('06', '1997-01-01');
    const other = await post(admin, '/api/admin-units', { code: '067', name: 'Bạch Thông', kind: 'district', parentId: province, validFrom: '1997-01-01' });
    expect(other.statusCode, other.body).toBe(201);
    const stranger = await t.makeUser('district_focal_point', { unitCode: '067', unitFrom: '1997-01-01' });
    const c = (await post(focal, '/api/training/courses', course(district, '2024-05-09', '2024-05-10'))).json<CourseDetail>();
    expect(c.days).toEqual(['2024-05-09', '2024-05-10']);
    const refused = await post(focal, `/api/training/courses/${c.id}/attendees`, { kind: 'user', refId: stranger.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('ATTENDEE_OUTSIDE_DISTRICT');
    expect(refused.json().error.message).toContain('ngoài huyện');
    const candidates = (await get(focal, `/api/training/courses/${c.id}/candidates`)).json<{ items: Array<{ refId: string }> }>().items;
    expect(candidates.map((x) => x.refId)).not.toContain(stranger.id);
    const local = await t.makeUser('commune_officer', { unitCode: '02176', displayName: 'Lục Thị Thơm' });
    expect((await post(focal, `/api/training/courses/${c.id}/attendees`, { kind: 'user', refId: local.id })).statusCode).toBe(201);
    const twice = await post(focal, `/api/training/courses/${c.id}/attendees`, { kind: 'user', refId: local.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('ATTENDEE_ALREADY_ADDED');
    const days = await put(focal, `/api/training/attendances/${(await get(focal, `/api/training/courses/${c.id}`)).json<CourseDetail>().attendees[0]?.id}`, { daysAttended: ['2024-05-11'], completed: false, scoreBefore: null, scoreAfter: null });
    expect(days.statusCode).toBe(400);
    expect(days.json().error.code).toBe('ATTENDANCE_DAY_OUTSIDE_COURSE');
  });

  it('computes T3 at the period boundaries: a posting ending on the first day counts, a course ending the day after does not', async () => {
    const cuLe = await t.unitId('02176', '1997-01-01');
    const a = (await post(focal, '/api/training/roster', posting(cuLe, 'Ma Thị Hạnh', '2018-01-01', { toDate: '2019-01-01' }))).json<FocalPointView>();
    const b = (await post(focal, '/api/training/roster', posting(cuLe, 'Sầm Văn Lợi', '2019-12-31'))).json<FocalPointView>();
    const gone = (await post(focal, '/api/training/roster', posting(cuLe, 'Bế Thị Hương', '2017-01-01', { toDate: '2018-12-31' }))).json<FocalPointView>();
    const inside = (await post(focal, '/api/training/courses', course(district, '2019-12-30', '2019-12-31'))).json<CourseDetail>();
    const after = (await post(focal, '/api/training/courses', course(district, '2019-12-31', '2020-01-01'))).json<CourseDetail>();
    await complete(inside.id, a.personId, ['2019-12-30', '2019-12-31']);
    await complete(after.id, b.personId, ['2019-12-31', '2020-01-01']);
    await complete(after.id, gone.personId, ['2019-12-31']);
    const value = (await t3(focal, cuLe, '2019-01-01', '2019-12-31')).json<T3Value>();
    expect(value).toMatchObject({ code: 'T3', numerator: 1, denominator: 2, value: 50 });
    expect(value.untrained?.map((u) => u.fullName)).toEqual(['Sầm Văn Lợi']);
    // The next year's figure counts the course that ended on 01/01/2020.
    expect((await t3(focal, cuLe, '2020-01-01', '2020-12-31')).json<T3Value>()).toMatchObject({ numerator: 1, denominator: 1 });
    // A course before the period counts only from the plan start, when one is given.
    expect((await t3(focal, cuLe, '2021-01-01', '2021-12-31')).json<T3Value>()).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
    expect((await t3(focal, cuLe, '2021-01-01', '2021-12-31', '&trainedFrom=2017-05-24')).json<T3Value>()).toMatchObject({ numerator: 1, denominator: 1, value: 100, trainedFrom: '2017-05-24' });
    const none = (await t3(focal, conMinh, '2019-01-01', '2019-12-31')).json<T3Value>();
    expect(none).toMatchObject({ numerator: 0, denominator: 0, value: null });
    const reversed = await t3(focal, cuLe, '2019-12-31', '2019-01-01');
    expect(reversed.statusCode).toBe(400);
  });

  it('rolls up through a merger: a posting in Hữu Thác in 2018 counts for today’s Trần Phú', async () => {
    const p = (await post(focal, '/api/training/roster', posting(huuThac2017, 'Lường Văn Sơn', '2018-03-01', { toDate: '2019-12-31' }))).json<FocalPointView>();
    const c = (await post(focal, '/api/training/courses', course(district, '2018-06-01', '2018-06-02'))).json<CourseDetail>();
    await complete(c.id, p.personId, ['2018-06-01', '2018-06-02']);
    const today = (await t3(officer, tranPhu, '2018-01-01', '2018-12-31')).json<T3Value>();
    expect(today.denominator).toBeGreaterThanOrEqual(1);
    expect(today.untrained?.map((u) => u.fullName)).not.toContain('Lường Văn Sơn');
    const huuThacOnly = (await t3(focal, huuThac2017, '2018-01-01', '2018-12-31')).json<T3Value>();
    expect(huuThacOnly).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    const whole = (await t3(focal, district, '2018-01-01', '2018-12-31')).json<T3Value>();
    expect(whole.numerator).toBeGreaterThanOrEqual(1);
    // Another commune of today does not hold Hữu Thác.
    expect((await t3(focal, conMinh, '2018-01-01', '2018-12-31')).json<T3Value>().denominator).toBe(0);
  });

  it('moves T3 when a person completes a course, counts a person who moved post once, and hides names from a statistician', async () => {
    const first = (await post(focal, '/api/training/roster', posting(tranPhu, 'Vi Thị Nhung', '2026-01-01'))).json<FocalPointView>();
    const before = (await t3(focal, tranPhu, '2026-01-01', '2026-12-31')).json<T3Value>();
    const c = (await post(focal, '/api/training/courses', course(tranPhu, '2026-03-02', '2026-03-03'))).json<CourseDetail>();
    const detail = await complete(c.id, first.personId, ['2026-03-02', '2026-03-03']);
    expect(detail).toMatchObject({ attendeeCount: 1, completedCount: 1, averageGain: 30 });
    const after = (await t3(focal, tranPhu, '2026-01-01', '2026-12-31')).json<T3Value>();
    expect(after.numerator).toBe(before.numerator + 1);
    expect(after.denominator).toBe(before.denominator);
    // She moves to Côn Minh: a new posting of the same person; the district still counts her once.
    const districtBefore = (await t3(focal, district, '2026-01-01', '2026-12-31')).json<T3Value>();
    await post(focal, `/api/training/roster/${first.id}/end`, { toDate: '2026-06-30' });
    const moved = await post(focal, '/api/training/roster', posting(conMinh, 'Vi Thị Nhung', '2026-07-01', { personId: first.personId }));
    expect(moved.json<FocalPointView>()).toMatchObject({ personId: first.personId, gbvTrainedOn: '2026-03-03' });
    const districtAfter = (await t3(focal, district, '2026-01-01', '2026-12-31')).json<T3Value>();
    expect(districtAfter.denominator).toBe(districtBefore.denominator);
    const stats = (await t3(statistician, district, '2026-01-01', '2026-12-31')).json<T3Value>();
    expect(stats.untrained).toBeNull();
    expect(stats.numerator).toBe(districtAfter.numerator);
  });

  it('refuses to shorten a course below a day with attendance, and lists courses with their counts', async () => {
    const c = (await post(focal, '/api/training/courses', course(district, '2025-05-08', '2025-05-10', { otherAttendees: [{ group: 'village_staff', female: 12, male: 9 }] }))).json<CourseDetail>();
    const p = (await post(focal, '/api/training/roster', posting(tranPhu, 'Hà Thị Lan', '2025-07-01'))).json<FocalPointView>();
    await complete(c.id, p.personId, ['2025-05-08', '2025-05-10']);
    const shorter = await put(focal, `/api/training/courses/${c.id}`, course(district, '2025-05-08', '2025-05-09'));
    expect(shorter.statusCode).toBe(409);
    expect(shorter.json().error.message).toContain('10/05/2025');
    const renamed = await put(focal, `/api/training/courses/${c.id}`, course(district, '2025-05-08', '2025-05-10', { title: 'Lớp tập huấn kỹ năng hỗ trợ', otherAttendees: [{ group: 'village_staff', female: 12, male: 9 }] }));
    expect(renamed.statusCode, renamed.body).toBe(200);
    const listed = (await get(focal, `/api/training/courses?q=${encodeURIComponent('ky nang')}`)).json<{ items: Array<{ id: string; otherAttendeeCount: number; attendeeCount: number }> }>().items;
    expect(listed.map((x) => x.id)).toEqual([c.id]);
    expect(listed[0]).toMatchObject({ otherAttendeeCount: 21, attendeeCount: 1 });
  });
  it('shows a district course to a commune officer whose official attended it, naming only the commune’s attendees', async () => {
    const thu = (await post(focal, '/api/training/roster', posting(tranPhu, 'Đinh Thị Thu', '2025-07-01'))).json<FocalPointView>();
    const khai = (await post(focal, '/api/training/roster', posting(conMinh, 'Nông Văn Khải', '2025-07-01'))).json<FocalPointView>();
    const shared = (await post(focal, '/api/training/courses', course(district, '2025-06-03', '2025-06-04', { title: 'Lớp huyện tổ chức' }))).json<CourseDetail>();
    await complete(shared.id, thu.personId, ['2025-06-03']);
    await complete(shared.id, khai.personId, ['2025-06-03']);
    const elsewhere = (await post(focal, '/api/training/courses', course(district, '2025-06-05', '2025-06-05', { title: 'Lớp chỉ Côn Minh dự' }))).json<CourseDetail>();
    await complete(elsewhere.id, khai.personId, ['2025-06-05']);
    const listed = (await get(officer, '/api/training/courses')).json<{ items: Array<{ id: string; attendeeCount: number }> }>().items;
    expect(listed.find((x) => x.id === shared.id)).toMatchObject({ attendeeCount: 2 });
    expect(listed.map((x) => x.id)).not.toContain(elsewhere.id);
    const seen = await get(officer, `/api/training/courses/${shared.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json<CourseDetail>()).toMatchObject({ hiddenAttendeeCount: 1, canManage: false, attendeeCount: 2 });
    expect(seen.json<CourseDetail>().attendees.map((a) => a.fullName)).toEqual(['Đinh Thị Thu']);
    expect(seen.body).not.toContain('Nông Văn Khải');
    expect((await get(officer, `/api/training/courses/${elsewhere.id}`)).json().error.code).toBe('UNIT_OUT_OF_SCOPE');
    expect((await put(officer, `/api/training/courses/${shared.id}`, course(district, '2025-06-03', '2025-06-04'))).statusCode).toBe(403);
    expect((await get(focal, `/api/training/courses/${shared.id}`)).json<CourseDetail>()).toMatchObject({ hiddenAttendeeCount: 0, canManage: true });
  });

  it('counts for T3 a focal point who attended as their user account, and offers them once as a candidate', async () => {
    const account = await t.makeUser('commune_officer', { unitCode: '02176', displayName: 'Lý Thị Mai' });
    // In 2024 today's Trần Phú was Cư Lễ (the same code 02176): the posting is recorded against the unit of its day.
    const cuLe = await t.unitId('02176', '1997-01-01');
    const p = (await post(focal, '/api/training/roster', posting(cuLe, 'Lý Thị Mai', '2024-01-01', { userId: account.id }))).json<FocalPointView>();
    const c = (await post(focal, '/api/training/courses', course(district, '2024-04-01', '2024-04-02'))).json<CourseDetail>();
    const candidates = (await get(focal, `/api/training/courses/${c.id}/candidates?q=${encodeURIComponent('Lý Thị Mai')}`)).json<{ items: Array<{ kind: string; refId: string }> }>().items;
    expect(candidates).toEqual([expect.objectContaining({ kind: 'focal_point', refId: p.personId })]);
    const before = (await t3(focal, tranPhu, '2024-01-01', '2024-12-31')).json<T3Value>();
    expect(before.untrained?.map((u) => u.fullName)).toContain('Lý Thị Mai');
    const added = await post(focal, `/api/training/courses/${c.id}/attendees`, { kind: 'user', refId: account.id });
    expect(added.statusCode, added.body).toBe(201);
    const attendee = added.json<CourseDetail>().attendees.find((a) => a.refId === account.id);
    expect((await put(focal, `/api/training/attendances/${attendee?.id}`, { daysAttended: ['2024-04-01', '2024-04-02'], completed: true, scoreBefore: null, scoreAfter: null })).statusCode).toBe(200);
    const after = (await t3(focal, tranPhu, '2024-01-01', '2024-12-31')).json<T3Value>();
    expect(after).toMatchObject({ numerator: before.numerator + 1, denominator: before.denominator });
    expect(after.untrained?.map((u) => u.fullName)).not.toContain('Lý Thị Mai');
    const roster = (await get(focal, `/api/training/roster?unitId=${tranPhu}&status=all&q=${encodeURIComponent('Lý Thị Mai')}`)).json<{ items: FocalPointView[] }>().items;
    expect(roster.map((r) => r.gbvTrainedOn)).toEqual(['2024-04-02']);
  });
});
