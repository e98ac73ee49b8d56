// Mixed load: SESSIONS signed-in commune officers (default 100), each on its own keep-alive connection,
// sending a realistic mix of reads and writes to the real server over loopback for BENCH_MIXED_SECONDS;
// then a bare Fastify route under the same connections in the same run, as the baseline. Prints p50,
// p99 and requests/s per kind of request and overall, and the top costs of a CPU profile of the server
// taken during the mixed load. On SQLite it runs twice, with synchronous=FULL (the default: a saved case
// survives a power cut) and NORMAL, to show what FULL costs; on PostgreSQL too when BENCH_DATABASE_URL is
// set (a schema of its own, dropped after). Traffic goes to 127.0.0.1 only, bounded in time and count.
// `npm run bench` runs it last; `node --expose-gc bench/mixed-load.mjs` runs it alone once the server is
// compiled. Figures, not a test: it exits 1 only when an answer is not the expected success.
//
// Options (environment): BENCH_MIXED_SECONDS (default 20, from 2 to 120), BENCH_MIXED_SESSIONS (default
// 100, from 1 to 200), BENCH_DATABASE_URL (postgres:// URL, optional).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import Fastify from 'fastify';
import pg from 'pg';
import { compiledServer } from './compiled-server.mjs';

const BENCH_KEY_HEX = '5be1c7a0d2f3e4b5a6978899aabbccddeeff00112233445566778899aabbccdd';
const PASSWORD = 'Ruộng bậc thang Na Rì 2026';
const HOST = '127.0.0.1';
const COMMUNES = ['02176', '02155'];
const MAX_REQUESTS = 1_000_000;

function boundedInt(value, fallback, min, max) {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}
const SECONDS = boundedInt(process.env.BENCH_MIXED_SECONDS, 20, 2, 120);
const SESSIONS = boundedInt(process.env.BENCH_MIXED_SESSIONS, 100, 1, 200);

const hoursAgo = (h) => new Date(Date.now() - h * 3_600_000).toISOString();

function intake(unitId, i) {
  const detectedAt = hoursAgo(2 + (i % 40));
  return {
    unitId, detectedAt, detectionSource: 'village_head',
    survivor: { fullName: `Người thử tải ${i}`, sex: 'female', dateOfBirth: '1990-03-15', ethnicityCode: '02' },
    firstIncident: {
      occurredAt: new Date(Date.parse(detectedAt) - 3_600_000).toISOString(), placeType: 'shared_home', unitId, acts: ['a'],
      gbvimsAnswers: { rape: false, sexual_assault: false, physical_assault: true }, gbvimsType: 'physical_assault', context: 'intimate_partner',
      injuries: 'minor', reportedToPolice: false, perpetrators: [{ sex: 'male', ageYears: 38, relationship: 'husband' }],
    },
  };
}

/**
 * The mix, by weight: what a commune officer's app asks during a working day. Lists and case pages
 * dominate; a fifth of the requests write (a note, a follow-up, sometimes a new case).
 */
const MIX = [
  ['GET /api/cases', 30],
  ['GET /api/cases/:id', 20],
  ['GET /api/cases/:id/timeline', 10],
  ['GET /api/me', 10],
  ['GET /api/alerts', 5],
  ['POST /api/cases/:id/notes', 15],
  ['POST /api/cases/:id/follow-ups', 7],
  ['POST /api/cases', 3],
];
const TOTAL_WEIGHT = MIX.reduce((s, [, w]) => s + w, 0);

function pick(counter) {
  // Deterministic spread (no randomness between runs): step through the weights with a stride.
  let x = (counter * 37) % TOTAL_WEIGHT;
  for (const [kind, weight] of MIX) {
    if (x < weight) return kind;
    x -= weight;
  }
  return MIX[0][0];
}

function send(agent, port, method, urlPath, headers, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const request = http.request({ agent, host: HOST, port, method, path: urlPath, headers: payload ? { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
      response.on('error', reject);
    });
    request.setTimeout(30_000, () => request.destroy(new Error(`timeout on ${method} ${urlPath}`)));
    request.on('error', reject);
    request.end(payload);
  });
}

function summary(latencies, count, seconds, statuses) {
  const sorted = latencies.subarray(0, count).sort();
  const at = (p) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
  return { requests: count, perSecond: count / seconds, p50: at(50), p99: at(99), statuses: Object.fromEntries(statuses) };
}

/** In the worker: one loop per session on its own connection until the time is up. */
async function loadWorker() {
  const { port, barePort, sessions, seconds } = workerData;
  const mixed = async (duration, measure) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: sessions.length });
    const perKind = new Map(MIX.map(([kind]) => [kind, { latencies: new Float64Array(MAX_REQUESTS / 4), count: 0, statuses: new Map() }]));
    const all = new Float64Array(MAX_REQUESTS);
    let total = 0;
    const started = process.hrtime.bigint();
    const deadline = started + BigInt(Math.round(duration * 1e9));
    await Promise.all(sessions.map(async (session, s) => {
      const headers = { origin: `http://${HOST}:${port}`, cookie: session.cookie };
      let n = s * 7;
      while (total < MAX_REQUESTS && process.hrtime.bigint() < deadline) {
        const kind = pick(n);
        const caseId = session.caseIds[n % session.caseIds.length];
        n += 1;
        let method = 'GET';
        let url;
        let body;
        switch (kind) {
          case 'GET /api/cases': url = '/api/cases?status=open'; break;
          case 'GET /api/cases/:id': url = `/api/cases/${caseId}`; break;
          case 'GET /api/cases/:id/timeline': url = `/api/cases/${caseId}/timeline`; break;
          case 'GET /api/me': url = '/api/me'; break;
          case 'GET /api/alerts': url = '/api/alerts'; break;
          case 'POST /api/cases/:id/notes': method = 'POST'; url = `/api/cases/${caseId}/notes`; body = { body: `Ghi chú tải ${n}: đã gọi điện hỏi thăm.` }; break;
          case 'POST /api/cases/:id/follow-ups': method = 'POST'; url = `/api/cases/${caseId}/follow-ups`; body = { contactedAt: hoursAgo(1), method: 'home_visit', survivorSafe: 'yes', violenceRecurred: false }; break;
          default: method = 'POST'; url = '/api/cases'; body = intake(session.unitId, n); break;
        }
        const t0 = process.hrtime.bigint();
        const status = await send(agent, port, method, url, headers, body);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (!measure) continue;
        const k = perKind.get(kind);
        if (k.count < k.latencies.length) k.latencies[k.count] = ms;
        k.count += 1;
        k.statuses.set(status, (k.statuses.get(status) ?? 0) + 1);
        if (total < all.length) all[total] = ms;
        total += 1;
      }
    }));
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    agent.destroy();
    const statuses = new Map();
    for (const k of perKind.values()) for (const [st, c] of k.statuses) statuses.set(st, (statuses.get(st) ?? 0) + c);
    return {
      overall: summary(all, Math.min(total, all.length), elapsed, statuses),
      kinds: [...perKind].map(([kind, k]) => ({ kind, ...summary(k.latencies, Math.min(k.count, k.latencies.length), elapsed, k.statuses) })),
    };
  };
  const bare = async (duration) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: sessions.length });
    const all = new Float64Array(MAX_REQUESTS);
    let total = 0;
    const statuses = new Map();
    const started = process.hrtime.bigint();
    const deadline = started + BigInt(Math.round(duration * 1e9));
    await Promise.all(sessions.map(async () => {
      while (total < MAX_REQUESTS && process.hrtime.bigint() < deadline) {
        const t0 = process.hrtime.bigint();
        const status = await send(agent, barePort, 'GET', '/ok', {});
        all[total] = Number(process.hrtime.bigint() - t0) / 1e6;
        total += 1;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }));
    agent.destroy();
    return summary(all, total, Number(process.hrtime.bigint() - started) / 1e9, statuses);
  };
  parentPort.on('message', async (message) => {
    if (message === 'warm') parentPort.postMessage(await mixed(Math.min(3, seconds), false));
    if (message === 'mixed') parentPort.postMessage(await mixed(seconds, true));
    if (message === 'bare') parentPort.postMessage(await bare(seconds));
  });
  parentPort.postMessage('ready');
}

/** Self time per function of a V8 CPU profile: the top costs, with where they are. */
function topCosts(profile, count = 12) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const total = profile.timeDeltas.reduce((s, d) => s + d, 0) || 1;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const frame = node.callFrame;
    const file = frame.url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '').replace(/^.*\/packages\/server\/dist\//, 'server/');
    const key = `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`);
}

function row(label, r) {
  const statuses = Object.entries(r.statuses).map(([s, n]) => `${s}×${n}`).join(' ');
  return `${label.padEnd(32)} ${String(r.requests).padStart(8)} ${r.perSecond.toFixed(0).padStart(7)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)}  ${statuses}`;
}

async function benchOne(server, label, config, handle) {
  const { deps, handle: h } = await server.openSystem(config, handle);
  let app;
  let bare;
  let worker;
  const problems = [];
  try {
    const users = [];
    for (let i = 0; i < SESSIONS; i++) {
      const code = COMMUNES[i % COMMUNES.length];
      const unit = await deps.db.selectFrom('admin_units').select('id').where('code', '=', code).where('valid_to', 'is', null).executeTakeFirstOrThrow();
      const username = `bench.load${i}`;
      const { user } = await server.createUser(deps, null, { username, displayName: `Cán bộ đo tải ${i}`, role: 'commune_officer', unitId: unit.id, organisation: undefined, locale: 'vi' }, { temporaryPassword: PASSWORD });
      await deps.db.updateTable('users').set({ must_change_password: 0, totp_enabled: 0, totp_secret_enc: null }).where('id', '=', user.id).execute();
      users.push({ username, unitId: unit.id });
    }
    app = await server.buildApp(deps, { logger: false });
    await app.ready();
    const origin = 'http://localhost:80';
    const sessions = [];
    for (const [i, u] of users.entries()) {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin }, payload: { username: u.username, password: PASSWORD } });
      const cookie = `__Host-binhan_session=${login.cookies.find((c) => c.name === '__Host-binhan_session')?.value}`;
      if (login.statusCode !== 200) throw new Error(`sign-in failed: ${login.statusCode} ${login.body}`);
      // Each officer has three open cases of her commune to work on.
      const caseIds = [];
      for (let c = 0; c < 3; c++) {
        const opened = await app.inject({ method: 'POST', url: '/api/cases', headers: { origin, cookie }, payload: intake(u.unitId, i * 3 + c) });
        if (opened.statusCode !== 201) throw new Error(`opening a case answered ${opened.statusCode}: ${opened.body}`);
        caseIds.push(opened.json().id);
      }
      sessions.push({ cookie, unitId: u.unitId, caseIds });
    }
    await app.listen({ host: HOST, port: 0 });
    bare = Fastify({ logger: false });
    bare.get('/ok', async () => ({ ok: true }));
    await bare.listen({ host: HOST, port: 0 });

    worker = new Worker(new URL(import.meta.url), { workerData: { port: app.server.address().port, barePort: bare.server.address().port, sessions, seconds: SECONDS } });
    const next = () => new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await next();
    worker.postMessage('warm');
    await next();
    globalThis.gc?.();
    const inspector = new Session();
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.setSamplingInterval', { interval: 500 });
    await inspector.post('Profiler.start');
    worker.postMessage('mixed');
    const mixed = await next();
    const { profile } = await inspector.post('Profiler.stop');
    inspector.disconnect();
    worker.postMessage('bare');
    const baseline = await next();

    console.log(`\n${label}: ${SESSIONS} sessions, ${SECONDS} s, loopback`);
    console.log(`${'request'.padEnd(32)} ${'count'.padStart(8)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}  statuses`);
    for (const k of mixed.kinds) console.log(row(k.kind, k));
    console.log(row('all (mixed)', mixed.overall));
    console.log(row('GET /ok (bare Fastify, baseline)', baseline));
    console.log(`mixed / bare: ${(mixed.overall.perSecond / baseline.perSecond).toFixed(3)} of the requests/s; p99 ${mixed.overall.p99.toFixed(1)} ms against ${baseline.p99.toFixed(1)} ms`);
    console.log('top self time in the server during the mixed load (CPU profile):');
    for (const line of topCosts(profile)) console.log(line);
    for (const k of mixed.kinds) {
      const bad = Object.keys(k.statuses).filter((s) => !['200', '201'].includes(s));
      if (bad.length > 0) problems.push(`${label} ${k.kind}: ${bad.map((s) => `${s}×${k.statuses[s]}`).join(' ')}`);
    }
    return { problems, overall: mixed.overall };
  } finally {
    await worker?.terminate();
    await bare?.close();
    await app?.close();
    await h.close();
  }
}

export async function runMixedLoadBench() {
  const server = await compiledServer();

  console.log(`\nMixed load — Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; the client runs in a worker thread of the same process`);
  const problems = [];
  const results = {};
  for (const synchronous of ['full', 'normal']) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'binhan-bench-mixed-'));
    try {
      const config = { ...server.loadConfig({}), dataDir, secretKey: BENCH_KEY_HEX, logLevel: 'silent', webDistDir: null, totpRoles: [], argon2MemoryKib: 1024, sqliteSynchronous: synchronous };
      const handle = server.openSqlite(path.join(dataDir, 'binhan.sqlite'), { synchronous });
      const result = await benchOne(server, `SQLite, synchronous=${synchronous.toUpperCase()}`, config, handle);
      problems.push(...result.problems);
      results[synchronous] = result.overall;
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (results.full && results.normal) {
    console.log(`\nsynchronous=FULL costs ${(100 * (1 - results.full.perSecond / results.normal.perSecond)).toFixed(1)} % of the requests/s of NORMAL under this mix (p99 ${results.full.p99.toFixed(1)} ms against ${results.normal.p99.toFixed(1)} ms)`);
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const schema = `bench_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create schema "${schema}"`);
      const config = { ...server.loadConfig({}), databaseUrl: url, dataDir: os.tmpdir(), secretKey: BENCH_KEY_HEX, logLevel: 'silent', webDistDir: null, totpRoles: [], argon2MemoryKib: 1024 };
      const handle = server.openPostgres(url, { schema, maxConnections: 10 });
      problems.push(...(await benchOne(server, `PostgreSQL (schema ${schema}, dropped after)`, config, handle)).problems);
    } finally {
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    }
  }
  console.log('\nFigures for comparison on this machine and its load, not a pass/fail test.');
  if (problems.length > 0) {
    console.error(`Some answers were not successes, so the figures are not valid:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
}

if (!isMainThread) await loadWorker();
else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runMixedLoadBench();
