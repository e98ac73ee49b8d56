// The indicator dashboard over a large generated data set, against the hand-written SQL aggregate it needs.
// `npm run bench` runs it after the other figures (see bench/run.mjs); `node bench/dashboard.mjs` runs it
// alone once the server is compiled (`tsc -b packages/server`). Figures to compare over time, not a test;
// the script exits 1 only when the dashboard and the SQL aggregate disagree on a figure.
//
// (a) GET /api/indicators/dashboard for Plan 85/KH-UBND, the district, 2017–2026, through the whole app
//     in process (session, access check, plan and targets, every year, every commune, statuses) — what a
//     district leader waits for. The figures are computed from the live records on each request.
// (b) One SQL statement grouping the same survivors by unit and year with T1's rule written in SQL (time
//     limits per risk level, at least one service): the least work any implementation must do.
//
// Options (environment): BENCH_DASHBOARD_CASES (default 100000, from 1000 to 500000), BENCH_DATABASE_URL
// (a postgres:// URL: the same is measured on PostgreSQL in a schema of its own, dropped after).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { compiledServer } from './compiled-server.mjs';

export const BENCH_KEY_HEX = '5be1c7a0d2f3e4b5a6978899aabbccddeeff00112233445566778899aabbccdd';
export const PASSWORD = 'Ruộng bậc thang Na Rì 2026';
const FROM_YEAR = 2017;
const TO_YEAR = 2026;
const RUNS = 20;
const WARMUP = 3;
const ROWS_PER_INSERT = 500;
const RISKS = ['low', 'medium', 'medium', 'high', 'high', 'critical', null];

export function boundedInt(value, fallback, min, max) {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}
const CASES = boundedInt(process.env.BENCH_DASHBOARD_CASES, 100_000, 1_000, 500_000);

export function randomSource(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Cases spread over 2017–2026, each recorded on a commune that existed on its detection day; timeliness improves
 * over the years. `units` (id, valid_from, valid_to) are the communes to draw from: every commune-level unit
 * of the database by default.
 */
export async function generateCases(deps, newId, userId, count = CASES, units = null) {
  units ??= await deps.db.selectFrom('admin_units').select(['id', 'kind', 'valid_from', 'valid_to'])
    .where('kind', 'in', ['commune', 'town', 'ward']).execute();
  const random = randomSource(20170524);
  const start = Date.parse(`${FROM_YEAR}-01-01T00:00:00+07:00`);
  const span = Date.parse(`${TO_YEAR}-11-01T00:00:00+07:00`) - start;
  const started = performance.now();
  const at = new Date().toISOString();
  for (let from = 0; from < count; from += 5_000) {
    const rows = [];
    for (let i = from; i < Math.min(count, from + 5_000); i += 1) {
      const detected = start + Math.floor(random() * span / 60_000) * 60_000;
      const day = new Date(detected + 7 * 3_600_000).toISOString().slice(0, 10);
      const candidates = units.filter((u) => u.valid_from <= day && (u.valid_to === null || day <= u.valid_to));
      const unit = candidates[Math.floor(random() * candidates.length)];
      const year = Number(day.slice(0, 4));
      const progress = (year - FROM_YEAR) / (TO_YEAR - FROM_YEAR);
      const risk = RISKS[Math.floor(random() * RISKS.length)];
      // Whole minutes, never exactly at a limit, so SQL's arithmetic and the domain's agree.
      const intervenes = random() < 0.75 + 0.2 * progress;
      const minutes = Math.floor(random() * (random() < 0.5 + 0.4 * progress ? 100 : 3000)) + 1;
      const after = intervenes ? minutes * 60_000 + 30_000 : null;
      rows.push({
        id: newId(), code: `B-${String(i).padStart(7, '0')}`, unit_id: unit.id, village_id: null, status: 'in_support',
        closure_reason: random() < 0.02 ? 'duplicate' : null, detection_source: 'neighbour', detected_at: new Date(detected).toISOString(),
        received_by: userId, assigned_officer_id: null, is_child: 0, risk_level: risk, first_risk_level: risk,
        first_intervention_at: after === null ? null : new Date(detected + after).toISOString(),
        has_service_or_referral: random() < 0.7 + 0.25 * progress ? 1 : 0, client_key: null,
        closure_requested_at: null, closure_requested_by: null, closure_requested_reason: null, version: 1, created_at: at, updated_at: at,
      });
    }
    await deps.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await trx.insertInto('cases').values(rows.slice(i, i + ROWS_PER_INSERT)).execute();
    });
  }
  return performance.now() - started;
}

/** (b) The aggregate by unit and Vietnamese year, T1's rule in SQL. */
export function aggregate(deps, sql, limits) {
  const isPg = deps.dbKind === 'postgresql';
  const hours = isPg
    ? sql`extract(epoch from (cast(first_intervention_at as timestamptz) - cast(detected_at as timestamptz))) / 3600.0`
    : sql`(julianday(first_intervention_at) - julianday(detected_at)) * 24.0`;
  const year = isPg
    ? sql`cast(extract(year from (cast(detected_at as timestamptz) at time zone 'Asia/Ho_Chi_Minh')) as integer)`
    : sql`cast(strftime('%Y', detected_at, '+7 hours') as integer)`;
  // The limits are numbers from the configuration, written into the statement as literals.
  const n = (value) => sql.lit(Number(value));
  const limit = sql`case coalesce(first_risk_level, 'unassessed') when 'critical' then ${n(limits.critical)} when 'high' then ${n(limits.high)}
    when 'medium' then ${n(limits.medium)} when 'low' then ${n(limits.low)} else ${n(limits.unassessed)} end`;
  return sql`select unit_id, ${year} as year, count(*) as denominator,
      sum(case when has_service_or_referral = 1 and first_intervention_at is not null and ${hours} <= ${limit} then 1 else 0 end) as numerator
    from cases
    where detected_at >= ${new Date(`${FROM_YEAR}-01-01T00:00:00+07:00`).toISOString()} and detected_at < ${new Date(`${TO_YEAR + 1}-01-01T00:00:00+07:00`).toISOString()}
      and (closure_reason is null or closure_reason not in ('duplicate', 'not_violence'))
    group by unit_id, ${year}`.execute(deps.db);
}

export function stats(samples) {
  const sorted = Float64Array.from(samples).sort();
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { p50: at(50), p95: at(95), n: sorted.length };
}

async function benchOne(server, config, handle, label) {
  const system = await server.openSystem(config, handle);
  const { deps } = system;
  let app;
  try {
    const district = await deps.db.selectFrom('admin_units').select('id').where('code', '=', '066').executeTakeFirstOrThrow();
    const plan = await deps.db.selectFrom('plans').select('id').where('code', '=', '85/KH-UBND').executeTakeFirstOrThrow();
    const username = 'bench.leader';
    const { user } = await server.createUser(deps, null, {
      username, displayName: 'Lãnh đạo đo hiệu năng', role: 'district_leader', unitId: district.id, organisation: undefined, locale: 'vi',
    }, { temporaryPassword: PASSWORD });
    await deps.db.updateTable('users').set({ must_change_password: 0, totp_enabled: 0, totp_secret_enc: null }).where('id', '=', user.id).execute();
    const generatedMs = await generateCases(deps, server.newId, user.id);
    if (deps.dbKind === 'postgresql') await server.sql`analyze`.execute(deps.db);
    console.log(`${label}: generated ${CASES.toLocaleString('en')} cases over ${FROM_YEAR}–${TO_YEAR} in ${(generatedMs / 1000).toFixed(1)} s`);

    app = await server.buildApp(deps, { logger: false });
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'http://localhost:80' }, payload: { username, password: PASSWORD } });
    const session = login.cookies.find((c) => c.name === '__Host-binhan_session');
    if (login.statusCode !== 200 || !session) throw new Error(`sign-in for the benchmark failed: ${login.statusCode} ${login.body}`);
    const url = `/api/indicators/dashboard?planId=${plan.id}&unitId=${district.id}&fromYear=${FROM_YEAR}&toYear=${TO_YEAR}&units=then`;
    const dashboard = async () => {
      const response = await app.inject({ method: 'GET', url, headers: { cookie: `__Host-binhan_session=${session.value}` } });
      if (response.statusCode !== 200) throw new Error(`dashboard answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
      return response.json();
    };
    const limits = deps.config.caseSettings.timeLimits;

    for (let i = 0; i < WARMUP; i += 1) {
      await dashboard();
      await aggregate(deps, server.sql, limits);
    }
    globalThis.gc?.();
    const a = [];
    const b = [];
    let view;
    let rows;
    for (let i = 0; i < RUNS; i += 1) {
      const runA = async () => {
        const t0 = performance.now();
        view = await dashboard();
        a.push(performance.now() - t0);
      };
      const runB = async () => {
        const t0 = performance.now();
        rows = (await aggregate(deps, server.sql, limits)).rows;
        b.push(performance.now() - t0);
      };
      if (i % 2 === 0) { await runA(); await runB(); } else { await runB(); await runA(); }
    }

    // The two must agree: T1 numerator and denominator of the district for every year.
    const problems = [];
    const t1 = view.indicators.find((x) => x.indicator.code === 'T1');
    for (const point of t1.trend) {
      const inYear = rows.filter((r) => Number(r.year) === point.year);
      const denominator = inYear.reduce((s, r) => s + Number(r.denominator), 0);
      const numerator = inYear.reduce((s, r) => s + Number(r.numerator), 0);
      if (denominator !== point.denominator || numerator !== point.numerator) {
        problems.push(`${label} ${point.year}: dashboard ${point.numerator}/${point.denominator}, SQL ${numerator}/${denominator}`);
      }
    }
    const sa = stats(a);
    const sb = stats(b);
    const cells = 1 + t1.trend.length + t1.communes.length * 5;
    console.log(`  (a) GET /api/indicators/dashboard (${view.indicators.length} indicators, ${t1.trend.length} years, ${t1.communes.length} communes, ~${cells} figures each): p50 ${sa.p50.toFixed(1)} ms, p95 ${sa.p95.toFixed(1)} ms over ${sa.n} runs`);
    console.log(`  (b) hand-written SQL aggregate by unit and year (${rows.length} groups):                  p50 ${sb.p50.toFixed(1)} ms, p95 ${sb.p95.toFixed(1)} ms over ${sb.n} runs`);
    console.log(`  ratio (a)/(b) at p50: ${(sa.p50 / sb.p50).toFixed(2)}×; T1 per year agrees: ${problems.length === 0 ? 'yes' : 'NO'}`);
    console.log(`  T1 by year: ${t1.trend.map((p) => `${p.year} ${p.value === null ? '—' : p.value.toFixed(1)}%`).join(', ')}`);
    return problems;
  } finally {
    await app?.close();
    await system.handle.close();
  }
}

/** Runs `fn(handle, label)` on PostgreSQL in a schema of its own (bench_<random>), dropped after. */
export async function inPostgresSchema(server, url, fn) {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create schema "${schema}"`);
    return await fn(server.openPostgres(url, { schema, maxConnections: 4 }), `PostgreSQL (schema ${schema}, dropped after)`);
  } finally {
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  }
}

export async function runDashboardBench() {
  const server = await compiledServer();

  console.log(`\nIndicator dashboard over ${CASES.toLocaleString('en')} generated cases (${FROM_YEAR}–${TO_YEAR}, every commune of each generation), ${RUNS} runs after ${WARMUP} warm-up, alternating; in process, no network; Node ${process.version}, ${os.cpus().length} CPU`);
  const problems = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'binhan-bench-dashboard-'));
  try {
    const config = { ...server.loadConfig({}), dataDir, secretKey: BENCH_KEY_HEX, logLevel: 'silent', webDistDir: null, databaseUrl: undefined, totpRoles: [] };
    problems.push(...await benchOne(server, config, server.openDatabase(config), 'SQLite'));
    const url = process.env.BENCH_DATABASE_URL;
    if (url) problems.push(...await inPostgresSchema(server, url, (handle, label) => benchOne(server, { ...config, databaseUrl: url }, handle, label)));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log('\n(a) includes HTTP handling in process, the session and access checks, every indicator of the plan (T2–T5 as their modules allow),');
  console.log('the trend, the period and the communes with statuses. (b) is the single grouped query those figures could be summed from.');
  if (problems.length > 0) {
    console.error(`\nThe dashboard and the SQL aggregate disagree, so the figures above are not valid:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await runDashboardBench();
