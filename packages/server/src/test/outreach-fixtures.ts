// Test helpers of the outreach module: activity bodies and workbooks built with exceljs.
import ExcelJS from 'exceljs';
import type { TestApp } from './test-app.js';

export function activityBody(unitId: string, overrides: Record<string, unknown> = {}) {
  return {
    activityDate: '2025-11-20',
    unitId,
    format: 'meeting',
    topic: 'Luật Phòng, chống bạo lực gia đình 2022',
    language: 'tay',
    materials: [{ name: 'Tờ rơi', quantity: 200 }],
    campaign: 'gbv_action_month',
    countingBasis: 'new_people',
    audiences: [{ group: 'residents', female: 30, male: 25, unknownSex: 0 }],
    ...overrides,
  };
}

/** A workbook whose first sheet has a header row and these rows. */
export async function workbookOf(rows: ReadonlyArray<ReadonlyArray<string | number | Date | null>>, header: readonly string[] = ['Ngày']): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Hoạt động');
  sheet.addRow([...header]);
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One template row: date, unit code, group and counts; the rest filled with valid values. */
export function importRow(date: string, unitCode: string, group = 'Người dân tại cộng đồng', female: number | string = 20, male: number | string = 15, code = '') {
  return [date, unitCode, null, 'Họp, nói chuyện chuyên đề', 'Phòng, chống bạo lực gia đình', 'Tiếng Việt', null, 'Tờ rơi: 50', group, female, male, 0, 'Người mới', code, null];
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Upload a workbook and wait until every row is checked. */
export async function uploadAndWait(t: TestApp, cookie: string, file: Buffer, year: number) {
  const started = await t.inject({ method: 'POST', url: `/api/outreach/imports?year=${year}&fileName=test.xlsx`, cookie, payload: file, headers: { 'content-type': XLSX } });
  if (started.statusCode !== 202) return { started, view: null };
  const id = started.json<{ id: string }>().id;
  for (let i = 0; i < 600; i++) {
    const poll = await t.inject({ method: 'GET', url: `/api/outreach/imports/${id}`, cookie });
    const view = poll.json<{ status: string; id: string; rejectedRows: number; validRows: number; totalRows: number; processedRows: number; rejections: Array<{ row: number; column: string; message: string }>; failure: string | null; activitiesFound: number; importedActivities: number }>();
    if (view.status !== 'validating') return { started, view };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('import did not finish');
}
