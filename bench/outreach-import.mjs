// Importing communication activities from a 100,000-row workbook through the real API (upload, check of
// every row in the background, commit in one transaction), against the raw batched insert of the same
// activities, parsed already, into the emptied tables of the same database. `npm run bench` runs it after the other figures
// (see bench/run.mjs); `node bench/outreach-import.mjs` runs it alone once the server is compiled.
// Figures to compare over time, not a test: the script exits 1 only when the two inserts disagree.
//
// Options (environment): BENCH_IMPORT_ROWS (default 100000, from 1000 to 200000).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';

const BENCH_KEY_HEX = '5be1c7a0d2f3e4b5a6978899aabbccddeeff00112233445566778899aabbccdd';
const PASSWORD = 'Ruộng bậc thang Na Rì 2026';
const YEAR = 2024;

function boundedInt(value, fallback, min, max) {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}
const ROWS = boundedInt(process.env.BENCH_IMPORT_ROWS, 100_000, 1_000, 200_000);

const FORMATS = ['Họp, nói chuyện chuyên đề', 'Phát thanh trên loa truyền thanh', 'Buổi ngoại khóa ở trường học', 'Thăm hộ gia đình'];
const LANGUAGES = ['Tiếng Việt', 'Tiếng Tày', 'Tiếng Nùng', 'Tiếng Dao'];
const GROUPS = ['Người dân tại cộng đồng', 'Học sinh', 'Cán bộ, công chức, viên chức', 'Người lao động'];

const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;

async function openBenchSystem(dist, dataDir) {
  const { openSystem } = await import(new URL('boot.js', dist).href);
  const { loadConfig } = await import(new URL('config.js', dist).href);
  // The import's own cost is measured, not the sign-in: two-factor is off for the bench account's role.
  const config = { ...loadConfig({}), dataDir, secretKey: BENCH_KEY_HEX, logLevel: 'silent', webDistDir: null, totpRoles: [] };
  return { ...(await openSystem(config)), config };
}

/** The workbook a district would fill in: one activity per row, commune codes of 2024, counts by sex. */
async function makeWorkbook(codes) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Hoạt động');
  sheet.addRow(['Ngày (dd/mm/yyyy)', 'Mã đơn vị', 'Thôn, bản', 'Hình thức', 'Chủ đề', 'Ngôn ngữ', 'Chiến dịch', 'Tài liệu và số lượng', 'Nhóm đối tượng', 'Số nữ', 'Số nam', 'Không rõ giới tính', 'Cách đếm', 'Mã hoạt động', 'Ghi chú']);
  for (let i = 0; i < ROWS; i++) {
    const day = new Date(Date.UTC(YEAR, 0, 1) + (i % 366) * 86_400_000);
    const date = `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${YEAR}`;
    sheet.addRow([date, codes[i % codes.length], null, FORMATS[i % FORMATS.length], 'Phòng, chống bạo lực gia đình', LANGUAGES[i % LANGUAGES.length], null,
      i % 3 === 0 ? 'Tờ rơi: 50' : null, GROUPS[i % GROUPS.length], 10 + (i % 40), 8 + (i % 30), i % 5, i % 4 === 0 ? 'Có cả người đã tham dự trước đó' : 'Chỉ người mới (chưa được tính trong năm)', null, null]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function runOutreachImportBench() {
  const dist = new URL('../packages/server/dist/', import.meta.url);
  const { buildApp } = await import(new URL('app.js', dist).href);
  const { createUser } = await import(new URL('modules/users/service.js', dist).href);
  const { insertActivities } = await import(new URL('modules/outreach/imports.js', dist).href);
  const dirs = [fs.mkdtempSync(path.join(os.tmpdir(), 'binhan-bench-import-'))];
  const systems = [];
  let app;
  try {
    console.log(`\nImport of communication activities — ${ROWS.toLocaleString('en')} workbook rows, SQLite, one transaction each`);
    const system = await openBenchSystem(dist, dirs[0]);
    systems.push(system);
    const { deps } = system;
    const district = await deps.db.selectFrom('admin_units').select('id').where('code', '=', '066').executeTakeFirstOrThrow();
    const codes = (await deps.db.selectFrom('admin_units').select('code').where('kind', 'in', ['commune', 'town']).where('valid_from', '<=', `${YEAR}-01-01`)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', `${YEAR}-12-31`)])).execute()).map((r) => r.code);
    const { user } = await createUser(deps, null, { username: 'bench.huyen', displayName: 'Người đo nhập liệu', role: 'district_focal_point', unitId: district.id, organisation: undefined, locale: 'vi' }, { temporaryPassword: PASSWORD });
    await deps.db.updateTable('users').set({ must_change_password: 0, totp_enabled: 0, totp_secret_enc: null }).where('id', '=', user.id).execute();
    app = await buildApp(deps, { logger: false });
    await app.ready();
    const headers = { origin: 'http://localhost:80' };
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { username: 'bench.huyen', password: PASSWORD } });
    const cookie = `__Host-binhan_session=${login.cookies.find((c) => c.name === '__Host-binhan_session')?.value}`;

    let t0 = process.hrtime.bigint();
    const file = await makeWorkbook(codes);
    console.log(`workbook generated: ${(file.length / 1024 / 1024).toFixed(1)} MB in ${seconds(t0).toFixed(2)} s (not part of the import)`);

    globalThis.gc?.();
    t0 = process.hrtime.bigint();
    const started = await app.inject({ method: 'POST', url: `/api/outreach/imports?year=${YEAR}&fileName=bench.xlsx`, headers: { ...headers, cookie, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, payload: file });
    if (started.statusCode !== 202) throw new Error(`upload failed: ${started.statusCode} ${started.body}`);
    const id = started.json().id;
    let view;
    for (;;) {
      view = (await app.inject({ method: 'GET', url: `/api/outreach/imports/${id}`, headers: { ...headers, cookie } })).json();
      if (view.status !== 'validating') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const checkSeconds = seconds(t0);
    if (view.status !== 'validated' || view.rejectedRows !== 0) throw new Error(`the check failed: ${JSON.stringify(view).slice(0, 400)}`);
    const t1 = process.hrtime.bigint();
    const committed = await app.inject({ method: 'POST', url: `/api/outreach/imports/${id}/commit`, headers: { ...headers, cookie }, payload: {} });
    const commitSeconds = seconds(t1);
    if (committed.json().importedActivities !== ROWS) throw new Error(`commit failed: ${committed.body.slice(0, 400)}`);
    const importSeconds = checkSeconds + commitSeconds;

    // The same activities, already parsed, inserted straight into a fresh database: the floor.
    const payload = await deps.db.selectFrom('outreach_activities').innerJoin('outreach_audiences', 'outreach_audiences.activity_id', 'outreach_activities.id')
      .select(['unit_id', 'village_id', 'activity_date', 'format', 'topic', 'language', 'campaign', 'materials', 'counting_basis', 'audience_group', 'female', 'male', 'unknown_sex'])
      .execute();
    const activities = payload.map((r) => ({
      rows: [0], activityDate: r.activity_date, unitId: r.unit_id, villageId: r.village_id, format: r.format, topic: r.topic, language: r.language, campaign: r.campaign,
      materials: JSON.parse(r.materials), countingBasis: r.counting_basis, note: null, audiences: [{ group: r.audience_group, female: r.female, male: r.male, unknownSex: r.unknown_sex }],
    }));
    // Empty the tables again (same database, same indexes), then insert the parsed activities directly.
    await deps.db.deleteFrom('outreach_audiences').execute();
    await deps.db.deleteFrom('outreach_activities').execute();
    const raw = system;
    const rawUser = user;
    globalThis.gc?.();
    const t2 = process.hrtime.bigint();
    await raw.deps.db.transaction().execute((trx) => insertActivities(trx, raw.deps, activities, rawUser.id, null));
    const rawSeconds = seconds(t2);
    const count = async (db) => Number((await db.selectFrom('outreach_audiences').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const importedRows = payload.length;
    const rawRows = await count(raw.deps.db);

    const rate = (n, s) => `${Math.round(n / s).toLocaleString('en')} rows/s`;
    console.log(`import through the API: ${importSeconds.toFixed(2)} s (${rate(ROWS, importSeconds)}) = upload, read and check every row ${checkSeconds.toFixed(2)} s + commit ${commitSeconds.toFixed(2)} s`);
    console.log(`raw batched insert of the same ${ROWS.toLocaleString('en')} activities: ${rawSeconds.toFixed(2)} s (${rate(ROWS, rawSeconds)})`);
    console.log(`ratio import/raw: ${(importSeconds / rawSeconds).toFixed(1)} (commit alone/raw: ${(commitSeconds / rawSeconds).toFixed(2)})`);
    if (importedRows !== rawRows || importedRows !== ROWS) {
      console.error(`The two inserts disagree: ${importedRows} audience rows imported, ${rawRows} inserted raw.`);
      process.exitCode = 1;
    }
  } finally {
    await app?.close();
    for (const s of systems) await s.handle.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runOutreachImportBench();
