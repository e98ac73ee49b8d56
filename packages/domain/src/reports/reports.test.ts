import { describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_SETTINGS, periodOf, periodsUpTo, ReportSettingsConfig } from './periods.js';
import { diffFigures, sumFigures, unavailableTable, type ReportFigures } from './figures.js';
import { protectFigures, suppressMatrix } from './suppression.js';
import { PERSON_SEXES } from '../cases/identity.js';

describe('reporting periods', () => {
  it('follows the configured cut-off dates, the year starting the day after the previous cut-off', () => {
    expect(periodOf('2026-H1')).toMatchObject({ from: '2025-12-15', to: '2026-06-14' });
    expect(periodOf('2026-H2')).toMatchObject({ from: '2026-06-15', to: '2026-12-14' });
    expect(periodOf('2026-Y')).toMatchObject({ from: '2025-12-15', to: '2026-12-14' });
    const calendar = { ...DEFAULT_REPORT_SETTINGS, firstHalfCutOff: '06-30', yearCutOff: '12-31' };
    expect(periodOf('2024-H2', calendar)).toMatchObject({ from: '2024-07-01', to: '2024-12-31' });
    expect(periodOf('2024-Y', calendar)).toMatchObject({ from: '2024-01-01', to: '2024-12-31' });
  });

  it('names no period for a bad code or a year before the first', () => {
    for (const code of ['2026-H3', '2026-h1', '26-H1', '2016-Y', '']) expect(periodOf(code)).toBeNull();
  });

  it('lists the periods that have begun, newest first', () => {
    const list = periodsUpTo('2026-11-29').map((p) => p.code);
    expect(list.slice(0, 4)).toEqual(['2026-Y', '2026-H2', '2026-H1', '2025-Y']);
    expect(list).not.toContain('2027-H1');
    expect(list.at(-1)).toBe('2017-H1');
  });

  it('refuses a cut-off that does not exist every year or comes in the wrong order', () => {
    expect(ReportSettingsConfig.safeParse({ yearCutOff: '02-29' }).success).toBe(false);
    expect(ReportSettingsConfig.safeParse({ firstHalfCutOff: '12-20', yearCutOff: '12-14' }).success).toBe(false);
    expect(ReportSettingsConfig.safeParse({ firstHalfCutOff: '06-30', yearCutOff: '12-31', smallCellThreshold: 3 }).success).toBe(true);
  });
});

describe('small-cell suppression', () => {
  it('hides counts of 1–4 and, where a row or column would reveal one by subtraction, a second cell', () => {
    // Row 0: 3 is small; the smallest other non-zero cell of the row (6) is hidden too, else 20 − 11 − 6 = 3.
    const s = suppressMatrix([[3, 6, 11], [10, 12, 9]], 5);
    expect(s.hidden[0]).toEqual([true, true, false]);
    // Columns 0 and 1 now each have one hidden cell: a cell of row 1 is hidden in each.
    expect(s.hidden[1]?.[0] || s.rowHidden[0]).toBe(true);
    for (const line of [...s.hidden, s.hidden.map((r) => r[0]), s.hidden.map((r) => r[1]), s.hidden.map((r) => r[2])]) {
      expect(line.filter(Boolean).length).not.toBe(1);
    }
    expect(s.grandHidden).toBe(false);
  });

  it('hides the total when the only other cells are zero (the differencing case)', () => {
    const s = suppressMatrix([[2, 0, 0], [7, 8, 9]], 5);
    expect(s.hidden[0]).toEqual([true, false, false]);
    // Row 0's total equals the hidden 2: hidden. Column 0's total (9) would give 9 − 7 = 2: a second cell is hidden.
    expect(s.rowHidden[0]).toBe(true);
    const column0 = [s.hidden[0]?.[0], s.hidden[1]?.[0], s.colHidden[0]].filter(Boolean).length;
    expect(column0).toBeGreaterThanOrEqual(2);
    // The totals line: row totals [2 hidden, 24] and the grand total 26 would give 26 − 24 = 2.
    expect([s.rowHidden[0], s.rowHidden[1], s.grandHidden].filter(Boolean).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps zeros and large counts, and suppresses sensitive indicators only', () => {
    const figures: ReportFigures = {
      from: '2026-01-01', to: '2026-06-30',
      indicators: [
        { code: 'T1', available: true, numerator: 18, denominator: 20, value: 90 },
        { code: 'T2', available: false, numerator: null, denominator: null, value: null },
        { code: 'T3', available: true, numerator: 2, denominator: 3, value: 66.7 },
      ],
      tables: [{ key: 'cases_by_form', available: true, columns: ['cases', 'children'], rows: [{ key: 'physical', values: [12, 0] }, { key: 'all', values: [14, 3] }] }],
    };
    const p = protectFigures(figures, 5);
    // 20 − 18 = 2 victims not helped in time would be revealed.
    expect(p.indicators[0]).toMatchObject({ numerator: null, denominator: null, value: null, suppressed: true });
    expect(p.indicators[1]).toMatchObject({ available: false, suppressed: false });
    expect(p.indicators[2]).toMatchObject({ numerator: 2, denominator: 3, suppressed: false });
    const table = p.tables.find((t) => t.key === 'cases_by_form');
    expect(table?.rows.find((r) => r.key === 'physical')?.values).toEqual([12, 0]);
    expect(table?.rows.find((r) => r.key === 'all')?.values).toEqual([14, null]);
  });
});

describe('suppression across tables', () => {
  it('hides the children count when it would reveal the one hidden child age group by subtraction', () => {
    const sexes = (female: number, male: number) => [female, male, ...Array.from({ length: PERSON_SEXES.length - 2 }, () => 0)];
    const figures: ReportFigures = {
      from: '2026-01-01', to: '2026-06-30', indicators: [],
      tables: [
        { key: 'cases_by_form', available: true, columns: ['cases', 'children'], rows: [{ key: 'all', values: [31, 20] }] },
        {
          key: 'victims_by_sex_age', available: true, columns: [...PERSON_SEXES],
          rows: [{ key: '0_5', values: sexes(3, 0) }, { key: '6_15', values: sexes(8, 9) }, { key: '18_29', values: sexes(6, 5) }],
        },
      ],
    };
    const p = protectFigures(figures, 5);
    const victims = p.tables.find((t) => t.key === 'victims_by_sex_age');
    const total = (row: string) => victims?.rows.find((r) => r.key === row)?.total;
    // 0–5 (3) is hidden, 6–15 (17) is shown: 20 children − 17 would give 3.
    expect(total('0_5')).toBeNull();
    expect(total('6_15')).toBe(17);
    expect(p.tables.find((t) => t.key === 'cases_by_form')?.rows.find((r) => r.key === 'all')?.values).toEqual([31, null]);
  });
});

describe('figures', () => {
  const commune = (n: number, d: number, cases: number): ReportFigures => ({
    from: '2026-01-01', to: '2026-06-30',
    indicators: [{ code: 'T1', available: true, numerator: n, denominator: d, value: (n / d) * 100 }],
    tables: [{ key: 'cases_by_form', available: true, columns: ['cases', 'children'], rows: [{ key: 'all', values: [cases, 1] }] }, unavailableTable('trainings')],
  });

  it('sums commune figures cell by cell and recomputes the rate; an indicator missing anywhere is not available', () => {
    const sum = sumFigures([commune(1, 2, 2), commune(3, 3, 3)], '2026-01-01', '2026-06-30');
    expect(sum.indicators.find((i) => i.code === 'T1')).toEqual({ code: 'T1', available: true, numerator: 4, denominator: 5, value: 80 });
    expect(sum.indicators.find((i) => i.code === 'T2')?.available).toBe(false);
    expect(sum.tables.find((t) => t.key === 'cases_by_form')?.rows.find((r) => r.key === 'all')?.values).toEqual([5, 2]);
    expect(sum.tables.find((t) => t.key === 'trainings')?.available).toBe(false);
  });

  it('lists the differences between approved and current figures', () => {
    expect(diffFigures(commune(1, 2, 2), commune(1, 3, 3))).toEqual([
      { table: 'indicator', row: 'T1', column: 'denominator', approved: 2, current: 3 },
      { table: 'cases_by_form', row: 'all', column: 'cases', approved: 2, current: 3 },
    ]);
  });
});
