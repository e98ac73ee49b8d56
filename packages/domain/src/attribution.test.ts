// The attribution rule against generated histories (issue 13, DOMAIN.md §11): for any sequence of merges,
// splits and re-codes and any records, in both views and every year, the rows of an area add up to its
// total, every record is counted once, and a record of the whole territory is never dropped.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnitGraph, isValidAt, type AdminUnit, type UnitSuccession } from './admin-units.js';
import { Attribution, areaOf, attributionOf, mainSuccessorOf, type UnitsView } from './attribution.js';

const START = '2000-01-01';
const TODAY = '2026-12-07';
const YEARS = Array.from({ length: 27 }, (_, i) => 2000 + i);

type Op = { kind: 'merge' | 'split' | 'recode'; year: number; pick: number[]; reuseCode: boolean };

interface History {
  graph: UnitGraph;
  /** For each village, the commune it belonged to from each date on. */
  villageHomes: Map<string, Array<{ from: string; communeId: string }>>;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A province with two districts of three communes, each with two villages, then the operations in year order. */
function buildHistory(ops: readonly Op[]): History {
  const units: AdminUnit[] = [{ id: 'P', code: '01', name: 'P', kind: 'province', parentId: null, validFrom: START, validTo: null }];
  const links: UnitSuccession[] = [];
  const villageHomes = new Map<string, Array<{ from: string; communeId: string }>>();
  let serial = 0;
  const commune = (parentId: string, code: string, from: string): AdminUnit => {
    const unit: AdminUnit = { id: `c${serial++}`, code, name: code, kind: 'commune', parentId, validFrom: from, validTo: null };
    units.push(unit);
    return unit;
  };
  for (const d of ['D1', 'D2']) {
    units.push({ id: d, code: d, name: d, kind: 'district', parentId: 'P', validFrom: START, validTo: null });
    for (let i = 0; i < 3; i += 1) {
      const c = commune(d, `${d}-${i}`, START);
      for (let v = 0; v < 2; v += 1) {
        const village: AdminUnit = { id: `${c.id}v${v}`, code: `${c.code}.${v}`, name: 'v', kind: 'village', parentId: c.id, validFrom: START, validTo: null };
        units.push(village);
        villageHomes.set(village.id, [{ from: START, communeId: c.id }]);
      }
    }
  }
  const villagesOf = (communeId: string) => units.filter((u) => u.kind === 'village' && u.parentId === communeId);
  const move = (village: AdminUnit, to: AdminUnit, from: string) => {
    village.parentId = to.id;
    villageHomes.get(village.id)?.push({ from, communeId: to.id });
  };
  for (const op of [...ops].sort((a, b) => a.year - b.year)) {
    const date = `${op.year}-07-01`;
    const alive = units.filter((u) => u.kind === 'commune' && isValidAt(u, dayBefore(date)) && u.validFrom < date);
    if (alive.length === 0) continue;
    const chosen = [...new Set(op.pick.map((i) => alive[i % alive.length] as AdminUnit))];
    const first = chosen[0] as AdminUnit;
    if (op.kind === 'merge' && chosen.length >= 2) {
      const target = commune(first.parentId as string, op.reuseCode ? first.code : `n${serial}`, date);
      for (const old of chosen) {
        old.validTo = dayBefore(date);
        links.push({ fromId: old.id, toId: target.id, isPart: false, isMain: true });
        for (const v of villagesOf(old.id)) move(v, target, date);
      }
    } else if (op.kind === 'split') {
      first.validTo = dayBefore(date);
      const parts = [commune(first.parentId as string, op.reuseCode ? first.code : `n${serial}`, date), commune(first.parentId as string, `n${serial}`, date)];
      parts.forEach((p, i) => links.push({ fromId: first.id, toId: p.id, isPart: true, isMain: i === 0 }));
      villagesOf(first.id).forEach((v, i) => move(v, parts[i % 2] as AdminUnit, date));
    } else {
      first.validTo = dayBefore(date);
      const target = commune(first.parentId as string, `r${serial}`, date);
      links.push({ fromId: first.id, toId: target.id, isPart: false, isMain: true });
      for (const v of villagesOf(first.id)) move(v, target, date);
    }
  }
  return { graph: new UnitGraph(units, links), villageHomes };
}

interface TestRecord {
  id: number;
  date: string;
  unitId: string;
  villageId: string | null;
}

/** Records on random days, each in a commune valid that day (and one of its villages at that time, or none). */
function placeRecords(history: History, seeds: ReadonlyArray<{ day: number; pick: number; village: boolean }>): TestRecord[] {
  const communes = [...history.graph.byId.values()].filter((u) => u.kind === 'commune');
  return seeds.map((seed, id) => {
    const date = new Date(Date.parse(`${START}T00:00:00Z`) + seed.day * 86_400_000).toISOString().slice(0, 10);
    const valid = communes.filter((c) => isValidAt(c, date));
    const unit = valid[seed.pick % valid.length] as AdminUnit;
    const villages = [...history.villageHomes].filter(([, homes]) => [...homes].reverse().find((h) => h.from <= date)?.communeId === unit.id).map(([v]) => v);
    const villageId = seed.village && villages.length > 0 ? (villages[seed.pick % villages.length] as string) : null;
    return { id, date, unitId: unit.id, villageId };
  });
}

const opArb = fc.record({
  kind: fc.constantFrom<Op['kind']>('merge', 'split', 'recode'),
  year: fc.integer({ min: 2001, max: 2025 }),
  pick: fc.array(fc.nat({ max: 20 }), { minLength: 1, maxLength: 3 }),
  reuseCode: fc.boolean(),
});
const recordArb = fc.record({ day: fc.nat({ max: 9_800 }), pick: fc.nat({ max: 50 }), village: fc.boolean() });

describe('the attribution rule over generated histories', () => {
  it('adds the rows up to the area, counts every record once and drops none, in both views and every year', () => {
    fc.assert(fc.property(fc.array(opArb, { maxLength: 6 }), fc.array(recordArb, { minLength: 1, maxLength: 60 }), (ops, seeds) => {
      const history = buildHistory(ops);
      const records = placeRecords(history, seeds);
      const areas = [...history.graph.byId.values()].filter((u) => u.kind !== 'village').map((u) => u.id);
      for (const view of ['then', 'today'] as UnitsView[]) {
        const whole = new Attribution(history.graph, 'P', view, TODAY);
        // The whole territory: every record lands in exactly one row of it, none dropped.
        for (const r of records) {
          expect(whole.sourceUnits.has(r.unitId)).toBe(true);
          expect(whole.rows.has(whole.rowOf(r.unitId, r.villageId).rowId)).toBe(true);
        }
        for (const areaId of areas) {
          const attribution = new Attribution(history.graph, areaId, view, TODAY);
          const counted = records.filter((r) => attribution.sourceUnits.has(r.unitId) && attribution.includes(r.unitId, r.villageId));
          for (const year of YEARS) {
            const inYear = counted.filter((r) => r.date.startsWith(String(year)));
            const shown = attribution.rowsShownFor(`${year}-01-01`, `${year}-12-31`).map((u) => u.id);
            // Each counted record falls in exactly one shown row, so the rows add up to the area's total.
            const byRow = shown.map((rowId) => inYear.filter((r) => attribution.rowOf(r.unitId, r.villageId).rowId === rowId).length);
            expect(byRow.reduce((a, b) => a + b, 0)).toBe(inYear.length);
          }
          // A record in the units of that year stays in its own unit; in today's units it reaches a unit valid today.
          for (const r of counted) {
            const row = history.graph.get(attribution.rowOf(r.unitId, r.villageId).rowId) as AdminUnit;
            if (view === 'then') expect(row.id).toBe(r.unitId);
            else if (!(row.validTo !== null && mainSuccessorOf(history.graph, row.id) === null)) expect(isValidAt(row, TODAY)).toBe(true);
          }
        }
        // The districts split the province: in the units of that year no record is in both.
        if (view === 'then') {
          const d1 = new Attribution(history.graph, 'D1', view, TODAY);
          const d2 = new Attribution(history.graph, 'D2', view, TODAY);
          for (const r of records) expect(Number(d1.includes(r.unitId)) + Number(d2.includes(r.unitId))).toBe(1);
        }
      }
    }), { numRuns: 150 });
  });

  it('never lets a unit answer for a neighbour it took over later (Cường Lợi and Lương Hạ in 2019)', () => {
    const units: AdminUnit[] = [
      { id: 'D', code: '066', name: 'Na Rì', kind: 'district', parentId: null, validFrom: '1997-01-01', validTo: null },
      { id: 'CL', code: '02152', name: 'Cường Lợi', kind: 'commune', parentId: 'D', validFrom: '1997-01-01', validTo: null },
      { id: 'LH', code: '02155', name: 'Lương Hạ', kind: 'commune', parentId: 'D', validFrom: '1997-01-01', validTo: '2020-01-31' },
      { id: 'YL', code: '02155', name: 'Yến Lạc', kind: 'town', parentId: 'D', validFrom: '2020-02-01', validTo: null },
    ];
    const graph = new UnitGraph(units, [
      { fromId: 'LH', toId: 'CL', isPart: false, isMain: true },
      { fromId: 'LH', toId: 'YL', isPart: true },
    ]);
    expect([...areaOf(graph, 'CL')]).toEqual(['CL']);
    const then = new Attribution(graph, 'D', 'then', TODAY);
    expect(then.rowsShownFor('2019-01-01', '2019-12-31').map((u) => u.name).sort()).toEqual(['Cường Lợi', 'Lương Hạ', 'Na Rì']);
    const today = new Attribution(graph, 'D', 'today', TODAY);
    // Split between two successors: one row, the main one, marked as an approximation.
    expect(today.rowOf('LH')).toEqual({ rowId: 'CL', approximate: true });
  });

  it('hands an abolished district’s own records to the province in today’s units, and keeps them in the district’s own view', () => {
    const units: AdminUnit[] = [
      { id: 'BK', code: '06', name: 'Bắc Kạn', kind: 'province', parentId: null, validFrom: '1997-01-01', validTo: '2025-06-30' },
      { id: 'TN', code: '19', name: 'Thái Nguyên', kind: 'province', parentId: null, validFrom: '1997-01-01', validTo: null },
      { id: 'NR', code: '066', name: 'Na Rì', kind: 'district', parentId: 'BK', validFrom: '1997-01-01', validTo: '2025-06-30' },
      { id: 'CL', code: '02176', name: 'Cư Lễ', kind: 'commune', parentId: 'NR', validFrom: '1997-01-01', validTo: '2025-06-30' },
      { id: 'TP', code: '02176', name: 'Trần Phú', kind: 'commune', parentId: 'TN', validFrom: '2025-07-01', validTo: null },
    ];
    const graph = new UnitGraph(units, [{ fromId: 'BK', toId: 'TN', isPart: false, isMain: true }, { fromId: 'CL', toId: 'TP', isPart: false, isMain: true }]);
    const province = attributionOf(graph, 'TN', 'today', TODAY);
    expect(province.rowOf('NR')).toEqual({ rowId: 'TN', approximate: false });
    expect(province.includes('NR')).toBe(true);
    expect(province.includes('CL')).toBe(true);
    const district = attributionOf(graph, 'NR', 'today', TODAY);
    expect(district.rowOf('NR').rowId).toBe('NR');
    expect([...district.rows].sort()).toEqual(['NR', 'TP']);
    // The cached walk is shared; a reader's limits narrow a copy, never the cached one.
    expect(attributionOf(graph, 'TN', 'today', TODAY)).toBe(province);
    expect([...attributionOf(graph, 'TN', 'today', TODAY, new Set(['TP'])).rows]).toEqual(['TP']);
    expect(province.rows.has('TN')).toBe(true);
  });
});

