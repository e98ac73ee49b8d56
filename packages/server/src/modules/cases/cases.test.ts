import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseListItem } from '@binhan/domain';
import { setClockOffset } from '../../lib/clock.js';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';
import { caseIntake, HOUR } from '../../test/factories.js';

/** A night report from a village head, as in journey 1; `detectedAt` is an ISO instant. */
const intake = (unitId: string, detectedAt: string, survivor: Record<string, unknown> = {}) => caseIntake(unitId, { detectedAt, survivor });

describe.each(DATABASES)('survivor cases on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let tranPhu: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    tranPhu = await t.unitId('02176');
    officer = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
  });
  afterAll(async () => t.close());

  const open = async (cookie: string, body: object) => t.inject({ method: 'POST', url: '/api/cases', cookie, payload: body });
  const recent = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR).toISOString();

  it('opens a case with a code, no name anywhere but the encrypted identity, and the survivor findable without accents', async () => {
    const response = await open(officer, intake(tranPhu, recent(1)));
    expect(response.statusCode).toBe(201);
    const detail = response.json<CaseDetail>();
    expect(detail.code).toMatch(/^02176-20\d\d-0001$/);
    expect(detail).toMatchObject({ status: 'reported', riskLevel: null, isChild: false, survivor: { sex: 'female', ageGroup: expect.any(String), ethnicityCode: '02' } });
    expect(JSON.stringify(detail)).not.toContain('Nguyễn Thị Hoa');
    expect(detail.incidents[0]).toMatchObject({ acts: ['a'], forms: ['physical'], gbvimsType: 'physical_assault', gbvimsSuggested: 'physical_assault' });

    const stored = JSON.stringify(await t.deps.db.selectFrom('survivors').selectAll().execute()) + JSON.stringify(await t.deps.db.selectFrom('survivor_tokens').selectAll().execute())
      + JSON.stringify(await t.deps.db.selectFrom('incidents').selectAll().execute()) + JSON.stringify(await t.deps.db.selectFrom('audit_log').selectAll().execute());
    for (const secret of ['Nguyễn', 'Nguyen', 'nguyen', '0912345678', 'trốn']) expect(stored).not.toContain(secret);

    const byName = await t.inject({ method: 'POST', url: '/api/cases/search', cookie: officer, payload: { name: 'nguyen thi hoa' } });
    expect(byName.json<{ items: CaseListItem[] }>().items.map((c) => c.code)).toEqual([detail.code]);
    const byPhone = await t.inject({ method: 'POST', url: '/api/cases/search', cookie: officer, payload: { phone: '0912.345.678' } });
    expect(byPhone.json<{ items: CaseListItem[] }>().items).toHaveLength(1);
    const other = await t.inject({ method: 'POST', url: '/api/cases/search', cookie: officer, payload: { name: 'nguyen thi hue' } });
    expect(other.json().items).toEqual([]);
    // A single common word matches many cases and must still answer (at most 50, newest first).
    const common = await t.inject({ method: 'POST', url: '/api/cases/search', cookie: officer, payload: { name: 'Thị' } });
    expect(common.statusCode).toBe(200);
    expect(common.json().items.length).toBeGreaterThanOrEqual(1);
  });

  it('warns of a possible duplicate: same name and birth year, or same phone', async () => {
    const byNameYear = await t.inject({ method: 'POST', url: '/api/cases/duplicates', cookie: officer, payload: { fullName: 'NGUYEN THI HOA', dateOfBirth: '1990-07-01' } });
    expect(byNameYear.json().items).toHaveLength(1);
    const byAge = await t.inject({ method: 'POST', url: '/api/cases/duplicates', cookie: officer, payload: { fullName: 'Nguyễn Thị Hoa', ageYears: new Date().getFullYear() - 1990 } });
    expect(byAge.json().items.length).toBeGreaterThanOrEqual(1);
    const none = await t.inject({ method: 'POST', url: '/api/cases/duplicates', cookie: officer, payload: { fullName: 'Nguyễn Thị Hoa', dateOfBirth: '2001-01-01' } });
    expect(none.json().items).toEqual([]);
  });

  it('reveals the identity only on request, and logs it in the audit and on the timeline', async () => {
    const created = (await open(officer, intake(tranPhu, recent(2), { fullName: 'Lục Thị Mây', phone: '0387654321' }))).json<CaseDetail>();
    const reveal = await t.inject({ method: 'POST', url: `/api/cases/${created.id}/reveal`, cookie: officer });
    expect(reveal.statusCode).toBe(200);
    expect(reveal.json().survivor).toMatchObject({ fullName: 'Lục Thị Mây', phone: '0387654321' });
    const logged = await t.deps.db.selectFrom('audit_log').select(['action', 'resource_id']).where('action', '=', 'case.identity_view').execute();
    expect(logged.map((l) => l.resource_id)).toContain(created.id);
    const timeline = await t.inject({ method: 'GET', url: `/api/cases/${created.id}/timeline`, cookie: officer });
    expect(timeline.json().items.map((e: { kind: string }) => e.kind)).toEqual(['identity_viewed', 'created']);
  });

  it('refuses another commune’s officer, shows the district everything, and the leader no narrative', async () => {
    const created = (await open(officer, intake(tranPhu, recent(3), { fullName: 'Hà Thị Lan', phone: '0356781234' }))).json<CaseDetail>();
    const neighbour = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02185' }));
    const refused = await t.inject({ method: 'GET', url: `/api/cases/${created.id}`, cookie: neighbour });
    expect(refused.statusCode).toBe(403);
    expect((await t.inject({ method: 'POST', url: `/api/cases/${created.id}/reveal`, cookie: neighbour })).statusCode).toBe(403);
    expect((await t.inject({ method: 'GET', url: '/api/cases', cookie: neighbour })).json().total).toBe(0);
    expect((await t.inject({ method: 'POST', url: '/api/cases/search', cookie: neighbour, payload: { name: 'ha thi lan' } })).json().items).toEqual([]);

    const focal = await t.signIn(await t.makeUser('district_focal_point'));
    const forFocal = (await t.inject({ method: 'GET', url: `/api/cases/${created.id}`, cookie: focal })).json<CaseDetail>();
    expect(forFocal.incidents[0]?.narrative).toContain('Bị chồng đánh');
    const leader = await t.signIn(await t.makeUser('district_leader'));
    const forLeader = await t.inject({ method: 'GET', url: `/api/cases/${created.id}`, cookie: leader });
    expect(forLeader.statusCode).toBe(200);
    expect(forLeader.json<CaseDetail>().incidents[0]?.narrative).toBeNull();
    expect(forLeader.json<CaseDetail>().canIdentify).toBe(false);
    expect((await t.inject({ method: 'POST', url: `/api/cases/${created.id}/reveal`, cookie: leader })).statusCode).toBe(403);
    const statistician = await t.signIn(await t.makeUser('statistician'));
    expect((await t.inject({ method: 'GET', url: '/api/cases', cookie: statistician })).statusCode).toBe(403);
  });

  it('refuses impossible dates and malformed identities with a message per field, writing nothing', async () => {
    const count = async () => Number((await t.deps.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const afterDetection = intake(tranPhu, recent(5));
    afterDetection.firstIncident.occurredAt = recent(1);
    const late = await open(officer, afterDetection);
    expect(late.statusCode).toBe(400);
    expect(late.json().error.issues).toContainEqual({ path: 'firstIncident.occurredAt', message: expect.stringMatching(/phát hiện/) });

    const future = await open(officer, intake(tranPhu, new Date(Date.now() + 2 * HOUR).toISOString()));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.issues[0].path).toBe('detectedAt');

    const badIds = await open(officer, intake(tranPhu, recent(1), { cccd: '12345', phone: '0212345678' }));
    expect(badIds.statusCode).toBe(400);
    const paths = badIds.json().error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['survivor.cccd', 'survivor.phone']));

    const bornAfterIncident = intake(tranPhu, recent(1), { dateOfBirth: new Date(Date.now() - 24 * HOUR).toISOString().slice(0, 10) });
    bornAfterIncident.firstIncident.occurredAt = recent(72);
    const bornLater = await open(officer, bornAfterIncident);
    expect(bornLater.statusCode).toBe(400);
    expect(bornLater.json().error.issues[0].path).toBe('survivor.dateOfBirth');

    const outside = await open(officer, intake(await t.unitId('02185'), recent(1)));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.issues[0]).toMatchObject({ path: 'unitId' });
    expect(await count()).toBe(before);
  });

  it('assesses the risk, moves the case to assessed, and keeps the first level for the time limit', async () => {
    const created = (await open(officer, intake(tranPhu, recent(1), { fullName: 'Mã Thị Xuân', phone: '0971234567' }))).json<CaseDetail>();
    const assessed = await t.inject({
      method: 'POST', url: `/api/cases/${created.id}/risk-assessments`, cookie: officer,
      payload: { assessedAt: new Date().toISOString(), answers: { threat_to_kill: true, weapon: true }, immediateSafety: 'unsafe_now' },
    });
    expect(assessed.statusCode).toBe(201);
    const detail = assessed.json<CaseDetail>();
    expect(detail).toMatchObject({ riskLevel: 'critical', firstRiskLevel: 'critical', status: 'assessed' });
    expect(Date.parse(detail.dueAt) - Date.parse(detail.detectedAt)).toBe(2 * HOUR);
    const again = await t.inject({ method: 'POST', url: `/api/cases/${created.id}/risk-assessments`, cookie: officer, payload: { assessedAt: new Date().toISOString(), answers: {}, immediateSafety: 'safe_now' } });
    expect(again.json<CaseDetail>()).toMatchObject({ riskLevel: 'low', firstRiskLevel: 'critical' });
  });

  it('lists overdue cases and computes T1 at the boundary of the 2-hour limit', async () => {
    const focal = await t.signIn(await t.makeUser('district_focal_point'));
    const tranPhu2020 = await t.unitId('02179', '2020-02-01');
    const detectedAt = recent(10);
    const make = async (name: string, phone: string, interventionAfterMs: number) => {
      const c = (await open(officer, intake(tranPhu, detectedAt, { fullName: name, phone }))).json<CaseDetail>();
      await t.inject({ method: 'POST', url: `/api/cases/${c.id}/risk-assessments`, cookie: officer, payload: { assessedAt: detectedAt, answers: { threat_to_kill: true, weapon: true }, immediateSafety: 'unsafe_now' } });
      await t.inject({ method: 'POST', url: `/api/cases/${c.id}/services`, cookie: officer, payload: { serviceType: 'health_care', givenAt: new Date().toISOString() } });
      const at = new Date(Date.parse(detectedAt) + interventionAfterMs).toISOString();
      const first = await t.inject({ method: 'POST', url: `/api/cases/${c.id}/first-intervention`, cookie: officer, payload: { at } });
      expect(first.statusCode).toBe(200);
      return c;
    };
    await make('Đinh Thị Một', '0961111111', 2 * HOUR);
    await make('Đinh Thị Hai', '0962222222', 2 * HOUR + 1000);
    const overdue = await t.inject({ method: 'GET', url: '/api/cases?overdue=true&pageSize=200', cookie: officer });
    expect(overdue.json<{ items: CaseListItem[] }>().items.every((c) => c.isOverdue && c.firstInterventionAt === null)).toBe(true);

    const day = detectedAt.slice(0, 10);
    const t1 = await t.inject({ method: 'GET', url: `/api/indicators/t1?unitId=${tranPhu}&from=${day}&to=${day}`, cookie: focal });
    expect(t1.statusCode).toBe(200);
    const value = t1.json<{ numerator: number; denominator: number }>();
    expect(value.numerator).toBe(1);
    expect(value.denominator).toBeGreaterThanOrEqual(2);
    // A unit of 2020 that became part of today's Trần Phú sees none of these (its own area only).
    const old = await t.inject({ method: 'GET', url: `/api/indicators/t1?unitId=${tranPhu2020}&from=${day}&to=${day}`, cookie: focal });
    expect(old.json()).toMatchObject({ denominator: 0, value: null });
  });

  it('moves only along the life cycle, closes with a reason, and assigns only officers of the area', async () => {
    const created = (await open(officer, intake(tranPhu, recent(1), { fullName: 'Sầm Thị Nga', phone: '0391234567' }))).json<CaseDetail>();
    const jump = await t.inject({ method: 'POST', url: `/api/cases/${created.id}/status`, cookie: officer, payload: { to: 'follow_up' } });
    expect(jump.statusCode).toBe(409);
    const noReason = await t.inject({ method: 'POST', url: `/api/cases/${created.id}/status`, cookie: officer, payload: { to: 'closed' } });
    expect(noReason.statusCode).toBe(400);
    // The commune officer's close is a request; the district focal point closes.
    const requested = await t.inject({ method: 'POST', url: `/api/cases/${created.id}/status`, cookie: officer, payload: { to: 'closed', closureReason: 'duplicate', note: 'Trùng với hồ sơ khác' } });
    expect(requested.statusCode).toBe(200);
    expect(requested.json<CaseDetail>()).toMatchObject({ status: 'reported', closureRequest: { reason: 'duplicate' } });
    const focalUser = await t.makeUser('district_focal_point');
    const focal = await t.signIn(focalUser);
    const closed = await t.inject({ method: 'POST', url: `/api/cases/${created.id}/status`, cookie: focal, payload: { to: 'closed', closureReason: 'duplicate', note: 'Đồng ý đóng' } });
    expect(closed.json<CaseDetail>()).toMatchObject({ status: 'closed', closureReason: 'duplicate', closureRequest: null });
    const noteOnClosed = await t.inject({ method: 'POST', url: `/api/cases/${created.id}/services`, cookie: officer, payload: { serviceType: 'health_care', givenAt: new Date().toISOString() } });
    expect(noteOnClosed.statusCode).toBe(409);

    const officers = await t.inject({ method: 'GET', url: `/api/cases/${created.id}/officers`, cookie: focal });
    expect(officers.json().items.map((o: { id: string }) => o.id)).toContain(focalUser.id);
    const neighbour = await t.makeUser('commune_officer', { unitCode: '02185' });
    const wrong = await t.inject({ method: 'POST', url: `/api/cases/${created.id}/assign`, cookie: focal, payload: { officerId: neighbour.id } });
    expect(wrong.statusCode).toBe(400);
    expect((await t.inject({ method: 'POST', url: `/api/cases/${created.id}/assign`, cookie: officer, payload: { officerId: null } })).statusCode).toBe(403);
  });

  it('opens one case for a draft sent twice with the same Idempotency-Key', async () => {
    const body = intake(tranPhu, recent(1), { fullName: 'Chu Thị Gấm', phone: '0399888777' });
    // A key as long as the wizard's (and longer) still fits the stored column on PostgreSQL.
    const headers = { 'idempotency-key': 'draft-5f0c2d7e-91aa-4b1c-8d2e-3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d' };
    const [first, second] = await Promise.all([
      t.inject({ method: 'POST', url: '/api/cases', cookie: officer, payload: body, headers }),
      t.inject({ method: 'POST', url: '/api/cases', cookie: officer, payload: body, headers }),
    ]);
    expect([first?.statusCode, second?.statusCode]).toEqual([201, 201]);
    expect(first?.json<CaseDetail>().id).toBe(second?.json<CaseDetail>().id);
    const third = await t.inject({ method: 'POST', url: '/api/cases', cookie: officer, payload: body, headers });
    expect(third.json<CaseDetail>().id).toBe(first?.json<CaseDetail>().id);
  });

  it('uses the district’s configured time limit for the first intervention', async () => {
    const strict = await createTestApp(kind, { caseSettings: { ...t.config.caseSettings, timeLimits: { ...t.config.caseSettings.timeLimits, unassessed: 1 } } });
    try {
      const cookie = await strict.signIn(await strict.makeUser('commune_officer', { unitCode: '02176' }));
      const created = (await strict.inject({ method: 'POST', url: '/api/cases', cookie, payload: intake(await strict.unitId('02176'), recent(2), { fullName: 'Lâm Thị Sáu', phone: '0355111222' }) })).json<CaseDetail>();
      expect(Date.parse(created.dueAt) - Date.parse(created.detectedAt)).toBe(HOUR);
      expect(created.isOverdue).toBe(true);
    } finally {
      await strict.close();
    }
  });

  it('numbers cases per commune and year without gaps, even when opened at the same moment', async () => {
    const xuanDuong = await t.unitId('02191');
    const officerXd = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02191' }));
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => open(officerXd, intake(xuanDuong, recent(1), { fullName: `Người Số ${i}`, phone: `09800000${10 + i}` }))));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    const codes = answers.map((a) => a.json<CaseDetail>().code.slice(-4)).sort();
    expect(codes).toEqual(['0001', '0002', '0003', '0004', '0005', '0006']);
    setClockOffset(0);
  });
});
