// Excel workbooks of the outreach module (exceljs): the Vietnamese import templates, reading the first
// sheet's rows as plain cell values, and the export of the activity list.
import { PassThrough, Readable } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import {
  ACTIVITY_IMPORT_COLUMNS, AUDIENCE_GROUPS, AUDIENCE_GROUP_LABELS, COUNTING_BASIS_LABELS, OUTREACH_CAMPAIGN_LABELS, OUTREACH_FORMAT_LABELS,
  OUTREACH_LANGUAGE_LABELS, type AdminUnit, type CellValue, type Locale,
} from '@binhan/domain';
import { Invalid } from '../../http/errors.js';
import { spreadsheetText } from '../../lib/spreadsheet.js';

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

/** Bounds of what a workbook may unpack to: a 200,000-row sheet is well under these. */
const MAX_UNPACKED_BYTES = 400 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 5000;
/** Rows the reader walks through, empty ones included (Excel's own limit). */
const MAX_SHEET_ROWS = 1_048_576;

interface ZipEntry { name: string; method: number; data: Buffer; record: Buffer }

const tooLarge = () => new Invalid('IMPORT_TOO_MANY_ROWS', { max: MAX_IMPORT_ROWS.toLocaleString('vi-VN') });

/** The archive's entries from its central directory; what they declare to unpack to is checked. */
function zipEntries(buffer: Buffer): { entries: ZipEntry[]; cdOffset: number } {
  const notWorkbook = () => new Invalid('IMPORT_NOT_WORKBOOK');
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > buffer.length) throw notWorkbook();
  const count = buffer.readUInt16LE(eocd + 10);
  const cdOffset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw tooLarge();
  if (count > MAX_ZIP_ENTRIES) throw notWorkbook();
  const entries: ZipEntry[] = [];
  let unpacked = 0;
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== 0x02014b50) throw notWorkbook();
    const method = buffer.readUInt16LE(at + 10);
    const crc = buffer.readUInt32LE(at + 16);
    const compressed = buffer.readUInt32LE(at + 20);
    const size = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const headerOffset = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
    if (compressed === 0xffffffff || size === 0xffffffff) throw tooLarge();
    if (method !== 0 && method !== 8) throw notWorkbook();
    unpacked += size;
    if (unpacked > MAX_UNPACKED_BYTES) throw tooLarge();
    if (headerOffset + 30 > buffer.length || buffer.readUInt32LE(headerOffset) !== 0x04034b50) throw notWorkbook();
    const dataStart = headerOffset + 30 + buffer.readUInt16LE(headerOffset + 26) + buffer.readUInt16LE(headerOffset + 28);
    if (dataStart + compressed > buffer.length) throw notWorkbook();
    // The local header with the sizes written in (no trailing data descriptor), then the data.
    const header = Buffer.from(buffer.subarray(headerOffset, dataStart));
    header.writeUInt16LE(header.readUInt16LE(6) & ~0x08, 6);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(compressed, 18);
    header.writeUInt32LE(size, 22);
    const data = buffer.subarray(dataStart, dataStart + compressed);
    entries.push({ name, method, data, record: Buffer.concat([header, data]) });
  }
  return { entries, cdOffset };
}

/** A stored (uncompressed) zip entry. */
function storedEntry(name: string, content: Buffer): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(zlib.crc32(content), 14);
  header.writeUInt32LE(content.length, 18);
  header.writeUInt32LE(content.length, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([header, nameBytes, content]);
}

const EMPTY_SHARED_STRINGS = Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>');

/**
 * The workbook's zip entries rearranged so that the reader meets the shared strings, styles and
 * relationships before the worksheets. Otherwise (Excel and exceljs write the sheets first) the reader
 * unpacks every sheet into a temporary file, which it leaves behind when reading stops at the first
 * sheet or on an error. A workbook without shared strings gets an empty list for the same reason. The
 * sizes the archive declares are checked first (a "zip bomb" is refused before anything is unpacked).
 */
export function sheetsLast(buffer: Buffer, parsed = zipEntries(buffer)): Buffer {
  const { entries, cdOffset } = parsed;
  if (!entries.some((e) => e.name === 'xl/_rels/workbook.xml.rels')) throw new Invalid('IMPORT_NOT_WORKBOOK');
  const isSheet = (name: string) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name);
  const extra = entries.some((e) => e.name === 'xl/sharedStrings.xml') ? [] : [storedEntry('xl/sharedStrings.xml', EMPTY_SHARED_STRINGS)];
  const ordered = [...entries.filter((e) => !isSheet(e.name)).map((e) => e.record), ...extra, ...entries.filter((e) => isSheet(e.name)).map((e) => e.record)];
  // The reader stops at the central directory; it is not read for offsets, so the original one is kept.
  return Buffer.concat([...ordered, buffer.subarray(cdOffset)]);
}

/** Unpack every entry without keeping it, counting: sizes declared in an archive can lie. */
export async function checkUnpackedSize(buffer: Buffer, limit = MAX_UNPACKED_BYTES, entries: readonly ZipEntry[] = zipEntries(buffer).entries): Promise<void> {
  let total = 0;
  for (const entry of entries) {
    if (entry.method === 0) {
      total += entry.data.length;
      if (total > limit) throw tooLarge();
      continue;
    }
    await new Promise<void>((resolve, reject) => {
      const inflate = zlib.createInflateRaw();
      inflate.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > limit) {
          inflate.destroy();
          reject(tooLarge());
        }
      });
      inflate.on('end', resolve);
      inflate.on('error', () => reject(new Invalid('IMPORT_NOT_WORKBOOK')));
      inflate.end(entry.data);
    });
  }
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
  let walked = 0;
  try {
    // Styles are read so that date cells come back as dates.
    const parsed = zipEntries(buffer);
    await checkUnpackedSize(buffer, MAX_UNPACKED_BYTES, parsed.entries);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(sheetsLast(buffer, parsed)), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const sheet of reader) {
      sawSheet = true;
      for await (const row of sheet) {
        walked += 1;
        if (walked > MAX_SHEET_ROWS) throw new Invalid('IMPORT_TOO_MANY_ROWS', { max: MAX_IMPORT_ROWS.toLocaleString('vi-VN') });
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

/**
 * The activity list as a workbook: one row per activity, audience by group and sex in columns. Written
 * row by row (the streaming writer): a 100,000-row list as a workbook object model would take gigabytes.
 */
export async function activityExport(locale: Locale, rows: readonly ExportRow[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => { stream.on('end', resolve); stream.on('error', reject); });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
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
      new Date(Date.UTC(y, m - 1, d)), ...[r.unitCode, r.unitName, r.village, r.format, r.topic, r.language, r.campaign, r.materials, r.basis].map(spreadsheetText),
      ...AUDIENCE_GROUPS.flatMap((g) => {
        const a = r.audiences.get(g);
        return a ? [a.female, a.male, a.unknownSex] : [null, null, null];
      }),
      r.total, r.imported ? (vi ? 'Có' : 'Yes') : '',
    ]).commit();
  }
  sheet.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}
