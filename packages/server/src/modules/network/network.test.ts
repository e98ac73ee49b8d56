// The communicators' network, trusted addresses and coverage through the API, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseDetail, NetworkCoverage, NetworkMemberView, TrustedAddressView } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp, type TestUser } from '../../test/test-app.js';

describe.each(DATABASES)('network on %s', (kind) => {
  let t: TestApp;
  let focal: string;
  let officer: string;
  let communicatorUser: TestUser;
  let communicator: string;
  let leader: string;
  let tranPhu: string;
  let huuThac: string;
  let conMinh: string;
  let village: string;
  let village2: string;

  beforeAll(async () => {
    t = await createTestApp(kind, { totpRoles: [] });
    const admin = await t.signIn(await t.makeUser('system_admin'));
    focal = await t.signIn(await t.makeUser('district_focal_point'));
    officer = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
    communicatorUser = await t.makeUser('communicator', { unitCode: '02176' });
    communicator = await t.signIn(communicatorUser);
    leader = await t.signIn(await t.makeUser('district_leader'));
    tranPhu = await t.unitId('02176');
    huuThac = await t.unitId('02179', '1997-01-01');
    conMinh = await t.unitId('02185');
    const make = async (code: string, name: string) =>
      (await t.inject({ method: 'POST', url: '/api/admin-units', cookie: admin, payload: { code, name, kind: 'village', parentId: tranPhu, validFrom: '2025-07-01' } })).json<{ id: string }>().id;
    village = await make('02176-T01', 'Bản Pjạc');
    village2 = await make('02176-T02', 'Nà Làng');
  });
  afterAll(async () => t.close());

  const post = (cookie: string, url: string, payload: object) => t.inject({ method: 'POST', url, cookie, payload });
  const put = (cookie: string, url: string, payload: object) => t.inject({ method: 'PUT', url, cookie, payload });
  const get = (cookie: string, url: string) => t.inject({ method: 'GET', url, cookie });
  const member = (unitId: string, fullName: string, extra: object = {}) =>
    ({ unitId, fullName, sex: 'female', ethnicityCode: '09', languages: ['vi', 'dao'], kind: 'communicator', isCore: true, ...extra });

  it('adds a member with an encrypted phone, never lists the phone, and reveals it to the officer with an audit entry', async () => {
    const created = await post(officer, '/api/network/members', member(tranPhu, 'Triệu Thị Mẩy', { villageId: village, phone: '0912 345 678', userId: communicatorUser.id }));
    expect(created.statusCode, created.body).toBe(201);
    const m = created.json<NetworkMemberView>();
    expect(m).toMatchObject({ fullName: 'Triệu Thị Mẩy', hasPhone: true, isCore: true, village: { id: village }, trainingsAttended: 0, activitiesLed: 0 });
    expect(created.body).not.toContain('0912345678');
    const stored = await t.deps.db.selectFrom('network_members').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(stored.phone_enc).not.toContain('0912345678');
    expect(stored.full_name_enc).not.toContain('Mẩy');
    const listed = await get(communicator, '/api/network/members');
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain('0912345678');
    expect(listed.json<{ items: NetworkMemberView[] }>().items.map((i) => i.fullName)).toContain('Triệu Thị Mẩy');
    expect((await get(communicator, '/api/network/members/me')).json<NetworkMemberView>().id).toBe(m.id);
    expect((await post(communicator, `/api/network/members/${m.id}/reveal`, {})).statusCode).toBe(403);
    const revealed = await post(officer, `/api/network/members/${m.id}/reveal`, {});
    expect(revealed.json()).toEqual({ phone: '0912345678' });
    const entries = await t.deps.db.selectFrom('audit_log').select(['action', 'details']).where('resource_id', '=', m.id).execute();
    // The communicator's refused reveal is recorded too.
    expect(entries.map((e) => e.action)).toEqual(['network_member.create', 'access.refused', 'network_member.reveal']);
    expect(entries.map((e) => e.details).join()).not.toContain('0912');
  });

  it('corrects a member keeping the phone when left out, finds names without accents, and refuses bad input', async () => {
    const m = (await post(officer, '/api/network/members', member(tranPhu, 'Đặng Văn Lìn', { phone: '0987654321' }))).json<NetworkMemberView>();
    const changed = await put(officer, `/api/network/members/${m.id}`, member(tranPhu, 'Đặng Văn Lìn', { isActive: false, villageId: village2 }));
    expect(changed.json<NetworkMemberView>()).toMatchObject({ isActive: false, hasPhone: true, village: { id: village2 } });
    expect((await post(officer, `/api/network/members/${m.id}/reveal`, {})).json().phone).toBe('0987654321');
    const found = (await get(officer, `/api/network/members?q=${encodeURIComponent('dang van lin')}`)).json<{ items: NetworkMemberView[] }>().items;
    expect(found.map((i) => i.fullName)).toEqual(['Đặng Văn Lìn']);
    expect((await get(officer, '/api/network/members?activeOnly=true')).json<{ items: NetworkMemberView[] }>().items.map((i) => i.id)).not.toContain(m.id);
    const badPhone = await post(officer, '/api/network/members', member(tranPhu, 'Ai Đó', { phone: '123' }));
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().error.issues[0].path).toBe('phone');
    const otherCommune = await post(officer, '/api/network/members', member(conMinh, 'Ai Đó'));
    expect(otherCommune.json().error.code).toBe('UNIT_OUT_OF_SCOPE');
    const wrongVillage = await post(focal, '/api/network/members', member(conMinh, 'Ai Đó', { villageId: village }));
    expect(wrongVillage.json().error.code).toBe('VILLAGE_NOT_IN_UNIT');
    const notCommunicator = await post(officer, '/api/network/members', member(tranPhu, 'Ai Đó', { userId: (await t.makeUser('commune_officer')).id }));
    expect(notCommunicator.json().error.code).toBe('MEMBER_USER_INVALID');
    const taken = await post(officer, '/api/network/members', member(tranPhu, 'Ai Đó', { userId: communicatorUser.id }));
    expect(taken.json().error.code).toBe('MEMBER_USER_INVALID');
    const free = await t.makeUser('communicator', { unitCode: '02176', displayName: 'Hà Thị Mai' });
    const accounts = (await get(officer, '/api/network/accounts')).json<{ items: Array<{ id: string }> }>().items.map((u) => u.id);
    expect(accounts).toContain(free.id);
    expect(accounts).not.toContain(communicatorUser.id);
  });

  it('keeps a trusted address’s location and contact from communicators and lists, and reveals them with an audit entry', async () => {
    const created = await post(officer, '/api/network/trusted-addresses', {
      unitId: tranPhu, villageId: village, kind: 'household', name: 'Hộ tin cậy số 1', capacity: 3, status: 'active',
      contactPerson: 'Nông Thị Vân', phone: '0388 111 222', address: 'Nhà thứ ba sau cầu treo',
    });
    expect(created.statusCode, created.body).toBe(201);
    const a = created.json<TrustedAddressView>();
    expect(a).toMatchObject({ hasContact: true, hasLocation: true, capacity: 3 });
    for (const secret of ['Nông Thị Vân', '0388111222', 'cầu treo']) expect(created.body).not.toContain(secret);
    // Even the label is stored encrypted: "Nhà bà X" would tell where a survivor shelters.
    const stored = await t.deps.db.selectFrom('trusted_addresses').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain('Hộ tin cậy');
    expect(a.name).toBe('Hộ tin cậy số 1');
    const listedByOfficer = await get(officer, '/api/network/trusted-addresses');
    expect(listedByOfficer.json<{ items: TrustedAddressView[] }>().items.map((i) => i.id)).toContain(a.id);
    expect(listedByOfficer.body).not.toContain('cầu treo');
    for (const cookie of [communicator, leader]) {
      expect((await get(cookie, '/api/network/trusted-addresses')).statusCode).toBe(403);
      expect((await post(cookie, `/api/network/trusted-addresses/${a.id}/reveal`, {})).statusCode).toBe(403);
    }
    const neighbour = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02185' }));
    expect((await post(neighbour, `/api/network/trusted-addresses/${a.id}/reveal`, {})).json().error.code).toBe('UNIT_OUT_OF_SCOPE');
    const revealed = await post(focal, `/api/network/trusted-addresses/${a.id}/reveal`, {});
    expect(revealed.json()).toEqual({ contactPerson: 'Nông Thị Vân', phone: '0388111222', address: 'Nhà thứ ba sau cầu treo' });
    const paused = await put(officer, `/api/network/trusted-addresses/${a.id}`, { unitId: tranPhu, villageId: village, kind: 'household', name: 'Hộ tin cậy số 1', capacity: 2, status: 'paused', address: '' });
    expect(paused.json<TrustedAddressView>()).toMatchObject({ status: 'paused', hasContact: true, hasLocation: false });
    const entries = await t.deps.db.selectFrom('audit_log').select(['action', 'actor_role']).where('resource_id', '=', a.id).execute();
    // Refused attempts by others are recorded as refusals (refusals.test.ts); the changes are these.
    expect(entries.map((e) => e.action).filter((a) => a !== 'access.refused')).toEqual(['trusted_address.create', 'trusted_address.reveal', 'trusted_address.update']);
    expect(entries.filter((e) => e.action === 'access.refused').length).toBeGreaterThan(0);
    expect(entries.find((e) => e.action === 'trusted_address.reveal')?.actor_role).toBe('district_focal_point');
  });

  it('computes coverage per commune through the merger, with villages without a member and activities per member', async () => {
    // A member recorded in Hữu Thác before the 2020 merger counts for today's Trần Phú.
    const old = (await post(focal, '/api/network/members', member(huuThac, 'Lục Văn Páo', { kind: 'collaborator', isCore: false }))).json<NetworkMemberView>();
    expect(old.unit.code).toBe('02179');
    const c = (await post(focal, '/api/training/courses', { unitId: tranPhu, title: 'Kỹ năng truyền thông', topic: 'communication_skills', startDate: '2025-08-01', endDate: '2025-08-01', organiser: 'Hội LHPN' })).json<CourseDetail>();
    expect((await post(focal, `/api/training/courses/${c.id}/attendees`, { kind: 'member', refId: old.id })).statusCode).toBe(201);
    const ids = (await get(focal, '/api/network/members')).json<{ items: NetworkMemberView[] }>().items;
    const may = ids.find((m) => m.fullName === 'Triệu Thị Mẩy') as NetworkMemberView;
    expect(ids.find((m) => m.id === old.id)?.trainingsAttended).toBe(1);
    const user = await t.deps.db.selectFrom('users').select('id').where('id', '=', communicatorUser.id).executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    for (const [date, facilitator] of [['2026-03-01', may.id], ['2026-03-05', may.id], ['2026-04-01', null], ['2025-12-31', may.id]] as const) {
      await t.deps.db.insertInto('outreach_activities').values({
        id: crypto.randomUUID(), unit_id: tranPhu, village_id: village, activity_date: date, format: 'meeting', topic: 'Phòng chống bạo lực gia đình', language: 'vi', language_other: null,
        materials: '[]', facilitator_member_id: facilitator, campaign: null, campaign_note: null, counting_basis: 'new_people', audience_total: 20, note_enc: null, import_id: null,
        created_by: user.id, updated_by: user.id, created_at: at, updated_at: at,
      }).execute();
    }
    const coverage = (await get(officer, `/api/network/coverage?unitId=${tranPhu}&from=2026-01-01&to=2026-12-31`)).json<NetworkCoverage>();
    expect(coverage.rows).toHaveLength(1);
    const row = coverage.rows[0];
    expect(row?.unit.code).toBe('02176');
    expect(row).toMatchObject({ activities: 3, activitiesLed: 2, villages: 2, trustedAddresses: 0 });
    expect(row?.members).toBeGreaterThanOrEqual(3);
    expect(row?.villagesWithoutMember.map((v) => v.id)).toEqual([village2]);
    expect(row?.activitiesPerMember).toBe(Math.round((2 / (row?.activeMembers ?? 1)) * 10) / 10);
    expect((await get(focal, '/api/network/members')).json<{ items: NetworkMemberView[] }>().items.find((m) => m.id === may.id)?.activitiesLed).toBe(3);
    const whole = (await get(leader, '/api/network/coverage?from=2026-01-01&to=2026-12-31')).json<NetworkCoverage>();
    // Not even the number of trusted addresses reaches leaders or communicators.
    expect(new Set(whole.rows.map((r) => r.trustedAddresses))).toEqual(new Set([null]));
    const own = (await get(communicator, '/api/network/coverage?from=2026-01-01&to=2026-12-31')).json<NetworkCoverage>();
    expect(own.rows.length).toBeGreaterThan(0);
    expect(new Set(own.rows.map((r) => r.trustedAddresses))).toEqual(new Set([null]));
    expect(whole.rows.map((r) => r.unit.code).sort()).toEqual(['02143', '02152', '02155', '02176', '02185', '02191']);
    // In the units of 2018, the member counts for Hữu Thác itself.
    const then = (await get(focal, '/api/network/coverage?from=2018-01-01&to=2018-12-31')).json<NetworkCoverage>();
    expect(then.rows.find((r) => r.unit.name === 'Hữu Thác')?.members).toBe(1);
    expect((await get(officer, `/api/network/coverage?unitId=${conMinh}&from=2026-01-01&to=2026-12-31`)).statusCode).toBe(403);
    expect((await get(officer, `/api/network/coverage?from=2026-12-31&to=2026-01-01`)).statusCode).toBe(400);
  });
});
