// The official Word document (Decree 30/2020/NĐ-CP, Appendix I): A4 portrait, Times New Roman, margins
// top and bottom 20 mm, left 30 mm, right 15 mm; page numbers centred at the top from page 2.
import {
  AlignmentType, BorderStyle, Document, LineRuleType, Header, Packer, PageNumber, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx';
import { MOTTO, NATIONAL_TITLE, SIGNER_NAME_LINE, type DocTable, type ReportDocument } from './document.js';

const FONT = 'Times New Roman';
const MM = 56.6929; // twips per millimetre
const PAGE_WIDTH = Math.round(210 * MM);
const MARGIN = { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) };
const TEXT_WIDTH = PAGE_WIDTH - MARGIN.left - MARGIN.right;
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

type RunOptions = { bold?: boolean; italics?: boolean; size?: number };
const run = (text: string, o: RunOptions = {}) => new TextRun({ text, font: FONT, size: (o.size ?? 14) * 2, bold: o.bold ?? false, italics: o.italics ?? false });

function para(text: string | TextRun[], o: RunOptions & { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number; after?: number; indent?: boolean; line?: number; keepNext?: boolean } = {}) {
  return new Paragraph({
    keepNext: o.keepNext ?? false,
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: o.before ?? 0, after: o.after ?? 0, line: o.line ?? 288 },
    ...(o.indent ? { indent: { firstLine: Math.round(10 * MM) } } : {}),
    children: typeof text === 'string' ? [run(text, o)] : text,
  });
}

/** A short centred line under a heading, of about the given width in millimetres. */
function rule(columnWidth: number, lineMm: number) {
  const side = Math.max(0, Math.round((columnWidth - lineMm * MM) / 2));
  // An empty paragraph 4 pt high whose bottom border is the line: it sits clear of the text above.
  return new Paragraph({
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 0 } }, indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: 80, lineRule: LineRuleType.EXACT }, children: [],
  });
}

function cell(children: Paragraph[], width: number, borders: object = NO_BORDERS) {
  return new TableCell({ children, width: { size: width, type: WidthType.DXA }, borders, verticalAlign: VerticalAlign.TOP });
}

function headerBlock(doc: ReportDocument): Table {
  const left = Math.round(TEXT_WIDTH * 0.4);
  const right = TEXT_WIDTH - left;
  const c = AlignmentType.CENTER;
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: [left, right], layout: TableLayoutType.FIXED, borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell([
            para(doc.issuer[0] ?? '', { size: 13, align: c, line: 264 }),
            para(doc.issuer[1] ?? '', { size: 13, bold: true, align: c, line: 264 }),
            rule(left, 22),
            para(doc.number, { size: 13, align: c, before: 120, line: 264 }),
          ], left),
          cell([
            para(NATIONAL_TITLE, { size: 12, bold: true, align: c, line: 264 }),
            para(MOTTO, { size: 13, bold: true, align: c, line: 264 }),
            rule(right, 58),
            para(doc.placeDate, { size: 13, italics: true, align: c, before: 120, line: 264 }),
          ], right),
        ],
      }),
    ],
  });
}

function figureTable(t: DocTable): Table {
  const columns = t.header.length;
  const first = Math.round(TEXT_WIDTH * (columns > 4 ? 0.34 : 0.5));
  const other = Math.floor((TEXT_WIDTH - first) / (columns - 1));
  const widths = [first, ...Array.from({ length: columns - 1 }, () => other)];
  const borders = { top: THIN, bottom: THIN, left: THIN, right: THIN };
  const mk = (text: string, i: number, o: RunOptions & { header?: boolean }) => new TableCell({
    width: { size: widths[i] ?? other, type: WidthType.DXA }, borders, verticalAlign: VerticalAlign.CENTER,
    margins: { left: 80, right: 80, top: 30, bottom: 30 },
    children: [para(text, { size: 12, bold: o.bold ?? false, align: i === 0 && !o.header ? AlignmentType.LEFT : AlignmentType.CENTER, line: 240 })],
  });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: t.header.map((h, i) => mk(h, i, { bold: true, header: true })) }),
      ...t.rows.map((r, ri) => new TableRow({
        cantSplit: true,
        children: r.map((v, i) => {
          const from = t.spans[ri];
          if (from === undefined || i !== from) return mk(v, i, { bold: t.totalRows.includes(ri) });
          return new TableCell({
            width: { size: widths.slice(i).reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnSpan: columns - i, borders, verticalAlign: VerticalAlign.CENTER,
            margins: { left: 80, right: 80, top: 30, bottom: 30 },
            children: [para(v, { size: 12, italics: true, align: i === 0 ? AlignmentType.LEFT : AlignmentType.CENTER, line: 240 })],
          });
        }),
      })),
    ],
  });
}

function signatureBlock(doc: ReportDocument): Table {
  const left = Math.round(TEXT_WIDTH * 0.5);
  const right = TEXT_WIDTH - left;
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: [left, right], layout: TableLayoutType.FIXED, borders: NO_BORDERS,
    rows: [new TableRow({
      cantSplit: true,
      children: [
        cell([
          para('Nơi nhận:', { size: 12, bold: true, italics: true, align: AlignmentType.LEFT, line: 240 }),
          ...doc.recipients.map((r) => para(`- ${r}`, { size: 11, align: AlignmentType.LEFT, line: 240 })),
        ], left),
        cell([
          para(doc.signature.authority, { size: 13, bold: true, align: AlignmentType.CENTER, line: 240 }),
          para(doc.signature.title, { size: 13, bold: true, align: AlignmentType.CENTER, line: 240 }),
          para(doc.draft ? '(Dự thảo, chưa được phê duyệt)' : '(Chữ ký, dấu)', { size: 13, italics: true, align: AlignmentType.CENTER, line: 240, before: 60 }),
          // Room to sign, then the signer's full name in bold (Decree 30), written in by hand.
          para(SIGNER_NAME_LINE, { size: 13, bold: true, align: AlignmentType.CENTER, line: 240, before: 1400 }),
        ], right),
      ],
    })],
  });
}

export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  const body: Array<Paragraph | Table> = [headerBlock(doc)];
  if (doc.draft) body.push(para('DỰ THẢO', { size: 13, bold: true, align: AlignmentType.RIGHT, before: 120 }));
  body.push(para(doc.title, { size: 14, bold: true, align: AlignmentType.CENTER, before: 360 }));
  body.push(para(doc.subtitle, { size: 14, bold: true, align: AlignmentType.CENTER }));
  body.push(rule(TEXT_WIDTH, 40));
  body.push(para(doc.intro, { indent: true, before: 240, after: 120 }));
  for (const section of doc.sections) {
    body.push(para(section.heading, { bold: true, before: 180, after: 60, align: AlignmentType.LEFT, keepNext: true }));
    for (const p of section.paragraphs) body.push(para(p, { indent: true, after: 60 }));
    for (const t of section.tables) {
      body.push(para(t.title, { bold: true, italics: true, before: 120, after: 60, align: AlignmentType.LEFT, keepNext: true }));
      body.push(figureTable(t));
      if (t.note) body.push(para(t.note, { size: 11, italics: true, before: 40, after: 60 }));
    }
  }
  body.push(para('', { before: 240 }));
  body.push(signatureBlock(doc));
  const document = new Document({
    creator: 'Bình An', title: `${doc.title} ${doc.subtitle}`, description: doc.subtitle,
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [{
      properties: {
        titlePage: true,
        page: { size: { width: PAGE_WIDTH, height: Math.round(297 * MM) }, margin: { ...MARGIN, header: Math.round(10 * MM), footer: Math.round(10 * MM) } },
      },
      headers: {
        default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 26 })] })] }),
        first: new Header({ children: [new Paragraph({ children: [] })] }),
      },
      children: body,
    }],
  });
  return Packer.toBuffer(document);
}
