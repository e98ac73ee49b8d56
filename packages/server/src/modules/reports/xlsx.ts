// Excel workbooks: the report (cover, figures, narrative) and the de-identified exports. Times New Roman,
// A4 print setup, numbers as numbers so the district can add them up; a suppressed cell is the text "<5".
import ExcelJS from 'exceljs';
import { toNfc } from '@binhan/domain';
import { MOTTO, NATIONAL_TITLE, type DocTable, type ReportDocument } from './document.js';
import { neutraliseFormulas, spreadsheetText } from '../../lib/spreadsheet.js';

const FONT = 'Times New Roman';
const thin = { style: 'thin' as const };
const BORDER = { top: thin, bottom: thin, left: thin, right: thin };

function numberOrText(value: string): string | number {
  const n = value.replace(/\./g, '').replace(',', '.');
  return /^\d+(\.\d+)?$/.test(n) && !value.includes('%') ? Number(n) : value;
}

function writeTable(ws: ExcelJS.Worksheet, t: DocTable): void {
  const titleRow = ws.addRow([t.title]);
  titleRow.font = { name: FONT, bold: true, italic: true, size: 12 };
  const header = ws.addRow(t.header);
  header.eachCell((c) => {
    c.font = { name: FONT, bold: true, size: 12 };
    c.border = BORDER;
    c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  t.rows.forEach((r, i) => {
    const row = ws.addRow(r.map((v, j) => (j === 0 ? v : numberOrText(v))));
    const from = t.spans[i];
    if (from !== undefined && t.header.length - 1 > from) ws.mergeCells(row.number, from + 1, row.number, t.header.length);
    for (let j = 1; j <= t.header.length; j += 1) {
      const c = row.getCell(j);
      c.font = { name: FONT, size: 12, bold: t.totalRows.includes(i), italic: from !== undefined && j > from };
      c.border = BORDER;
      c.alignment = { wrapText: true, vertical: 'middle', horizontal: j === 1 ? 'left' : 'center' };
    }
  });
  if (t.note) {
    const note = ws.addRow([t.note]);
    note.font = { name: FONT, italic: true, size: 11 };
  }
  ws.addRow([]);
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 1.18, right: 0.59, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 } } });
  ws.properties.defaultRowHeight = 18;
  return ws;
}

export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bình An';
  wb.title = toNfc(`${doc.title} ${doc.subtitle}`);
  const ws = sheet(wb, 'Số liệu');
  ws.columns = [{ width: 52 }, { width: 13 }, { width: 13 }, { width: 13 }, { width: 13 }, { width: 13 }];
  const lines: Array<[string, Partial<ExcelJS.Font>]> = [
    [`${doc.issuer.join(' ')}`, { bold: true }], [NATIONAL_TITLE, { bold: true }], [MOTTO, { bold: true }], [doc.number, {}], [doc.placeDate, { italic: true }], ['', {}],
    [doc.title, { bold: true, size: 14 }], [doc.subtitle, { bold: true }], [doc.draft ? 'DỰ THẢO — chưa được phê duyệt' : 'Đã được phê duyệt', { italic: true }], [doc.intro, { italic: true }], ['', {}],
  ];
  for (const [text, font] of lines) {
    const row = ws.addRow([toNfc(text)]);
    row.font = { name: FONT, size: 12, ...font };
    row.alignment = { wrapText: text.length > 60, vertical: 'top' };
    if (text.length > 60) {
      ws.mergeCells(row.number, 1, row.number, 6);
      row.height = Math.ceil(text.length / 95) * 17;
    }
  }
  for (const s of doc.sections) for (const t of s.tables) writeTable(ws, t);

  if (!doc.deidentified) {
    const narrative = sheet(wb, 'Thuyết minh');
    narrative.columns = [{ width: 110 }];
    for (const s of doc.sections) {
      narrative.addRow([s.heading]).font = { name: FONT, bold: true, size: 12 };
      for (const p of s.paragraphs) {
        const row = narrative.addRow([p]);
        row.font = { name: FONT, size: 12 };
        row.alignment = { wrapText: true, vertical: 'top' };
      }
    }
  }
  neutraliseFormulas(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A plain list as a workbook (the GBVIMS-style incident export). */
export async function renderListXlsx(title: string, note: string, header: string[], rows: Array<Array<string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bình An';
  const ws = sheet(wb, 'Incidents');
  ws.addRow([toNfc(title)]).font = { name: FONT, bold: true, size: 13 };
  ws.addRow([toNfc(note)]).font = { name: FONT, italic: true, size: 11 };
  const h = ws.addRow(header);
  h.eachCell((c) => {
    c.font = { name: FONT, bold: true, size: 11 };
    c.border = BORDER;
  });
  for (const r of rows) ws.addRow(r.map((v) => (typeof v === 'string' ? toNfc(v) : v))).font = { name: FONT, size: 11 };
  ws.columns.forEach((c) => { c.width = 16; });
  neutraliseFormulas(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function toCsv(header: string[], rows: Array<Array<string | number>>): Buffer {
  const esc = (v: string | number) => {
    const safe = spreadsheetText(toNfc(String(v)));
    return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return Buffer.from(`\uFEFF${[header, ...rows].map((r) => r.map(esc).join(',')).join('\r\n')}\r\n`, 'utf8');
}
