// Excel workbooks of the outreach module (exceljs): the Vietnamese import templates, reading the first
// sheet's rows as plain cell values, and the export of the activity list.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  ACTIVITY_IMPORT_COLUMNS, AUDIENCE_GROUPS, AUDIENCE_GROUP_LABELS, COUNTING_BASIS_LABELS, OUTREACH_CAMPAIGN_LABELS, OUTREACH_FORMAT_LABELS,
  OUTREACH_LANGUAGE_LABELS, type AdminUnit, type CellValue, type Locale,
} from '@binhan/domain';
import { Invalid } from '../../http/errors.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_IMPORT_ROWS = 200_000;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCEBFA' } };

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = { bottom: { style: 'thin' } };
  });
  row.height = 32;
}

function listSheet(wb: ExcelJS.Workbook, locale: Locale): Record<string, string> {
  const sheet = wb.addWorksheet(locale === 'vi' ? 'Danh mục' : 'Lists');
  const lists: Array<[string, string[]]> = [
    [locale === 'vi' ? 'Hình thức' : 'Format', Object.values(OUTREACH_FORMAT_LABELS).map((l) => l[locale])],
    [locale === 'vi' ? 'Ngôn ngữ' : 'Language', Object.values(OUTREACH_LANGUAGE_LABELS).map((l) => l[locale])],
    [locale === 'vi' ? 'Chiến dịch' : 'Campaign', Object.values(OUTREACH_CAMPAIGN_LABELS).map((l) => l[locale])],
    [locale === 'vi' ? 'Nhóm đối tượng' : 'Audience group', Object.values(AUDIENCE_GROUP_LABELS).map((l) => l[locale])],
    [locale === 'vi' ? 'Cách đếm' : 'Counting basis', Object.values(COUNTING_BASIS_LABELS).map((l) => l[locale])],
  ];
  const ranges: Record<string, string> = {};
  lists.forEach(([title, values], index) => {
    const column = sheet.getColumn(index + 1);
    column.width = 48;
    sheet.getCell(1, index + 1).value = title;
    values.forEach((value, i) => { sheet.getCell(i + 2, index + 1).value = value; });
    const letter = column.letter;
    ranges[['format', 'language', 'campaign', 'group', 'basis'][index] as string] = `'${sheet.name}'!$${letter}$2:$${letter}$${values.length + 1}`;
  });
  styleHeader(sheet.getRow(1));
  return ranges;
}

/** The activity template: a data sheet with drop-down lists, the lists, the units of the year and a guide. */
export async function activityTemplate(locale: Locale, year: number, units: readonly AdminUnit[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bình An';
  const sheet = wb.addWorksheet(locale === 'vi' ? 'Hoạt động' : 'Activities', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ACTIVITY_IMPORT_COLUMNS.map((c) => ({ header: c.header[locale], key: c.key, width: c.width }));
  styleHeader(sheet.getRow(1));
  const ranges = listSheet(wb, locale);
  const lastRow = 5001;
  sheet.getColumn('date').numFmt = 'dd/mm/yyyy';
  for (const c of ACTIVITY_IMPORT_COLUMNS) {
    const range = ranges[c.key];
    if (range !== undefined) {
      (sheet as unknown as { dataValidations: { add(ref: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${c.letter}2:${c.letter}${lastRow}`, {
        type: 'list', allowBlank: c.key === 'campaign', formulae: [range], showErrorMessage: false,
      });
    }
  }
  const unitSheet = wb.addWorksheet(locale === 'vi' ? `Đơn vị năm ${year}` : `Units in ${year}`);
  unitSheet.columns = [
    { header: locale === 'vi' ? 'Mã đơn vị' : 'Unit code', width: 12 },
    { header: locale === 'vi' ? 'Tên đơn vị' : 'Unit name', width: 28 },
    { header: locale === 'vi' ? 'Hiệu lực từ' : 'Valid from', width: 14 },
    { header: locale === 'vi' ? 'Hiệu lực đến' : 'Valid to', width: 14 },
  ];
  styleHeader(unitSheet.getRow(1));
  const vn = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
  for (const u of units) unitSheet.addRow([u.code, u.name, vn(u.validFrom), vn(u.validTo)]);

  const guide = wb.addWorksheet(locale === 'vi' ? 'Hướng dẫn' : 'Guide');
  guide.getColumn(1).width = 110;
  const lines = locale === 'vi'
    ? [
      `Mẫu nhập hoạt động truyền thông năm ${year} — hệ thống Bình An.`,
      'Mỗi dòng ở trang "Hoạt động" là một hoạt động với một nhóm đối tượng. Hoạt động có nhiều nhóm: nhập mỗi nhóm một dòng và ghi cùng một "Mã hoạt động" (ví dụ HD01).',
      `Ngày ghi theo dạng dd/mm/yyyy và phải thuộc năm ${year}. Mã đơn vị là mã của xã, thị trấn vào ngày diễn ra hoạt động (xem trang "Đơn vị năm ${year}").`,
      'Hình thức, ngôn ngữ, chiến dịch, nhóm đối tượng và cách đếm: chọn trong danh sách thả xuống (trang "Danh mục").',
      'Số nữ, số nam, không rõ giới tính: số nguyên không âm; để trống nghĩa là 0.',
      'Cách đếm: "Chỉ người mới" khi số người chưa được tính ở hoạt động khác trong năm; nếu có thể có người đã tham dự trước đó, chọn "Có cả người đã tham dự trước đó".',
      'Tài liệu: ghi tên và số lượng, cách nhau bằng dấu chấm phẩy, ví dụ: Tờ rơi: 200; Áp phích: 5.',
      'Không ghi họ tên, số điện thoại hay thông tin nhận dạng người bị bạo lực vào bất kỳ ô nào.',
      'Ví dụ một dòng: 15/11/2024 | 02176 | (để trống) | Họp, nói chuyện chuyên đề | Luật Phòng, chống bạo lực gia đình 2022 | Tiếng Tày | Tháng hành động … | Tờ rơi: 200 | Người dân tại cộng đồng | 35 | 28 | 0 | Chỉ người mới (chưa được tính trong năm) | HD01 |',
      'Hệ thống kiểm tra từng dòng và báo các dòng bị từ chối (số dòng, cột, lý do). Tệp có dòng lỗi sẽ không được nhập, trừ khi bạn chọn chỉ nhập các dòng hợp lệ.',
    ]
    : [
      `Template for importing communication activities of ${year} — Bình An.`,
      'Each row of the "Activities" sheet is one activity with one audience group. For an activity with several groups, write one row per group with the same "Activity code" (e.g. HD01).',
      `Dates are dd/mm/yyyy within ${year}. The unit code is the commune’s code on the activity’s date (see the "Units in ${year}" sheet).`,
      'Format, language, campaign, audience group and counting basis: choose from the drop-down lists (the "Lists" sheet).',
      'Women, men, sex not noted: whole numbers, never negative; empty means 0.',
      'Never write names, phone numbers or anything identifying a survivor in any cell.',
    ];
  lines.forEach((line, i) => {
    const cell = guide.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { bold: true, size: 13 };
  });
  // The data sheet opens first.
  wb.views = [{ activeTab: 0, x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, visibility: 'visible' }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A workbook is a zip archive: anything else is refused before it reaches the parser. */
export function looksLikeWorkbook(buffer: Buffer): boolean {
  return buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50;
}

/**
 * A workbook's first data sheet as rows of plain cell values (header excluded), with their row numbers.
 * The file is read as a stream, row by row: a 100,000-row workbook never sits in memory as a whole
 * object model, only as the plain values the checks need.
 */
export async function readFirstSheet(buffer: Buffer, width: number, onRowsRead?: (rows: number) => Promise<void>): Promise<Array<{ row: number; cells: CellValue[] }>> {
  if (!looksLikeWorkbook(buffer)) throw new Invalid('IMPORT_NOT_WORKBOOK');
  const rows: Array<{ row: number; cells: CellValue[] }> = [];
  let sawSheet = false;
  try {
    // Styles are read so that date cells come back as dates.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const sheet of reader) {
      sawSheet = true;
      for await (const row of sheet) {
        if (row.number === 1) continue;
        if (rows.length >= MAX_IMPORT_ROWS) throw new Invalid('IMPORT_TOO_MANY_ROWS', { max: MAX_IMPORT_ROWS.toLocaleString('vi-VN') });
        const cells: CellValue[] = [];
        let hasValue = false;
        for (let i = 1; i <= width; i++) {
          const value = plainValue(row.getCell(i).value);
          if (value !== null && value !== '') hasValue = true;
          cells.push(value);
        }
        if (hasValue) rows.push({ row: row.number, cells });
        if (onRowsRead && row.number % 5000 === 0) await onRowsRead(rows.length);
      }
      break;
    }
  } catch (error) {
    if (error instanceof Invalid) throw error;
    throw new Invalid('IMPORT_NOT_WORKBOOK');
  }
  if (!sawSheet || rows.length === 0) throw new Invalid('IMPORT_NO_DATA');
  return rows;
}

function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('result' in value) return plainValue(value.result);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return null;
  }
  return null;
}

export interface ExportRow {
  activityDate: string;
  unitCode: string;
  unitName: string;
  village: string;
  format: string;
  topic: string;
  language: string;
  campaign: string;
  materials: string;
  basis: string;
  audiences: Map<string, { female: number; male: number; unknownSex: number }>;
  total: number;
  imported: boolean;
}

/** The activity list as a workbook: one row per activity, audience by group and sex in columns. */
export async function activityExport(locale: Locale, rows: readonly ExportRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bình An';
  const sheet = wb.addWorksheet(locale === 'vi' ? 'Hoạt động truyền thông' : 'Communication activities', { views: [{ state: 'frozen', ySplit: 1 }] });
  const vi = locale === 'vi';
  const sexes = vi ? ['Nữ', 'Nam', 'Không rõ'] : ['Women', 'Men', 'Not noted'];
  sheet.columns = [
    { header: vi ? 'Ngày' : 'Date', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
    { header: vi ? 'Mã đơn vị' : 'Unit code', width: 10 },
    { header: vi ? 'Đơn vị' : 'Unit', width: 18 },
    { header: vi ? 'Thôn, bản' : 'Village', width: 14 },
    { header: vi ? 'Hình thức' : 'Format', width: 28 },
    { header: vi ? 'Chủ đề' : 'Topic', width: 36 },
    { header: vi ? 'Ngôn ngữ' : 'Language', width: 12 },
    { header: vi ? 'Chiến dịch' : 'Campaign', width: 28 },
    { header: vi ? 'Tài liệu' : 'Materials', width: 24 },
    { header: vi ? 'Cách đếm' : 'Counting basis', width: 24 },
    ...AUDIENCE_GROUPS.flatMap((g) => sexes.map((s) => ({ header: `${AUDIENCE_GROUP_LABELS[g][locale]} – ${s}`, width: 12 }))),
    { header: vi ? 'Tổng số người' : 'Total people', width: 12 },
    { header: vi ? 'Nhập từ tệp' : 'Imported', width: 10 },
  ];
  styleHeader(sheet.getRow(1));
  sheet.getRow(1).height = 48;
  for (const r of rows) {
    const [y, m, d] = r.activityDate.split('-').map(Number) as [number, number, number];
    sheet.addRow([
      new Date(Date.UTC(y, m - 1, d)), r.unitCode, r.unitName, r.village, r.format, r.topic, r.language, r.campaign, r.materials, r.basis,
      ...AUDIENCE_GROUPS.flatMap((g) => {
        const a = r.audiences.get(g);
        return a ? [a.female, a.male, a.unknownSex] : [null, null, null];
      }),
      r.total, r.imported ? (vi ? 'Có' : 'Yes') : '',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
