import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, OfflineDeviceKey, OfflinePack, ProviderView, ReferralView } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';
import { caseIntake, hoursAgo } from '../../test/factories.js';
import { activityBody } from '../../test/outreach-fixtures.js';

const NAME = 'Lò Thị Mẩy';
const PHONE = '0987 654 321';

describe.each(DATABASES)('offline device key and pack on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let officerId: string;
  let colleague: string;
  let neighbour: string;
  let communicator: string;
  let focal: string;
  let focalId: string;
  let tranPhu: string;
  let phones = 0;
  beforeAll(async () => {
    // A small limit, so the default set is cut.
    t = await createTestApp(kind, { offlineCaseLimit: 2 });
    tranPhu = await t.unitId('02176');
    const user = await t.makeUser('commune_officer', { unitCode: '02176' });
    officerId = user.id;
    officer = await t.signIn(user);
    colleague = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
    neighbour = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02185' }));
    communicator = await t.signIn(await t.makeUser('communicator', { unitCode: '02176' }));
    const focalUser = await t.makeUser('district_focal_point');
    focalId = focalUser.id;
    focal = await t.signIn(focalUser);
  });
  afterAll(async () => t.close());

  const openCase = async (cookie: string, unitId: string, survivor: Record<string, unknown> = {}) => {
    phones += 1;
    const response = await t.inject({
      method: 'POST', url: '/api/cases', cookie,
      payload: caseIntake(unitId, { survivor: { fullName: 'Hà Thị Lan', phone: `09123499${String(phones).padStart(2, '0')}`, ...survivor } }),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<CaseDetail>();
  };
  const pack = async (cookie: string, body: object = {}) => {
    const response = await t.inject({ method: 'POST', url: '/api/offline/pack', cookie, payload: body });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<OfflinePack>();
  };
  const deviceKey = (cookie: string, deviceId: string) => t.inject({ method: 'POST', url: '/api/offline/device-key', cookie, payload: { deviceId } });
  const get = async (cookie: string, url: string) => {
    const response = await t.inject({ method: 'GET', url, cookie });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return response.json<unknown>();
  };

  it('gives the same device key to the same user and device, another to another user or device, audited without the key', async () => {
    const device = randomUUID();
    const first = await deviceKey(officer, device);
    expect(first.statusCode, first.body).toBe(200);
    const { key, limit } = first.json<OfflineDeviceKey>();
    expect(limit).toBe(2);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await deviceKey(officer, device)).json<OfflineDeviceKey>().key).toBe(key);
    expect((await deviceKey(officer, randomUUID())).json<OfflineDeviceKey>().key).not.toBe(key);
    expect((await deviceKey(colleague, device)).json<OfflineDeviceKey>().key).not.toBe(key);
    expect((await deviceKey(officer, 'not-a-uuid')).statusCode).toBe(400);

    const entries = await t.deps.db.selectFrom('audit_log').select(['details', 'actor_id', 'resource_id']).where('action', '=', 'offline.device_key').execute();
    expect(entries.length).toBe(4);
    expect(entries.some((e) => e.actor_id === officerId && e.resource_id === device)).toBe(true);
    for (const entry of entries) expect(entry.details).not.toContain(key);
  });

  it('packs the default set: open cases of the user’s commune, most recently updated first, capped at the limit', async () => {
    const a = await openCase(officer, tranPhu);
    const b = await openCase(colleague, tranPhu);
    const c = await openCase(officer, tranPhu);
    const elsewhere = await openCase(neighbour, await t.unitId('02185'));
    // A note makes the first case the most recently updated.
    expect((await t.inject({ method: 'POST', url: `/api/cases/${a.id}/notes`, cookie: officer, payload: { body: 'Đã gọi điện hỏi thăm.' } })).statusCode).toBe(201);

    const views = async () => Number((await t.deps.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'case.view').executeTakeFirstOrThrow()).n);
    const viewsBefore = await views();
    const packed = await pack(officer);
    const open = await t.deps.db.selectFrom('cases').select(['id', 'updated_at']).where('unit_id', '=', tranPhu).where('status', '!=', 'closed').orderBy('updated_at', 'desc').orderBy('id').execute();
    expect(packed.limit).toBe(2);
    expect(packed.caseIds).toEqual(open.slice(0, 2).map((r) => r.id));
    expect(packed.caseIds[0]).toBe(a.id);
    expect(packed.leftOut).toBe(open.length - 2);
    expect(packed.caseIds).not.toContain(elsewhere.id);
    expect([b.id, c.id]).toContain(packed.caseIds[1]);
    // The list answer holds exactly the packed cases; nothing of another commune anywhere.
    expect((packed.responses['/api/cases'] as { items: Array<{ id: string }> }).items.map((i) => i.id)).toEqual(packed.caseIds);
    expect(JSON.stringify(packed)).not.toContain(elsewhere.id);
    for (const id of packed.caseIds) {
      for (const rest of ['', '/timeline', '/measures', '/follow-ups', '/consents', '/referrals', '/support-plan', '/perpetrators']) {
        expect(packed.responses, `${id}${rest}`).toHaveProperty([`/api/cases/${id}${rest}`]);
      }
    }
    for (const key of ['/api/me', '/api/meta', '/api/cases/config', '/api/admin-units', '/api/providers', '/api/outreach/activities']) expect(packed.responses).toHaveProperty([key]);
    expect(Object.keys(packed.responses).some((k) => /^\/api\/admin-units\?at=\d{4}-\d{2}-\d{2}$/.test(k))).toBe(true);

    // One audit entry with the count, no per-case views.
    expect(await views()).toBe(viewsBefore);
    const audits = await t.deps.db.selectFrom('audit_log').select(['details', 'actor_id']).where('action', '=', 'offline.pack').execute();
    expect(audits.length).toBe(1);
    expect(JSON.parse(audits[0]?.details ?? '{}')).toMatchObject({ cases: 2, leftOut: open.length - 2 });
  });

  it('answers each packed path exactly as the matching GET route does', async () => {
    const created = await openCase(officer, tranPhu);
    const followUp = await t.inject({
      method: 'POST', url: `/api/cases/${created.id}/follow-ups`, cookie: officer,
      payload: { contactedAt: hoursAgo(0.5), method: 'home_visit', survivorSafe: 'yes', violenceRecurred: false, newNeeds: [], note: 'Chị ổn, đã về nhà mẹ đẻ.' },
    });
    expect(followUp.statusCode, followUp.body).toBe(201);
    const packed = await pack(officer, { caseIds: [created.id] });
    expect(packed.caseIds).toEqual([created.id]);
    const base = `/api/cases/${created.id}`;
    for (const url of [base, `${base}/timeline`, `${base}/follow-ups`, `${base}/measures`, `${base}/consents`, `${base}/referrals`, `${base}/support-plan`, `${base}/perpetrators`, '/api/cases/config', '/api/providers', '/api/admin-units', '/api/me', '/api/meta']) {
      expect(packed.responses[url], url).toEqual(await get(officer, url));
    }
    const today = Object.keys(packed.responses).find((k) => k.startsWith('/api/admin-units?at=')) as string;
    expect(packed.responses[today]).toEqual(await get(officer, today));
    expect(packed.responses['/api/outreach/activities']).toEqual(await get(officer, '/api/outreach/activities?pageSize=200'));
    expect((packed.responses[`${base}/follow-ups`] as { items: unknown[] }).items.length).toBe(1);
  });

  it('packs only marked cases the user may work on; others are left out as if they did not exist', async () => {
    const mine = await openCase(officer, tranPhu);
    const theirs = await openCase(neighbour, await t.unitId('02185'));
    const packed = await pack(officer, { caseIds: [theirs.id, randomUUID(), mine.id, mine.id] });
    expect(packed.caseIds).toEqual([mine.id]);
    expect(packed.leftOut).toBe(0);
    expect(JSON.stringify(packed)).not.toContain(theirs.id);
    // The same answer for a case of another commune and for no case at all.
    const other = await pack(officer, { caseIds: [theirs.id] });
    const none = await pack(officer, { caseIds: [randomUUID()] });
    expect([other.caseIds, other.leftOut]).toEqual([none.caseIds, none.leftOut]);
    expect(Object.keys(other.responses).sort()).toEqual(Object.keys(none.responses).sort());
    // Marked cases beyond the limit are counted, not sent.
    const more = await Promise.all([openCase(officer, tranPhu), openCase(officer, tranPhu)]);
    const capped = await pack(officer, { caseIds: [mine.id, ...more.map((m) => m.id)] });
    expect(capped.caseIds).toEqual([mine.id, more[0]?.id]);
    expect(capped.leftOut).toBe(1);
  });

  it('gives a communicator their own activities and no case', async () => {
    const saved = await t.inject({ method: 'POST', url: '/api/outreach/activities', cookie: communicator, payload: activityBody(tranPhu) });
    expect(saved.statusCode, saved.body).toBe(201);
    const packed = await pack(communicator);
    expect(packed.caseIds).toEqual([]);
    expect(packed.leftOut).toBe(0);
    expect(Object.keys(packed.responses).filter((k) => k.startsWith('/api/cases'))).toEqual([]);
    const activities = packed.responses['/api/outreach/activities'] as { items: Array<{ id: string }>; total: number };
    expect(activities.items.map((i) => i.id)).toEqual([saved.json<{ activity: { id: string } }>().activity.id]);
    expect(packed.responses['/api/outreach/activities']).toEqual(await get(communicator, '/api/outreach/activities?pageSize=200'));
    // Marking cases changes nothing for a role that reads none.
    expect((await pack(communicator, { caseIds: [randomUUID()] })).caseIds).toEqual([]);
  });

  it('never holds a survivor’s name or phone, not even in a referral made with consent to share them', async () => {
    const created = await openCase(officer, tranPhu, { fullName: NAME, phone: PHONE, otherNames: ['Mẩy'] });
    const provider = await t.inject({ method: 'POST', url: '/api/providers', cookie: focal, payload: { name: 'Trạm y tế xã Trần Phú', serviceTypes: ['health_care'], unitId: tranPhu, unitsServed: [tranPhu], phone: '0209 3884 115', isPublic: true } });
    expect(provider.statusCode, provider.body).toBe(201);
    const consent = await t.inject({
      method: 'POST', url: `/api/cases/${created.id}/consents`, cookie: officer,
      payload: { obtainedAt: new Date().toISOString(), givenBy: 'survivor', informed: true, storeData: true, contact: true, contactChannels: ['phone_call'], shareWith: ['health_care'] },
    });
    expect(consent.statusCode, consent.body).toBe(201);
    const referral = await t.inject({
      method: 'POST', url: `/api/cases/${created.id}/referrals`, cookie: officer,
      payload: { urgency: 'urgent', referredAt: new Date().toISOString(), serviceType: 'health_care', providerId: provider.json<ProviderView>().id, consentId: consent.json<{ items: Array<{ id: string }> }>().items[0]?.id },
    });
    expect(referral.statusCode, referral.body).toBe(201);
    // What was shared goes to the provider only: neither the officer online nor the pack carries it.
    expect(JSON.stringify(await get(officer, `/api/cases/${created.id}/referrals`))).not.toContain(NAME);
    const packed = await pack(officer, { caseIds: [created.id] });
    expect(packed.caseIds).toEqual([created.id]);
    const referrals = (packed.responses[`/api/cases/${created.id}/referrals`] as { items: ReferralView[] }).items;
    expect(referrals).toHaveLength(1);
    const text = JSON.stringify(packed);
    expect(text).not.toContain(NAME);
    expect(text).not.toContain('Mẩy');
    expect(text).not.toContain('654321');
    expect(text).not.toContain('654 321');
    expect(text.normalize('NFD')).not.toContain(NAME.normalize('NFD'));
  });

  it('packs for a district focal point by default the open cases assigned to them, and any marked case of the district', async () => {
    const assigned = await openCase(officer, tranPhu);
    const closedAssigned = await openCase(officer, tranPhu);
    const other = await openCase(colleague, tranPhu);
    await t.deps.db.updateTable('cases').set({ assigned_officer_id: focalId }).where('id', 'in', [assigned.id, closedAssigned.id]).execute();
    await t.deps.db.updateTable('cases').set({ status: 'closed', closure_reason: 'safe_and_supported' }).where('id', '=', closedAssigned.id).execute();
    const packed = await pack(focal);
    expect(packed.caseIds).toEqual([assigned.id]);
    expect(packed.leftOut).toBe(0);
    expect(JSON.stringify(packed)).not.toContain(other.id);
    // Marked cases of the district still go, assigned or not.
    expect((await pack(focal, { caseIds: [other.id] })).caseIds).toEqual([other.id]);
    // A commune officer still gets the commune's open cases, assigned to anyone.
    const officers = await pack(colleague);
    expect(officers.caseIds.length).toBe(2);
    expect(officers.leftOut).toBeGreaterThan(0);
  });
});
