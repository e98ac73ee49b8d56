// Periodic reports: a commune officer drafts the commune's six-monthly report (figures filled in from
// the cases), writes the narrative and submits it; the district focal point returns it with a comment;
// the officer corrects and resubmits; the district approves, which freezes the figures. A case recorded
// later shows as a correction. The official documents are downloaded and looked at: the PDF rendered
// page by page with pdf.js in the browser, the Word file unzipped, the workbook read back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { createUser } from '../packages/server/src/modules/users/service.js';
import { generateTotpSecret } from '../packages/server/src/security/totp.js';
import type { RunningServer } from './support.js';
import { newPage, screenshot, SCREENSHOTS, signInAs, useServerAndBrowser } from './support.js';

const PASSWORD = 'Báo cáo sáu tháng gửi huyện đúng hạn';
const PDFJS = path.resolve(import.meta.dirname, '../node_modules/pdfjs-dist/build');
/** Downloaded files go to a temporary directory, outside the tree. */
const DOWNLOADS = fs.mkdtempSync(path.join(os.tmpdir(), 'binhan-e2e-reports-'));

async function makeUser(server: RunningServer, username: string, displayName: string, role: 'commune_officer' | 'district_focal_point', unitId: string) {
  const { deps } = server;
  const secret = generateTotpSecret();
  const { user } = await createUser(deps, null, { username, displayName, role, unitId, organisation: undefined, locale: 'vi' }, { temporaryPassword: PASSWORD });
  await deps.db.updateTable('users').set({ must_change_password: 0, totp_enabled: 1, totp_secret_enc: deps.cipher.encrypt(secret) }).where('id', '=', user.id).execute();
  return { username, secret };
}

const signIn = (page: Page, baseUrl: string, who: { username: string; secret: string }) => signInAs(page, baseUrl, who.username, PASSWORD, who.secret);

/** A case recorded through the API with the signed-in officer's session. */
async function openCase(page: Page, baseUrl: string, unitId: string, detectedAt: string, fullName: string): Promise<void> {
  const response = await page.request.post(`${baseUrl}/api/cases`, {
    headers: { origin: baseUrl },
    data: {
      unitId, detectedAt, detectionSource: 'village_head',
      survivor: { fullName, sex: 'female', dateOfBirth: '1988-05-02', phone: '0912 345 678', ethnicityCode: '02' },
      firstIncident: {
        occurredAt: new Date(Date.parse(detectedAt) - 3_600_000).toISOString(), placeType: 'shared_home', unitId, acts: ['a'],
        gbvimsAnswers: { rape: false, sexual_assault: false, physical_assault: true }, gbvimsType: 'physical_assault', context: 'intimate_partner',
        injuries: 'minor', reportedToPolice: false, perpetrators: [{ sex: 'male', ageYears: 40, relationship: 'husband' }], narrative: 'Bị chồng đánh.',
      },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
}

async function saveDownload(download: Download, name: string): Promise<Buffer> {
  const file = path.join(DOWNLOADS, name);
  await download.saveAs(file);
  return fs.readFileSync(file);
}

/** Render every page of a PDF with pdf.js (served from node_modules, no network) into canvases on a blank page. */
async function renderPdf(page: Page, baseUrl: string, pdf: Buffer): Promise<number> {
  await page.route(`${baseUrl}/__pdfjs/**`, (route) => {
    const name = route.request().url().split('/__pdfjs/')[1] ?? '';
    return route.fulfill({ path: path.join(PDFJS, path.basename(name)), contentType: 'text/javascript' });
  });
  // The viewer page loads pdf.js as a module and exposes one function that draws every page on a canvas.
  const viewer = `<!doctype html><html><body style="margin:0;background:#888">
<div id="pages" style="display:flex;flex-direction:column;gap:12px;align-items:center;padding:12px"></div>
<script type="module">
import * as pdfjs from '/__pdfjs/pdf.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/__pdfjs/pdf.worker.mjs';
window.renderPdf = async (base64) => {
  const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const doc = await pdfjs.getDocument({ data }).promise;
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 1.1 });
    const canvas = document.createElement('canvas');
    canvas.width = viewport.width;
    canvas.height = viewport.height;
    document.getElementById('pages').appendChild(canvas);
    await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
  }
  return doc.numPages;
};
window.pdfReady = true;
</script></body></html>`;
  await page.route(`${baseUrl}/__pdfview`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: viewer }));
  await page.goto(`${baseUrl}/__pdfview`);
  await page.waitForFunction(() => (window as unknown as { pdfReady?: boolean }).pdfReady === true);
  return page.evaluate((base64) => (window as unknown as { renderPdf: (b: string) => Promise<number> }).renderPdf(base64), pdf.toString('base64'));
}

describe('periodic reports', () => {
  const env = useServerAndBrowser();

  it('is drafted by the commune, returned, resubmitted and approved by the province (since 1/7/2025), and downloads as official documents', async () => {
    const { deps, baseUrl } = env.server;
    const unit = async (code: string, from: string) => (await deps.db.selectFrom('admin_units').select('id').where('code', '=', code).where('valid_from', '=', from).executeTakeFirstOrThrow()).id;
    const tranPhu = await unit('02176', '2025-07-01');
    // Districts were abolished on 1/7/2025: a commune's 2026 report goes to the province's focal point.
    const province = await unit('19', '1997-01-01');
    const officer = await makeUser(env.server, 'thu.hm', 'Hoàng Minh Thu', 'commune_officer', tranPhu);
    const focal = await makeUser(env.server, 'son.lv', 'Lương Văn Sơn', 'district_focal_point', province);

    const { context, page } = await newPage(env.browser, 'desktop');
    await signIn(page, baseUrl, officer);
    for (const [at, name] of [['2026-01-12T02:00:00.000Z', 'Nông Thị Hiền'], ['2026-03-03T09:00:00.000Z', 'Ma Thị Yến'], ['2026-05-20T01:30:00.000Z', 'Hà Thị Loan']] as const) {
      await openCase(page, baseUrl, tranPhu, at, name);
    }

    // The list of 2026-H1 (the latest period that has ended), then the draft.
    await page.getByRole('link', { name: 'Báo cáo định kỳ' }).first().click();
    await page.getByRole('heading', { name: 'Báo cáo định kỳ' }).waitFor();
    const row = page.getByTestId('report-row-02176');
    await expect.poll(() => row.textContent()).toContain('Chưa lập');
    await screenshot(page, 'reports-list-officer');
    await row.getByRole('button', { name: 'Lập báo cáo' }).click();
    await page.getByTestId('report-status').getByText('Dự thảo').waitFor();
    const indicators = page.getByTestId('report-indicators');
    await expect.poll(() => indicators.textContent()).toMatch(/T1\..*0.*3/);
    expect(await indicators.textContent()).toContain('T5. Người dân tại cộng đồng');
    await page.getByTestId('narrative-situation').fill('Trong 6 tháng đầu năm, xã phát hiện 3 vụ việc bạo lực thể chất trong gia đình ở các thôn vùng cao.');
    await page.getByTestId('narrative-results').fill('Các vụ việc đều được tiếp nhận và đánh giá nguy cơ; tổ chức 2 buổi truyền thông tại thôn.');
    await page.getByRole('button', { name: 'Lưu thuyết minh' }).click();
    await page.getByText('Đã lưu thuyết minh.').waitFor();
    await screenshot(page, 'reports-draft');
    page.on('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Gửi tỉnh Thái Nguyên' }).click();
    await page.getByTestId('report-status').getByText('Đã gửi, chờ duyệt').waitFor();
    const reportUrl = page.url();

    // The province focal point returns it with a comment.
    const district1 = await newPage(env.browser, 'desktop');
    const fp = district1.page;
    fp.on('dialog', (dialog) => void dialog.accept());
    await signIn(fp, baseUrl, focal);
    await fp.goto(`${baseUrl}/app/reports`);
    await fp.getByTestId('report-row-02176').getByRole('link', { name: 'Mở' }).click();
    await fp.getByTestId('report-review').waitFor();
    await fp.getByRole('button', { name: 'Trả lại' }).click();
    await fp.getByText('Bắt buộc khi trả lại: ghi rõ xã cần sửa gì.').first().waitFor();
    await fp.getByTestId('review-comment').fill('Đề nghị bổ sung phần khó khăn, hạn chế và đề xuất.');
    await screenshot(fp, 'reports-review');
    await fp.getByRole('button', { name: 'Trả lại' }).click();
    await fp.getByTestId('report-status').getByText('Bị trả lại').waitFor();

    // The officer sees the comment, completes the narrative and resubmits.
    await page.goto(reportUrl);
    await page.getByTestId('return-comment').getByText('Đề nghị bổ sung phần khó khăn').waitFor();
    await page.getByTestId('narrative-difficulties').fill('Địa bàn rộng, đường sá khó khăn vào mùa mưa.');
    await page.getByTestId('narrative-proposals').fill('Đề nghị huyện tổ chức tập huấn cho cán bộ thôn.');
    await page.getByRole('button', { name: 'Lưu thuyết minh' }).click();
    await page.getByText('Đã lưu thuyết minh.').waitFor();
    await screenshot(page, 'reports-returned');
    await page.getByRole('button', { name: 'Gửi tỉnh Thái Nguyên' }).click();
    await page.getByTestId('report-status').getByText('Đã gửi, chờ duyệt').waitFor();

    // The province approves: the figures are frozen.
    await fp.reload();
    await fp.getByRole('button', { name: 'Phê duyệt' }).click();
    await fp.getByTestId('report-status').getByText('Đã phê duyệt').waitFor();
    await fp.getByText('Báo cáo đã được phê duyệt — kỳ báo cáo đã khóa').waitFor();
    await screenshot(fp, 'reports-approved');

    // A case recorded late in the locked period shows as a correction; the report keeps its figures.
    await openCase(page, baseUrl, tranPhu, '2026-06-01T03:00:00.000Z', 'Lục Thị Hoa');
    await page.goto(reportUrl);
    const corrections = page.getByTestId('report-corrections');
    await corrections.getByText('Số liệu đã thay đổi sau khi phê duyệt').waitFor();
    expect(await corrections.textContent()).toMatch(/Mẫu số.*34/);
    expect(await page.getByTestId('report-indicators').textContent()).toMatch(/T1\..*0.*3/);
    await screenshot(page, 'reports-corrections');

    // Downloads: Excel, Word and PDF, looked at.
    const downloads = page.getByTestId('report-downloads');
    const grab = async (name: string, file: string) => {
      const waiting = page.waitForEvent('download');
      await downloads.getByRole('link', { name, exact: true }).click();
      return saveDownload(await waiting, file);
    };
    const xlsx = await grab('Excel', 'report.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => texts.push(c.text))));
    expect(texts).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(texts).toContain('Địa bàn rộng, đường sá khó khăn vào mùa mưa.');
    const docx = await grab('Word (văn bản hành chính)', 'report.docx');
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')?.async('string') ?? '';
    expect(xml).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(xml).toBe(xml.normalize('NFC'));
    const pdf = await grab('PDF', 'report.pdf');
    const deid = await grab('Excel khử định danh', 'report-deidentified.xlsx');
    const deidBook = new ExcelJS.Workbook();
    await deidBook.xlsx.load(deid as unknown as ArrayBuffer);
    const deidTexts: string[] = [];
    deidBook.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => deidTexts.push(c.text))));
    expect(deidTexts).toContain('<5');
    expect(deidTexts.join(' ')).not.toContain('Địa bàn rộng');

    const pdfPage = await context.newPage();
    const pages = await renderPdf(pdfPage, baseUrl, pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    await screenshot(pdfPage, 'reports-pdf');

    // The province's consolidated report: Trần Phú's approved figures, 1 of 6 communes approved.
    await fp.goto(`${baseUrl}/app/reports`);
    await fp.getByTestId('report-row-19').getByRole('button', { name: 'Lập báo cáo' }).click();
    await fp.getByTestId('report-consolidation').getByText('(1/6)').waitFor();
    expect(await fp.getByTestId('report-indicators').textContent()).toMatch(/T1\..*0.*3/);
    await screenshot(fp, 'reports-province');
    await fp.getByRole('button', { name: 'Phê duyệt báo cáo tổng hợp' }).click();
    await fp.getByText(/còn 5 xã chưa có báo cáo được phê duyệt/).waitFor();

    // On a phone, the officer's approved report.
    const phone = await newPage(env.browser, 'phone');
    // The same session as on the desktop (a second sign-in within the same 30 s would reuse a TOTP code, which is refused).
    await phone.context.addCookies(await context.cookies());
    await phone.page.goto(reportUrl);
    await phone.page.getByTestId('report-status').getByText('Đã phê duyệt').waitFor();
    await screenshot(phone.page, 'reports-phone');
    // What the phone shows first, and the figures scrolled sideways in their frame.
    await phone.page.screenshot({ path: path.join(SCREENSHOTS, 'reports-phone-top.png') });
    await phone.page.getByTestId('report-table-victims_by_sex_age').scrollIntoViewIfNeeded();
    await phone.page.screenshot({ path: path.join(SCREENSHOTS, 'reports-phone-figures.png') });
    await phone.context.close();
    await district1.context.close();
    await context.close();
  });
});
