// T2 through the registry, where each cell computes over the perpetrators with an incident in its rows only (a
// province's dashboard has a cell per commune and year): every cell must equal computeT2 over every perpetrator of
// the area, on the demo's cases (perpetrators who come back, some in another commune), in both views, with the records read
// once for the whole span and each year.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributionOf } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';
import { seedDemo } from '../../db/seed-demo.js';
import { seedDemoCases } from '../../db/seed-demo-cases.js';
import { todayInVietnam } from '../../lib/clock.js';
import { vietnamDayEnd, vietnamDayStart } from '../cases/queries.js';
import { loadT2Records, t2Of } from '../perpetrators/indicator.js';
import { computeMeasures, type Cell } from './registry.js';

describe.each(DATABASES)('T2 cells of the registry on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { totpRoles: [], isDemo: true });
    const accounts = await seedDemo(t.deps);
    const focal = accounts.find((a) => a.role === 'district_focal_point');
    if (!focal) throw new Error('no demo focal point');
    await seedDemoCases(t.app, focal, 80);
  }, 240_000);
  afterAll(async () => t.close());

  it('gives every row and the area what computeT2 gives over all the area’s perpetrators', async () => {
    const graph = await t.deps.units.graph();
    const district = [...graph.byId.values()].find((u) => u.code === '066' && u.kind === 'district');
    if (!district) throw new Error('Na Rì missing');
    let nonZero = 0;
    for (const view of ['then', 'today'] as const) {
      const attribution = attributionOf(graph, district.id, view, todayInVietnam());
      // The whole span and each year in one call, as a dashboard asks: records are read once for all of them.
      const periods = [['2017-01-01', '2026-12-31'], ...Array.from({ length: 10 }, (_, i) => [`${2017 + i}-01-01`, `${2017 + i}-12-31`])] as Array<[string, string]>;
      const cells: Cell[] = periods.flatMap(([from, to]) => [
        { key: `${from}|${to}|area`, rows: attribution.rows, from, to },
        ...[...attribution.rows].map((row) => ({ key: `${from}|${to}|${row}`, rows: new Set([row]), from, to })),
      ]);
      const measures = await computeMeasures(t.deps, ['perpetrators.identified', 'perpetrators.handled'], attribution, cells);
      for (const [from, to] of periods) {
        const period = { start: vietnamDayStart(from), end: vietnamDayEnd(to) };
        const records = await loadT2Records(t.deps, { units: [...attribution.sourceUnits] }, period);
        for (const cell of cells.filter((c) => c.from === from && c.to === to)) {
          const expected = t2Of(records, (unitId) => cell.rows.has(attribution.rowOf(unitId).rowId), period);
          const got = measures.get(cell.key);
          expect([got?.['perpetrators.identified'], got?.['perpetrators.handled']], `${view} ${cell.key}`).toEqual([expected.denominator, expected.numerator]);
          if (expected.denominator > 0 && !cell.key.endsWith('|area')) nonZero += 1;
        }
      }
    }
    expect(nonZero).toBeGreaterThan(10);
  }, 240_000);
});
