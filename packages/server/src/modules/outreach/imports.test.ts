// Importing activities and population figures from workbooks: the template, the row-by-row report, the
// user's choice for files with rejected rows, a 5,000-row file, and files that are not workbooks.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';
import { importRow, uploadAndWait, workbookOf, XLSX } from '../../test/outreach-fixtures.js';

describe.each(DATABASES)('outreach imports on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  const countActivities = async () => Number((await t.deps.db.selectFrom('outreach_activities').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestApp(kind, { totpRoles: [] });
    cookie = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
  });
  afterAll(async () => t.close());

  it('offers a Vietnamese template with drop-down lists and the units of the year', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/outreach/imports/template?year=2024', cookie });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('mau-nhap-hoat-dong-2024.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Hoạt động', 'Danh mục', 'Đơn vị năm 2024', 'Hướng dẫn']);
    expect((wb.worksheets[0] as ExcelJS.Worksheet).getRow(1).getCell(9).value).toBe('Nhóm đối tượng');
    // The commune officer of today's Trần Phú sees the units of its area as they stood in 2024.
    const units = (wb.worksheets[2] as ExcelJS.Worksheet).getColumn(2).values.slice(2);
    expect(units).toEqual(expect.arrayContaining(['Trần Phú', 'Cư Lễ', 'Văn Minh']));
    expect(units).not.toContain('Xuân Dương');
  });

  it('reports every bad row with row, column and reason, imports nothing unless asked for the valid rows, then imports them once', async () => {
    const before = await countActivities();
    const file = await workbookOf([
      importRow('12/03/2024', '02179'), // Trần Phú 2020–2025: fine
      importRow('13/03/2024', '99999'), // wrong unit
      importRow('14/03/2024', '02176', 'Người dân tại cộng đồng', -5), // negative count
      importRow('15/03/2024', '02170', 'Bộ đội biên phòng'), // unknown group
      importRow('16/03/2023', '02170'), // outside the year
      importRow('17/03/2024', '02191'), // another commune: out of scope
      importRow('18/03/2024', '02170', 'Học sinh', 'nhiều', 3), // not a number
      importRow('19/03/2024', '02170', 'Người dân tại cộng đồng', 10, 10, 'HD7'),
      importRow('19/03/2024', '02170', 'Học sinh', 30, 28, 'HD7'), // same activity, second group
    ]);
    const { view } = await uploadAndWait(t, cookie, file, 2024);
    expect(view).toMatchObject({ status: 'validated', totalRows: 9, validRows: 3, rejectedRows: 6, activitiesFound: 2 });
    expect(view?.rejections.map((r) => [r.row, r.column.split(' ')[0], r.message])).toEqual([
      [3, 'B', 'Không có đơn vị mã 99999 vào ngày của hoạt động'],
      [4, 'J', 'Số người không được âm (-5)'],
      [5, 'I', 'Nhóm đối tượng "Bộ đội biên phòng" không có trong danh mục'],
      [6, 'A', 'Ngày 16/03/2023 không thuộc năm 2024 đã chọn'],
      [7, 'B', 'Đơn vị 02191 nằm ngoài phạm vi quản lý của bạn'],
      [8, 'J', 'Số người "nhiều" không phải là số nguyên'],
    ]);
    const id = view?.id as string;
    const refused = await t.inject({ method: 'POST', url: `/api/outreach/imports/${id}/commit`, cookie, payload: {} });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'IMPORT_HAS_ERRORS', message: expect.stringContaining('6 dòng bị từ chối') });
    expect(await countActivities()).toBe(before);
    const someoneElse = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
    expect((await t.inject({ method: 'GET', url: `/api/outreach/imports/${id}`, cookie: someoneElse })).statusCode).toBe(404);
    const done = await t.inject({ method: 'POST', url: `/api/outreach/imports/${id}/commit`, cookie, payload: { onlyValidRows: true } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'imported', importedActivities: 2 });
    expect(await countActivities()).toBe(before + 2);
    const again = await t.inject({ method: 'POST', url: `/api/outreach/imports/${id}/commit`, cookie, payload: { onlyValidRows: true } });
    expect(again.json().error.code).toBe('IMPORT_ALREADY_DONE');
    expect(await countActivities()).toBe(before + 2);
    const list = await t.inject({ method: 'GET', url: '/api/outreach/activities?from=2024-03-19&to=2024-03-19', cookie });
    expect(list.json().items).toMatchObject([{ audienceTotal: 78, isImported: true }]);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'details']).where('resource_id', '=', id).execute();
    // The import once, and the refused second commit (refusals are audited).
    expect(audit.map((a) => a.action).sort()).toEqual(['access.refused', 'outreach.import']);
  });

  it('imports a 5,000-row file in one go', async () => {
    const before = await countActivities();
    const rows = Array.from({ length: 5000 }, (_, i) => {
      const day = new Date(Date.UTC(2024, 0, 1) + (i % 300) * 86_400_000);
      return importRow(`${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/2024`, i % 2 === 0 ? '02179' : '02170', i % 3 === 0 ? 'Học sinh' : 'Người dân tại cộng đồng', 10 + (i % 7), 9);
    });
    const started = Date.now();
    const file = await workbookOf(rows);
    const upload = () => t.inject({ method: 'POST', url: '/api/outreach/imports?year=2024&fileName=test.xlsx', cookie, payload: file, headers: { 'content-type': XLSX } });
    // One file at a time per user: a second upload while the first is being checked waits its turn.
    const first = await upload();
    expect(first.statusCode).toBe(202);
    const second = await upload();
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('IMPORT_IN_PROGRESS');
    let view: { id: string; status: string } | undefined;
    for (let i = 0; i < 1200 && view?.status !== 'validated'; i++) {
      view = (await t.inject({ method: 'GET', url: `/api/outreach/imports/${first.json<{ id: string }>().id}`, cookie })).json();
      if (view?.status === 'validating') await new Promise((resolve) => setTimeout(resolve, 50));
      else break;
    }
    expect(view).toMatchObject({ status: 'validated', totalRows: 5000, processedRows: 5000, rejectedRows: 0, activitiesFound: 5000 });
    const done = await t.inject({ method: 'POST', url: `/api/outreach/imports/${view?.id}/commit`, cookie, payload: {} });
    expect(done.json()).toMatchObject({ status: 'imported', importedActivities: 5000 });
    expect(await countActivities()).toBe(before + 5000);
    const audiences = await t.deps.db.selectFrom('outreach_audiences').innerJoin('outreach_activities', 'outreach_activities.id', 'outreach_audiences.activity_id')
      .select((eb) => eb.fn.countAll().as('n')).where('outreach_activities.import_id', '=', view?.id as string).executeTakeFirstOrThrow();
    expect(Number(audiences.n)).toBe(5000);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it('imports a file once when two commits race, and refuses a commit after the user left the area', async () => {
    const before = await countActivities();
    const withNote = importRow('04/04/2024', '02170');
    withNote[14] = 'Chị H. ở bản Cốc Thử cần được thăm lại';
    const file = await workbookOf([importRow('02/04/2024', '02179'), importRow('03/04/2024', '02170'), withNote]);
    const { view } = await uploadAndWait(t, cookie, file, 2024);
    // The rows wait for the user's decision encrypted: a note about a person is never stored in clear.
    const waiting = await t.deps.db.selectFrom('outreach_imports').select('payload').where('id', '=', view?.id as string).executeTakeFirstOrThrow();
    expect(waiting.payload).not.toContain('Cốc Thử');
    expect(waiting.payload).not.toContain('Phòng, chống bạo lực');
    const url = `/api/outreach/imports/${view?.id}/commit`;
    const answers = await Promise.all([1, 2, 3].map(() => t.inject({ method: 'POST', url, cookie, payload: {} })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
    expect(answers.filter((a) => a.statusCode === 409).map((a) => a.json().error.code)).toEqual(['IMPORT_ALREADY_DONE', 'IMPORT_ALREADY_DONE']);
    expect(await countActivities()).toBe(before + 3);
    const noted = await t.deps.db.selectFrom('outreach_activities').select('note_enc').where('import_id', '=', view?.id as string).where('note_enc', 'is not', null).executeTakeFirstOrThrow();
    expect(t.deps.cipher.decrypt(noted.note_enc as string)).toBe('Chị H. ở bản Cốc Thử cần được thăm lại');

    const mover = await t.makeUser('commune_officer', { unitCode: '02176' });
    const moverCookie = await t.signIn(mover);
    const pending = (await uploadAndWait(t, moverCookie, file, 2024)).view;
    expect(pending).toMatchObject({ status: 'validated', rejectedRows: 0 });
    await t.deps.db.updateTable('users').set({ unit_id: await t.unitId('02191') }).where('id', '=', mover.id).execute();
    const refused = await t.inject({ method: 'POST', url: `/api/outreach/imports/${pending?.id}/commit`, cookie: moverCookie, payload: {} });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('UNIT_OUT_OF_SCOPE');
    expect(await countActivities()).toBe(before + 3);
  });

  it('says clearly when the file is not a workbook, or has no rows', async () => {
    const text = await t.inject({ method: 'POST', url: '/api/outreach/imports?year=2024', cookie, payload: Buffer.from('Ngày;Mã đơn vị\n01/01/2024;02176'), headers: { 'content-type': XLSX } });
    expect(text.statusCode).toBe(400);
    expect(text.json().error).toMatchObject({ code: 'IMPORT_NOT_WORKBOOK', message: expect.stringContaining('không phải là bảng tính Excel') });
    const json = await t.inject({ method: 'POST', url: '/api/outreach/imports?year=2024', cookie, payload: {} });
    expect(json.json().error.code).toBe('IMPORT_NOT_WORKBOOK');
    // A zip archive that is not a workbook gets through the first check and fails in the background.
    const zipHeader = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
    const broken = await uploadAndWait(t, cookie, zipHeader, 2024);
    expect(broken.view).toMatchObject({ status: 'failed', failure: expect.stringContaining('không phải là bảng tính Excel') });
    const empty = await uploadAndWait(t, cookie, await workbookOf([]), 2024);
    expect(empty.view).toMatchObject({ status: 'failed', failure: expect.stringContaining('không có dòng số liệu') });
  });

  it('reports a check interrupted by a restart instead of polling for ever', async () => {
    const me = await t.deps.db.selectFrom('users').select('id').where('role', '=', 'commune_officer').orderBy('created_at').executeTakeFirstOrThrow();
    const at = new Date(Date.now() - 20 * 60_000).toISOString();
    const id = '0190a0a0-0000-7000-8000-0000000000aa';
    await t.deps.db.insertInto('outreach_imports').values({
      id, created_by: me.id, year: 2024, file_name: 'x.xlsx', status: 'validating', total_rows: 10, processed_rows: 3, valid_rows: 0, rejected_rows: 0,
      rejections: '[]', warnings: '[]', payload: null, activities_found: 0, imported_activities: 0, failure_code: null, created_at: at, updated_at: at,
    }).execute();
    const view = await t.inject({ method: 'GET', url: `/api/outreach/imports/${id}`, cookie });
    expect(view.json()).toMatchObject({ status: 'failed', failure: expect.stringContaining('bị gián đoạn') });
    const commit = await t.inject({ method: 'POST', url: `/api/outreach/imports/${id}/commit`, cookie, payload: { onlyValidRows: true } });
    expect(commit.json().error.code).toBe('IMPORT_NOT_READY');
  });

  it('imports population figures from a workbook, refusing bad rows unless asked for the valid ones', async () => {
    const focal = await t.signIn(await t.makeUser('statistician'));
    const template = await t.inject({ method: 'GET', url: '/api/population/template?year=2024', cookie: focal });
    expect(template.statusCode).toBe(200);
    const header = ['Mã đơn vị', 'Tên đơn vị', 'Nhóm đối tượng', 'Tổng số', 'Nữ', 'Nam', 'Nguồn số liệu'];
    const file = await workbookOf([
      ['02179', 'Trần Phú', 'Người dân tại cộng đồng', 4200, 2150, 2050, 'Niên giám 2024'],
      ['02179', 'Trần Phú', 'Học sinh', 800, null, null, 'Phòng Giáo dục'],
      ['02170', 'Văn Minh', 'Người dân', -1, null, null, 'Niên giám 2024'],
      ['02170', 'Văn Minh', 'Học sinh', 300, 200, 200, 'Phòng Giáo dục'],
      ['02170', 'Văn Minh', 'Lực lượng vũ trang', null, null, null, null],
    ], header);
    const url = '/api/population/import?year=2024';
    const first = await t.inject({ method: 'POST', url, cookie: focal, payload: file, headers: { 'content-type': XLSX } });
    expect(first.json()).toMatchObject({ imported: 0, rows: 4, rejectedRows: 2 });
    expect(first.json().rejections.map((r: { row: number; message: string }) => [r.row, r.message])).toEqual([[4, 'Số người không được âm (-1)'], [5, 'Số nữ cộng số nam lớn hơn tổng số']]);
    const second = await t.inject({ method: 'POST', url: `${url}&onlyValidRows=true`, cookie: focal, payload: file, headers: { 'content-type': XLSX } });
    expect(second.json()).toMatchObject({ imported: 2 });
    const grid = await t.inject({ method: 'GET', url: `/api/population?year=2024&unitId=${await t.unitId('02179', '2020-02-01')}`, cookie: focal });
    expect(grid.json().figures.map((f: { group: string; total: number }) => [f.group, f.total]).sort()).toEqual([['residents', 4200], ['students', 800]]);
    // 02176 was Cư Lễ until 30/6/2025 and is Trần Phú since: the 2025 template's code means today's Trần Phú.
    const reused = await workbookOf([['02176', 'Trần Phú', 'Người dân tại cộng đồng', 9100, null, null, 'Niên giám 2025']], header);
    expect((await t.inject({ method: 'POST', url: '/api/population/import?year=2025', cookie: focal, payload: reused, headers: { 'content-type': XLSX } })).json()).toMatchObject({ imported: 1 });
    const stored = await t.deps.db.selectFrom('population_figures').select('unit_id').where('year', '=', 2025).where('total', '=', 9100).executeTakeFirstOrThrow();
    expect(stored.unit_id).toBe(await t.unitId('02176', '2025-07-01'));
    const notWorkbook = await t.inject({ method: 'POST', url, cookie: focal, payload: Buffer.from('%PDF-1.4'), headers: { 'content-type': 'application/octet-stream' } });
    expect(notWorkbook.json().error.code).toBe('IMPORT_NOT_WORKBOOK');
  });
});
