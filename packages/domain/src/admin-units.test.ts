import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UnitGraph, unitKey, unitsFromSeed, type UnitSeedFile } from './admin-units.js';

const seed = JSON.parse(readFileSync(new URL('../data/admin-units-na-ri.json', import.meta.url), 'utf8')) as UnitSeedFile;
const { units, successions } = unitsFromSeed(seed, (key) => key);
const graph = new UnitGraph(units, successions);
const names = (mapped: { unit: { name: string; code: string; validFrom: string }; isPart: boolean }[]) =>
  mapped.map((m) => `${m.unit.name} ${m.unit.code}${m.isPart ? ' (part)' : ''}`).sort();

describe('the Na Rì seed', () => {
  it('has the three generations: 22 units in 2017, 17 in 2020, 6 communes in 2025', () => {
    const communeLevel = (date: string) =>
      units.filter((u) => ['commune', 'town'].includes(u.kind) && u.validFrom <= date && (u.validTo === null || date <= u.validTo));
    expect(communeLevel('2017-05-24')).toHaveLength(22);
    expect(communeLevel('2020-02-01')).toHaveLength(17);
    expect(communeLevel('2025-07-01')).toHaveLength(6);
  });
});

describe('unitsHoldingAreaAt', () => {
  it('maps Hữu Thác (2017) to Trần Phú in 2020 and to Trần Phú code 02176 after 2025', () => {
    const huuThac = unitKey('02179', '1997-01-01');
    expect(names(graph.unitsHoldingAreaAt(huuThac, '2017-05-24'))).toEqual(['Hữu Thác 02179']);
    expect(names(graph.unitsHoldingAreaAt(huuThac, '2021-06-30'))).toEqual(['Trần Phú 02179']);
    expect(names(graph.unitsHoldingAreaAt(huuThac, '2026-01-01'))).toEqual(['Trần Phú 02176']);
  });

  it('keeps the three units that used code 02155 apart', () => {
    const luongHa = unitKey('02155', '1997-01-01');
    const yenLac2020 = unitKey('02155', '2020-02-01');
    const naRi2025 = unitKey('02155', '2025-07-01');
    expect(graph.get(luongHa)?.name).toBe('Lương Hạ');
    expect(graph.get(yenLac2020)?.name).toBe('Yến Lạc');
    expect(graph.get(naRi2025)?.name).toBe('Na Rì');
    // Lương Hạ went mainly into Cường Lợi and in part into Yến Lạc town.
    expect(names(graph.unitsHoldingAreaAt(luongHa, '2022-01-01'))).toEqual(['Cường Lợi 02152', 'Yến Lạc 02155 (part)']);
    expect(names(graph.unitsHoldingAreaAt(luongHa, '2026-01-01'))).toEqual(['Cường Lợi 02152', 'Na Rì 02155 (part)']);
    // Back in time, Yến Lạc town of 2020 held the old town (re-coded from 02134) and part of Lương Hạ.
    expect(names(graph.unitsHoldingAreaAt(yenLac2020, '2018-01-01'))).toEqual(['Lương Hạ 02155 (part)', 'Yến Lạc 02134']);
  });

  it('maps a unit of today back to the units of 2017 that held its area', () => {
    const tranPhu2025 = unitKey('02176', '2025-07-01');
    expect(names(graph.unitsHoldingAreaAt(tranPhu2025, '2017-05-24'))).toEqual([
      'Cư Lễ 02176', 'Hảo Nghĩa 02182', 'Hữu Thác 02179', 'Văn Minh 02170',
    ]);
  });

  it('returns nothing for an unknown unit and the district itself after it was abolished', () => {
    expect(graph.unitsHoldingAreaAt('nope', '2020-01-01')).toEqual([]);
    expect(graph.unitsHoldingAreaAt(unitKey('066', '1997-01-01'), '2026-01-01')).toEqual([]);
  });
});

describe('scopeOf', () => {
  it('gives the district all its communes of every generation and the 2025 communes that replaced it', () => {
    const scope = graph.scopeOf(unitKey('066', '1997-01-01'));
    expect(scope.has(unitKey('02179', '1997-01-01'))).toBe(true);
    expect(scope.has(unitKey('02179', '2020-02-01'))).toBe(true);
    expect(scope.has(unitKey('02176', '2025-07-01'))).toBe(true);
    expect(scope.has(unitKey('19', '1997-01-01'))).toBe(false);
  });

  it('gives today’s commune the communes merged into it but not its neighbours', () => {
    const scope = graph.scopeOf(unitKey('02176', '2025-07-01'));
    expect(scope.has(unitKey('02179', '1997-01-01'))).toBe(true);
    expect(scope.has(unitKey('02170', '1997-01-01'))).toBe(true);
    expect(scope.has(unitKey('02185', '2025-07-01'))).toBe(false);
    expect(scope.has(unitKey('066', '1997-01-01'))).toBe(false);
  });

  it('does not give a unit that was merged into a larger one the larger one’s area', () => {
    const tranPhu2020 = graph.scopeOf(unitKey('02179', '2020-02-01'));
    expect(tranPhu2020.has(unitKey('02179', '1997-01-01'))).toBe(true);
    expect(tranPhu2020.has(unitKey('02176', '2025-07-01'))).toBe(false);
    expect(graph.scopeOf(unitKey('066', '1997-01-01')).has(unitKey('02155', '2025-07-01'))).toBe(true);
  });
});
