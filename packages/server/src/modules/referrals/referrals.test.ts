import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, ProviderView, ReferralView } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';
import { caseIntake, HOUR } from '../../test/factories.js';

const intake = (unitId: string, fullName: string, phone: string) =>
  caseIntake(unitId, { detectionSource: 'neighbour', survivor: { fullName, phone, dateOfBirth: undefined, ageYears: 34 } });

describe.each(DATABASES)('consent and referrals on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let focal: string;
  let focalId: string;
  let tranPhu: string;
  let station: ProviderView;
  let legalAid: ProviderView;
  let elsewhere: ProviderView;

  beforeAll(async () => {
    t = await createTestApp(kind);
    tranPhu = await t.unitId('02176');
    officer = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
    const focalUser = await t.makeUser('district_focal_point');
    focalId = focalUser.id;
    focal = await t.signIn(focalUser);
    const provider = async (name: string, serviceTypes: string[], unitsServed: string[]) =>
      (await t.inject({ method: 'POST', url: '/api/providers', cookie: focal, payload: { name, serviceTypes, unitId: unitsServed[0], unitsServed, phone: '0209 3884 115', isPublic: true } })).json<ProviderView>();
    station = await provider('Trạm y tế xã Trần Phú', ['health_care'], [tranPhu]);
    legalAid = await provider('Trung tâm trợ giúp pháp lý', ['legal_aid'], [await t.unitId('19', '1997-01-01')]);
    elsewhere = await provider('Trạm y tế xã Côn Minh', ['health_care'], [await t.unitId('02185')]);
  });
  afterAll(async () => t.close());

  const openCase = async (name: string, phone: string) =>
    (await t.inject({ method: 'POST', url: '/api/cases', cookie: officer, payload: intake(tranPhu, name, phone) })).json<CaseDetail>();
  const refer = (cookie: string, caseId: string, body: object) =>
    t.inject({ method: 'POST', url: `/api/cases/${caseId}/referrals`, cookie, payload: { urgency: 'urgent', referredAt: new Date().toISOString(), ...body } });

  it('lists the directory by service and by the commune served, the province-wide legal aid included', async () => {
    const forTranPhu = await t.inject({ method: 'GET', url: `/api/providers?servesUnitId=${tranPhu}`, cookie: officer });
    expect(forTranPhu.json<{ items: ProviderView[] }>().items.map((p) => p.name)).toEqual(['Trạm y tế xã Trần Phú', 'Trung tâm trợ giúp pháp lý']);
    expect((await t.inject({ method: 'POST', url: '/api/providers', cookie: officer, payload: {} })).statusCode).toBe(403);
  });

  it('refuses a referral without consent for that service, then sends it once consent is recorded', async () => {
    const c = await openCase('Hoàng Thị Duyên', '0912000111');
    const refused = await refer(officer, c.id, { serviceType: 'health_care', providerId: station.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.issues[0].path).toBe('consentId');

    const consent = await t.inject({
      method: 'POST', url: `/api/cases/${c.id}/consents`, cookie: officer,
      payload: { obtainedAt: new Date().toISOString(), givenBy: 'survivor', informed: true, storeData: true, contact: true, contactChannels: ['phone_call'], shareWith: ['health_care'] },
    });
    expect(consent.statusCode).toBe(201);
    const consentId = consent.json().items[0].id as string;
    const noLegal = await refer(officer, c.id, { serviceType: 'legal_aid', providerId: legalAid.id, consentId });
    expect(noLegal.statusCode).toBe(400);
    expect(noLegal.json().error.code).toBe('REFERRAL_NO_CONSENT');
    expect((await refer(officer, c.id, { serviceType: 'health_care', providerId: elsewhere.id, consentId })).json().error.code).toBe('PROVIDER_NOT_SERVING');

    const sent = await refer(officer, c.id, { serviceType: 'health_care', providerId: station.id, consentId });
    expect(sent.statusCode).toBe(201);
    // The snapshot for the provider is never echoed to the case team: the name is seen only through the reveal.
    expect(sent.json<{ items: ReferralView[] }>().items[0]).toMatchObject({ status: 'sent', consentBasis: 'consent', shared: null });
    expect((await t.inject({ method: 'GET', url: `/api/cases/${c.id}`, cookie: officer })).json<CaseDetail>().hasServiceOrReferral).toBe(true);
  });

  it('lets only the district focal point refer without consent, for a child at risk or a threat to life', async () => {
    const c = await openCase('Lò Thị Én', '0923000222');
    const exception = { reason: 'threat_to_life', approvedBy: focalId, note: 'Chồng đe dọa giết, cần khám thương ngay.' };
    expect((await refer(officer, c.id, { serviceType: 'health_care', providerId: station.id, consentException: exception })).statusCode).toBe(403);
    const byFocal = await refer(focal, c.id, { serviceType: 'health_care', providerId: station.id, consentException: exception });
    expect(byFocal.statusCode).toBe(201);
    expect(byFocal.json<{ items: ReferralView[] }>().items[0]).toMatchObject({ consentBasis: 'exception', shared: null });
  });

  it('shows a provider only its own referrals, and lets it accept, complete or decline them', async () => {
    const stationUser = await t.makeUser('service_provider', { unitCode: '02176' });
    await t.deps.db.updateTable('users').set({ provider_id: station.id }).where('id', '=', stationUser.id).execute();
    const otherUser = await t.makeUser('service_provider', { unitCode: '02185' });
    await t.deps.db.updateTable('users').set({ provider_id: elsewhere.id }).where('id', '=', otherUser.id).execute();
    const stationCookie = await t.signIn(stationUser);
    const otherCookie = await t.signIn(otherUser);

    const inbox = await t.inject({ method: 'GET', url: '/api/referrals/inbox', cookie: stationCookie });
    const items = inbox.json<{ items: ReferralView[] }>().items;
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.every((r) => r.provider.id === station.id)).toBe(true);
    // The provider gets what consent allowed: the name and phone, and no phone without consent to be contacted.
    expect(items.find((r) => r.shared?.fullName === 'Hoàng Thị Duyên')?.shared).toMatchObject({ phone: '0912000111' });
    expect(items.find((r) => r.shared?.fullName === 'Lò Thị Én')?.shared).toMatchObject({ phone: null });
    expect((await t.inject({ method: 'GET', url: '/api/referrals/inbox', cookie: otherCookie })).json().items).toEqual([]);

    const first = items[0] as ReferralView;
    expect((await t.inject({ method: 'POST', url: `/api/referrals/${first.id}/respond`, cookie: otherCookie, payload: { action: 'accept' } })).statusCode).toBe(404);
    expect((await t.inject({ method: 'POST', url: `/api/referrals/${first.id}/respond`, cookie: stationCookie, payload: { action: 'complete' } })).statusCode).toBe(409);
    const accepted = await t.inject({ method: 'POST', url: `/api/referrals/${first.id}/respond`, cookie: stationCookie, payload: { action: 'accept' } });
    expect(accepted.json<ReferralView>().status).toBe('accepted');
    const done = await t.inject({ method: 'POST', url: `/api/referrals/${first.id}/respond`, cookie: stationCookie, payload: { action: 'complete', note: 'Đã khám, cấp thuốc.' } });
    expect(done.json<ReferralView>()).toMatchObject({ status: 'completed', responseNote: 'Đã khám, cấp thuốc.' });
    const second = items[1] as ReferralView;
    expect((await t.inject({ method: 'POST', url: `/api/referrals/${second.id}/respond`, cookie: stationCookie, payload: { action: 'decline' } })).statusCode).toBe(400);

    const onCase = await t.inject({ method: 'GET', url: `/api/cases/${first.caseId}/referrals`, cookie: officer });
    expect(onCase.json<{ items: ReferralView[] }>().items[0]).toMatchObject({ status: 'completed' });
    // A provider cannot open the case itself.
    expect((await t.inject({ method: 'GET', url: `/api/cases/${first.caseId}`, cookie: stationCookie })).statusCode).toBe(403);
  });

  it('never gives the commune officer or the district focal point the survivor’s name or phone in a case’s referrals, and audits no reveal for it (finding 1)', async () => {
    const c = await openCase('Đinh Thị Xuyến', '0945000444');
    const consent = await t.inject({
      method: 'POST', url: `/api/cases/${c.id}/consents`, cookie: officer,
      payload: { obtainedAt: new Date().toISOString(), givenBy: 'survivor', informed: true, storeData: true, contact: true, contactChannels: ['sms'], shareWith: ['health_care'] },
    });
    expect((await refer(officer, c.id, { serviceType: 'health_care', providerId: station.id, consentId: consent.json().items[0].id })).statusCode).toBe(201);
    for (const cookie of [officer, focal]) {
      const answer = await t.inject({ method: 'GET', url: `/api/cases/${c.id}/referrals`, cookie });
      expect(answer.statusCode).toBe(200);
      expect(answer.json<{ items: ReferralView[] }>().items).toHaveLength(1);
      expect(answer.body).not.toContain('Xuyến');
      expect(answer.body).not.toContain('0945000444');
    }
  });

  it('refuses a referral on a withdrawn consent and reports unanswered referrals after 24 hours', async () => {
    const c = await openCase('Vi Thị Thơm', '0934000333');
    const consent = await t.inject({
      method: 'POST', url: `/api/cases/${c.id}/consents`, cookie: officer,
      payload: { obtainedAt: new Date().toISOString(), givenBy: 'survivor', informed: true, storeData: true, contact: false, shareWith: ['health_care'] },
    });
    const consentId = consent.json().items[0].id as string;
    const sent = await refer(officer, c.id, { serviceType: 'health_care', providerId: station.id, consentId, referredAt: new Date(Date.now() - 25 * HOUR).toISOString() });
    expect(sent.json<{ items: ReferralView[] }>().items[0]?.noResponse).toBe(true);
    const withdrawn = await t.inject({ method: 'POST', url: `/api/cases/${c.id}/consents/${consentId}/withdraw`, cookie: officer, payload: { note: 'Không muốn chia sẻ nữa' } });
    expect(withdrawn.json().items[0].withdrawnAt).not.toBeNull();
    const refused = await refer(officer, c.id, { serviceType: 'health_care', providerId: station.id, consentId });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('CONSENT_WITHDRAWN');
    const notInformed = await t.inject({ method: 'POST', url: `/api/cases/${c.id}/consents`, cookie: officer, payload: { obtainedAt: new Date().toISOString(), givenBy: 'survivor', informed: false, storeData: true, contact: false } });
    expect(notInformed.statusCode).toBe(400);
  });
});
