// Small-cell suppression for figures sent outside the district (DOMAIN.md §8, §10). Rule:
// 1. a count from 1 to threshold − 1 about survivors, perpetrators or measures is replaced by a marker
//    ("<5"); 0 is shown, since it says nothing about a person;
// 2. where a row or column of an additive table (with its total) then has exactly one hidden entry, the
//    smallest other non-zero entry of that line is hidden too (or the line's total if there is none), so
//    no hidden count can be worked out by subtraction; this repeats until no line has a single hidden entry;
// 3. an indicator about survivors or perpetrators is hidden when its numerator, denominator or their
//    difference is a small cell.
// T3–T5, trainings and activities count officials and residents reached, not people at risk: not suppressed.
import { REPORT_TABLE_KEYS, SENSITIVE_INDICATORS, TABLE_LAYOUT, type ReportFigures, type ReportTableKey } from './figures.js';

/** A protected cell: a number, or null where it is suppressed. */
export type ProtectedCell = number | null;

export interface ProtectedTable {
  key: ReportTableKey;
  available: boolean;
  columns: string[];
  rows: { key: string; values: ProtectedCell[]; total: ProtectedCell | undefined }[];
  /** Column totals and the grand total, for additive tables. */
  totals: { values: ProtectedCell[]; total: ProtectedCell } | undefined;
}

export interface ProtectedIndicator {
  code: string;
  available: boolean;
  numerator: ProtectedCell;
  denominator: ProtectedCell;
  value: ProtectedCell;
  suppressed: boolean;
}

export interface ProtectedFigures {
  from: string;
  to: string;
  threshold: number;
  indicators: ProtectedIndicator[];
  tables: ProtectedTable[];
}

const isSmall = (v: number, threshold: number) => v > 0 && v < threshold;

/**
 * Primary and complementary suppression of a matrix with row, column and grand totals. Returns which
 * entries are hidden: cells[i][j], rowTotals[i], colTotals[j], grand.
 */
export function suppressMatrix(matrix: readonly (readonly number[])[], threshold: number) {
  const rows = matrix.length;
  const cols = matrix[0]?.length ?? 0;
  const rowTotals = matrix.map((r) => r.reduce((a, b) => a + b, 0));
  const colTotals = Array.from({ length: cols }, (_, j) => matrix.reduce((a, r) => a + (r[j] ?? 0), 0));
  const grand = rowTotals.reduce((a, b) => a + b, 0);
  const hidden = matrix.map((r) => r.map((v) => isSmall(v, threshold)));
  const rowHidden = rowTotals.map((v) => isSmall(v, threshold));
  const colHidden = colTotals.map((v) => isSmall(v, threshold));
  let grandHidden = isSmall(grand, threshold);

  // A line is a list of entries that add up to its last entry (the total); each entry reads and sets a flag.
  type Entry = { value: number; get: () => boolean; set: () => void };
  const lines: Entry[][] = [];
  for (let i = 0; i < rows; i += 1) {
    lines.push([
      ...Array.from({ length: cols }, (_, j): Entry => ({ value: matrix[i]?.[j] ?? 0, get: () => hidden[i]?.[j] ?? false, set: () => { (hidden[i] as boolean[])[j] = true; } })),
      { value: rowTotals[i] ?? 0, get: () => rowHidden[i] ?? false, set: () => { rowHidden[i] = true; } },
    ]);
  }
  for (let j = 0; j < cols; j += 1) {
    lines.push([
      ...Array.from({ length: rows }, (_, i): Entry => ({ value: matrix[i]?.[j] ?? 0, get: () => hidden[i]?.[j] ?? false, set: () => { (hidden[i] as boolean[])[j] = true; } })),
      { value: colTotals[j] ?? 0, get: () => colHidden[j] ?? false, set: () => { colHidden[j] = true; } },
    ]);
  }
  lines.push([
    ...rowTotals.map((v, i): Entry => ({ value: v, get: () => rowHidden[i] ?? false, set: () => { rowHidden[i] = true; } })),
    { value: grand, get: () => grandHidden, set: () => { grandHidden = true; } },
  ]);
  lines.push([
    ...colTotals.map((v, j): Entry => ({ value: v, get: () => colHidden[j] ?? false, set: () => { colHidden[j] = true; } })),
    { value: grand, get: () => grandHidden, set: () => { grandHidden = true; } },
  ]);

  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter((e) => e.get()).length !== 1) continue;
      const parts = line.slice(0, -1).filter((e) => !e.get() && e.value > 0).sort((a, b) => a.value - b.value);
      const total = line[line.length - 1] as Entry;
      const next = parts[0] ?? (total.get() ? undefined : total);
      if (next) {
        next.set();
        changed = true;
      }
    }
  }
  return { hidden, rowHidden, colHidden, grandHidden, rowTotals, colTotals, grand };
}

export function protectFigures(figures: ReportFigures, threshold: number): ProtectedFigures {
  const indicators = figures.indicators.map((i): ProtectedIndicator => {
    const n = i.numerator ?? 0;
    const d = i.denominator ?? 0;
    const suppressed = i.available && SENSITIVE_INDICATORS.has(i.code) && (isSmall(n, threshold) || isSmall(d, threshold) || isSmall(d - n, threshold));
    return suppressed
      ? { code: i.code, available: true, numerator: null, denominator: null, value: null, suppressed }
      : { code: i.code, available: i.available, numerator: i.numerator, denominator: i.denominator, value: i.value, suppressed };
  });
  const tables = REPORT_TABLE_KEYS.map((key): ProtectedTable => {
    const table = figures.tables.find((t) => t.key === key);
    const layout = TABLE_LAYOUT[key];
    if (!table?.available) return { key, available: false, columns: [...layout.columns], rows: [], totals: undefined };
    const matrix = layout.rows.map((row) => layout.columns.map((_c, j) => table.rows.find((r) => r.key === row)?.values[j] ?? 0));
    if (!layout.sensitive) {
      return { key, available: true, columns: [...layout.columns], rows: layout.rows.map((row, i) => ({ key: row, values: matrix[i] as number[], total: undefined })), totals: undefined };
    }
    if (!layout.additive) {
      // No totals to subtract from: each cell stands alone.
      return {
        key, available: true, columns: [...layout.columns], totals: undefined,
        rows: layout.rows.map((row, i) => ({ key: row, values: (matrix[i] as number[]).map((v) => (isSmall(v, threshold) ? null : v)), total: undefined })),
      };
    }
    const s = suppressMatrix(matrix, threshold);
    return {
      key, available: true, columns: [...layout.columns],
      rows: layout.rows.map((row, i) => ({
        key: row,
        values: (matrix[i] as number[]).map((v, j) => (s.hidden[i]?.[j] ? null : v)),
        total: s.rowHidden[i] ? null : s.rowTotals[i],
      })),
      totals: { values: s.colTotals.map((v, j) => (s.colHidden[j] ? null : v)), total: s.grandHidden ? null : s.grand },
    };
  });
  hideChildrenIfDerivable(tables);
  return { from: figures.from, to: figures.to, threshold, indicators, tables };
}

const CHILD_AGE_ROWS = ['0_5', '6_15', '16_17'];

/**
 * Across tables: the "of which children" count of all cases is the sum of the child age groups' totals
 * of the victims table. If exactly one of those totals is hidden, the children count would give it away
 * by subtraction, so the children count is hidden too.
 */
function hideChildrenIfDerivable(tables: ProtectedTable[]): void {
  const victims = tables.find((t) => t.key === 'victims_by_sex_age');
  const cases = tables.find((t) => t.key === 'cases_by_form');
  if (!victims?.available || !cases?.available) return;
  const hiddenChildRows = victims.rows.filter((r) => CHILD_AGE_ROWS.includes(r.key) && r.total === null).length;
  const all = cases.rows.find((r) => r.key === 'all');
  const j = cases.columns.indexOf('children');
  if (hiddenChildRows === 1 && all && j >= 0) all.values[j] = null;
}
