// Reading one row of the activity workbook: every cell checked, every problem reported with its column
// and a reason a person understands. Pure: the server reads the workbook and resolves units; this file
// decides what a row means.
import { foldVietnamese, toNfc } from '../text.js';
import type { BilingualLabel } from '../cases/labels.js';
import type { Locale } from '../i18n/errors.js';
import {
  AUDIENCE_GROUP_LABELS, COUNTING_BASIS_LABELS, OUTREACH_CAMPAIGN_LABELS, OUTREACH_FORMAT_LABELS, OUTREACH_LANGUAGE_LABELS,
  type AudienceGroup, type CountingBasis, type OutreachCampaign, type OutreachFormat, type OutreachLanguage,
} from './codes.js';
import { outreachMessage, type OutreachMessageKey } from './messages.js';

/** A cell as the workbook reader hands it over. */
export type CellValue = string | number | boolean | Date | null;

/** The columns of the activity template, in order. Headers are what the template prints. */
export const ACTIVITY_IMPORT_COLUMNS = [
  { key: 'date', letter: 'A', header: { vi: 'Ngày (dd/mm/yyyy)', en: 'Date (dd/mm/yyyy)' }, width: 14 },
  { key: 'unitCode', letter: 'B', header: { vi: 'Mã đơn vị', en: 'Unit code' }, width: 12 },
  { key: 'village', letter: 'C', header: { vi: 'Thôn, bản', en: 'Village' }, width: 16 },
  { key: 'format', letter: 'D', header: { vi: 'Hình thức', en: 'Format' }, width: 30 },
  { key: 'topic', letter: 'E', header: { vi: 'Chủ đề', en: 'Topic' }, width: 36 },
  { key: 'language', letter: 'F', header: { vi: 'Ngôn ngữ', en: 'Language' }, width: 14 },
  { key: 'campaign', letter: 'G', header: { vi: 'Chiến dịch', en: 'Campaign' }, width: 30 },
  { key: 'materials', letter: 'H', header: { vi: 'Tài liệu và số lượng', en: 'Materials and quantities' }, width: 28 },
  { key: 'group', letter: 'I', header: { vi: 'Nhóm đối tượng', en: 'Audience group' }, width: 30 },
  { key: 'female', letter: 'J', header: { vi: 'Số nữ', en: 'Women' }, width: 9 },
  { key: 'male', letter: 'K', header: { vi: 'Số nam', en: 'Men' }, width: 9 },
  { key: 'unknownSex', letter: 'L', header: { vi: 'Không rõ giới tính', en: 'Sex not noted' }, width: 12 },
  { key: 'basis', letter: 'M', header: { vi: 'Cách đếm', en: 'Counting basis' }, width: 22 },
  { key: 'activityCode', letter: 'N', header: { vi: 'Mã hoạt động (nếu nhiều dòng)', en: 'Activity code (several rows)' }, width: 16 },
  { key: 'note', letter: 'O', header: { vi: 'Ghi chú', en: 'Note' }, width: 30 },
] as const;

export type ActivityImportColumn = (typeof ACTIVITY_IMPORT_COLUMNS)[number]['key'];

/** Short values the workbook accepts besides the full labels (what people type in a hurry). */
const SHORT_BASIS: Record<string, CountingBasis> = { 'nguoi moi': 'new_people', moi: 'new_people', 'lap lai': 'including_repeat', 'co lap lai': 'including_repeat', 'co nguoi tham du lap lai': 'including_repeat' };

/** Short names of groups, for cells typed by hand. */
const SHORT_GROUPS: Record<string, AudienceGroup> = {
  'can bo': 'officials', 'can bo cong chuc vien chuc': 'officials', 'nguoi lao dong': 'workers', 'nguoi su dung lao dong': 'employers',
  'luc luong vu trang': 'armed_forces', 'hoc sinh': 'students', 'nguoi dan': 'residents', 'nguoi dan tai cong dong': 'residents',
};

const SHORT_LANGUAGES: Record<string, OutreachLanguage> = { viet: 'vi', 'tieng viet': 'vi', tay: 'tay', nung: 'nung', dao: 'dao', mong: 'mong', hmong: 'mong', khac: 'other' };

function lookup<C extends string>(labels: Readonly<Record<C, BilingualLabel>>, extra: Record<string, C>, value: string): C | null {
  const folded = foldVietnamese(value);
  for (const code of Object.keys(labels) as C[]) {
    const label = labels[code];
    if (foldVietnamese(label.vi) === folded || foldVietnamese(label.en) === folded || code === value.trim()) return code;
  }
  return extra[folded] ?? null;
}

export const lookupFormat = (value: string): OutreachFormat | null => lookup(OUTREACH_FORMAT_LABELS, {}, value);
export const lookupLanguage = (value: string): OutreachLanguage | null => lookup(OUTREACH_LANGUAGE_LABELS, SHORT_LANGUAGES, value);
export const lookupCampaign = (value: string): OutreachCampaign | null => lookup(OUTREACH_CAMPAIGN_LABELS, {}, value);
export const lookupGroup = (value: string): AudienceGroup | null => lookup(AUDIENCE_GROUP_LABELS, SHORT_GROUPS, value);
export const lookupBasis = (value: string): CountingBasis | null => lookup(COUNTING_BASIS_LABELS, SHORT_BASIS, value);

/** Text of a cell, trimmed; numbers written as numbers. */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return formatVnDate(value.toISOString().slice(0, 10));
  return toNfc(String(value)).trim();
}

function formatVnDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso);
}

/**
 * A calendar date (yyyy-mm-dd) from a cell: an Excel date (read as UTC midnight), dd/mm/yyyy,
 * d/m/yyyy, dd-mm-yyyy or yyyy-mm-dd. Null when it cannot be read or does not exist.
 */
export function parseCellDate(value: CellValue): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    // Excel stores a date without a zone; the reader gives midnight UTC of that day (plus rounding).
    return new Date(value.getTime() + 12 * 3_600_000).toISOString().slice(0, 10);
  }
  if (typeof value === 'number') {
    // A date cell without its date format: days since 30/12/1899.
    if (!Number.isInteger(value) || value < 20000 || value > 80000) return null;
    return new Date(Date.UTC(1899, 11, 30) + value * 86_400_000).toISOString().slice(0, 10);
  }
  const text = cellText(value);
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (m) {
    const iso = `${m[3]}-${(m[2] as string).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}`;
    return isRealDate(iso) ? iso : null;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return isRealDate(text) ? text : null;
  return null;
}

export type CountParse = { ok: true; value: number } | { ok: false; key: OutreachMessageKey };

/** A head count from a cell: empty is 0; "1.200" (Vietnamese thousands) is 1200; negatives and fractions are refused. */
export function parseCount(value: CellValue): CountParse {
  if (value === null || value === '') return { ok: true, value: 0 };
  let n: number;
  if (typeof value === 'number') n = value;
  else {
    const text = cellText(value).replace(/\s/g, '');
    if (text === '') return { ok: true, value: 0 };
    if (!/^-?\d{1,3}(\.\d{3})+$|^-?\d+$/.test(text)) return { ok: false, key: 'count_not_number' };
    n = Number(text.replace(/\./g, ''));
  }
  if (!Number.isFinite(n) || !Number.isInteger(n)) return { ok: false, key: 'count_not_number' };
  if (n < 0) return { ok: false, key: 'count_negative' };
  if (n > 1_000_000) return { ok: false, key: 'count_too_large' };
  return { ok: true, value: n };
}

/** "Tờ rơi: 200; Áp phích: 10" → lines; a name without a quantity counts as 0. Null when unreadable. */
export function parseMaterials(text: string): Array<{ name: string; quantity: number }> | null {
  if (text === '') return [];
  const lines: Array<{ name: string; quantity: number }> = [];
  for (const part of text.split(/[;\n]/).map((p) => p.trim()).filter((p) => p !== '')) {
    const m = /^(.+?)\s*[:：]\s*(\d[\d.]*)\s*$/.exec(part);
    const name = (m ? m[1] : part)?.trim() ?? '';
    if (name === '' || name.length > 200) return null;
    const quantity = m ? Number((m[2] as string).replace(/\./g, '')) : 0;
    if (!Number.isInteger(quantity) || quantity > 10_000_000) return null;
    lines.push({ name, quantity });
  }
  return lines.length > 20 ? null : lines;
}

/** What the row reader needs from the database, resolved by the server. */
export interface RowContext {
  year: number;
  /** Today in Vietnam, yyyy-mm-dd. */
  today: string;
  locale: Locale;
  /** The unit with this code on this date, or why there is none. */
  resolveUnit(code: string, date: string): { unitId: string } | { problem: 'unit_unknown' | 'unit_out_of_scope' };
  /** The village of the unit with this name; null when there is none. */
  resolveVillage(unitId: string, name: string): string | null;
}

export interface ParsedActivityRow {
  row: number;
  activityCode: string | null;
  activityDate: string;
  unitId: string;
  villageId: string | null;
  format: OutreachFormat;
  topic: string;
  language: OutreachLanguage;
  campaign: OutreachCampaign | null;
  materials: Array<{ name: string; quantity: number }>;
  group: AudienceGroup;
  female: number;
  male: number;
  unknownSex: number;
  countingBasis: CountingBasis;
  note: string | null;
}

export interface RowIssue {
  row: number;
  column: string;
  message: string;
}

/** Read one data row (cells in template order). Row numbers are the workbook's, header included. */
export function readActivityRow(cells: readonly CellValue[], row: number, ctx: RowContext): { ok: true; value: ParsedActivityRow } | { ok: false; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const col = (key: ActivityImportColumn) => ACTIVITY_IMPORT_COLUMNS.findIndex((c) => c.key === key);
  const raw = (key: ActivityImportColumn): CellValue => cells[col(key)] ?? null;
  const text = (key: ActivityImportColumn) => cellText(raw(key));
  const problem = (key: ActivityImportColumn, messageKey: OutreachMessageKey, values: Record<string, string | number> = {}) => {
    const column = ACTIVITY_IMPORT_COLUMNS[col(key)];
    issues.push({ row, column: `${column?.letter ?? ''} (${column?.header[ctx.locale] ?? key})`, message: outreachMessage(ctx.locale, messageKey, values) });
  };
  const required = (key: ActivityImportColumn): string | null => {
    const value = text(key);
    if (value === '') {
      problem(key, 'cell_required');
      return null;
    }
    return value;
  };

  let activityDate: string | null = null;
  if (text('date') === '') problem('date', 'cell_required');
  else {
    activityDate = parseCellDate(raw('date'));
    if (activityDate === null) problem('date', 'date_unreadable', { value: text('date') });
    else if (Number(activityDate.slice(0, 4)) !== ctx.year) {
      problem('date', 'date_outside_year', { value: formatVnDate(activityDate), year: ctx.year });
      activityDate = null;
    } else if (activityDate > ctx.today) {
      problem('date', 'date_future', { value: formatVnDate(activityDate) });
      activityDate = null;
    }
  }

  let unitId: string | null = null;
  const unitCode = required('unitCode');
  if (unitCode !== null && activityDate !== null) {
    const resolved = ctx.resolveUnit(unitCode, activityDate);
    if ('problem' in resolved) problem('unitCode', resolved.problem, { value: unitCode });
    else unitId = resolved.unitId;
  }
  let villageId: string | null = null;
  const village = text('village');
  if (village !== '' && unitId !== null) {
    villageId = ctx.resolveVillage(unitId, village);
    if (villageId === null) problem('village', 'village_unknown', { value: village });
  }

  const pick = <C>(key: ActivityImportColumn, find: (v: string) => C | null, unknown: OutreachMessageKey, isRequired: boolean): C | null => {
    const value = isRequired ? required(key) : text(key) || null;
    if (value === null) return null;
    const code = find(value);
    if (code === null) problem(key, unknown, { value });
    return code;
  };
  const format = pick('format', lookupFormat, 'format_unknown', true);
  const language = pick('language', lookupLanguage, 'language_unknown', true);
  const campaign = pick('campaign', lookupCampaign, 'campaign_unknown', false);
  const group = pick('group', lookupGroup, 'group_unknown', true);
  const countingBasis = pick('basis', lookupBasis, 'basis_unknown', true);

  const topic = required('topic');
  if (topic !== null && topic.length > 300) problem('topic', 'text_too_long', { max: 300 });
  const note = text('note');
  if (note.length > 2000) problem('note', 'text_too_long', { max: 2000 });
  const activityCode = text('activityCode');
  if (activityCode.length > 50) problem('activityCode', 'text_too_long', { max: 50 });
  const materials = parseMaterials(text('materials'));
  if (materials === null) problem('materials', 'materials_unreadable', { value: text('materials').slice(0, 60) });

  const counts = (['female', 'male', 'unknownSex'] as const).map((key) => {
    const parsed = parseCount(raw(key));
    if (!parsed.ok) {
      problem(key, parsed.key, { value: text(key) });
      return null;
    }
    return parsed.value;
  });
  const [female, male, unknownSex] = counts;
  if (female != null && male != null && unknownSex != null && female + male + unknownSex === 0) problem('female', 'audience_zero');

  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      row, activityCode: activityCode || null, activityDate: activityDate as string, unitId: unitId as string, villageId,
      format: format as OutreachFormat, topic: topic as string, language: language as OutreachLanguage, campaign,
      materials: materials ?? [], group: group as AudienceGroup, female: female as number, male: male as number,
      unknownSex: unknownSex as number, countingBasis: countingBasis as CountingBasis, note: note || null,
    },
  };
}

/** An activity assembled from one row, or from the rows sharing an activity code. */
export interface ImportedActivity {
  rows: number[];
  activityDate: string;
  unitId: string;
  villageId: string | null;
  format: OutreachFormat;
  topic: string;
  language: OutreachLanguage;
  campaign: OutreachCampaign | null;
  materials: Array<{ name: string; quantity: number }>;
  countingBasis: CountingBasis;
  note: string | null;
  audiences: Array<{ group: AudienceGroup; female: number; male: number; unknownSex: number }>;
}

/**
 * Group valid rows into activities. Rows sharing an activity code must agree on the activity's fields
 * and name each group once; a row that does not is rejected (the first row of the code stays).
 */
export function groupActivityRows(rows: readonly ParsedActivityRow[], locale: Locale): { activities: ImportedActivity[]; issues: RowIssue[] } {
  const activities: ImportedActivity[] = [];
  const byCode = new Map<string, ImportedActivity>();
  const issues: RowIssue[] = [];
  const codeColumn = ACTIVITY_IMPORT_COLUMNS.find((c) => c.key === 'activityCode') as (typeof ACTIVITY_IMPORT_COLUMNS)[number];
  const groupColumn = ACTIVITY_IMPORT_COLUMNS.find((c) => c.key === 'group') as (typeof ACTIVITY_IMPORT_COLUMNS)[number];
  for (const r of rows) {
    const audience = { group: r.group, female: r.female, male: r.male, unknownSex: r.unknownSex };
    const existing = r.activityCode === null ? undefined : byCode.get(foldVietnamese(r.activityCode));
    if (!existing) {
      const activity: ImportedActivity = {
        rows: [r.row], activityDate: r.activityDate, unitId: r.unitId, villageId: r.villageId, format: r.format, topic: r.topic,
        language: r.language, campaign: r.campaign, materials: r.materials, countingBasis: r.countingBasis, note: r.note, audiences: [audience],
      };
      activities.push(activity);
      if (r.activityCode !== null) byCode.set(foldVietnamese(r.activityCode), activity);
      continue;
    }
    const first = existing.rows[0] as number;
    const same = existing.activityDate === r.activityDate && existing.unitId === r.unitId && existing.format === r.format
      && existing.topic === r.topic && existing.language === r.language && existing.countingBasis === r.countingBasis;
    if (!same) {
      issues.push({ row: r.row, column: `${codeColumn.letter} (${codeColumn.header[locale]})`, message: outreachMessage(locale, 'activity_rows_differ', { value: first }) });
      continue;
    }
    if (existing.audiences.some((a) => a.group === r.group)) {
      issues.push({ row: r.row, column: `${groupColumn.letter} (${groupColumn.header[locale]})`, message: outreachMessage(locale, 'group_repeated_in_activity', { value: first }) });
      continue;
    }
    existing.rows.push(r.row);
    existing.audiences.push(audience);
  }
  return { activities, issues };
}
