// Throughput of an authenticated API request (GET /api/me: session lookup, access check, one user read)
// against a bare Fastify route, on this machine, over loopback; then search by name over 100,000
// encrypted cases (bench/case-search.mjs), then the indicator dashboard over generated cases against the SQL
// aggregate it needs (bench/dashboard.mjs), then the import of a 100,000-row
// workbook of communication activities against the raw insert of the same rows (bench/outreach-import.mjs), then 200 changes queued
// offline sent as 4 sync batches against the same writes sent online (bench/offline-sync.mjs), then loading one province
// and the whole country from the national lists of administrative units (bench/unit-load.mjs), then the dashboard of a province
// with ten years of records and with the whole country loaded, against hand-written SQL (bench/province-dashboard.mjs). Run with `npm run bench`, which compiles the server first.
// These are figures to compare over time, not a test: nothing here passes or fails, except that every
// answer must be 200, and the searches must agree, for the figures to mean anything.
//
// Options (environment): BENCH_SECONDS (default 5, at most 30), BENCH_CONNECTIONS (default 20, at most 100);
// for the search, BENCH_CASES and BENCH_DATABASE_URL (see case-search.mjs); for the dashboard,
// BENCH_DASHBOARD_CASES (see dashboard.mjs); for the unit load, BENCH_DATABASE_URL or TEST_DATABASE_URL; for the province
// dashboard, BENCH_PROVINCE_CASES, BENCH_PROVINCE_ACTIVITIES, BENCH_PROVINCE_RUNS (see province-dashboard.mjs).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import Fastify from 'fastify';

const BENCH_KEY_HEX = '5be1c7a0d2f3e4b5a6978899aabbccddeeff00112233445566778899aabbccdd';
const PASSWORD = 'Ruộng bậc thang Na Rì 2026';
const HOST = '127.0.0.1';

function boundedInt(value, fallback, min, max) {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}
const SECONDS = boundedInt(process.env.BENCH_SECONDS, 5, 1, 30);
const CONNECTIONS = boundedInt(process.env.BENCH_CONNECTIONS, 20, 1, 100);
const WARMUP_SECONDS = 1;
/** A hard cap on requests per run, whatever the machine's speed. */
const MAX_REQUESTS = 2_000_000;

/** One request over the keep-alive agent; resolves with the status once the body is read. */
function get(agent, port, urlPath, headers) {
  return new Promise((resolve, reject) => {
    const request = http.get({ agent, host: HOST, port, path: urlPath, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
      response.on('error', reject);
    });
    request.setTimeout(10_000, () => request.destroy(new Error(`timeout on ${urlPath}`)));
    request.on('error', reject);
  });
}

/**
 * CONNECTIONS workers, each sending one request after the other on its own keep-alive connection, until
 * the time is up or the request cap is reached. Latencies are kept in a preallocated array.
 */
async function load(port, urlPath, headers, seconds) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies = new Float64Array(MAX_REQUESTS);
  let count = 0;
  const statuses = new Map();
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(seconds * 1e9);
  const worker = async () => {
    while (count < MAX_REQUESTS && process.hrtime.bigint() < deadline) {
      const t0 = process.hrtime.bigint();
      const status = await get(agent, port, urlPath, headers);
      const index = count;
      count += 1;
      if (index < MAX_REQUESTS) latencies[index] = Number(process.hrtime.bigint() - t0) / 1e6;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  const sorted = latencies.subarray(0, Math.min(count, MAX_REQUESTS)).sort();
  const percentile = (p) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
  return { requests: count, seconds: elapsed, perSecond: count / elapsed, p50: percentile(50), p99: percentile(99), statuses };
}

/**
 * The load runs in a worker thread, so the client does not share the servers' event loop: warm-up, then
 * the measured run.
 */
function measure(label, port, urlPath, headers) {
  globalThis.gc?.();
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { port, urlPath, headers } });
    worker.once('message', (result) => resolve({ label, ...result }));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker for ${urlPath} stopped with code ${code}`));
    });
  });
}

function table(rows) {
  const header = ['route', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'statuses'];
  const body = rows.map((r) => [
    r.label, String(r.requests), r.perSecond.toFixed(0), r.p50.toFixed(2), r.p99.toFixed(2),
    [...r.statuses].map(([status, n]) => `${status}×${n}`).join(' '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

async function loadWorker() {
  const { port, urlPath, headers } = workerData;
  await load(port, urlPath, headers, WARMUP_SECONDS);
  parentPort.postMessage(await load(port, urlPath, headers, SECONDS));
}

async function main() {
  const dist = new URL('../packages/server/dist/', import.meta.url);
  const { buildApp } = await import(new URL('app.js', dist).href);
  const { openSystem } = await import(new URL('boot.js', dist).href);
  const { loadConfig } = await import(new URL('config.js', dist).href);
  const { createUser } = await import(new URL('modules/users/service.js', dist).href);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'binhan-bench-'));
  let system;
  let app;
  let bare;
  try {
    // The configuration a real start would build, pointed at a throwaway SQLite database.
    const config = { ...loadConfig({}), dataDir, secretKey: BENCH_KEY_HEX, logLevel: 'silent', webDistDir: null };
    system = await openSystem(config);
    const { deps } = system;
    const district = await deps.db.selectFrom('admin_units').select('id').where('kind', '=', 'district').orderBy('valid_from').executeTakeFirstOrThrow();
    const username = 'bench.statistician';
    const { user } = await createUser(deps, null, {
      username, displayName: 'Người đo hiệu năng', role: 'statistician', unitId: district.id, organisation: undefined, locale: 'vi',
    }, { temporaryPassword: PASSWORD });
    await deps.db.updateTable('users').set({ must_change_password: 0, totp_enabled: 0, totp_secret_enc: null }).where('id', '=', user.id).execute();

    app = await buildApp(deps, { logger: false });
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'http://localhost:80' }, payload: { username, password: PASSWORD } });
    const session = login.cookies.find((c) => c.name === '__Host-binhan_session');
    if (login.statusCode !== 200 || login.json().stage !== 'active' || !session) {
      throw new Error(`sign-in for the benchmark failed: ${login.statusCode} ${login.body}`);
    }
    const cookie = `__Host-binhan_session=${session.value}`;
    await app.listen({ host: HOST, port: 0 });
    const appPort = app.server.address().port;

    bare = Fastify({ logger: false });
    bare.get('/ok', async () => ({ ok: true }));
    await bare.listen({ host: HOST, port: 0 });
    const barePort = bare.server.address().port;

    // One request each first, so a broken set-up shows before any load is sent.
    const probeAgent = new http.Agent({ keepAlive: false });
    const probes = [await get(probeAgent, appPort, '/api/me', { cookie }), await get(probeAgent, barePort, '/ok', {})];
    if (probes.some((s) => s !== 200)) throw new Error(`set-up check failed: GET /api/me ${probes[0]}, GET /ok ${probes[1]}`);

    console.log(`Bình An benchmark — ${CONNECTIONS} keep-alive connections, ${SECONDS} s per route after ${WARMUP_SECONDS} s warm-up, loopback only; load from a worker thread`);
    console.log(`Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, database ${deps.dbKind}, argon2 memory ${config.argon2MemoryKib} KiB (sign-in only)\n`);
    const me = await measure('GET /api/me (signed in)', appPort, '/api/me', { cookie });
    const ok = await measure('GET /ok (bare Fastify)', barePort, '/ok', {});
    console.log(table([me, ok]));
    console.log(`\nratio me/bare: ${(me.perSecond / ok.perSecond).toFixed(3)} (GET /api/me serves ${(100 * me.perSecond / ok.perSecond).toFixed(1)}% of the bare route's rate)`);
    console.log('\nThese are figures for comparison, not a pass/fail test; they depend on this machine and its load.');
    const failures = [me, ok].filter((r) => [...r.statuses.keys()].some((s) => s !== 200));
    if (failures.length > 0) {
      console.error(`\nSome answers were not 200 (${failures.map((r) => r.label).join(', ')}): the figures above are not valid.`);
      process.exitCode = 1;
    }
  } finally {
    await bare?.close();
    await app?.close();
    await system?.handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (isMainThread) {
  await main();
  // The second benchmark, on a database of its own: search by name over encrypted cases (case-search.mjs).
  const { runCaseSearchBench } = await import('./case-search.mjs');
  await runCaseSearchBench();
  // The third: the indicator dashboard against the SQL aggregate it needs (dashboard.mjs).
  const { runDashboardBench } = await import('./dashboard.mjs');
  await runDashboardBench();
  // The fourth: importing 100,000 communication activities from a workbook against the raw insert (outreach-import.mjs).
  const { runOutreachImportBench } = await import('./outreach-import.mjs');
  await runOutreachImportBench();
  // The fifth: 200 changes queued offline, sent as 4 sync batches, against the same writes sent online (offline-sync.mjs).
  const { runOfflineSyncBench } = await import('./offline-sync.mjs');
  await runOfflineSyncBench();
  // The sixth: loading one province and the whole country from the national unit lists (unit-load.mjs).
  const { runUnitLoadBench } = await import('./unit-load.mjs');
  await runUnitLoadBench();
  // The seventh: 100 sessions sending a mix of reads and writes over loopback, next to the bare route (mixed-load.mjs).
  const { runMixedLoadBench } = await import('./mixed-load.mjs');
  await runMixedLoadBench();
  // The eighth: the dashboard of a province over ten years, then with the whole country loaded, against hand-written SQL (province-dashboard.mjs).
  const { runProvinceDashboardBench } = await import('./province-dashboard.mjs');
  await runProvinceDashboardBench();
} else {
  await loadWorker();
}
