// Reporting periods of DOMAIN.md §8: six-monthly and annual, with cut-off dates that are configuration
// (Decree 09/2019/NĐ-CP closes six-monthly figures on 14/6 and annual ones on 14/12, the day after the
// previous year's cut-off starting the next period; a district may use calendar halves instead).
import { z } from 'zod';

export const REPORT_PERIOD_KINDS = ['H1', 'H2', 'Y'] as const;
export type ReportPeriodKind = (typeof REPORT_PERIOD_KINDS)[number];

/** A month and day, MM-DD, that exists in every year (29/02 does not). */
const MonthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/).refine((value) => {
  const date = new Date(`2001-${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(5, 10) === value;
}, 'a day that exists in every year, MM-DD');

export const ReportSettingsConfig = z.strictObject({
  /** Last day of the first six-monthly period (MM-DD). */
  firstHalfCutOff: MonthDay.optional(),
  /** Last day of the year's period (MM-DD); the next year's periods start the day after. */
  yearCutOff: MonthDay.optional(),
  /** Counts from 1 up to this value minus one are suppressed in exports sent outside the district. */
  smallCellThreshold: z.number().int().min(2).max(100).optional(),
  /** The first year reports can be drafted for (Plan 85/KH-UBND began in 2017). */
  firstYear: z.number().int().min(2000).max(2100).optional(),
  /**
   * The first day without districts (yyyy-mm-dd): a period ending from then on goes from the commune to the
   * province, and the province consolidates; before it, commune → district → province.
   */
  districtsAbolishedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
}).refine((s) => s.firstHalfCutOff === undefined || s.yearCutOff === undefined || s.firstHalfCutOff < s.yearCutOff, {
  message: 'firstHalfCutOff must come before yearCutOff', path: ['firstHalfCutOff'],
});

export interface ReportSettings {
  firstHalfCutOff: string;
  yearCutOff: string;
  smallCellThreshold: number;
  firstYear: number;
  districtsAbolishedOn: string;
}

export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  firstHalfCutOff: '06-14', yearCutOff: '12-14', smallCellThreshold: 5, firstYear: 2017, districtsAbolishedOn: '2025-07-01',
};

export interface ReportPeriod {
  /** e.g. 2026-H1, 2026-H2, 2026-Y */
  code: string;
  kind: ReportPeriodKind;
  year: number;
  /** First and last day (inclusive), yyyy-mm-dd, in Vietnam time. */
  from: string;
  to: string;
}

export const PERIOD_CODE_PATTERN = /^(\d{4})-(H1|H2|Y)$/;

export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The period of a code, or null for a code that names no period (2026-H3, 1990-Y before firstYear). */
export function periodOf(code: string, settings: ReportSettings = DEFAULT_REPORT_SETTINGS): ReportPeriod | null {
  const match = PERIOD_CODE_PATTERN.exec(code);
  if (!match) return null;
  const year = Number(match[1]);
  const kind = match[2] as ReportPeriodKind;
  if (year < settings.firstYear || year > 2100) return null;
  const yearStart = dayAfter(`${year - 1}-${settings.yearCutOff}`);
  const firstHalfEnd = `${year}-${settings.firstHalfCutOff}`;
  const yearEnd = `${year}-${settings.yearCutOff}`;
  const [from, to] = kind === 'H1' ? [yearStart, firstHalfEnd] : kind === 'H2' ? [dayAfter(firstHalfEnd), yearEnd] : [yearStart, yearEnd];
  return { code, kind, year, from, to };
}

/** Periods that have begun by `today` (yyyy-mm-dd), newest first. */
export function periodsUpTo(today: string, settings: ReportSettings = DEFAULT_REPORT_SETTINGS): ReportPeriod[] {
  const result: ReportPeriod[] = [];
  const lastYear = Number(today.slice(0, 4)) + 1;
  for (let year = lastYear; year >= settings.firstYear; year -= 1) {
    for (const kind of ['Y', 'H2', 'H1'] as const) {
      const period = periodOf(`${year}-${kind}`, settings);
      if (period && period.from <= today) result.push(period);
    }
  }
  return result;
}

const PERIOD_NAMES: Record<ReportPeriodKind, { vi: string; en: string }> = {
  H1: { vi: '6 tháng đầu năm {year}', en: 'first half of {year}' },
  H2: { vi: '6 tháng cuối năm {year}', en: 'second half of {year}' },
  Y: { vi: 'năm {year}', en: 'year {year}' },
};

/** "6 tháng đầu năm 2026" / "first half of 2026". */
export function periodName(period: Pick<ReportPeriod, 'kind' | 'year'>, locale: 'vi' | 'en'): string {
  return PERIOD_NAMES[period.kind][locale].replace('{year}', String(period.year));
}
