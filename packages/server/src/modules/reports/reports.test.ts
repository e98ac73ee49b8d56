import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, PeriodicReportList, PeriodicReportView, ReportPeriodsView } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';
import { caseIntake, HOUR } from '../../test/factories.js';

const PERIOD = '2026-H1'; // 15/12/2025 – 14/06/2026 with the default cut-off dates (Decree 09/2019)

async function cellTexts(buffer: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const texts: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(c.text))));
  return texts;
}

describe.each(DATABASES)('periodic reports on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let otherOfficer: string;
  let focal: string;
  let provinceFocal: string;
  let leader: string;
  let statistician: string;
  let tranPhu: string;
  let vanLang: string;
  let district: string;
  let province: string;

  const openCase = async (cookie: string, unitId: string, detectedAt: string, fullName: string, timely = false) => {
    const created = await t.inject({ method: 'POST', url: '/api/cases', cookie, payload: caseIntake(unitId, { detectedAt, survivor: { fullName, phone: '0912345678' } }) });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json<CaseDetail>();
    if (timely) {
      await t.inject({ method: 'POST', url: `/api/cases/${c.id}/services`, cookie, payload: { serviceType: 'health_care', givenAt: new Date(Date.parse(detectedAt) + HOUR).toISOString() } });
      const first = await t.inject({ method: 'POST', url: `/api/cases/${c.id}/first-intervention`, cookie, payload: { at: new Date(Date.parse(detectedAt) + HOUR).toISOString() } });
      expect(first.statusCode, first.body).toBe(200);
    }
    return c;
  };
  const get = async (id: string, cookie = officer) => (await t.inject({ method: 'GET', url: `/api/reports/${id}`, cookie })).json<PeriodicReportView>();
  const t1 = (r: PeriodicReportView, which: 'figures' | 'currentFigures' = 'figures') => r[which].indicators.find((i) => i.code === 'T1');
  const cell = (r: PeriodicReportView, table: string, row: string, col = 0) => r.figures.tables.find((x) => x.key === table)?.rows.find((x) => x.key === row)?.values[col];

  beforeAll(async () => {
    t = await createTestApp(kind);
    tranPhu = await t.unitId('02176');
    vanLang = await t.unitId('02143');
    district = await t.unitId('066', '1997-01-01');
    province = await t.unitId('19', '1997-01-01');
    officer = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
    otherOfficer = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02143' }));
    focal = await t.signIn(await t.makeUser('district_focal_point'));
    // Since 1/7/2025 the district roles sit at the province (DOMAIN.md §3).
    provinceFocal = await t.signIn(await t.makeUser('district_focal_point', { unitCode: '19', unitFrom: '1997-01-01' }));
    leader = await t.signIn(await t.makeUser('district_leader'));
    statistician = await t.signIn(await t.makeUser('statistician'));
    await openCase(officer, tranPhu, '2026-03-10T02:00:00.000Z', 'Nguyễn Thị Hoa', true);
    await openCase(officer, tranPhu, '2026-04-02T09:30:00.000Z', 'Hoàng Thị Lan');
    // Outside the period (the day after the cut-off): not counted.
    await openCase(officer, tranPhu, '2026-06-14T18:00:00.000Z', 'Lý Thị Mai');
    await openCase(otherOfficer, vanLang, '2026-02-01T03:00:00.000Z', 'Triệu Thị Nga');
  });
  afterAll(async () => t.close());

  it('lists the periods with their cut-off dates', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/reports/periods', cookie: statistician });
    expect(res.statusCode).toBe(200);
    const body = res.json<ReportPeriodsView>();
    expect(body.periods.find((p) => p.code === PERIOD)).toMatchObject({ from: '2025-12-15', to: '2026-06-14', ended: true });
    expect(body.periods.find((p) => p.code === '2026-H2')).toMatchObject({ from: '2026-06-15', to: '2026-12-14' });
    expect(body.smallCellThreshold).toBe(5);
  });

  it('refuses a period that does not exist, a unit out of scope and a unit that does not report', async () => {
    const bad = await t.inject({ method: 'POST', url: '/api/reports', cookie: officer, payload: { unitId: tranPhu, period: '2026-H3' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('period');
    const early = await t.inject({ method: 'POST', url: '/api/reports', cookie: officer, payload: { unitId: tranPhu, period: '2010-Y' } });
    expect(early.json().error.code).toBe('REPORT_PERIOD_NOT_FOUND');
    const future = await t.inject({ method: 'POST', url: '/api/reports', cookie: officer, payload: { unitId: tranPhu, period: '2031-H1' } });
    expect(future.json().error.code).toBe('REPORT_PERIOD_NOT_STARTED');
    const english = await t.inject({ method: 'POST', url: '/api/reports', cookie: officer, headers: { 'accept-language': 'en' }, payload: { unitId: tranPhu, period: '2010-Y' } });
    expect(english.json().error.message).toContain('year-H1');
    expect((await t.inject({ method: 'POST', url: '/api/reports', cookie: officer, payload: { unitId: vanLang, period: PERIOD } })).statusCode).toBe(403);
    // Cư Lễ (1997–2025) is part of today's Trần Phú but no longer exists at the end of 2026-H1.
    const old = await t.inject({ method: 'POST', url: '/api/reports', cookie: officer, payload: { unitId: await t.unitId('02176', '1997-01-01'), period: PERIOD } });
    expect(old.json().error.code).toBe('PERIODIC_REPORT_UNIT_INVALID');
    const districtByOfficer = await t.inject({ method: 'POST', url: '/api/reports', cookie: officer, payload: { unitId: district, period: PERIOD } });
    expect(districtByOfficer.statusCode).toBe(403);
    // Districts were abolished on 1/7/2025: no district report for a later period, the province consolidates.
    const ended = await t.inject({ method: 'POST', url: '/api/reports', cookie: focal, payload: { unitId: district, period: PERIOD } });
    expect(ended.json().error.code).toBe('PERIODIC_REPORT_UNIT_INVALID');
    const provinceByOfficer = await t.inject({ method: 'POST', url: '/api/reports', cookie: officer, payload: { unitId: province, period: PERIOD } });
    expect(provinceByOfficer.statusCode).toBe(403);
  });

  it('goes draft → submit → return → resubmit → approve, then keeps its approved figures', async () => {
    const created = await t.inject({ method: 'POST', url: '/api/reports', cookie: officer, payload: { unitId: tranPhu, period: PERIOD } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect((await t.inject({ method: 'POST', url: '/api/reports', cookie: officer, payload: { unitId: tranPhu, period: PERIOD } })).json().error.code).toBe('PERIODIC_REPORT_EXISTS');

    let report = await get(id);
    expect(report).toMatchObject({ status: 'draft', level: 'commune', version: 1, can: { edit: true, submit: true, decide: false } });
    expect(t1(report)).toEqual({ code: 'T1', available: true, numerator: 1, denominator: 2, value: 50 });
    expect(cell(report, 'cases_by_form', 'physical')).toBe(2);
    expect(cell(report, 'cases_by_form', 'all')).toBe(2);
    expect(cell(report, 'victims_by_sex_age', '30_44', 0)).toBe(2); // born 1990, female
    // T2–T5 and the perpetrator, training and activity tables come from their modules through the indicator registry.
    expect(report.figures.tables.map((x) => [x.key, x.available])).toEqual([
      ['cases_by_form', true], ['victims_by_sex_age', true], ['measures', true], ['perpetrators', true], ['perpetrator_handling', true], ['trainings', true], ['activities', true],
    ]);
    expect(report.figures.indicators.map((i) => i.code)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5']);
    for (const code of ['T2', 'T3', 'T4', 'T5']) {
      const i = report.figures.indicators.find((x) => x.code === code);
      // Not available is never a zero.
      if (i?.available === false) expect(i).toMatchObject({ numerator: null, denominator: null, value: null });
    }

    const nfd = 'Tình hình bạo lực giảm; đã tổ chức tuyên truyền tại thôn Nà Deng.'.normalize('NFD');
    const saved = await t.inject({ method: 'PUT', url: `/api/reports/${id}`, cookie: officer, payload: { version: 1, narrative: { situation: nfd, results: 'Đã hỗ trợ kịp thời.' } } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<PeriodicReportView>().narrative.situation).toBe(nfd.normalize('NFC'));
    const stale = await t.inject({ method: 'PUT', url: `/api/reports/${id}`, cookie: officer, payload: { version: 1, narrative: {} } });
    expect(stale.json().error.code).toBe('PERIODIC_REPORT_STALE');

    expect((await t.inject({ method: 'POST', url: `/api/reports/${id}/decide`, cookie: officer, payload: { decision: 'approve', version: 2 } })).statusCode).toBe(403);
    expect((await t.inject({ method: 'POST', url: `/api/reports/${id}/decide`, cookie: focal, payload: { decision: 'approve', version: 2 } })).json().error.code).toBe('PERIODIC_REPORT_STATUS_INVALID');
    const submitted = await t.inject({ method: 'POST', url: `/api/reports/${id}/submit`, cookie: officer, payload: { version: 2 } });
    expect(submitted.json<PeriodicReportView>()).toMatchObject({ status: 'submitted', can: { edit: false } });
    expect((await t.inject({ method: 'PUT', url: `/api/reports/${id}`, cookie: officer, payload: { version: 3, narrative: {} } })).statusCode).toBe(409);

    const noComment = await t.inject({ method: 'POST', url: `/api/reports/${id}/decide`, cookie: focal, payload: { decision: 'return', version: 3 } });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.issues[0].path).toBe('comment');
    const returned = await t.inject({ method: 'POST', url: `/api/reports/${id}/decide`, cookie: focal, payload: { decision: 'return', comment: 'Bổ sung kết quả truyền thông.', version: 3 } });
    expect(returned.json<PeriodicReportView>()).toMatchObject({ status: 'returned', returnComment: 'Bổ sung kết quả truyền thông.' });

    await t.inject({ method: 'PUT', url: `/api/reports/${id}`, cookie: officer, payload: { version: 4, narrative: { situation: nfd, results: 'Đã hỗ trợ kịp thời; 3 buổi truyền thông.' } } });
    await t.inject({ method: 'POST', url: `/api/reports/${id}/submit`, cookie: officer, payload: { version: 5 } });
    const approved = await t.inject({ method: 'POST', url: `/api/reports/${id}/decide`, cookie: focal, payload: { decision: 'approve', version: 6 } });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<PeriodicReportView>()).toMatchObject({ status: 'approved', corrections: [], can: { edit: false, submit: false, decide: false } });
    expect((await t.inject({ method: 'POST', url: `/api/reports/${id}/decide`, cookie: focal, payload: { decision: 'approve', version: 7 } })).json().error.code).toBe('PERIODIC_REPORT_ALREADY_APPROVED');
    const locked = await t.inject({ method: 'PUT', url: `/api/reports/${id}`, cookie: officer, payload: { version: 7, narrative: {} } });
    expect(locked.json().error.code).toBe('PERIODIC_REPORT_LOCKED');
    await expect(get(id).then((r) => r.history.map((h) => h.kind))).resolves.toEqual(['drafted', 'saved', 'submitted', 'returned', 'saved', 'submitted', 'approved']);

    // A case recorded late in the locked period: the report keeps its figures and shows the correction.
    await openCase(officer, tranPhu, '2026-05-01T01:00:00.000Z', 'Đàm Thị Thu');
    report = await get(id, leader);
    expect(t1(report)).toMatchObject({ numerator: 1, denominator: 2 });
    expect(t1(report, 'currentFigures')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(report.corrections).toContainEqual({ table: 'indicator', row: 'T1', column: 'denominator', approved: 2, current: 3 });
    expect(report.corrections).toContainEqual({ table: 'cases_by_form', row: 'all', column: 'cases', approved: 2, current: 3 });
    const list = (await t.inject({ method: 'GET', url: `/api/reports?period=${PERIOD}`, cookie: provinceFocal })).json<PeriodicReportList>();
    expect(list.items[0]).toMatchObject({ level: 'province', unit: { code: '19' } });
    expect(list.items.find((i) => i.unit.id === tranPhu)).toMatchObject({ status: 'approved', hasCorrections: true });
    expect(list.items.filter((i) => i.level === 'commune')).toHaveLength(6);
    const mine = (await t.inject({ method: 'GET', url: `/api/reports?period=${PERIOD}`, cookie: officer })).json<PeriodicReportList>();
    expect(mine.items.map((i) => i.unit.id)).toEqual([tranPhu]);
    const stored = JSON.stringify(await t.deps.db.selectFrom('periodic_reports').selectAll().execute());
    expect(stored).not.toContain('Nà Deng');
  });

  it('refuses to submit before the cut-off date', async () => {
    const created = await t.inject({ method: 'POST', url: '/api/reports', cookie: officer, payload: { unitId: tranPhu, period: '2026-H2' } });
    const id = created.json<{ id: string }>().id;
    const early = await t.inject({ method: 'POST', url: `/api/reports/${id}/submit`, cookie: officer, payload: { version: 1 } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('14/12/2026');
    expect((await get(id)).status).toBe('draft');
  });

  it('consolidates the approved commune reports into the province report (communes report to the province since 1/7/2025)', async () => {
    const focal = provinceFocal;
    const other = (await t.inject({ method: 'POST', url: '/api/reports', cookie: otherOfficer, payload: { unitId: vanLang, period: PERIOD } })).json<{ id: string }>().id;
    await t.inject({ method: 'POST', url: `/api/reports/${other}/submit`, cookie: otherOfficer, payload: { version: 1 } });
    expect((await t.inject({ method: 'POST', url: `/api/reports/${other}/decide`, cookie: focal, payload: { decision: 'approve', version: 2 } })).statusCode).toBe(200);

    const created = await t.inject({ method: 'POST', url: '/api/reports', cookie: focal, payload: { unitId: province, period: PERIOD } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    let report = await get(id, focal);
    expect(report.consolidation).toMatchObject({ approved: 2, expected: 6 });
    // 2 (Trần Phú's approved figures, not its 3 live cases) + 1 (Văn Lang).
    expect(t1(report)).toMatchObject({ numerator: 1, denominator: 3 });
    expect(cell(report, 'cases_by_form', 'all')).toBe(3);
    const pending = await t.inject({ method: 'POST', url: `/api/reports/${id}/decide`, cookie: focal, payload: { decision: 'approve', version: 1 } });
    expect(pending.json().error).toMatchObject({ code: 'PERIODIC_REPORT_COMMUNES_PENDING' });
    expect(pending.json().error.message).toContain('4');

    for (const c of report.consolidation?.communes.filter((x) => x.status === 'not_started') ?? []) {
      const r = (await t.inject({ method: 'POST', url: '/api/reports', cookie: focal, payload: { unitId: c.unit.id, period: PERIOD } })).json<{ id: string }>().id;
      await t.inject({ method: 'POST', url: `/api/reports/${r}/submit`, cookie: focal, payload: { version: 1 } });
      expect((await t.inject({ method: 'POST', url: `/api/reports/${r}/decide`, cookie: focal, payload: { decision: 'approve', version: 2 } })).statusCode).toBe(200);
    }
    const done = await t.inject({ method: 'POST', url: `/api/reports/${id}/decide`, cookie: focal, payload: { decision: 'approve', version: 1 } });
    expect(done.statusCode, done.body).toBe(200);
    report = done.json<PeriodicReportView>();
    expect(report).toMatchObject({ status: 'approved', consolidation: { approved: 6, expected: 6 } });
    expect(t1(report)).toMatchObject({ denominator: 3 });
    // The province's live figures now count Trần Phú's late case: shown as a correction.
    expect(report.corrections).toContainEqual({ table: 'indicator', row: 'T1', column: 'denominator', approved: 3, current: 4 });
  });

  it('downloads the report as Excel, Word (Decree 30) and PDF', async () => {
    const list = (await t.inject({ method: 'GET', url: `/api/reports?period=${PERIOD}`, cookie: officer })).json<PeriodicReportList>();
    const id = list.items[0]?.id as string;
    const xlsx = await t.inject({ method: 'GET', url: `/api/reports/${id}/download?format=xlsx`, cookie: officer });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain(`bao-cao-02176-${PERIOD}.xlsx`);
    const texts = await cellTexts(xlsx.rawPayload);
    expect(texts).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(texts.some((s) => s.startsWith('T1. Nạn nhân'))).toBe(true);

    const docx = await t.inject({ method: 'GET', url: `/api/reports/${id}/download?format=docx`, cookie: officer });
    expect(docx.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const xml = await zip.file('word/document.xml')?.async('string') as string;
    expect(xml).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(xml).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(xml).toContain('/BC-UBND');
    expect(xml).toContain('ỦY BAN NHÂN DÂN');
    expect(xml).toContain('XÃ TRẦN PHÚ');
    expect(xml).toContain('Nơi nhận:');
    // A 2026 commune report goes to the province's departments, never to the abolished district.
    expect(xml).toContain('Sở Văn hóa, Thể thao và Du lịch tỉnh Thái Nguyên (b/c);');
    expect(xml).toContain('Sở Nội vụ tỉnh Thái Nguyên (b/c);');
    expect(xml).not.toContain('huyện Na Rì');
    // The signature block: authority, title, seal, and a line for the signer's full name.
    expect(xml).toContain('TM. ỦY BAN NHÂN DÂN');
    expect(xml).toContain('(Chữ ký, dấu)');
    expect(xml).toContain('……………………………');
    expect(xml).toContain('Times New Roman');
    expect(xml).toContain('Nà Deng'.normalize('NFC'));
    expect(xml).toBe(xml.normalize('NFC'));
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:left="1701"/);
    // Approved report: the place and date carry the day of approval, in italics.
    expect(xml).toMatch(/Trần Phú, ngày \d{2} tháng \d{1,2} năm 2026/);

    const pdf = await t.inject({ method: 'GET', url: `/api/reports/${id}/download?format=pdf`, cookie: officer });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdf.rawPayload.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBeLessThanOrEqual(5);
    expect((await t.inject({ method: 'GET', url: `/api/reports/${id}/download?format=odt`, cookie: officer })).statusCode).toBe(400);
    const entries = await t.deps.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'periodic_report.download').execute();
    expect(entries.length).toBeGreaterThanOrEqual(3);
  });

  it('exports de-identified figures and incidents, with small cells suppressed', async () => {
    const figures = await t.inject({ method: 'GET', url: `/api/exports/figures?unitId=${tranPhu}&period=${PERIOD}`, cookie: statistician });
    expect(figures.statusCode, figures.body).toBe(200);
    const texts = await cellTexts(figures.rawPayload);
    const all = texts.join('\n');
    expect(texts).toContain('<5');
    for (const identity of ['Nguyễn Thị Hoa', 'Hoàng Thị Lan', '0912345678', '1990-03-15', 'Nà Deng', 'Bị chồng đánh', 'truyền thông.']) expect(all).not.toContain(identity);
    // Two cases in the approved figures: each count of 1–4 is hidden, 0 is shown.
    expect(texts.filter((s) => s === '2')).toEqual([]);

    const csv = await t.inject({ method: 'GET', url: `/api/exports/incidents?unitId=${district}&period=${PERIOD}&format=csv`, cookie: leader });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('incident_code,survivor_code');
    expect(lines).toHaveLength(1 + 4);
    for (const identity of ['Nguyễn', 'Triệu', '0912345678', '1990', 'chồng đánh', '2026-03-10']) expect(csv.body).not.toContain(identity);
    // Four incidents, each alone in its commune, month, sex and age group: below the threshold of 5, so
    // months become the year and the commune, disability and sex are hidden (no re-identification in a small commune).
    expect(csv.body).not.toContain('2026-03');
    expect(csv.body).not.toContain('02176');
    expect(lines.slice(1).every((l) => /^I-[0-9A-F]{10},S-[0-9A-F]{10},\*,20(25|26),20(25|26),/.test(l)), lines.join('\n')).toBe(true);
    // Codes are scoped to one export: the commune's export cannot be joined to the district's.
    const communeCsv = await t.inject({ method: 'GET', url: `/api/exports/incidents?unitId=${tranPhu}&period=${PERIOD}&format=csv`, cookie: officer });
    const codes = (body: string) => body.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((l) => l.split(',')[0]);
    expect(codes(communeCsv.body).filter((c) => codes(csv.body).includes(c))).toEqual([]);
    const xlsx = await t.inject({ method: 'GET', url: `/api/exports/incidents?unitId=${tranPhu}&period=${PERIOD}`, cookie: officer });
    expect(xlsx.statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: `/api/exports/incidents?unitId=${vanLang}&period=${PERIOD}`, cookie: officer })).statusCode).toBe(403);
    expect((await t.inject({ method: 'GET', url: `/api/exports/figures?unitId=${tranPhu}&period=2026-H9`, cookie: statistician })).statusCode).toBe(400);
  });
});
