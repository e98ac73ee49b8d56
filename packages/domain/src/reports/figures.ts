// The figures of a periodic report (DOMAIN.md §8): indicator values with numerator and denominator, and
// count tables. Figures are data (codes, not labels), so a snapshot taken at approval is rendered in any
// language later and commune snapshots add up into the district's report.
import { z } from 'zod';
import { AGE_GROUPS } from '../cases/views.js';
import { PERSON_SEXES, PERSON_SEX_LABELS } from '../cases/identity.js';
import { PROTECTION_MEASURE_LABELS, PROTECTION_MEASURE_TYPES } from '../cases/life-cycle.js';
import { VIOLENCE_FORMS, VIOLENCE_FORM_LABELS } from '../cases/violence.js';
import { T2_HANDLING_KINDS } from '../perpetrators/rules.js';
import { PERPETRATOR_MEASURE_LABELS } from '../perpetrators/schemas.js';

export const REPORT_INDICATORS = ['T1', 'T2', 'T3', 'T4', 'T5'] as const;

export const REPORT_TABLE_KEYS = ['cases_by_form', 'victims_by_sex_age', 'measures', 'perpetrators', 'perpetrator_handling', 'trainings', 'activities'] as const;
export type ReportTableKey = (typeof REPORT_TABLE_KEYS)[number];

export const IndicatorFigure = z.object({
  code: z.string(),
  /** False when the module that records it has not landed or has no data source: shown as "not available", never 0. */
  available: z.boolean(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** Percent; null when the denominator is 0 or the indicator is not available. */
  value: z.number().nullable(),
});
export type IndicatorFigure = z.infer<typeof IndicatorFigure>;

export const FigureTable = z.object({
  key: z.enum(REPORT_TABLE_KEYS),
  available: z.boolean(),
  columns: z.array(z.string()),
  rows: z.array(z.object({ key: z.string(), values: z.array(z.number()) })),
});
export type FigureTable = z.infer<typeof FigureTable>;

export const ReportFigures = z.object({
  from: z.string(),
  to: z.string(),
  indicators: z.array(IndicatorFigure),
  tables: z.array(FigureTable),
});
export type ReportFigures = z.infer<typeof ReportFigures>;

/** How each table is laid out: its rows and columns, whether rows add up, and whether it counts people at risk. */
export const TABLE_LAYOUT: Readonly<Record<ReportTableKey, { rows: readonly string[]; columns: readonly string[]; additive: boolean; sensitive: boolean }>> = {
  // A case can involve several forms, so the rows do not add up to the "all cases" row.
  cases_by_form: { rows: [...VIOLENCE_FORMS, 'all'], columns: ['cases', 'children'], additive: false, sensitive: true },
  victims_by_sex_age: { rows: AGE_GROUPS, columns: PERSON_SEXES, additive: true, sensitive: true },
  measures: { rows: PROTECTION_MEASURE_TYPES, columns: ['applied', 'breached'], additive: false, sensitive: true },
  // Perpetrators identified in the period: handled (counselled or a measure) or not, by sex; the rows partition them.
  perpetrators: { rows: ['handled', 'not_handled'], columns: PERSON_SEXES, additive: true, sensitive: true },
  // One person may be counselled and sanctioned: the rows do not add up.
  perpetrator_handling: { rows: T2_HANDLING_KINDS, columns: ['count'], additive: false, sensitive: true },
  trainings: { rows: ['courses', 'participants', 'focal_points_trained'], columns: ['count'], additive: false, sensitive: false },
  activities: { rows: ['activities', 'people_reached'], columns: ['count'], additive: false, sensitive: false },
};

/** Indicators about survivors and perpetrators are small-cell sensitive; T3–T5 count officials and residents reached. */
export const SENSITIVE_INDICATORS: ReadonlySet<string> = new Set(['T1', 'T2']);

/** A table that is not available: its shape, no counts. */
export function unavailableTable(key: ReportTableKey): FigureTable {
  return { key, available: false, columns: [...TABLE_LAYOUT[key].columns], rows: [] };
}

function percent(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : (numerator / denominator) * 100;
}

/** The district's figures: the sum of its communes' approved figures, cell by cell. */
export function sumFigures(parts: readonly ReportFigures[], from: string, to: string): ReportFigures {
  const indicators = REPORT_INDICATORS.map((code): IndicatorFigure => {
    const found = parts.map((p) => p.indicators.find((i) => i.code === code));
    const available = found.length > 0 && found.every((i) => i?.available === true);
    if (!available) return { code, available: false, numerator: null, denominator: null, value: null };
    const numerator = found.reduce((s, i) => s + (i?.numerator ?? 0), 0);
    const denominator = found.reduce((s, i) => s + (i?.denominator ?? 0), 0);
    return { code, available, numerator, denominator, value: percent(numerator, denominator) };
  });
  const tables = REPORT_TABLE_KEYS.map((key): FigureTable => {
    const found = parts.map((p) => p.tables.find((t) => t.key === key));
    if (found.length === 0 || !found.every((t) => t?.available === true)) return unavailableTable(key);
    const layout = TABLE_LAYOUT[key];
    return {
      key, available: true, columns: [...layout.columns],
      rows: layout.rows.map((row) => ({
        key: row,
        values: layout.columns.map((_c, j) => found.reduce((s, t) => s + (t?.rows.find((r) => r.key === row)?.values[j] ?? 0), 0)),
      })),
    };
  });
  return { from, to, indicators, tables };
}

export interface FigureChange {
  /** 'indicator' or a table key. */
  table: string;
  /** Indicator code or row key. */
  row: string;
  /** 'numerator' | 'denominator' for indicators, a column key for tables. */
  column: string;
  approved: number | null;
  current: number | null;
}

/** Where the current figures differ from the approved ones: the corrections to show beside a locked report. */
export function diffFigures(approved: ReportFigures, current: ReportFigures): FigureChange[] {
  const changes: FigureChange[] = [];
  for (const a of approved.indicators) {
    const c = current.indicators.find((i) => i.code === a.code);
    for (const column of ['numerator', 'denominator'] as const) {
      const before = a[column];
      const after = c?.[column] ?? null;
      if (before !== after) changes.push({ table: 'indicator', row: a.code, column, approved: before, current: after });
    }
  }
  for (const a of approved.tables) {
    const c = current.tables.find((t) => t.key === a.key);
    const rows = new Set([...a.rows.map((r) => r.key), ...(c?.rows.map((r) => r.key) ?? [])]);
    for (const row of rows) {
      a.columns.forEach((column, j) => {
        const before = a.available ? a.rows.find((r) => r.key === row)?.values[j] ?? 0 : null;
        const after = c?.available ? c.rows.find((r) => r.key === row)?.values[j] ?? 0 : null;
        if (before !== after) changes.push({ table: a.key, row, column, approved: before, current: after });
      });
    }
  }
  return changes;
}

type Labels = Record<string, { vi: string; en: string }>;

const TABLE_TITLES: Record<ReportTableKey, { vi: string; en: string }> = {
  cases_by_form: { vi: 'Số vụ việc theo hình thức bạo lực', en: 'Cases by form of violence' },
  victims_by_sex_age: { vi: 'Người bị bạo lực theo giới tính và nhóm tuổi', en: 'Victims by sex and age group' },
  measures: { vi: 'Biện pháp ngăn chặn, bảo vệ đã áp dụng', en: 'Protection measures applied' },
  perpetrators: { vi: 'Người gây bạo lực theo giới tính', en: 'Perpetrators by sex' },
  perpetrator_handling: { vi: 'Người gây bạo lực theo hình thức tư vấn, xử lý', en: 'Perpetrators by counselling and measure' },
  trainings: { vi: 'Tập huấn', en: 'Training' },
  activities: { vi: 'Hoạt động truyền thông', en: 'Communication activities' },
};

const AGE_GROUP_LABELS: Labels = {
  '0_5': { vi: '0–5 tuổi', en: '0–5 years' },
  '6_15': { vi: '6–15 tuổi', en: '6–15 years' },
  '16_17': { vi: '16–17 tuổi', en: '16–17 years' },
  '18_29': { vi: '18–29 tuổi', en: '18–29 years' },
  '30_44': { vi: '30–44 tuổi', en: '30–44 years' },
  '45_59': { vi: '45–59 tuổi', en: '45–59 years' },
  '60_plus': { vi: 'Từ 60 tuổi', en: '60 and over' },
  unknown: { vi: 'Không rõ tuổi', en: 'Age unknown' },
};

const ROW_LABELS: Record<ReportTableKey, Labels> = {
  cases_by_form: { ...VIOLENCE_FORM_LABELS, all: { vi: 'Tổng số vụ việc', en: 'All cases' } },
  victims_by_sex_age: AGE_GROUP_LABELS,
  measures: Object.fromEntries(PROTECTION_MEASURE_TYPES.map((t) => [t, { vi: `${PROTECTION_MEASURE_LABELS[t].point}) ${PROTECTION_MEASURE_LABELS[t].vi}`, en: `${PROTECTION_MEASURE_LABELS[t].point}) ${PROTECTION_MEASURE_LABELS[t].en}` }])),
  perpetrators: {
    handled: { vi: 'Đã được tư vấn hoặc có hình thức xử lý', en: 'Counselled or handled' },
    not_handled: { vi: 'Chưa được tư vấn, xử lý', en: 'Not yet counselled or handled' },
  },
  perpetrator_handling: { counselling: { vi: 'Tư vấn', en: 'Counselling' }, ...PERPETRATOR_MEASURE_LABELS },
  trainings: {
    courses: { vi: 'Số lớp tập huấn', en: 'Training courses' },
    participants: { vi: 'Số lượt người tham dự', en: 'Participants' },
    focal_points_trained: { vi: 'Cán bộ kiêm nhiệm bình đẳng giới được tập huấn', en: 'Gender-equality focal points trained' },
  },
  activities: {
    activities: { vi: 'Số hoạt động truyền thông', en: 'Communication activities' },
    people_reached: { vi: 'Số lượt người được truyền thông', en: 'People reached' },
  },
};

const COLUMN_LABELS: Labels = {
  cases: { vi: 'Số vụ', en: 'Cases' },
  children: { vi: 'Trong đó trẻ em', en: 'Of which children' },
  applied: { vi: 'Đã áp dụng', en: 'Applied' },
  breached: { vi: 'Bị vi phạm', en: 'Breached' },
  count: { vi: 'Số lượng', en: 'Number' },
  ...PERSON_SEX_LABELS,
};

const INDICATOR_LABELS: Labels = {
  T1: { vi: 'Nạn nhân được phát hiện, hỗ trợ và can thiệp kịp thời', en: 'Victims detected, supported and intervened for in time' },
  T2: { vi: 'Người gây bạo lực được phát hiện, tư vấn hoặc có hình thức xử lý phù hợp', en: 'Perpetrators detected, counselled or handled' },
  T3: { vi: 'Cán bộ kiêm nhiệm công tác bình đẳng giới được tập huấn', en: 'Gender-equality focal points trained' },
  T4: { vi: 'Cán bộ, công chức, viên chức, người lao động, học sinh được truyền thông', en: 'Officials, workers and students reached' },
  T5: { vi: 'Người dân tại cộng đồng được phổ biến, truyền thông', en: 'Community residents reached' },
};

export function reportTableTitle(key: ReportTableKey, locale: 'vi' | 'en'): string {
  return TABLE_TITLES[key][locale];
}
export function reportRowLabel(key: ReportTableKey, row: string, locale: 'vi' | 'en'): string {
  return ROW_LABELS[key][row]?.[locale] ?? row;
}
export function reportColumnLabel(column: string, locale: 'vi' | 'en'): string {
  return COLUMN_LABELS[column]?.[locale] ?? column;
}
export function reportIndicatorLabel(code: string, locale: 'vi' | 'en'): string {
  return INDICATOR_LABELS[code]?.[locale] ?? code;
}
