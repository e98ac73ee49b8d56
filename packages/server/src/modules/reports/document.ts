// The content of a report as an official document (Decree 30/2020/NĐ-CP, Appendix I): issuer block,
// national title and motto, number, place and date, title, body, tables, recipients, signature. One
// model feeds the Word, PDF and Excel renderers, so the three say the same thing. All text is NFC.
import {
  NARRATIVE_SECTIONS, REPORT_TABLE_KEYS, TABLE_LAYOUT, periodName, protectFigures, reportColumnLabel, reportIndicatorLabel,
  reportRowLabel, reportTableTitle, toNfc,
  type AdminUnit, type NarrativeSection, type ReportingLine, type ReportTableKey, type ProtectedCell, type ReportFigures, type ReportNarrative, type ReportPeriod,
} from '@binhan/domain';

/** Where the signer's full name goes (Decree 30: bold, under the signature); the product does not know who will sign. */
export const SIGNER_NAME_LINE = '……………………………';

export interface DocTable {
  title: string;
  header: string[];
  /** First column is the row label; the rest are numbers already formatted. */
  rows: string[][];
  /** Rows that are totals (bold). */
  totalRows: number[];
  /** Rows whose cell at this column index spans to the last column (their array ends there). */
  spans: Record<number, number>;
  note: string | null;
}

export interface ReportDocument {
  issuer: string[];
  number: string;
  placeDate: string;
  title: string;
  subtitle: string;
  draft: boolean;
  deidentified: boolean;
  intro: string;
  sections: Array<{ heading: string; paragraphs: string[]; tables: DocTable[] }>;
  recipients: string[];
  signature: { authority: string; title: string };
  fileBase: string;
}

/** How a suppressed cell is written: "<5" with the default threshold. */
export const suppressedMark = (threshold: number): string => `<${threshold}`;

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** "Na Rì, ngày 05 tháng 02 năm 2026": Decree 30 writes days below 10 and months below 3 with a leading 0. */
export function placeAndDate(place: string, isoDate: string | null, fallbackYear: number): string {
  if (!isoDate) return `${place}, ngày … tháng … năm ${fallbackYear}`;
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${place}, ngày ${d < 10 ? two(d) : d} tháng ${m < 3 ? two(m) : m} năm ${y}`;
}

function formatDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function fmt(value: ProtectedCell | undefined, mark: string): string {
  if (value === undefined) return '';
  if (value === null) return mark;
  return value.toLocaleString('vi-VN');
}

function pct(value: number | null): string {
  return value === null ? '—' : `${value.toLocaleString('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}%`;
}

const ROW_HEADERS: Record<ReportTableKey, string> = {
  cases_by_form: 'Hình thức bạo lực',
  victims_by_sex_age: 'Nhóm tuổi',
  measures: 'Biện pháp (Điều 22 Luật Phòng, chống bạo lực gia đình 2022)',
  perpetrators: 'Tình trạng',
  perpetrator_handling: 'Hình thức tư vấn, xử lý',
  trainings: 'Nội dung',
  activities: 'Nội dung',
};

const NARRATIVE_HEADINGS: Record<NarrativeSection, string> = {
  situation: 'I. TÌNH HÌNH BẠO LỰC TRÊN CƠ SỞ GIỚI TRÊN ĐỊA BÀN',
  results: 'II. KẾT QUẢ THỰC HIỆN',
  difficulties: 'III. KHÓ KHĂN, HẠN CHẾ',
  proposals: 'IV. ĐỀ XUẤT, KIẾN NGHỊ',
};

/** Count tables and the indicator table, with small cells marked when the figures are de-identified. */
export function figureTables(figures: ReportFigures, threshold: number | null): DocTable[] {
  const p = protectFigures(figures, threshold ?? 1);
  const mark = suppressedMark(threshold ?? 1);
  const f = (v: ProtectedCell | undefined) => fmt(v, mark);
  const tables: DocTable[] = [];
  tables.push({
    title: '1. Các chỉ tiêu của Kế hoạch',
    header: ['Chỉ tiêu', 'Tử số', 'Mẫu số', 'Tỷ lệ'],
    rows: p.indicators.map((i) => i.available
      ? [`${i.code}. ${reportIndicatorLabel(i.code, 'vi')}`, f(i.numerator), f(i.denominator), i.suppressed ? mark : pct(i.value)]
      : [`${i.code}. ${reportIndicatorLabel(i.code, 'vi')}`, 'Chưa có số liệu']),
    totalRows: [],
    spans: Object.fromEntries(p.indicators.map((i, n) => [n, i.available ? -1 : 1]).filter(([, v]) => v !== -1)),
    note: 'Tỷ lệ = tử số / mẫu số × 100. “—”: mẫu số bằng 0 (không có trường hợp), không phải 0%. “Chưa có số liệu”: chức năng ghi nhận chỉ tiêu này chưa được triển khai.',
  });
  REPORT_TABLE_KEYS.forEach((key, index) => {
    const t = p.tables.find((x) => x.key === key);
    const layout = TABLE_LAYOUT[key];
    const withTotals = t?.totals !== undefined;
    const header = [ROW_HEADERS[key], ...layout.columns.map((c) => reportColumnLabel(c, 'vi')), ...(withTotals ? ['Cộng'] : [])];
    const title = `${index + 2}. ${reportTableTitle(key, 'vi')}`;
    if (!t?.available) {
      tables.push({ title, header, rows: [['Chưa có số liệu: chức năng ghi nhận nội dung này chưa được triển khai trên hệ thống.']], totalRows: [], spans: { 0: 0 }, note: null });
      return;
    }
    const rows = t.rows.map((r) => [reportRowLabel(key, r.key, 'vi'), ...r.values.map(f), ...(withTotals ? [f(r.total)] : [])]);
    const totalRows: number[] = [];
    if (t.totals) {
      rows.push(['Cộng', ...t.totals.values.map(f), f(t.totals.total)]);
      totalRows.push(rows.length - 1);
    }
    if (key === 'cases_by_form') totalRows.push(rows.length - 1);
    const note = key === 'cases_by_form' ? 'Một vụ việc có thể có nhiều hình thức bạo lực nên tổng các dòng có thể lớn hơn tổng số vụ việc.' : null;
    tables.push({ title, header, rows, totalRows, spans: {}, note });
  });
  return tables.map((t) => ({ ...t, title: toNfc(t.title), header: t.header.map(toNfc), rows: t.rows.map((r) => r.map(toNfc)), note: t.note ? toNfc(t.note) : null }));
}

export interface DocumentSource {
  unit: AdminUnit;
  period: ReportPeriod;
  level: 'commune' | 'district' | 'province';
  status: string;
  narrative: ReportNarrative | null;
  figures: ReportFigures;
  approvedAt: string | null;
  /** Small-cell threshold for a de-identified document; null for the official one. */
  threshold: number | null;
  /** Issuer, place and recipients valid in the report's period (reportingLine). */
  line: Pick<ReportingLine, 'issuer' | 'place' | 'recipients'>;
}

export function buildDocument(src: DocumentSource): ReportDocument {
  const deidentified = src.threshold !== null;
  const periodText = periodName(src.period, 'vi');
  const approvedDate = src.approvedAt ? new Date(new Date(src.approvedAt).getTime() + 7 * 3_600_000).toISOString().slice(0, 10) : null;
  const narrative = src.narrative;
  const sections = NARRATIVE_SECTIONS.map((key) => ({
    heading: NARRATIVE_HEADINGS[key],
    paragraphs: deidentified ? [] : (narrative?.[key] ?? '').split(/\n+/).map((p) => p.trim()).filter((p) => p !== ''),
    tables: key === 'results' ? figureTables(src.figures, src.threshold) : [],
  }));
  if (deidentified) {
    for (const s of sections) if (s.tables.length === 0) s.paragraphs = ['(Phần thuyết minh không có trong bản đã khử định danh.)'];
  }
  const doc: ReportDocument = {
    issuer: ['ỦY BAN NHÂN DÂN', src.line.issuer],
    number: 'Số:      /BC-UBND',
    placeDate: placeAndDate(src.line.place, approvedDate, src.period.year),
    title: 'BÁO CÁO',
    subtitle: `Kết quả thực hiện công tác phòng ngừa và ứng phó với bạo lực trên cơ sở giới ${periodText}`,
    draft: src.status !== 'approved',
    deidentified,
    intro: `Số liệu tính từ ngày ${formatDate(src.period.from)} đến ngày ${formatDate(src.period.to)}`
      + (src.level !== 'commune' ? `, tổng hợp từ báo cáo đã được phê duyệt của các ${src.level === 'district' ? 'xã, thị trấn' : 'xã, phường'}.` : ', lấy từ dữ liệu quản lý trường hợp trên hệ thống Bình An.')
      + (deidentified ? ` Bản khử định danh: không có họ tên, số điện thoại, số định danh, ngày sinh và phần thuyết minh; các ô có từ 1 đến ${(src.threshold as number) - 1} trường hợp về người bị bạo lực, người gây bạo lực và biện pháp bảo vệ được thay bằng “${suppressedMark(src.threshold as number)}”, kể cả ô tổng có thể làm lộ ô đó.` : ''),
    sections,
    recipients: src.line.recipients,
    signature: { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH' },
    fileBase: `bao-cao-${src.unit.code}-${src.period.code}${deidentified ? '-khu-dinh-danh' : ''}`,
  };
  return normalise(doc);
}

function normalise(doc: ReportDocument): ReportDocument {
  return {
    ...doc,
    issuer: doc.issuer.map(toNfc), number: toNfc(doc.number), placeDate: toNfc(doc.placeDate), title: toNfc(doc.title), subtitle: toNfc(doc.subtitle), intro: toNfc(doc.intro),
    sections: doc.sections.map((s) => ({ heading: toNfc(s.heading), paragraphs: s.paragraphs.map(toNfc), tables: s.tables })),
    recipients: doc.recipients.map(toNfc),
    signature: { authority: toNfc(doc.signature.authority), title: toNfc(doc.signature.title) },
  };
}

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
