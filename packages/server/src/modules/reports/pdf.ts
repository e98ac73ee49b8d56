// The same official document as PDF, drawn with pdfkit and the Tinos font (metrically compatible with
// Times New Roman, with Vietnamese glyphs), so the server needs no office suite.
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { MOTTO, NATIONAL_TITLE, SIGNER_NAME_LINE, type DocTable, type ReportDocument } from './document.js';

const require = createRequire(import.meta.url);
const fontDir = path.dirname(require.resolve('@expo-google-fonts/tinos/package.json'));
const FONTS = {
  regular: path.join(fontDir, '400Regular/Tinos_400Regular.ttf'),
  bold: path.join(fontDir, '700Bold/Tinos_700Bold.ttf'),
  italic: path.join(fontDir, '400Regular_Italic/Tinos_400Regular_Italic.ttf'),
  boldItalic: path.join(fontDir, '700Bold_Italic/Tinos_700Bold_Italic.ttf'),
};
type Face = keyof typeof FONTS;

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM };
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;

export async function renderPdf(doc: ReportDocument): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margins: MARGIN, bufferPages: true, info: { Title: `${doc.title} ${doc.subtitle}`, Author: doc.issuer.join(' '), Creator: 'Bình An' } });
  for (const [name, file] of Object.entries(FONTS)) pdf.registerFont(name, file);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));

  let y = MARGIN.top;
  const use = (face: Face, size: number) => pdf.font(face).fontSize(size);
  const heightOf = (text: string, face: Face, size: number, width: number) => {
    use(face, size);
    return pdf.heightOfString(text, { width, lineGap: size * 0.15 });
  };
  const newPage = () => {
    pdf.addPage();
    y = MARGIN.top + 6 * MM;
  };
  const ensure = (h: number) => {
    if (y + h > BOTTOM) newPage();
  };
  const write = (text: string, o: { face?: Face; size?: number; align?: 'left' | 'center' | 'right' | 'justify'; x?: number; width?: number; indent?: number; before?: number; after?: number } = {}) => {
    const face = o.face ?? 'regular';
    const size = o.size ?? 14;
    const width = o.width ?? WIDTH;
    y += o.before ?? 0;
    const h = heightOf(text, face, size, width);
    ensure(Math.min(h, size * 2.5));
    use(face, size);
    pdf.text(text, o.x ?? MARGIN.left, y, { width, align: o.align ?? 'justify', lineGap: size * 0.15, indent: o.indent ?? 0 });
    y = pdf.y + (o.after ?? 0);
  };
  const line = (cx: number, length: number, at: number) => {
    pdf.moveTo(cx - length / 2, at).lineTo(cx + length / 2, at).lineWidth(0.6).stroke();
  };

  // Header: issuer on the left (40 %), national title and motto on the right.
  const leftW = WIDTH * 0.4;
  const rightW = WIDTH - leftW;
  const leftX = MARGIN.left;
  const rightX = MARGIN.left + leftW;
  let ly = y;
  use('regular', 13).text(doc.issuer[0] ?? '', leftX, ly, { width: leftW, align: 'center' });
  ly = pdf.y;
  use('bold', 13).text(doc.issuer[1] ?? '', leftX, ly, { width: leftW, align: 'center' });
  ly = pdf.y + 2;
  line(leftX + leftW / 2, 22 * MM, ly);
  use('regular', 13).text(doc.number, leftX, ly + 8, { width: leftW, align: 'center' });
  ly = pdf.y;
  let ry = y;
  use('bold', 12).text(NATIONAL_TITLE, rightX, ry, { width: rightW, align: 'center' });
  ry = pdf.y;
  use('bold', 13).text(MOTTO, rightX, ry, { width: rightW, align: 'center' });
  ry = pdf.y + 2;
  line(rightX + rightW / 2, pdf.widthOfString(MOTTO), ry);
  use('italic', 13).text(doc.placeDate, rightX, ry + 8, { width: rightW, align: 'center' });
  ry = pdf.y;
  y = Math.max(ly, ry);
  if (doc.draft) write('DỰ THẢO', { face: 'bold', size: 13, align: 'right', before: 6 });

  write(doc.title, { face: 'bold', align: 'center', before: 18 });
  write(doc.subtitle, { face: 'bold', align: 'center', x: MARGIN.left + 10 * MM, width: WIDTH - 20 * MM });
  line(MARGIN.left + WIDTH / 2, 40 * MM, y + 3);
  write(doc.intro, { indent: 10 * MM, before: 14, after: 6 });
  for (const section of doc.sections) {
    ensure(60);
    write(section.heading, { face: 'bold', align: 'left', before: 8, after: 3 });
    for (const p of section.paragraphs) write(p, { indent: 10 * MM, after: 3 });
    for (const t of section.tables) {
      // A short table is not split across pages; a long one starts with its title, header and a few rows.
      const full = tableHeight(t) + heightOf(t.title, 'boldItalic', 14, WIDTH) + 12;
      ensure(full <= 230 ? full : 130);
      write(t.title, { face: 'boldItalic', align: 'left', before: 6, after: 4 });
      table(t);
      if (t.note) write(t.note, { face: 'italic', size: 11, before: 2, after: 4 });
    }
  }

  // Recipients on the left, signature on the right, kept together on one page.
  const recipientsH = 16 + doc.recipients.length * 13;
  ensure(Math.max(recipientsH, 90) + 20);
  y += 16;
  const half = WIDTH / 2;
  use('boldItalic', 12).text('Nơi nhận:', MARGIN.left, y, { width: half });
  let ry2 = pdf.y;
  for (const r of doc.recipients) {
    use('regular', 11).text(`- ${r}`, MARGIN.left, ry2, { width: half - 6 });
    ry2 = pdf.y;
  }
  use('bold', 13).text(doc.signature.authority, MARGIN.left + half, y, { width: half, align: 'center' });
  use('bold', 13).text(doc.signature.title, MARGIN.left + half, pdf.y, { width: half, align: 'center' });
  use('italic', 13).text(doc.draft ? '(Dự thảo, chưa được phê duyệt)' : '(Chữ ký, dấu)', MARGIN.left + half, pdf.y + 4, { width: half, align: 'center' });
  // Room to sign, then the signer's full name in bold (Decree 30), written in by hand.
  use('bold', 13).text(SIGNER_NAME_LINE, MARGIN.left + half, pdf.y + 25 * MM, { width: half, align: 'center' });

  // Page numbers, centred at the top, from the second page (Decree 30).
  const range = pdf.bufferedPageRange();
  for (let i = 1; i < range.count; i += 1) {
    pdf.switchToPage(range.start + i);
    use('regular', 13).text(String(i + 1), MARGIN.left, 10 * MM, { width: WIDTH, align: 'center', lineBreak: false });
  }
  pdf.end();
  return done;

  function columnWidths(n: number): number[] {
    const first = WIDTH * (n > 4 ? 0.34 : 0.5);
    const other = (WIDTH - first) / (n - 1);
    return [first, ...Array.from({ length: n - 1 }, () => other)];
  }

  function tableHeight(t: DocTable): number {
    const widths = columnWidths(t.header.length);
    const rowHeight = (cells: string[], face: Face, spanFrom?: number) => Math.max(...cells.map((c, i) => {
      const w = spanFrom !== undefined && i === spanFrom ? widths.slice(i).reduce((a, b) => a + b, 0) : widths[i] ?? 0;
      return heightOf(c, face, 12, w - 6);
    })) + 6;
    return rowHeight(t.header, 'bold') + t.rows.reduce((sum, r, i) => sum + rowHeight(r, 'regular', t.spans[i]), 0);
  }

  function table(t: DocTable): void {
    const n = t.header.length;
    const first = WIDTH * (n > 4 ? 0.34 : 0.5);
    const other = (WIDTH - first) / (n - 1);
    const widths = [first, ...Array.from({ length: n - 1 }, () => other)];
    const pad = 3;
    const drawRow = (cells: string[], face: Face, header: boolean, spanFrom?: number) => {
      const size = 12;
      // A cell that spans to the last column takes the width of the columns it covers.
      const w = (i: number) => (spanFrom !== undefined && i === spanFrom ? widths.slice(i).reduce((a, b) => a + b, 0) : widths[i] ?? other);
      const fontOf = (i: number): Face => (spanFrom !== undefined && i === spanFrom ? 'italic' : face);
      const heights = cells.map((c, i) => heightOf(c, fontOf(i), size, w(i) - 2 * pad));
      const h = Math.max(...heights) + 2 * pad;
      if (y + h > BOTTOM) {
        newPage();
        if (!header) drawRow(t.header, 'bold', true);
      }
      let x = MARGIN.left;
      cells.forEach((c, i) => {
        const cw = w(i);
        pdf.rect(x, y, cw, h).lineWidth(0.5).stroke();
        // Centred vertically, like the Word table.
        const top = y + (h - (heights[i] ?? 0)) / 2;
        use(fontOf(i), size).text(c, x + pad, top, { width: cw - 2 * pad, align: i === 0 && !header ? 'left' : 'center', lineGap: size * 0.15 });
        x += cw;
      });
      y += h;
    };
    drawRow(t.header, 'bold', true);
    t.rows.forEach((r, i) => drawRow(r, t.totalRows.includes(i) ? 'bold' : 'regular', false, t.spans[i]));
    y += 2;
  }
}
