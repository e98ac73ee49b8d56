// Walks every registered route for every role (and a visitor) against a survivor and a perpetrator with
// distinctive identities, and fails when a name, phone, citizen ID or birth date appears in an answer
// anywhere but an audited reveal or the provider's consented snapshot. A new route is walked without
// any change here: the walk reads the route table.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese, ROLES, type CaseDetail, type ProviderView, type Role } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp, type TestUser } from '../test/test-app.js';
import { caseIntake } from '../test/factories.js';

const SURVIVOR = { fullName: 'Quách Thị Nhuỵ', dateOfBirth: '1979-11-23', phone: '0978 123 469', cccd: '006179004321' };
const PERPETRATOR = { fullName: 'Vàng Văn Khuẩy', sex: 'male', dateOfBirth: '1975-02-08', cccd: '006075009876', phone: '0356 789 012' };

/** Every form in which an identity could leak: as typed, without diacritics, digits without separators, dates both ways. */
function identityMarkers(person: { fullName: string; dateOfBirth: string; phone: string; cccd: string }): string[] {
  const given = person.fullName.split(' ').at(-1) ?? '';
  const [y, m, d] = person.dateOfBirth.split('-');
  return [given, foldVietnamese(given), person.phone.replace(/\D/g, '').slice(1), person.cccd, person.dateOfBirth, `${d}/${m}/${y}`];
}
/** A trusted address's contact, phone and location, and a communicator's phone: protected the same way. */
const TRUSTED = { contactPerson: 'Lầu Thị Sểnh', phone: '0367 445 566', address: 'Nhà sàn cuối bản Khuổi Slưn' };
const MEMBER_PHONE = '0344 556 677';
const MARKERS = [
  ...identityMarkers(SURVIVOR), ...identityMarkers(PERPETRATOR),
  'Sểnh', TRUSTED.phone.replace(/\D/g, '').slice(1), 'Khuổi Slưn', MEMBER_PHONE.replace(/\D/g, '').slice(1),
];

/** What an answer shows, folded and with digit separators removed, so "0978 123 469" and "0978.123.469" both match. */
function exposedMarkers(body: string): string[] {
  const plain = foldVietnamese(body).toLowerCase();
  const digits = body.replace(/(\d)[\s.-](?=\d)/g, '$1');
  return MARKERS.filter((marker) => body.includes(marker) || plain.includes(foldVietnamese(marker).toLowerCase()) || digits.includes(marker));
}

/** Where an identity is meant to appear: the audited reveals, and the snapshot a provider was given with consent. */
const IDENTITY_ROUTES: Record<string, { audit: string } | 'consented_snapshot'> = {
  'POST /api/cases/:id/reveal': { audit: 'case.identity_view' },
  'POST /api/perpetrators/:id/reveal': { audit: 'perpetrator.identity_view' },
  'POST /api/network/members/:id/reveal': { audit: 'network_member.reveal' },
  'POST /api/network/trusted-addresses/:id/reveal': { audit: 'trusted_address.reveal' },
  'GET /api/referrals/inbox': 'consented_snapshot',
  'POST /api/referrals/:id/respond': 'consented_snapshot',
};

describe.each(DATABASES)('identities only through the reveal on %s', (kind) => {
  let t: TestApp;
  const users = new Map<Role, TestUser>();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind, { totpRoles: [] });
    for (const role of ROLES) users.set(role, await t.makeUser(role, { withTotp: false }));
    const tranPhu = await t.unitId('02176');
    const officer = await t.signIn(users.get('commune_officer') as TestUser);
    const focal = await t.signIn(users.get('district_focal_point') as TestUser);
    const intake = caseIntake(tranPhu, { survivor: { ...SURVIVOR, ethnicityCode: '02' } });
    intake.firstIncident.perpetrators = [{ sex: 'male', ageYears: 51, relationship: 'husband', newPerpetrator: { identity: PERPETRATOR } } as never];
    const opened = await t.inject({ method: 'POST', url: '/api/cases', cookie: officer, payload: intake });
    expect(opened.statusCode, opened.body).toBe(201);
    const detail = opened.json<CaseDetail>();
    ids.case = detail.id;
    ids.incident = detail.incidents[0]?.id ?? '';
    ids.perpetrator = (await t.deps.db.selectFrom('perpetrator_links').select('perpetrator_id').where('case_id', '=', detail.id).executeTakeFirstOrThrow()).perpetrator_id;
    const consent = await t.inject({
      method: 'POST', url: `/api/cases/${detail.id}/consents`, cookie: officer,
      payload: { obtainedAt: new Date().toISOString(), givenBy: 'survivor', informed: true, storeData: true, contact: true, contactChannels: ['phone_call'], shareWith: ['health_care'] },
    });
    ids.consent = consent.json().items[0].id as string;
    const provider = (await t.inject({ method: 'POST', url: '/api/providers', cookie: focal, payload: { name: 'Trạm y tế xã Trần Phú', serviceTypes: ['health_care'], unitId: tranPhu, unitsServed: [tranPhu], phone: '0209 3884 115', isPublic: true } })).json<ProviderView>();
    await t.deps.db.updateTable('users').set({ provider_id: provider.id }).where('id', '=', (users.get('service_provider') as TestUser).id).execute();
    const referred = await t.inject({ method: 'POST', url: `/api/cases/${detail.id}/referrals`, cookie: officer, payload: { serviceType: 'health_care', providerId: provider.id, consentId: ids.consent, urgency: 'urgent', referredAt: new Date().toISOString() } });
    expect(referred.statusCode, referred.body).toBe(201);
    ids.referral = referred.json().items[0].id as string;
    const member = await t.inject({ method: 'POST', url: '/api/network/members', cookie: officer, payload: { unitId: tranPhu, fullName: 'Triệu Thị Mẩy', sex: 'female', ethnicityCode: '09', languages: ['vi'], kind: 'communicator', isCore: true, phone: MEMBER_PHONE } });
    expect(member.statusCode, member.body).toBe(201);
    ids.member = member.json().id as string;
    const address = await t.inject({ method: 'POST', url: '/api/network/trusted-addresses', cookie: officer, payload: { unitId: tranPhu, kind: 'household', name: 'Hộ tin cậy số 1', capacity: 2, status: 'active', ...TRUSTED } });
    expect(address.statusCode, address.body).toBe(201);
    ids.address = address.json().id as string;
  });
  afterAll(async () => t.close());

  /** Real ids where the route names a record of the seed, so the presenters run on the distinctive identities. */
  function urlOf(url: string): string {
    const own = [['/api/perpetrators/:id', ids.perpetrator], ['/api/referrals/:id', ids.referral], ['/api/cases/:id', ids.case], ['/api/network/members/:id', ids.member], ['/api/network/trusted-addresses/:id', ids.address]]
      .find(([prefix]) => url.startsWith(prefix ?? '-'))?.[1] ?? randomUUID();
    return url
      .replace(':incidentId', ids.incident ?? '').replace(':perpetratorId', ids.perpetrator ?? '').replace(':consentId', ids.consent ?? '')
      .replace(':id', own ?? '').replace(/:[a-zA-Z]+/g, () => randomUUID());
  }

  /** Searches by the very identity, so their answers are checked too; other writes get an empty body. */
  const PAYLOADS: Record<string, object> = {
    'POST /api/cases/search': { name: SURVIVOR.fullName },
    'POST /api/cases/duplicates': { fullName: SURVIVOR.fullName, dateOfBirth: SURVIVOR.dateOfBirth, phone: SURVIVOR.phone, cccd: SURVIVOR.cccd },
    'POST /api/perpetrators/search': { phone: PERPETRATOR.phone },
    'POST /api/perpetrators/duplicates': { fullName: PERPETRATOR.fullName, dateOfBirth: PERPETRATOR.dateOfBirth, phone: PERPETRATOR.phone, cccd: PERPETRATOR.cccd },
    'POST /api/offline/pack': {},
  };

  /** Routes that end the session or unlink the seed would spoil the rest of the walk. */
  const SKIP = new Set(['POST /api/auth/logout', 'POST /api/auth/logout-all', 'DELETE /api/auth/sessions/:id', 'DELETE /api/cases/:id/incidents/:incidentId/perpetrators/:perpetratorId']);

  it('seeds identities that the walk can find when they are shown', async () => {
    const cookie = await t.signIn(users.get('commune_officer') as TestUser);
    const revealed = await t.inject({ method: 'POST', url: `/api/cases/${ids.case}/reveal`, cookie, payload: {} });
    expect(revealed.statusCode).toBe(200);
    // Every marker but the dd/mm/yyyy date, which the API never writes.
    expect(exposedMarkers(revealed.body)).toEqual(identityMarkers(SURVIVOR).slice(0, 5));
    const address = await t.inject({ method: 'POST', url: `/api/network/trusted-addresses/${ids.address}/reveal`, cookie, payload: {} });
    expect(exposedMarkers(address.body)).toEqual(expect.arrayContaining(['Sểnh', '367445566', 'Khuổi Slưn']));
    const member = await t.inject({ method: 'POST', url: `/api/network/members/${ids.member}/reveal`, cookie, payload: {} });
    expect(exposedMarkers(member.body)).toEqual(['344556677']);
  });

  it.each([...ROLES, 'visitor' as const])('shows %s no identity outside an audited reveal or a consented snapshot', async (role) => {
    const cookie = role === 'visitor' ? null : await t.signIn(users.get(role) as TestUser);
    const leaks: string[] = [];
    const routes = t.app.routeTable.filter((r) => !r.url.startsWith('/api/docs') && r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(150);
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      if (SKIP.has(key)) continue;
      const hasBody = !['GET', 'DELETE'].includes(route.method);
      const response = await t.inject({ method: route.method, url: urlOf(route.url), cookie, ...(hasBody ? { payload: PAYLOADS[key] ?? {} } : {}) });
      const found = exposedMarkers(response.body);
      if (found.length === 0) continue;
      const allowed = IDENTITY_ROUTES[key];
      if (allowed === 'consented_snapshot' && role === 'service_provider') continue;
      if (allowed !== undefined && allowed !== 'consented_snapshot' && role !== 'visitor') {
        // The reveal that just answered must be the newest audit entry, by this user.
        const last = await t.deps.db.selectFrom('audit_log').select(['action', 'actor_id']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
        if (last.action === allowed.audit && last.actor_id === users.get(role)?.id) continue;
      }
      leaks.push(`${key} → ${response.statusCode}: ${found.join(', ')}`);
    }
    expect(leaks).toEqual([]);
  });
});
