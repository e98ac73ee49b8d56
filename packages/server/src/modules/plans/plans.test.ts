// Plans, targets, the dashboard and its drill-down, on both databases. Case records are written straight
// into the table (only the columns T1 reads matter here); every expected figure is worked out by hand below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardView, DrilldownView, PlanDetail, PlanSummary } from '@binhan/domain';
import { newId } from '../../lib/ids.js';
import { createTestApp, DATABASES, type TestApp, type TestUser } from '../../test/test-app.js';
import { seedDemoPlans } from '../../db/seed-plans.js';
import { MEASURE_SOURCES } from '../indicators/registry.js';

const HOUR = 3_600_000;

interface CaseSpec {
  unitId: string;
  /** Vietnamese local date and time, e.g. '2018-03-10T09:00'. */
  at: string;
  /** Hours from detection to the first intervention; null for none. */
  after: number | null;
  service: boolean;
  risk?: 'low' | 'medium' | 'high' | 'critical';
  closure?: string;
}

describe.each(DATABASES)('plans, targets and the dashboard on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let focal: string;
  let leader: string;
  let statistician: string;
  let officer: string;
  let officerUser: TestUser;
  let neighbourOfficer: string;
  let district: string;
  let cuLe: string;
  let kimHy: string;
  let lamSon: string;
  let tranPhu2025: string;
  let vanLang2025: string;
  let plan85: PlanDetail;
  let seq = 0;

  const insertCase = async (spec: CaseSpec, receivedBy: string) => {
    seq += 1;
    const detected = Date.parse(`${spec.at}:00+07:00`);
    const at = new Date().toISOString();
    await t.deps.db.insertInto('cases').values({
      id: newId(), code: `TEST-${kind}-${seq}`, unit_id: spec.unitId, village_id: null, status: spec.closure ? 'closed' : 'in_support', closure_reason: spec.closure ?? null,
      detection_source: 'neighbour', detected_at: new Date(detected).toISOString(), received_by: receivedBy, assigned_officer_id: null, is_child: 0,
      risk_level: spec.risk ?? 'high', first_risk_level: spec.risk ?? 'high',
      first_intervention_at: spec.after === null ? null : new Date(detected + spec.after * HOUR).toISOString(),
      has_service_or_referral: spec.service ? 1 : 0, client_key: null, client_request_hash: null, closure_requested_at: null, closure_requested_by: null, closure_requested_reason: null, safety_plan_enc: null, next_follow_up_on: null,
      version: 1, created_at: at, updated_at: at,
    }).execute();
  };

  const get = <T>(url: string, cookie: string) => t.inject({ method: 'GET', url, cookie }).then((r) => ({ status: r.statusCode, body: r.json<T>() }));
  const dashboard = (query: string, cookie: string) => get<DashboardView>(`/api/indicators/dashboard?planId=${plan85.id}&${query}`, cookie);

  beforeAll(async () => {
    t = await createTestApp(kind, { totpRoles: [] });
    const adminUser = await t.makeUser('system_admin');
    admin = await t.signIn(adminUser);
    focal = await t.signIn(await t.makeUser('district_focal_point'));
    leader = await t.signIn(await t.makeUser('district_leader'));
    statistician = await t.signIn(await t.makeUser('statistician'));
    officerUser = await t.makeUser('commune_officer', { unitCode: '02176' });
    officer = await t.signIn(officerUser);
    neighbourOfficer = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02185' }));
    district = await t.unitId('066', '1997-01-01');
    cuLe = await t.unitId('02176', '1997-01-01');
    kimHy = await t.unitId('02146', '1997-01-01');
    lamSon = await t.unitId('02167', '1997-01-01');
    tranPhu2025 = await t.unitId('02176', '2025-07-01');
    vanLang2025 = await t.unitId('02143', '2025-07-01');

    const list = await get<{ items: PlanSummary[] }>('/api/plans', statistician);
    const summary = list.body.items.find((p) => p.code === '85/KH-UBND') as PlanSummary;
    plan85 = (await get<PlanDetail>(`/api/plans/${summary.id}`, statistician)).body;

    // T1 by hand (high risk: 12 h limit). District: 2017 2 of 4 = 50 %; 2018 3 of 4 = 75 %; 2019 2 of 4 = 50 %;
    // 2020 2 of 2 = 100 %. A duplicate and a report that proved not to be violence are not survivors.
    const r = adminUser.id;
    const cases: CaseSpec[] = [
      { unitId: cuLe, at: '2017-02-01T08:00', after: 1, service: true },
      { unitId: cuLe, at: '2017-05-01T08:00', after: 30, service: true }, // late
      { unitId: kimHy, at: '2017-06-01T08:00', after: 2, service: true },
      { unitId: kimHy, at: '2017-12-31T23:30', after: null, service: false }, // no intervention; 31/12 local time is still 2017
      { unitId: cuLe, at: '2018-01-10T08:00', after: 3, service: true },
      { unitId: cuLe, at: '2018-03-10T08:00', after: 1, service: false }, // no service
      { unitId: kimHy, at: '2018-04-10T08:00', after: 11, service: true },
      { unitId: lamSon, at: '2018-05-10T08:00', after: 1, service: true, risk: 'critical' },
      { unitId: cuLe, at: '2018-06-10T08:00', after: 1, service: true, closure: 'duplicate' },
      { unitId: cuLe, at: '2019-01-10T08:00', after: 1, service: true },
      { unitId: cuLe, at: '2019-02-10T08:00', after: 3, service: true, risk: 'critical' }, // late for critical (2 h)
      { unitId: kimHy, at: '2019-03-10T08:00', after: 4, service: true },
      { unitId: kimHy, at: '2019-04-10T08:00', after: null, service: true },
      { unitId: kimHy, at: '2019-05-10T08:00', after: 1, service: true, closure: 'not_violence' },
      { unitId: cuLe, at: '2020-03-10T08:00', after: 1, service: true },
      { unitId: kimHy, at: '2020-04-10T08:00', after: 12, service: true }, // exactly at the limit: on time
    ];
    for (const c of cases) await insertCase(c, r);
  });
  afterAll(async () => t.close());

  it('seeds Plan 85/KH-UBND with T1–T5 and their 2020 targets on the district', () => {
    expect(plan85).toMatchObject({ code: '85/KH-UBND', fromYear: 2017, toYear: 2020, visionYear: 2030, issuedOn: '2017-05-24', issuingUnit: { code: '066' } });
    expect(plan85.indicators.map((i) => i.code)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5']);
    const targetOf = (code: string) => plan85.targets.filter((tg) => tg.indicatorId === plan85.indicators.find((i) => i.code === code)?.id)
      .map((tg) => [tg.year, tg.unit.code, tg.value]);
    expect(targetOf('T1')).toEqual([[2020, '066', 100]]);
    expect(targetOf('T2')).toEqual([[2020, '066', 50]]);
    expect(targetOf('T3')).toEqual([[2020, '066', 100]]);
    expect(targetOf('T4')).toEqual([[2020, '066', 70]]);
    expect(targetOf('T5')).toEqual([[2020, '066', 50]]);
    expect(plan85.indicators[0]).toMatchObject({ numeratorKey: 'cases.supported_in_time', denominatorKey: 'cases.survivors_detected', targetKind: 'percent', available: true });
  });

  it('shows each indicator against its target with a status, a trend and the period taken together', async () => {
    const { status, body } = await dashboard(`unitId=${district}&fromYear=2017&toYear=2020`, leader);
    expect(status).toBe(200);
    const t1 = body.indicators.find((i) => i.indicator.code === 'T1');
    expect(t1).toBeDefined();
    if (!t1) return;
    expect(t1.trend.map((p) => [p.year, p.numerator, p.denominator, p.value])).toEqual([[2017, 2, 4, 50], [2018, 3, 4, 75], [2019, 2, 4, 50], [2020, 2, 2, 100]]);
    // The straight line runs from the 2017 value (50 %) to 100 % in 2020: 66.7 % expected in 2018, 83.3 % in 2019.
    expect(t1.baseline).toEqual({ year: 2017, value: 50 });
    expect(t1.goal).toEqual({ year: 2020, value: 100 });
    expect(t1.trend.map((p) => p.status)).toEqual(['on_track', 'on_track', 'off_track', 'met']);
    expect(t1.trend[1]?.expected).toBeCloseTo(66.667, 2);
    expect(t1.current).toMatchObject({ numerator: 2, denominator: 2, value: 100, target: 100, status: 'met' });
    expect(t1.period).toEqual({ numerator: 9, denominator: 14, value: (9 / 14) * 100, available: true });
    expect(body.unit?.code).toBe('066');
    // In 2019 alone the target is still the end target; 50 % is under the line.
    const y2019 = await dashboard(`unitId=${district}&fromYear=2019&toYear=2019`, leader);
    expect(y2019.body.indicators[0]?.current).toMatchObject({ value: 50, target: 100, status: 'off_track' });
  });

  it('reports an indicator whose module is not installed as not available, never as zero', async () => {
    const saved = MEASURE_SOURCES.training;
    delete MEASURE_SOURCES.training;
    try {
      const { body } = await dashboard(`unitId=${district}&fromYear=2017&toYear=2020`, statistician);
      const t3 = body.indicators.find((i) => i.indicator.code === 'T3');
      expect(t3?.missingModules).toEqual(['training']);
      expect(t3?.indicator.available).toBe(false);
      expect(t3?.current).toMatchObject({ numerator: null, denominator: null, value: null, available: false, status: 'no_data', target: 100 });
      expect(t3?.trend.every((p) => p.value === null && p.status === 'no_data')).toBe(true);
      expect(t3?.communes.every((c) => c.value === null && !c.available)).toBe(true);
      const detail = await get<PlanDetail>(`/api/plans/${plan85.id}`, statistician);
      expect(detail.body.indicators.find((i) => i.code === 'T3')?.available).toBe(false);
    } finally {
      if (saved) MEASURE_SOURCES.training = saved;
    }
  });

  it('computes T2–T5 through their modules, with the same figures as the modules’ own indicator routes', async () => {
    // T5 in Cư Lễ, 2019: 300 residents reached of 1,000 → 30 %.
    const at = new Date().toISOString();
    const activity = newId();
    await t.deps.db.insertInto('population_figures').values({
      id: newId(), unit_id: cuLe, year: 2019, audience_group: 'residents', total: 1000, female: 520, male: 480, source: 'test', updated_by: null, created_at: at, updated_at: at,
    }).execute();
    await t.deps.db.insertInto('outreach_activities').values({
      id: activity, unit_id: cuLe, village_id: null, activity_date: '2019-06-01', format: 'meeting', topic: 'gbv_prevention', language: 'vi', language_other: null,
      materials: '[]', facilitator_member_id: null, campaign: null, campaign_note: null, counting_basis: 'new_people', audience_total: 300, note_enc: null,
      import_id: null, created_by: officerUser.id, updated_by: officerUser.id, created_at: at, updated_at: at,
    }).execute();
    await t.deps.db.insertInto('outreach_audiences').values({ activity_id: activity, audience_group: 'residents', female: 200, male: 100, unknown_sex: 0 }).execute();

    const { body } = await dashboard(`unitId=${cuLe}&fromYear=2019&toYear=2019`, leader);
    const byCode = new Map(body.indicators.map((i) => [i.indicator.code, i]));
    expect(byCode.get('T5')?.current).toMatchObject({ numerator: 300, denominator: 1000, value: 30, available: true, target: 50 });
    const t5 = (await get<{ numerator: number; denominator: number | null }>(`/api/indicators/t5?unitId=${cuLe}&year=2019&units=then`, leader)).body;
    expect([t5.numerator, t5.denominator]).toEqual([300, 1000]);
    // No population figure for the T4 groups: not a value, and not zero.
    expect(byCode.get('T4')?.current).toMatchObject({ numerator: 0, denominator: 0, value: null, status: 'no_data', available: true });
    const t2 = (await get<{ numerator: number; denominator: number }>(`/api/indicators/t2?unitId=${district}&from=2017-01-01&to=2020-12-31`, leader)).body;
    const t3 = (await get<{ numerator: number; denominator: number }>(`/api/indicators/t3?unitId=${district}&from=2017-01-01&to=2020-12-31&trainedFrom=2017-01-01`, leader)).body;
    const whole = await dashboard(`unitId=${district}&fromYear=2017&toYear=2020`, leader);
    const period = new Map(whole.body.indicators.map((i) => [i.indicator.code, i.period]));
    expect([period.get('T2')?.numerator, period.get('T2')?.denominator]).toEqual([t2.numerator, t2.denominator]);
    expect([period.get('T3')?.numerator, period.get('T3')?.denominator]).toEqual([t3.numerator, t3.denominator]);
    expect(whole.body.indicators.every((i) => i.indicator.available)).toBe(true);
  });

  it('compares the communes as they were that year, or as today’s communes with their history', async () => {
    const then = await dashboard(`unitId=${district}&fromYear=2018&toYear=2018&units=then`, leader);
    const t1 = then.body.indicators[0];
    // The 22 units of 2018 (the town and 21 communes).
    expect(t1?.communes).toHaveLength(22);
    const byCode = new Map(t1?.communes.map((c) => [c.unit.code, c]));
    expect(byCode.get('02176')).toMatchObject({ numerator: 1, denominator: 2, value: 50, unit: { validFrom: '1997-01-01' } });
    expect(byCode.get('02146')).toMatchObject({ numerator: 1, denominator: 1, value: 100, status: 'met' });
    expect(byCode.get('02167')).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    expect(byCode.get('02137')).toMatchObject({ numerator: 0, denominator: 0, value: null, status: 'no_data' });

    const today = await dashboard(`unitId=${district}&fromYear=2018&toYear=2018&units=today`, leader);
    const communes = today.body.indicators[0]?.communes ?? [];
    expect(communes.map((c) => c.unit.code).sort()).toEqual(['02143', '02152', '02155', '02176', '02185', '02191']);
    const now = new Map(communes.map((c) => [c.unit.code, c]));
    // Cư Lễ is in today's Trần Phú, Kim Hỷ in today's Văn Lang, Lam Sơn (via Sơn Thành, 2020) in today's Na Rì.
    expect(now.get('02176')).toMatchObject({ numerator: 1, denominator: 2, unit: { id: tranPhu2025 } });
    expect(now.get('02143')).toMatchObject({ numerator: 1, denominator: 1, unit: { id: vanLang2025 } });
    expect(now.get('02155')).toMatchObject({ numerator: 1, denominator: 1 });
    // Văn Học was split in 2020; Cường Lợi took part of it, so its older figures are shared.
    expect(now.get('02152')?.partial).toBe(true);
    expect(now.get('02176')?.partial).toBe(false);
    // The sum over today's communes equals the district's figure when nothing is shared.
    const district2018 = today.body.indicators[0]?.current;
    expect(district2018).toMatchObject({ numerator: 3, denominator: 4 });
  });

  it('limits a commune officer to the commune and its history', async () => {
    const own = await dashboard('fromYear=2017&toYear=2020', officer);
    expect(own.status).toBe(200);
    expect(own.body.unit?.id).toBe(officerUser.unitId);
    // Today's Trần Phú holds Cư Lễ: 2017 1 of 2, 2018 1 of 2, 2019 1 of 2, 2020 1 of 1.
    expect(own.body.indicators[0]?.trend.map((p) => [p.numerator, p.denominator])).toEqual([[1, 2], [1, 2], [1, 2], [1, 1]]);
    expect((await dashboard(`unitId=${district}&fromYear=2017&toYear=2020`, officer)).status).toBe(403);
    expect((await dashboard(`unitId=${cuLe}&fromYear=2017&toYear=2020`, neighbourOfficer)).status).toBe(403);
  });

  it('refuses a period that does not exist, in the user’s language', async () => {
    const backwards = await t.inject({ method: 'GET', url: `/api/indicators/dashboard?planId=${plan85.id}&fromYear=2020&toYear=2017`, cookie: leader });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.code).toBe('PERIOD_INVALID');
    expect(backwards.json().error.message).toContain('2020–2017');
    const tooLong = await t.inject({ method: 'GET', url: `/api/indicators/dashboard?planId=${plan85.id}&fromYear=2000&toYear=2030`, cookie: leader, headers: { 'accept-language': 'en' } });
    expect(tooLong.json().error.message).toMatch(/at most 15 years/);
    const noPlan = await t.inject({ method: 'GET', url: `/api/indicators/dashboard?planId=${newId()}&fromYear=2017&toYear=2020`, cookie: leader });
    expect(noPlan.statusCode).toBe(404);
  });

  it('drills down to the cases for roles that may read them, and to counts only for statisticians', async () => {
    const t1 = plan85.indicators[0]?.id as string;
    const url = `/api/indicators/drilldown?planId=${plan85.id}&indicatorId=${t1}&unitId=${cuLe}&year=2018`;
    const asLeader = await get<DrilldownView>(url, leader);
    expect(asLeader.status).toBe(200);
    expect(asLeader.body).toMatchObject({ numerator: 1, denominator: 2, value: 50, available: true });
    expect(asLeader.body.breakdown).toEqual([{ key: 'counted', count: 1, inNumerator: true }, { key: 'no_service', count: 1, inNumerator: false }]);
    expect(asLeader.body.items?.map((i) => [i.reason, i.inNumerator])).toEqual([['no_service', false], ['counted', true]]);
    expect(asLeader.body.listPath).toBe(`/cases?unitId=${cuLe}&from=2018-01-01&to=2018-12-31`);

    const asStatistician = await get<DrilldownView>(url, statistician);
    expect(asStatistician.status).toBe(200);
    expect(asStatistician.body.breakdown).toEqual(asLeader.body.breakdown);
    expect(asStatistician.body.items).toBeNull();
    expect(asStatistician.body.listPath).toBeNull();
    expect(JSON.stringify(asStatistician.body)).not.toContain('TEST-');

    expect((await get(url, officer)).status).toBe(200);
    expect((await get(url, neighbourOfficer)).status).toBe(403);
    const late = await get<DrilldownView>(`/api/indicators/drilldown?planId=${plan85.id}&indicatorId=${t1}&unitId=${cuLe}&year=2019`, focal);
    expect(late.body.breakdown.map((b) => [b.key, b.count])).toEqual([['counted', 1], ['late', 1]]);
  });

  it('lets administrators add a later plan with a custom indicator, targets and a split among communes', async () => {
    const create = await t.inject({ method: 'POST', url: '/api/plans', cookie: admin, payload: {
      code: '2232/QĐ-TTg', titleVi: 'Chương trình phòng, chống bạo lực gia đình trong tình hình mới đến năm 2025', issuer: 'Thủ tướng Chính phủ',
      issuedOn: '2020-12-28', fromYear: 2021, toYear: 2025, visionYear: null,
    } });
    expect(create.statusCode).toBe(201);
    const plan = create.json<PlanDetail>();
    expect((await t.inject({ method: 'POST', url: '/api/plans', cookie: focal, payload: { ...PLAN_INPUT, code: '2232/QĐ-TTg' } })).json().error.code).toBe('PLAN_CODE_TAKEN');
    const backwards = await t.inject({ method: 'POST', url: '/api/plans', cookie: admin, payload: { ...PLAN_INPUT, fromYear: 2025, toYear: 2021 } });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.issues[0]).toMatchObject({ path: 'toYear' });

    const noDenominator = await t.inject({ method: 'POST', url: `/api/plans/${plan.id}/indicators`, cookie: admin, payload: { ...SERVICE_INDICATOR, denominatorKey: null } });
    expect(noDenominator.json().error.code).toBe('INDICATOR_DENOMINATOR_REQUIRED');
    const added = await t.inject({ method: 'POST', url: `/api/plans/${plan.id}/indicators`, cookie: admin, payload: SERVICE_INDICATOR });
    expect(added.statusCode).toBe(201);
    const indicator = added.json<PlanDetail>().indicators[0];
    expect(indicator).toMatchObject({ code: 'DV', available: true });
    const again = await t.inject({ method: 'POST', url: `/api/plans/${plan.id}/indicators`, cookie: admin, payload: SERVICE_INDICATOR });
    expect(again.statusCode).toBe(409);
    const district2025 = district; // valid until 30/6/2025, so it exists in 2021–2025
    const targetsUrl = `/api/plans/${plan.id}/indicators/${indicator?.id}/targets`;

    // One bad entry refuses the whole grid: nothing is written.
    const above = await t.inject({ method: 'PUT', url: targetsUrl, cookie: admin, payload: { targets: [{ year: 2021, unitId: district2025, value: 60 }, { year: 2025, unitId: district2025, value: 120 }] } });
    expect(above.statusCode).toBe(400);
    expect(above.json().error).toMatchObject({ code: 'TARGET_ABOVE_100' });
    expect(above.json().error.issues[0]).toMatchObject({ path: 'targets.1.value' });
    expect((await get<PlanDetail>(`/api/plans/${plan.id}`, admin)).body.targets).toEqual([]);
    const outside = await t.inject({ method: 'PUT', url: targetsUrl, cookie: admin, payload: { targets: [{ year: 2030, unitId: district2025, value: 60 }] } });
    expect(outside.json().error.code).toBe('TARGET_YEAR_OUTSIDE_PLAN');
    // Today's Trần Phú did not exist in 2021.
    expect((await t.inject({ method: 'PUT', url: targetsUrl, cookie: admin, payload: { targets: [{ year: 2021, unitId: tranPhu2025, value: 60 }] } })).json().error.code).toBe('TARGET_UNIT_INVALID');
    const english = await t.inject({ method: 'PUT', url: targetsUrl, cookie: admin, headers: { 'accept-language': 'en' }, payload: { targets: [{ year: 2025, unitId: district2025, value: 101 }] } });
    expect(english.json().error.message).toBe('A target for a percentage indicator cannot be above 100%.');

    const saved = await t.inject({ method: 'PUT', url: targetsUrl, cookie: focal, payload: { targets: [{ year: 2021, unitId: district2025, value: 50 }, { year: 2025, unitId: district2025, value: 80 }] } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json<PlanDetail>().targets.map((tg) => [tg.year, tg.value])).toEqual([[2021, 50], [2025, 80]]);
    // A commune officer cannot manage plans; a commune's target set by the focal point is inside the district.
    expect((await t.inject({ method: 'PUT', url: targetsUrl, cookie: officer, payload: { targets: [{ year: 2021, unitId: district2025, value: 1 }] } })).statusCode).toBe(403);

    // Split 2021 (17 units since the 2020 merger) and 2025 (6 communes at the end of the year).
    const split2021 = await t.inject({ method: 'POST', url: `${targetsUrl}/split`, cookie: admin, payload: { year: 2021, unitId: district2025 } });
    expect(split2021.statusCode).toBe(200);
    const after2021 = split2021.json<PlanDetail>().targets.filter((tg) => tg.year === 2021 && tg.unit.code !== '066');
    expect(after2021).toHaveLength(17);
    expect(after2021.every((tg) => tg.value === 50)).toBe(true);
    const split2025 = await t.inject({ method: 'POST', url: `${targetsUrl}/split`, cookie: admin, payload: { year: 2025, unitId: district2025 } });
    const after2025 = split2025.json<PlanDetail>().targets.filter((tg) => tg.year === 2025 && tg.unit.code !== '066');
    expect(after2025.map((tg) => tg.unit.validFrom)).toEqual(Array(6).fill('2025-07-01'));
    const noTarget = await t.inject({ method: 'POST', url: `${targetsUrl}/split`, cookie: admin, payload: { year: 2023, unitId: district2025 } });
    expect(noTarget.json().error.code).toBe('TARGET_SPLIT_NO_TARGET');

    // A count indicator's target is shared out: 100 among 6 communes → 17, 17, 17, 17, 16, 16.
    const count = await t.inject({ method: 'POST', url: `/api/plans/${plan.id}/indicators`, cookie: admin, payload: {
      ...SERVICE_INDICATOR, code: 'SO-NN', targetKind: 'count', numeratorKey: 'cases.survivors_detected', denominatorKey: null,
    } });
    const countId = count.json<PlanDetail>().indicators.find((i) => i.code === 'SO-NN')?.id;
    await t.inject({ method: 'PUT', url: `/api/plans/${plan.id}/indicators/${countId}/targets`, cookie: admin, payload: { targets: [{ year: 2025, unitId: district2025, value: 100 }] } });
    const shared = await t.inject({ method: 'POST', url: `/api/plans/${plan.id}/indicators/${countId}/targets/split`, cookie: admin, payload: { year: 2025, unitId: district2025 } });
    const shares = shared.json<PlanDetail>().targets.filter((tg) => tg.indicatorId === countId && tg.unit.code !== '066').map((tg) => tg.value);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(100);
    expect([...shares].sort()).toEqual([16, 16, 17, 17, 17, 17]);

    // Narrowing the period would orphan the 2025 targets: refused.
    const narrow = await t.inject({ method: 'PUT', url: `/api/plans/${plan.id}`, cookie: admin, payload: { ...PLAN_INPUT, code: '2232/QĐ-TTg', fromYear: 2021, toYear: 2024 } });
    expect(narrow.json().error.code).toBe('TARGET_YEAR_OUTSIDE_PLAN');

    // The custom indicator on the dashboard: survivors with a service, commune targets from the split.
    await insertCase({ unitId: tranPhu2025, at: '2025-08-01T08:00', after: 1, service: true }, officerUser.id);
    await insertCase({ unitId: tranPhu2025, at: '2025-09-01T08:00', after: 1, service: false }, officerUser.id);
    const board = await get<DashboardView>(`/api/indicators/dashboard?planId=${plan.id}&unitId=${district}&fromYear=2021&toYear=2025&units=today`, leader);
    expect(board.status).toBe(200);
    const dv = board.body.indicators.find((i) => i.indicator.code === 'DV');
    const tranPhu = dv?.communes.find((c) => c.unit.id === tranPhu2025);
    expect(tranPhu).toMatchObject({ numerator: 1, denominator: 2, value: 50, target: 80, status: 'off_track' });
    const soNn = board.body.indicators.find((i) => i.indicator.code === 'SO-NN');
    expect(soNn?.communes.find((c) => c.unit.id === tranPhu2025)).toMatchObject({ numerator: 2, denominator: null, value: 2 });

    // Removing an indicator removes its targets; all of it is in the audit log.
    const removed = await t.inject({ method: 'DELETE', url: `/api/plans/${plan.id}/indicators/${countId}`, cookie: admin });
    expect(removed.json<PlanDetail>().targets.some((tg) => tg.indicatorId === countId)).toBe(false);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('resource_id', '=', plan.id).execute();
    // Refused attempts on the plan are recorded as refusals (refusals.test.ts); the changes are these.
    expect(audit.map((a) => a.action).filter((a) => a !== 'access.refused').sort()).toEqual([
      'plan.create', 'plan.indicator_create', 'plan.indicator_create', 'plan.indicator_delete',
      'plan.targets_split', 'plan.targets_split', 'plan.targets_split', 'plan.targets_update', 'plan.targets_update',
    ]);
  });

  it('adds the demo’s later plan, whose province targets the communes inherit', async () => {
    expect(await seedDemoPlans(t.deps.db)).toBe(true);
    expect(await seedDemoPlans(t.deps.db)).toBe(false);
    const list = await get<{ items: PlanSummary[] }>('/api/plans', leader);
    const plan = list.body.items.find((p) => p.code === '28/NQ-CP');
    expect(plan).toMatchObject({ fromYear: 2021, toYear: 2030, indicatorCount: 2, issuingUnit: { code: '19' } });
    const board = await get<DashboardView>(`/api/indicators/dashboard?planId=${plan?.id}&unitId=${tranPhu2025}&fromYear=2025&toYear=2025`, officer);
    expect(board.status).toBe(200);
    const dv = board.body.indicators.find((i) => i.indicator.code === 'DV');
    // Today's Trần Phú had two survivors in 2025 (see the plan test above), one with a service.
    // 2025 has its own target (80 %), a milestone: below it is off track, whatever the line to 2030 says.
    expect(dv?.current).toMatchObject({ numerator: 1, denominator: 2, value: 50, target: 80, expected: 80, status: 'off_track' });
    expect(dv?.goal).toEqual({ year: 2030, value: 90 });
  });
});

const PLAN_INPUT = {
  code: 'X/2021', titleVi: 'Kế hoạch thử', issuer: 'UBND huyện Na Rì', issuedOn: '2021-01-15', fromYear: 2021, toYear: 2025,
};

const SERVICE_INDICATOR = {
  code: 'DV',
  nameVi: 'Nạn nhân được hỗ trợ ít nhất một dịch vụ cơ bản',
  nameEn: 'Survivors who received at least one basic support service',
  definitionVi: 'Tử số: số nạn nhân được hỗ trợ ít nhất một dịch vụ hoặc chuyển gửi. Mẫu số: số nạn nhân được phát hiện trong kỳ.',
  definitionEn: 'Numerator: survivors with at least one service or referral. Denominator: survivors detected in the period.',
  numeratorKey: 'cases.with_service',
  denominatorKey: 'cases.survivors_detected',
  targetKind: 'percent',
};
