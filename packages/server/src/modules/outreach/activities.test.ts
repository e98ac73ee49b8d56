// Communication activities: who records, sees and corrects which; validation and warnings; export.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';
import { activityBody } from '../../test/outreach-fixtures.js';

describe.each(DATABASES)('outreach activities on %s', (kind) => {
  let t: TestApp;
  let tranPhu: string;
  let xuanDuong: string;

  beforeAll(async () => {
    t = await createTestApp(kind, { totpRoles: [] });
    tranPhu = await t.unitId('02176');
    xuanDuong = await t.unitId('02191');
  });
  afterAll(async () => t.close());

  it('lets a communicator record an activity and see only their own; another communicator is refused it', async () => {
    const ana = await t.makeUser('communicator', { unitCode: '02176' });
    const binh = await t.makeUser('communicator', { unitCode: '02176' });
    const anaCookie = await t.signIn(ana);
    const binhCookie = await t.signIn(binh);
    const created = await t.inject({ method: 'POST', url: '/api/outreach/activities', cookie: anaCookie, payload: activityBody(tranPhu) });
    expect(created.statusCode, created.body).toBe(201);
    const { activity, warnings } = created.json();
    expect(activity).toMatchObject({ unit: { code: '02176' }, audienceTotal: 55, canEdit: true, isImported: false, countingBasis: 'new_people' });
    expect(warnings).toEqual([]);

    const other = await t.inject({ method: 'GET', url: `/api/outreach/activities/${activity.id}`, cookie: binhCookie });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('OUTREACH_NOT_OWN');
    const edit = await t.inject({ method: 'PUT', url: `/api/outreach/activities/${activity.id}`, cookie: binhCookie, payload: activityBody(tranPhu, { topic: 'Sửa trộm' }) });
    expect(edit.statusCode).toBe(403);
    const del = await t.inject({ method: 'DELETE', url: `/api/outreach/activities/${activity.id}`, cookie: binhCookie });
    expect(del.statusCode).toBe(403);
    const binhList = await t.inject({ method: 'GET', url: '/api/outreach/activities', cookie: binhCookie });
    expect(binhList.json().items.map((i: { id: string }) => i.id)).not.toContain(activity.id);
    const anaList = await t.inject({ method: 'GET', url: '/api/outreach/activities', cookie: anaCookie });
    expect(anaList.json().items.map((i: { id: string }) => i.id)).toEqual([activity.id]);
  });

  it('refuses a communicator every case route, and a unit outside their commune', async () => {
    const user = await t.makeUser('communicator', { unitCode: '02176' });
    const cookie = await t.signIn(user);
    for (const url of ['/api/cases', '/api/alerts']) {
      const response = await t.inject({ method: 'GET', url, cookie });
      expect(response.statusCode, url).toBe(403);
    }
    const elsewhere = await t.inject({ method: 'POST', url: '/api/outreach/activities', cookie, payload: activityBody(xuanDuong) });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().error.code).toBe('UNIT_OUT_OF_SCOPE');
  });

  it('lets the commune officer see and correct the commune’s activities, and refuses an officer of another commune', async () => {
    const communicator = await t.makeUser('communicator', { unitCode: '02176' });
    const created = (await t.inject({ method: 'POST', url: '/api/outreach/activities', cookie: await t.signIn(communicator), payload: activityBody(tranPhu, { topic: 'Buổi của xã Trần Phú' }) })).json().activity;
    const officer = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
    const corrected = await t.inject({
      method: 'PUT', url: `/api/outreach/activities/${created.id}`, cookie: officer,
      payload: activityBody(tranPhu, { topic: 'Buổi của xã Trần Phú (đã sửa)', audiences: [{ group: 'residents', female: 31, male: 25, unknownSex: 2 }, { group: 'students', female: 10, male: 9, unknownSex: 0 }] }),
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json().activity).toMatchObject({ topic: 'Buổi của xã Trần Phú (đã sửa)', audienceTotal: 77 });
    expect(corrected.json().activity.audiences.map((a: { group: string }) => a.group)).toEqual(['students', 'residents']);
    const stranger = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02191' }));
    const refused = await t.inject({ method: 'GET', url: `/api/outreach/activities/${created.id}`, cookie: stranger });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('UNIT_OUT_OF_SCOPE');
    const district = await t.signIn(await t.makeUser('district_focal_point'));
    expect((await t.inject({ method: 'GET', url: `/api/outreach/activities/${created.id}`, cookie: district })).statusCode).toBe(200);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'details']).where('resource_id', '=', created.id).execute();
    // The other commune's refused edit is audited too.
    expect(audit.map((a) => a.action).sort()).toEqual(['access.refused', 'outreach.create', 'outreach.update']);
  });

  it('answers bad input with clear messages and writes nothing', async () => {
    const cookie = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
    const before = await t.deps.db.selectFrom('outreach_activities').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const negative = await t.inject({ method: 'POST', url: '/api/outreach/activities', cookie, payload: activityBody(tranPhu, { audiences: [{ group: 'residents', female: -3, male: 2, unknownSex: 0 }] }) });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.issues[0]).toMatchObject({ path: 'audiences.0.female', message: 'phải lớn hơn hoặc bằng 0' });
    const text = await t.inject({ method: 'POST', url: '/api/outreach/activities', cookie, payload: activityBody(tranPhu, { audiences: [{ group: 'residents', female: 'ba mươi', male: 2, unknownSex: 0 }] }) });
    expect(text.statusCode).toBe(400);
    const nobody = await t.inject({ method: 'POST', url: '/api/outreach/activities', cookie, payload: activityBody(tranPhu, { audiences: [{ group: 'residents', female: 0, male: 0, unknownSex: 0 }] }) });
    expect(nobody.json().error.issues[0].message).toBe('cần ít nhất một người tham dự');
    const twice = await t.inject({ method: 'POST', url: '/api/outreach/activities', cookie, payload: activityBody(tranPhu, { audiences: [{ group: 'residents', female: 1, male: 0, unknownSex: 0 }, { group: 'residents', female: 1, male: 0, unknownSex: 0 }] }) });
    expect(twice.json().error.issues[0]).toMatchObject({ path: 'audiences.1.group' });
    const future = await t.inject({ method: 'POST', url: '/api/outreach/activities', cookie, headers: { 'accept-language': 'en' }, payload: activityBody(tranPhu, { activityDate: '2099-01-01' }) });
    expect(future.json().error.issues[0]).toMatchObject({ path: 'activityDate', message: 'the date cannot be after today' });
    const merged = await t.inject({ method: 'POST', url: '/api/outreach/activities', cookie, payload: activityBody(tranPhu, { activityDate: '2019-03-01' }) });
    expect(merged.json().error.code).toBe('UNIT_NOT_VALID_ON_DATE');
    const facilitator = await t.inject({ method: 'POST', url: '/api/outreach/activities', cookie, payload: activityBody(tranPhu, { facilitatorMemberId: '0190a0a0-0000-7000-8000-000000000000' }) });
    expect(facilitator.json().error.code).toBe('FACILITATOR_NOT_FOUND');
    const after = await t.deps.db.selectFrom('outreach_activities').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('records the facilitator from the commune’s network and refuses one from another commune', async () => {
    const cookie = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
    const at = new Date().toISOString();
    const member = (unitId: string) => ({
      id: crypto.randomUUID(), unit_id: unitId, village_id: null, full_name_enc: t.deps.cipher.encrypt('Hoàng Thị Én'), sex: 'female', ethnicity: '02',
      languages: '["vi","tay"]', role_kind: 'communicator', is_core: 1, is_active: 1, phone_enc: null, user_id: null, created_by: null, created_at: at, updated_at: at,
    });
    const own = member(tranPhu);
    const other = member(xuanDuong);
    await t.deps.db.insertInto('network_members').values([own, other]).execute();
    const led = await t.inject({ method: 'POST', url: '/api/outreach/activities', cookie, payload: activityBody(tranPhu, { facilitatorMemberId: own.id }) });
    expect(led.statusCode, led.body).toBe(201);
    expect(led.json().activity.facilitatorMemberId).toBe(own.id);
    const foreign = await t.inject({ method: 'POST', url: '/api/outreach/activities', cookie, payload: activityBody(tranPhu, { facilitatorMemberId: other.id }) });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.issues[0].path).toBe('facilitatorMemberId');
  });

  it('saves an audience larger than the unit could hold, with a warning instead of a refusal', async () => {
    const cookie = await t.signIn(await t.makeUser('district_focal_point'));
    const population = await t.inject({ method: 'PUT', url: `/api/population?unitId=${xuanDuong}`, cookie, payload: { year: 2025, figures: [{ unitId: xuanDuong, group: 'residents', total: 300, female: 150, male: 150, source: 'Thống kê xã 2025' }] } });
    expect(population.statusCode, population.body).toBe(200);
    const big = await t.inject({ method: 'POST', url: '/api/outreach/activities', cookie, payload: activityBody(xuanDuong, { audiences: [{ group: 'residents', female: 200, male: 180, unknownSex: 0 }] }) });
    expect(big.statusCode).toBe(201);
    expect(big.json().warnings).toMatchObject([{ code: 'audience_exceeds_population' }]);
    expect(big.json().warnings[0].message).toContain('380');
    const huge = await t.inject({ method: 'POST', url: '/api/outreach/activities', cookie, payload: activityBody(tranPhu, { activityDate: '2025-08-01', audiences: [{ group: 'residents', female: 0, male: 0, unknownSex: 9000 }], campaign: null }) });
    expect(huge.json().warnings).toMatchObject([{ code: 'audience_exceeds_plausible_maximum' }]);
  });

  it('filters the list by unit across mergers, period, format and campaign, and exports it to Excel', async () => {
    const cookie = await t.signIn(await t.makeUser('district_focal_point'));
    const huuThac = await t.unitId('02179', '1997-01-01');
    const old = await t.inject({ method: 'POST', url: '/api/outreach/activities', cookie, payload: activityBody(huuThac, { activityDate: '2018-06-10', format: 'loudspeaker', campaign: 'dv_action_month', topic: 'Phát thanh tháng 6' }) });
    expect(old.statusCode, old.body).toBe(201);
    const list = await t.inject({ method: 'GET', url: `/api/outreach/activities?unitId=${tranPhu}&from=2018-01-01&to=2018-12-31&format=loudspeaker&campaign=dv_action_month`, cookie });
    expect(list.json().items.map((i: { topic: string }) => i.topic)).toEqual(['Phát thanh tháng 6']);
    expect(list.json()).toMatchObject({ total: 1, audienceTotal: 55 });
    const none = await t.inject({ method: 'GET', url: `/api/outreach/activities?unitId=${xuanDuong}&from=2018-01-01&to=2018-12-31`, cookie });
    expect(none.json().total).toBe(0);
    const exported = await t.inject({ method: 'GET', url: `/api/outreach/activities/export?unitId=${tranPhu}&from=2018-01-01&to=2018-12-31`, cookie });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(6).value).toBe('Phát thanh tháng 6');
    expect(sheet.getRow(2).getCell(5).value).toBe('Phát thanh trên loa truyền thanh');
  });
});
