import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UnitGraph, unitKey, unitsFromSeed, type UnitSeedFile } from '../admin-units.js';
import { breakdownUnits, communeHoldingAt, computeT4, computeT5, resolvePopulation, type PopulationFigureRecord, type ReachRecord } from './reach.js';

const seed = JSON.parse(readFileSync(new URL('../../data/admin-units-na-ri.json', import.meta.url), 'utf8')) as UnitSeedFile;
const { units, successions } = unitsFromSeed(seed, (key) => key);
const graph = new UnitGraph(units, successions);

const year2024 = { from: '2024-01-01', to: '2024-12-31' };
const line = (activityDate: string, group: ReachRecord['group'], female: number, male = 0, countingBasis: ReachRecord['countingBasis'] = 'new_people'): ReachRecord =>
  ({ activityDate, group, female, male, unknownSex: 0, countingBasis });

describe('computeT4 and computeT5', () => {
  it('says "no population figure" instead of dividing by zero or showing 0 %', () => {
    const t5 = computeT5([line('2024-03-01', 'residents', 40)], {}, year2024);
    expect(t5).toMatchObject({ status: 'no_population_figure', value: null, denominator: null, reached: 40, numerator: 0 });
    const zero = computeT5([], { residents: { total: 0, female: null, male: null } }, year2024);
    expect(zero).toMatchObject({ status: 'no_population_figure', value: null });
  });

  it('counts activities on the first and last day of the period and none outside it', () => {
    const records = [line('2023-12-31', 'residents', 7), line('2024-01-01', 'residents', 10), line('2024-12-31', 'residents', 15), line('2025-01-01', 'residents', 99)];
    const t5 = computeT5(records, { residents: { total: 100, female: 50, male: 50 } }, year2024);
    expect(t5).toMatchObject({ status: 'ok', numerator: 25, denominator: 100, value: 25, warnings: [] });
  });

  it('adds T4’s five groups over their population, leaves residents to T5, and lists groups without figures', () => {
    const records = [line('2024-05-01', 'students', 300, 280), line('2024-05-02', 'officials', 20, 30), line('2024-05-03', 'workers', 10), line('2024-05-03', 'residents', 500)];
    const t4 = computeT4(records, { students: { total: 1000, female: 500, male: 500 }, officials: { total: 100, female: 40, male: 60 } }, year2024);
    expect(t4.numerator).toBe(630);
    expect(t4.denominator).toBe(1100);
    expect(t4.value).toBeCloseTo(57.27, 2);
    expect(t4.reached).toBe(640);
    expect(t4.missingGroups).toEqual(['workers', 'employers', 'armed_forces']);
    expect(t4.warnings).toContain('population_missing_for_some_groups');
  });

  it('warns about repeat counting when one group is reached beyond its population, even if the total is not', () => {
    const records = [line('2024-05-01', 'students', 900), line('2024-05-02', 'officials', 10)];
    const t4 = computeT4(records, { students: { total: 800, female: null, male: null }, officials: { total: 1000, female: null, male: null } }, year2024);
    expect(t4.value).toBeCloseTo(50.56, 2);
    expect(t4.warnings).toContain('reach_exceeds_population');
    const under = computeT4([line('2024-05-01', 'students', 700)], { students: { total: 800, female: null, male: null } }, year2024);
    expect(under.warnings).not.toContain('reach_exceeds_population');
  });

  it('shows reach above the population with a warning about repeat counting, and the counting basis', () => {
    const records = [line('2024-06-01', 'residents', 80, 0, 'new_people'), line('2024-06-02', 'residents', 60, 0, 'including_repeat')];
    const t5 = computeT5(records, { residents: { total: 100, female: null, male: null } }, year2024);
    expect(t5.value).toBe(140);
    expect(t5.warnings).toEqual(['reach_exceeds_population', 'includes_repeat_attendees']);
    expect(t5.basis).toEqual({ newPeople: 80, includingRepeat: 60 });
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => computeT5([], {}, { from: '2024-02-01', to: '2024-01-01' })).toThrow(RangeError);
  });
});

describe('resolvePopulation across the mergers', () => {
  const huuThac = unitKey('02179', '1997-01-01');
  const haoNghia = unitKey('02182', '1997-01-01');
  const cuLe = unitKey('02176', '1997-01-01');
  const vanMinh = unitKey('02170', '1997-01-01');
  const tranPhu2020 = unitKey('02179', '2020-02-01');
  const tranPhu2025 = unitKey('02176', '2025-07-01');
  const fig = (unitId: string, year: number, total: number, female: number | null = null): PopulationFigureRecord =>
    ({ unitId, year, group: 'residents', total, female, male: female === null ? null : total - female });

  it('adds the 2018 communes that make up today’s Trần Phú, and has none while one is missing', () => {
    const figures = [fig(huuThac, 2018, 1000, 500), fig(haoNghia, 2018, 800, 400), fig(cuLe, 2018, 1200, 600)];
    const partial = resolvePopulation(graph, figures, tranPhu2025, 2018);
    expect(partial.byGroup.residents).toBeNull();
    expect(partial.missingUnits.residents).toEqual([vanMinh]);
    const all = resolvePopulation(graph, [...figures, fig(vanMinh, 2018, 1000, 480)], tranPhu2025, 2018);
    expect(all.byGroup.residents).toEqual({ total: 4000, female: 1980, male: 2020 });
  });

  it('prefers a figure entered for the unit itself and ignores other years', () => {
    const figures = [fig(tranPhu2020, 2022, 2100), fig(huuThac, 2022, 999), fig(tranPhu2020, 2021, 5)];
    expect(resolvePopulation(graph, figures, tranPhu2020, 2022).byGroup.residents).toEqual({ total: 2100, female: null, male: null });
  });

  it('uses January figures of the old communes in the year of the 2025 merger', () => {
    const figures = [fig(tranPhu2020, 2025, 2000), fig(cuLe, 2025, 1500), fig(vanMinh, 2025, 900)];
    expect(resolvePopulation(graph, figures, tranPhu2025, 2025).byGroup.residents?.total).toBe(4400);
  });

  it('maps an activity of Hữu Thác in 2018 to Trần Phú in today’s units and keeps it in Hữu Thác in 2018’s', () => {
    expect(communeHoldingAt(graph, huuThac, '2026-01-01')).toBe(tranPhu2025);
    expect(communeHoldingAt(graph, huuThac, '2018-12-31')).toBe(huuThac);
    expect(breakdownUnits(graph, tranPhu2025, '2018-12-31').map((u) => u.name).sort()).toEqual(['Cư Lễ', 'Hảo Nghĩa', 'Hữu Thác', 'Văn Minh']);
    expect(breakdownUnits(graph, unitKey('066', '1997-01-01'), '2026-01-01')).toHaveLength(6);
  });
});
