// T4 and T5 through the API: period boundaries, missing denominators, repeat counting, roll-up across
// the 2020 and 2025 mergers and the choice of units.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';
import { activityBody } from '../../test/outreach-fixtures.js';

describe.each(DATABASES)('indicators T4 and T5 on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  let vanMinh: string;
  let cuLe: string;
  const record = async (unitId: string, activityDate: string, audiences: unknown[], countingBasis = 'new_people') => {
    const response = await t.inject({ method: 'POST', url: '/api/outreach/activities', cookie, payload: activityBody(unitId, { activityDate, audiences, countingBasis, campaign: null }) });
    if (response.statusCode !== 201) throw new Error(response.body);
  };
  const people = (group: string, female: number, male = 0) => ({ group, female, male, unknownSex: 0 });

  beforeAll(async () => {
    t = await createTestApp(kind, { totpRoles: [] });
    cookie = await t.signIn(await t.makeUser('district_focal_point'));
    vanMinh = await t.unitId('02170', '1997-01-01');
    cuLe = await t.unitId('02176', '1997-01-01');
    // Văn Minh (merged into Trần Phú in 2025): one activity a day either side of each boundary of 2023.
    await record(vanMinh, '2022-12-31', [people('residents', 7)]);
    await record(vanMinh, '2023-01-01', [people('residents', 10), people('students', 40, 35)]);
    await record(vanMinh, '2023-12-31', [people('residents', 15)]);
    await record(vanMinh, '2024-01-01', [people('residents', 99)]);
  });
  afterAll(async () => t.close());

  const get = async (url: string) => {
    const response = await t.inject({ method: 'GET', url, cookie });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('says "no population figure" when the denominator is missing, never 0 % or a division by zero', async () => {
    const t5 = await get(`/api/indicators/t5?unitId=${vanMinh}&year=2023`);
    expect(t5).toMatchObject({ code: 'T5', status: 'no_population_figure', value: null, denominator: null, reached: 25 });
    expect(t5.missingPopulationUnits.map((u: { code: string }) => u.code)).toEqual(['02170']);
    const t4 = await get(`/api/indicators/t4?unitId=${vanMinh}&year=2023`);
    expect(t4).toMatchObject({ code: 'T4', status: 'no_population_figure', value: null, reached: 75 });
  });

  it('counts the first and last day of the year and nothing outside it, and the same for a period within the year', async () => {
    await t.inject({ method: 'PUT', url: `/api/population?unitId=${vanMinh}`, cookie, payload: { year: 2023, figures: [
      { unitId: vanMinh, group: 'residents', total: 1000, female: 510, male: 490, source: 'Niên giám thống kê 2023' },
      { unitId: vanMinh, group: 'students', total: 300, female: null, male: null, source: 'Phòng Giáo dục' },
    ] } });
    const t5 = await get(`/api/indicators/t5?unitId=${vanMinh}&year=2023`);
    expect(t5).toMatchObject({ status: 'ok', numerator: 25, denominator: 1000, value: 2.5, activities: 2 });
    const january = await get(`/api/indicators/t5?unitId=${vanMinh}&from=2023-01-01&to=2023-01-01`);
    expect(january).toMatchObject({ numerator: 10, value: 1 });
    const t4 = await get(`/api/indicators/t4?unitId=${vanMinh}&year=2023`);
    expect(t4).toMatchObject({ status: 'ok', numerator: 75, denominator: 300, value: 25 });
    expect(t4.missingGroups).toEqual(['officials', 'workers', 'employers', 'armed_forces']);
    expect(t4.warnings).toContain('population_missing_for_some_groups');
  });

  it('refuses a period across two years and one that ends before it starts', async () => {
    const across = await t.inject({ method: 'GET', url: `/api/indicators/t5?unitId=${vanMinh}&from=2023-06-01&to=2024-05-31`, cookie });
    expect(across.statusCode).toBe(400);
    expect(across.json().error.code).toBe('PERIOD_ONE_YEAR');
    const backwards = await t.inject({ method: 'GET', url: `/api/indicators/t5?unitId=${vanMinh}&from=2023-06-01&to=2023-05-31`, cookie });
    expect(backwards.statusCode).toBe(400);
  });

  it('shows reach above the population with the repeat-counting warning and the counting basis', async () => {
    await t.inject({ method: 'PUT', url: `/api/population?unitId=${cuLe}`, cookie, payload: { year: 2021, figures: [{ unitId: cuLe, group: 'residents', total: 50, female: null, male: null, source: 'Ước tính' }] } });
    await record(cuLe, '2021-03-08', [people('residents', 40)], 'new_people');
    await record(cuLe, '2021-06-15', [people('residents', 30)], 'including_repeat');
    const t5 = await get(`/api/indicators/t5?unitId=${cuLe}&year=2021`);
    expect(t5).toMatchObject({ value: 140, basis: { newPeople: 40, includingRepeat: 30 } });
    expect(t5.warnings).toEqual(['reach_exceeds_population', 'includes_repeat_attendees']);
  });

  it('rolls an activity of Hữu Thác in 2018 up into today’s Trần Phú, in today’s units or in the units of 2018', async () => {
    const huuThac = await t.unitId('02179', '1997-01-01');
    const haoNghia = await t.unitId('02182', '1997-01-01');
    const tranPhu = await t.unitId('02176');
    await record(huuThac, '2018-11-20', [people('residents', 120, 80)]);
    const figures = [[huuThac, 1800], [haoNghia, 1200], [cuLe, 1500], [vanMinh, 1500]].map(([unitId, total]) => ({ unitId, group: 'residents', total, female: null, male: null, source: 'Niên giám 2018' }));
    const saved = await t.inject({ method: 'PUT', url: `/api/population?unitId=${tranPhu}`, cookie, payload: { year: 2018, figures } });
    expect(saved.statusCode, saved.body).toBe(200);
    const today = await get(`/api/indicators/t5?unitId=${tranPhu}&year=2018`);
    expect(today).toMatchObject({ status: 'ok', numerator: 200, denominator: 6000, units: 'today' });
    expect(today.breakdown.map((b: { unit: { name: string }; result: { numerator: number } }) => [b.unit.name, b.result.numerator])).toEqual([['Trần Phú', 200]]);
    const then = await get(`/api/indicators/t5?unitId=${tranPhu}&year=2018&units=then`);
    const rows = Object.fromEntries(then.breakdown.map((b: { unit: { name: string }; result: { numerator: number; denominator: number | null } }) => [b.unit.name, [b.result.numerator, b.result.denominator]]));
    expect(rows).toEqual({ 'Văn Minh': [0, 1500], 'Cư Lễ': [0, 1500], 'Hữu Thác': [200, 1800], 'Hảo Nghĩa': [0, 1200] });
    // The district sees it too, and a commune officer of Trần Phú does; one of Xuân Dương is refused.
    const district = await get(`/api/indicators/t5?year=2018`);
    expect(district.reached).toBe(200);
    const officer = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
    const own = await t.inject({ method: 'GET', url: '/api/indicators/t5?year=2018', cookie: officer });
    expect(own.json().reached).toBe(200);
    const stranger = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02191' }));
    const refused = await t.inject({ method: 'GET', url: `/api/indicators/t5?unitId=${tranPhu}&year=2018`, cookie: stranger });
    expect(refused.statusCode).toBe(403);
  });
});
