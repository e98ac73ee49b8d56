// Loading administrative units from the national reference lists (issue 13): one province (Thái Nguyên, 19: two old
// provinces, 17 districts, 280 old communes, 92 new ones) and the whole country (34 provinces, about 14,000 units and
// 10,700 successions), each into a fresh database set up as the first start does (openSystem: migrations, keys, the
// Na Rì seed). Then, with the whole country loaded: reading the unit graph, one scope computed and then cached,
// GET /api/admin-units?validOn=2026-01-01 for a system administrator (every unit valid that day), and the area and
// today's attribution of Thái Nguyên that every figure of the province starts from.
// `npm run bench` runs it after the other figures (see bench/run.mjs); `node bench/unit-load.mjs` runs it alone once
// the server is compiled (`tsc -b packages/server`). Figures to compare over time, not a test; it exits 1 only
// when a load is refused or the lists do not have the expected size.
//
// Options (environment): BENCH_DATABASE_URL (or TEST_DATABASE_URL): a postgres:// URL, the same measured on
// PostgreSQL, each run in a schema of its own dropped after. Databases go to a temporary directory, removed after.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

const BENCH_KEY_HEX = '5be1c7a0d2f3e4b5a6978899aabbccddeeff00112233445566778899aabbccdd';
const PASSWORD = 'Ruộng bậc thang Na Rì 2026';
const LIST_RUNS = 5;

const seconds = (ms) => (ms / 1000).toFixed(2);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(fn) {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/** One fresh database: open as the first start does, load the provinces, report; with `extra`, more figures on it. */
async function loadInto(server, config, openHandle, label, provinces, extra) {
  const { handle, drop } = await openHandle();
  let system;
  try {
    const opened = await timed(() => server.openSystem(config, handle));
    system = opened.value;
    const { deps } = system;
    const loaded = await timed(() => server.loadProvinces(deps, { provinces }));
    if (loaded.value.problems.length > 0) throw new Error(`${label}: refused: ${loaded.value.problems.slice(0, 3).map((p) => `${p.file}:${p.line}: ${p.reason}`).join('; ')}`);
    const units = loaded.value.plans.reduce((n, p) => n + p.units.length, 0);
    const links = loaded.value.plans.reduce((n, p) => n + p.successions.length, 0);
    const again = await timed(() => server.loadProvinces(deps, { provinces }));
    const changed = again.value.plans.reduce((n, p) => n + p.units.length + p.successions.length, 0);
    if (changed !== 0) throw new Error(`${label}: a second load added ${changed} rows`);
    console.log(`${label.padEnd(44)} ${String(units).padStart(6)} units ${String(links).padStart(6)} successions  ${seconds(loaded.ms).padStart(6)} s  ${(units / (loaded.ms / 1000)).toFixed(0).padStart(7)} units/s   (first start ${seconds(opened.ms)} s; second load, nothing to add: ${seconds(again.ms)} s)`);
    if (extra) await extra(deps);
  } finally {
    // openSystem closes the handle itself when it fails.
    if (system) await system.handle.close();
    await drop();
  }
}

/** With the whole country loaded: the graph, a scope, and the list of what was valid on a day. */
async function countryFigures(server, deps) {
  const domain = await import('@binhan/domain');
  deps.units.invalidate();
  const graph = await timed(() => deps.units.graph());
  const thaiNguyen = [...graph.value.byId.values()].find((u) => u.kind === 'province' && u.code === '19' && u.validTo === null);
  const first = await timed(() => graph.value.scopeOf(thaiNguyen.id));
  const cached = await timed(() => graph.value.scopeOf(thaiNguyen.id));
  // What a figure for the province starts from (DOMAIN.md §11): its area, and the attribution of today's units.
  const area = await timed(() => domain.areaOf(graph.value, thaiNguyen.id));
  const attribution = await timed(() => new domain.Attribution(graph.value, thaiNguyen.id, 'today', '2026-01-01'));
  const today = server.unitsOfProvinceOn(graph.value, '19', '2026-01-01');
  if (today.filter((u) => u.parentId === thaiNguyen.id).length !== 92) throw new Error(`Thái Nguyên has ${today.length - 1} communes on 2026-01-01, not 92`);

  const district = [...graph.value.byId.values()].find((u) => u.code === '066');
  const { user } = await server.createUser(deps, null, {
    username: 'bench.admin', displayName: 'Quản trị đo hiệu năng', role: 'system_admin', unitId: district.id, organisation: undefined, locale: 'vi',
  }, { temporaryPassword: PASSWORD });
  await deps.db.updateTable('users').set({ must_change_password: 0, totp_enabled: 0, totp_secret_enc: null }).where('id', '=', user.id).execute();
  const app = await server.buildApp(deps, { logger: false });
  try {
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'http://localhost:80' }, payload: { username: 'bench.admin', password: PASSWORD } });
    const session = login.cookies.find((c) => c.name === '__Host-binhan_session');
    if (login.statusCode !== 200 || !session) throw new Error(`sign-in for the benchmark failed: ${login.statusCode} ${login.body}`);
    const times = [];
    let items = 0;
    for (let i = 0; i < LIST_RUNS + 1; i += 1) {
      const { value, ms } = await timed(() => app.inject({ method: 'GET', url: '/api/admin-units?validOn=2026-01-01', headers: { cookie: `__Host-binhan_session=${session.value}` } }));
      if (value.statusCode !== 200) throw new Error(`GET /api/admin-units answered ${value.statusCode}`);
      items = value.json().items.length;
      if (i > 0) times.push(ms);
    }
    console.log(`  with ${graph.value.byId.size} units: graph read ${graph.ms.toFixed(0)} ms; scope of Thái Nguyên ${first.ms.toFixed(1)} ms, then cached ${cached.ms.toFixed(2)} ms; GET /api/admin-units?validOn=2026-01-01 (${items} units) median ${median(times).toFixed(0)} ms over ${LIST_RUNS}`);
    console.log(`  area of Thái Nguyên (areaOf, not cached) ${area.ms.toFixed(1)} ms (${area.value.size} units); its attribution in today's units ${attribution.ms.toFixed(1)} ms (${attribution.value.rows.size} rows)`);
  } finally {
    await app.close();
  }
}

export async function runUnitLoadBench() {
  const dist = new URL('../packages/server/dist/', import.meta.url);
  const server = {
    ...(await import(new URL('app.js', dist).href)),
    ...(await import(new URL('boot.js', dist).href)),
    ...(await import(new URL('config.js', dist).href)),
    ...(await import(new URL('db/database.js', dist).href)),
    ...(await import(new URL('modules/admin-units/reference.js', dist).href)),
    ...(await import(new URL('modules/users/service.js', dist).href)),
  };
  const country = server.allProvinceCodes();
  console.log(`\nLoading administrative units from the national lists into a fresh database (one transaction, batches of 500); Node ${process.version}, ${os.cpus().length} CPU`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'binhan-bench-units-'));
  let failed = false;
  try {
    const config = { ...server.loadConfig({}), dataDir, secretKey: BENCH_KEY_HEX, logLevel: 'silent', webDistDir: null, databaseUrl: undefined, argon2MemoryKib: 1024, totpRoles: [] };
    let n = 0;
    const sqlite = () => {
      n += 1;
      const file = path.join(dataDir, `units-${n}.sqlite`);
      return { handle: server.openSqlite(file), drop: async () => fs.rmSync(file, { force: true }) };
    };
    await loadInto(server, config, async () => sqlite(), 'SQLite, province 19 (Thái Nguyên)', ['19']);
    await loadInto(server, config, async () => sqlite(), `SQLite, whole country (${country.length} provinces)`, country, (deps) => countryFigures(server, deps));
    const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (url) {
      const postgres = async () => {
        const schema = `bench_${randomBytes(6).toString('hex')}`;
        const run = async (statement) => {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            await client.query(statement);
          } finally {
            await client.end();
          }
        };
        await run(`create schema "${schema}"`);
        return { handle: server.openPostgres(url, { schema, maxConnections: 4 }), drop: () => run(`drop schema if exists "${schema}" cascade`) };
      };
      const pgConfig = { ...config, databaseUrl: url };
      await loadInto(server, pgConfig, postgres, 'PostgreSQL, province 19 (Thái Nguyên)', ['19']);
      await loadInto(server, pgConfig, postgres, `PostgreSQL, whole country (${country.length} provinces)`, country, (deps) => countryFigures(server, deps));
    } else {
      console.log('(PostgreSQL: set BENCH_DATABASE_URL or TEST_DATABASE_URL to measure it too)');
    }
  } catch (error) {
    console.error(`\nUnit load benchmark failed: ${error.message}`);
    failed = true;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log('The time of a load includes reading and checking the three lists and planning against the units already there.');
  if (failed) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await runUnitLoadBench();
