// The figures a leader signs add up, on the demo data, on both databases (issue 13, DOMAIN.md §11): for every
// plan, indicator, year 2017–2026 and both views, the communes' numerators and denominators add up to the
// area's; and a consolidated report (district before 1/7/2025, province after) equals the same area computed
// directly, for every period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodOf, sumFigures, type DashboardView, type PlanSummary, type ReportFigures } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';
import { seedDemo } from '../../db/seed-demo.js';
import { seedDemoCases } from '../../db/seed-demo-cases.js';
import { seedDemoOutreach } from '../../db/seed-demo-outreach.js';
import { seedDemoTraining } from '../../db/seed-demo-training.js';
import { seedDemoPlans } from '../../db/seed-plans.js';
import { findMisplaced } from '../../db/migrations/0017-record-units.js';
import { liveFigures } from '../reports/figures.js';
import { communesOf, ownFigures, reportArea } from '../reports/service.js';

describe.each(DATABASES)('figures add up on the demo data on %s', (kind) => {
  let t: TestApp;
  let leader: string;
  beforeAll(async () => {
    t = await createTestApp(kind, { totpRoles: [], isDemo: true });
    const accounts = await seedDemo(t.deps);
    const focal = accounts.find((a) => a.role === 'district_focal_point');
    if (!focal) throw new Error('no demo focal point');
    // The whole demo, as `npm run demo` makes it: every record must pass the unit-of-its-day rule.
    await seedDemoCases(t.app, focal);
    await seedDemoTraining(t.deps);
    await seedDemoOutreach(t.deps, 6);
    await seedDemoPlans(t.deps.db);
    leader = await t.signIn(await t.makeUser('district_leader'));
  }, 240_000);
  afterAll(async () => t.close());

  it('keeps every demo record in a unit valid on its date', async () => {
    expect(await findMisplaced(t.deps.db, await t.deps.units.graph())).toEqual([]);
    expect(Number((await t.deps.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(100);
  });

  it('adds the communes up to the area for every plan, indicator, year and view', async () => {
    const plans = (await t.inject({ method: 'GET', url: '/api/plans', cookie: leader })).json<{ items: PlanSummary[] }>().items;
    expect(plans.length).toBeGreaterThanOrEqual(2);
    let checked = 0;
    let nonZero = 0;
    for (const plan of plans) {
      for (const units of ['then', 'today'] as const) {
        for (let year = 2017; year <= 2026; year += 1) {
          const res = await t.inject({ method: 'GET', url: `/api/indicators/dashboard?planId=${plan.id}&fromYear=${year}&toYear=${year}&units=${units}`, cookie: leader });
          expect(res.statusCode, res.body).toBe(200);
          const view = res.json<DashboardView>();
          for (const indicator of view.indicators) {
            if (!indicator.current.available) continue;
            const sum = (pick: 'numerator' | 'denominator') => indicator.communes.reduce((a, c) => a + (c[pick] ?? 0), 0);
            const where = `${plan.code} ${indicator.indicator.code} ${year} ${units}`;
            expect(sum('numerator'), where).toBe(indicator.current.numerator ?? 0);
            expect(sum('denominator'), where).toBe(indicator.current.denominator ?? 0);
            checked += 1;
            if ((indicator.current.denominator ?? 0) > 0) nonZero += 1;
          }
        }
      }
    }
    // Every indicator of both plans in 10 years and 2 views, most of them with real figures.
    expect(checked).toBeGreaterThanOrEqual(140);
    expect(nonZero).toBeGreaterThan(checked / 2);
  }, 240_000);

  it('makes a consolidated report equal to the same area computed directly, for every period', async () => {
    const graph = await t.deps.units.graph();
    const district = [...graph.byId.values()].find((u) => u.code === '066' && u.kind === 'district');
    const province = [...graph.byId.values()].find((u) => u.code === '19' && u.kind === 'province');
    if (!district || !province) throw new Error('Na Rì or Thái Nguyên missing');
    let periods = 0;
    for (let year = 2017; year <= 2026; year += 1) {
      for (const kind of ['H1', 'Y'] as const) {
        const period = periodOf(`${year}-${kind}`, t.deps.config.reportSettings);
        if (!period) continue;
        // The district reports until the reform, the province after it.
        const top = period.to < t.deps.config.reportSettings.districtsAbolishedOn ? district : province;
        const direct = await liveFigures(t.deps, reportArea(graph, top, period), period);
        const communes = communesOf(graph, top.id, period);
        expect(communes.length, `${period.code}`).toBeGreaterThan(0);
        const parts: ReportFigures[] = [await ownFigures(t.deps, graph, top, period)];
        for (const c of communes) parts.push(await liveFigures(t.deps, reportArea(graph, c, period), period));
        const consolidated = sumFigures(parts, period.from, period.to);
        expect(consolidated.tables, period.code).toEqual(direct.tables);
        for (const indicator of direct.indicators) {
          const summed = consolidated.indicators.find((i) => i.code === indicator.code);
          expect([summed?.numerator, summed?.denominator], `${period.code} ${indicator.code}`).toEqual([indicator.numerator, indicator.denominator]);
        }
        periods += 1;
      }
    }
    expect(periods).toBeGreaterThanOrEqual(19);
  }, 240_000);
});
