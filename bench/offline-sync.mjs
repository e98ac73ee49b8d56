// Sending 200 changes queued on a device (follow-ups, notes and services on 20 cases) as 4 sync batches of
// 50 through POST /api/sync, against the same 200 writes sent online, one request each, to their own
// routes. Both go through the real app in-process (inject), on the same SQLite database. After each run the
// rows are counted; a replay of the first batch must answer 'duplicate' for every op and write nothing.
// `npm run bench` runs it after the other figures (see bench/run.mjs); `node bench/offline-sync.mjs` runs
// it alone once the server is compiled. Figures to compare over time, not a test: the script exits 1 only
// when a write is refused or the counts disagree.
//
// Options (environment): BENCH_SYNC_CHANGES (default 200, from 40 to 2000; a multiple of 4 works best).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const BENCH_KEY_HEX = '5be1c7a0d2f3e4b5a6978899aabbccddeeff00112233445566778899aabbccdd';
const PASSWORD = 'Ruộng bậc thang Na Rì 2026';
const ORIGIN = 'http://localhost:80';
const CASES = 20;
const BATCHES = 4;

function boundedInt(value, fallback, min, max) {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}
const CHANGES = boundedInt(process.env.BENCH_SYNC_CHANGES, 200, 40, 2000);

const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;

/** The i-th change: a third each of follow-ups, notes and services, spread over the cases. */
function change(i, caseIds) {
  const caseId = caseIds[i % caseIds.length];
  const at = new Date(Date.now() - (CHANGES - i) * 60_000).toISOString();
  switch (i % 3) {
    case 0:
      return { kind: 'case.follow_up', caseId, route: `/api/cases/${caseId}/follow-ups`, payload: { contactedAt: at, method: 'home_visit', survivorSafe: 'yes', violenceRecurred: false, newNeeds: [], note: `Thăm nhà lần ${i}.` } };
    case 1:
      return { kind: 'case.note', caseId, route: `/api/cases/${caseId}/notes`, payload: { body: `Ghi chú số ${i}: đã gọi điện hỏi thăm.` } };
    default:
      return { kind: 'case.service', caseId, route: `/api/cases/${caseId}/services`, payload: { serviceType: 'psychosocial_counselling', givenAt: at, providerName: 'Hội Liên hiệp Phụ nữ xã', outcome: `Tư vấn lần ${i}.` } };
  }
}

async function counts(db) {
  const [followUps, notes, services] = await Promise.all([
    db.selectFrom('follow_ups').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('case_events').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'note').executeTakeFirstOrThrow(),
    db.selectFrom('case_events').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'service').executeTakeFirstOrThrow(),
  ]);
  return { followUps: Number(followUps.n), notes: Number(notes.n), services: Number(services.n) };
}

function expected(changes) {
  const e = { followUps: 0, notes: 0, services: 0 };
  for (const c of changes) {
    if (c.kind === 'case.follow_up') e.followUps += 1;
    else if (c.kind === 'case.note') e.notes += 1;
    else e.services += 1;
  }
  return e;
}

const diff = (after, before) => ({ followUps: after.followUps - before.followUps, notes: after.notes - before.notes, services: after.services - before.services });
const same = (a, b) => a.followUps === b.followUps && a.notes === b.notes && a.services === b.services;

export async function runOfflineSyncBench() {
  const dist = new URL('../packages/server/dist/', import.meta.url);
  const { buildApp } = await import(new URL('app.js', dist).href);
  const { openSystem } = await import(new URL('boot.js', dist).href);
  const { loadConfig } = await import(new URL('config.js', dist).href);
  const { createUser } = await import(new URL('modules/users/service.js', dist).href);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'binhan-bench-sync-'));
  let system;
  let app;
  let failed = false;
  try {
    console.log(`\nOffline sync — ${CHANGES} queued changes (follow-ups, notes, services on ${CASES} cases), SQLite, in-process`);
    const config = { ...loadConfig({}), dataDir, secretKey: BENCH_KEY_HEX, logLevel: 'silent', webDistDir: null, totpRoles: [] };
    system = await openSystem(config);
    const { deps } = system;
    const commune = await deps.db.selectFrom('admin_units').select('id').where('code', '=', '02176').where('valid_to', 'is', null).executeTakeFirstOrThrow();
    const { user } = await createUser(deps, null, { username: 'bench.xa', displayName: 'Người đo đồng bộ', role: 'commune_officer', unitId: commune.id, organisation: undefined, locale: 'vi' }, { temporaryPassword: PASSWORD });
    await deps.db.updateTable('users').set({ must_change_password: 0, totp_enabled: 0, totp_secret_enc: null }).where('id', '=', user.id).execute();
    app = await buildApp(deps, { logger: false });
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: ORIGIN }, payload: { username: 'bench.xa', password: PASSWORD } });
    const cookie = `__Host-binhan_session=${login.cookies.find((c) => c.name === '__Host-binhan_session')?.value}`;
    const headers = { origin: ORIGIN, cookie };

    const caseIds = [];
    for (let i = 0; i < CASES; i++) {
      const detectedAt = new Date(Date.now() - 48 * 3_600_000 + i * 60_000).toISOString();
      const response = await app.inject({
        method: 'POST', url: '/api/cases', headers,
        payload: {
          unitId: commune.id, detectedAt, detectionSource: 'village_head',
          survivor: { fullName: `Người thử đồng bộ ${i}`, sex: 'female', dateOfBirth: '1990-03-15', ethnicityCode: '02' },
          firstIncident: {
            occurredAt: new Date(Date.parse(detectedAt) - 3_600_000).toISOString(), placeType: 'shared_home', unitId: commune.id, acts: ['a'],
            gbvimsAnswers: { rape: false, sexual_assault: false, physical_assault: true }, gbvimsType: 'physical_assault', context: 'intimate_partner',
            injuries: 'minor', reportedToPolice: false, perpetrators: [{ sex: 'male', ageYears: 38, relationship: 'husband' }],
          },
        },
      });
      if (response.statusCode !== 201) throw new Error(`opening a case answered ${response.statusCode}: ${response.body}`);
      caseIds.push(response.json().id);
    }

    // Warm-up (not measured): one write of each kind online, one small batch.
    for (let i = 0; i < 3; i++) {
      const c = change(i, caseIds);
      await app.inject({ method: 'POST', url: c.route, headers, payload: c.payload });
    }
    await app.inject({ method: 'POST', url: '/api/sync', headers, payload: { deviceId: randomUUID(), ops: [0, 1, 2].map((i) => { const c = change(i, caseIds); return { opId: randomUUID(), kind: c.kind, caseRef: c.caseId, recordedAt: new Date().toISOString(), payload: c.payload }; }) } });

    const changes = Array.from({ length: CHANGES }, (_, i) => change(i, caseIds));
    const want = expected(changes);

    // Online: one request per change, in order, as a connected device sends them.
    globalThis.gc?.();
    let before = await counts(deps.db);
    let t0 = process.hrtime.bigint();
    for (const c of changes) {
      const response = await app.inject({ method: 'POST', url: c.route, headers, payload: c.payload });
      if (response.statusCode !== 201) throw new Error(`online ${c.route} answered ${response.statusCode}: ${response.body}`);
    }
    const online = seconds(t0);
    const onlineDiff = diff(await counts(deps.db), before);
    if (!same(onlineDiff, want)) {
      failed = true;
      console.log(`online counts disagree: ${JSON.stringify(onlineDiff)} written, ${JSON.stringify(want)} expected`);
    }

    // Offline queue: the same changes as ops with client ids, sent in 4 batches.
    const deviceId = randomUUID();
    const ops = changes.map((c) => ({ opId: randomUUID(), kind: c.kind, caseRef: c.caseId, recordedAt: new Date().toISOString(), payload: c.payload }));
    const size = Math.ceil(ops.length / BATCHES);
    const batches = Array.from({ length: BATCHES }, (_, b) => ops.slice(b * size, (b + 1) * size)).filter((b) => b.length > 0);
    globalThis.gc?.();
    before = await counts(deps.db);
    t0 = process.hrtime.bigint();
    const statuses = new Map();
    for (const batch of batches) {
      const response = await app.inject({ method: 'POST', url: '/api/sync', headers, payload: { deviceId, ops: batch } });
      if (response.statusCode !== 200) throw new Error(`POST /api/sync answered ${response.statusCode}: ${response.body}`);
      for (const r of response.json().results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }
    const synced = seconds(t0);
    const syncDiff = diff(await counts(deps.db), before);
    if (!same(syncDiff, want) || statuses.get('applied') !== CHANGES) {
      failed = true;
      console.log(`sync counts disagree: ${JSON.stringify(syncDiff)} written, ${JSON.stringify(want)} expected; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    }

    // The first batch sent again (its answer was lost): every op is a duplicate, nothing is written.
    before = await counts(deps.db);
    t0 = process.hrtime.bigint();
    const replay = await app.inject({ method: 'POST', url: '/api/sync', headers, payload: { deviceId, ops: batches[0] } });
    const replayed = seconds(t0);
    const replayStatuses = replay.json().results.map((r) => r.status);
    const replayDiff = diff(await counts(deps.db), before);
    if (replay.statusCode !== 200 || replayStatuses.some((s) => s !== 'duplicate') || !same(replayDiff, { followUps: 0, notes: 0, services: 0 })) {
      failed = true;
      console.log(`replay wrote or refused: status ${replay.statusCode}, ${JSON.stringify(replayDiff)} written, answers ${[...new Set(replayStatuses)].join(', ')}`);
    }

    const perChange = (s) => `${((s / CHANGES) * 1000).toFixed(2)} ms/change`;
    console.log(`online, one request each : ${online.toFixed(2)} s (${perChange(online)}), ${JSON.stringify(onlineDiff)}`);
    console.log(`sync, ${batches.length} batches of ${size}   : ${synced.toFixed(2)} s (${perChange(synced)}), ${JSON.stringify(syncDiff)}, ${JSON.stringify(Object.fromEntries(statuses))}`);
    console.log(`ratio sync / online      : ${(synced / online).toFixed(2)}`);
    console.log(`replay of batch 1        : ${replayed.toFixed(2)} s, ${replayStatuses.length} × duplicate, nothing written`);
  } finally {
    await app?.close();
    await system?.handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runOfflineSyncBench();
