// Search by name over many encrypted survivor identities, against the raw indexed lookup it builds on and
// against the naive alternative the design avoids (decrypt every identity and compare folded names).
// `npm run bench` runs it after the throughput figures (see bench/run.mjs); `node bench/case-search.mjs`
// runs it alone once the server is compiled (`tsc -b packages/server`). These are figures to compare
// over time, not a test; the script exits 1 only when the three ways of searching disagree.
//
// Options (environment): BENCH_CASES (default 100000, from 1000 to 200000), BENCH_DATABASE_URL (a
// postgres:// URL: the same search is also measured on PostgreSQL, in a schema of its own dropped after).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ageAt, ageGroupOf, foldedTokens, formatCaseCode, isChild, vietnamDateOf } from '@binhan/domain';
import pg from 'pg';
import { compiledServer } from './compiled-server.mjs';

const BENCH_KEY_HEX = '5be1c7a0d2f3e4b5a6978899aabbccddeeff00112233445566778899aabbccdd';
const PASSWORD = 'Ruộng bậc thang Na Rì 2026';
const UNIT_CODE = '02176';
const UNIT_FROM = '2025-07-01';

function boundedInt(value, fallback, min, max) {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}
const CASES = boundedInt(process.env.BENCH_CASES, 100_000, 1_000, 200_000);
/** Queries per indexed figure, after WARMUP_QUERIES unmeasured ones. */
const QUERIES = 200;
const WARMUP_QUERIES = 20;
/** The naive search decrypts every identity: a few runs are enough to know its cost. */
const NAIVE_QUERIES = 5;
/** A figure stops early when its queries have taken this long (the count run is printed). */
const PHASE_BUDGET_MS = 60_000;
/** Cases per transaction while generating, and rows per INSERT statement (under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters). */
const CASES_PER_TRANSACTION = 5_000;
const ROWS_PER_INSERT = { cases: 500, survivors: 2_000, survivor_tokens: 5_000 };

// ——— Synthetic people ——————————————————————————————————————————————————————————————————————————————
// Names as they are found in a mountain district of the North (Tày, Nùng, Dao and Kinh families), with
// rough weights so that common names are common: a search for a common name finds many cases, and a
// common token ("Thị") is in most rows of the index, as it would be in a real district.

const FAMILY_NAMES = {
  Nguyễn: 12, Hoàng: 10, Nông: 10, Triệu: 6, Hà: 5, Ma: 4, Bế: 4, Lục: 4, Trần: 4, Lê: 3, Đinh: 3, Lý: 3,
  Lường: 2, La: 2, Vi: 2, Lâm: 2, Đàm: 2, Dương: 2, Sầm: 1, Hứa: 1, Mông: 1, Lèo: 1, Phùng: 1, Chu: 1,
  Lò: 1, 'Bàn': 2, Hầu: 1, Tô: 1, Quan: 1, Lăng: 1,
};
const MIDDLE_NAMES = {
  Thị: 60, Thu: 5, Ngọc: 4, Thanh: 4, Hồng: 3, Kim: 2, Minh: 2, Bích: 1, Mỹ: 1, Phương: 1, Diệu: 1, Văn: 1, Đức: 1,
};
const GIVEN_NAMES = {
  Hoa: 4, Mai: 4, Lan: 4, Hằng: 3, Thu: 3, Mây: 2, Duyên: 2, Hương: 4, Linh: 3, Trang: 3, Nhung: 2, Huyền: 3,
  Thảo: 3, Ngân: 2, Yến: 2, Phượng: 2, Liên: 2, Quyên: 1, Nga: 2, Hạnh: 2, Dung: 2, Tuyết: 1, Xuân: 2, Vân: 2,
  Nhàn: 1, Loan: 1, Thủy: 2, Hiền: 2, Ly: 1, Sen: 1, Đào: 1, Hà: 2, Lành: 1, Nhài: 1, Thơm: 1, Mừng: 1,
  Tâm: 1, Oanh: 1, Dịu: 1, Hường: 2, Lụa: 1, Nương: 1, Chinh: 1, Pham: 1, Sính: 1, Chiêm: 1,
};
/** Given names absent from the data, for searches that must find nothing. */
const ABSENT_GIVEN_NAMES = ['Xoan', 'Pấu', 'Khuyên', 'Vịnh', 'Thoa', 'Giang', 'Quỳnh', 'Nhị'];
const MOBILE_PREFIXES = ['086', '096', '097', '098', '032', '033', '034', '035', '036', '037', '038', '039', '088', '091', '094', '081', '082', '083', '084', '085', '070', '076', '077', '078', '079', '089', '090', '093', '056', '058', '059'];
const STATUSES = ['reported', 'reported', 'assessed', 'support_plan', 'in_support', 'in_support', 'follow_up'];
const DETECTION_SOURCES = ['survivor', 'family', 'neighbour', 'village_head', 'communicator', 'mass_organisation', 'commune_police', 'health_facility', 'school', 'hotline'];

/** A small seeded generator (mulberry32), so every run works on the same names. */
function randomSource(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted(weights) {
  const entries = Object.entries(weights);
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  return (random) => {
    let r = random() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1][0];
  };
}

function makePeople(count, random) {
  const family = weighted(FAMILY_NAMES);
  const middle = weighted(MIDDLE_NAMES);
  const given = weighted(GIVEN_NAMES);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const start = Date.parse('2025-07-01T00:00:00Z');
  const span = Date.parse('2026-05-01T00:00:00Z') - start;
  const people = [];
  for (let i = 0; i < count; i += 1) {
    // Mostly one middle name; some have none or two (Nông Thị Thu Hoa).
    const shape = random();
    const middles = shape < 0.05 ? [] : shape < 0.12 ? [middle(random), middle(random)] : [middle(random)];
    const fullName = [family(random), ...new Set(middles), given(random)].join(' ');
    const birthYear = 1960 + Math.floor(random() * 50);
    const dateOfBirth = random() < 0.85
      ? `${birthYear}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`
      : undefined;
    const phone = random() < 0.7 ? `${pick(MOBILE_PREFIXES)}${String(Math.floor(random() * 1e7)).padStart(7, '0')}` : undefined;
    const detectedAt = new Date(start + Math.floor(random() * span)).toISOString();
    people.push({ fullName, dateOfBirth, phone, detectedAt, status: pick(STATUSES), detectionSource: pick(DETECTION_SOURCES) });
  }
  // Codes follow the order of detection, as they would when cases are opened one after the other.
  people.sort((x, y) => (x.detectedAt < y.detectedAt ? -1 : x.detectedAt > y.detectedAt ? 1 : 0));
  return people;
}

// ——— Generation: rows straight into the tables, in batches, in transactions ——————————————————————————

async function insertChunked(trx, table, rows) {
  const size = ROWS_PER_INSERT[table];
  for (let i = 0; i < rows.length; i += size) await trx.insertInto(table).values(rows.slice(i, i + size)).execute();
}

async function generate(deps, server, unitId, userId, people) {
  const sequences = new Map();
  const started = performance.now();
  let tokenRows = 0;
  for (let from = 0; from < people.length; from += CASES_PER_TRANSACTION) {
    const batch = people.slice(from, from + CASES_PER_TRANSACTION);
    const cases = [];
    const survivors = [];
    const tokens = [];
    const at = new Date().toISOString();
    for (const person of batch) {
      const year = Number(person.detectedAt.slice(0, 4));
      const seq = (sequences.get(year) ?? 0) + 1;
      sequences.set(year, seq);
      const id = server.newId();
      const detectionDate = vietnamDateOf(person.detectedAt);
      const birthYear = person.dateOfBirth ? Number(person.dateOfBirth.slice(0, 4)) : null;
      const age = ageAt({ dateOfBirth: person.dateOfBirth }, detectionDate);
      cases.push({
        id, code: formatCaseCode(UNIT_CODE, year, seq), unit_id: unitId, village_id: null, status: person.status, closure_reason: null,
        detection_source: person.detectionSource, detected_at: person.detectedAt, received_by: userId, assigned_officer_id: null,
        is_child: isChild({ dateOfBirth: person.dateOfBirth }, detectionDate) === true ? 1 : 0, risk_level: null, first_risk_level: null, first_intervention_at: null,
        has_service_or_referral: 0, version: 1, created_at: at, updated_at: at,
      });
      const identity = { fullName: person.fullName, sex: 'female', dateOfBirth: person.dateOfBirth, phone: person.phone };
      survivors.push({
        case_id: id, identity_enc: deps.cipher.encrypt(JSON.stringify(identity)), sex: 'female', age_group: ageGroupOf(age),
        ethnicity_code: null, has_disability: 0,
      });
      for (const t of server.identityTokens(deps.cipher, { fullName: person.fullName, birthYear, phone: person.phone })) {
        tokens.push({ case_id: id, kind: t.kind, token_hash: t.hash });
      }
    }
    tokenRows += tokens.length;
    await deps.db.transaction().execute(async (trx) => {
      await insertChunked(trx, 'cases', cases);
      await insertChunked(trx, 'survivors', survivors);
      await insertChunked(trx, 'survivor_tokens', tokens);
    });
  }
  await deps.db.insertInto('case_sequences').values([...sequences].map(([year, last]) => ({ unit_code: UNIT_CODE, year, last_seq: last }))).execute();
  return { ms: performance.now() - started, tokenRows };
}

// ——— Queries ————————————————————————————————————————————————————————————————————————————————————————

/** Without accents, as people often type on a phone: "Nông Thị Hoa" → "nong thi hoa". */
function unaccented(name) {
  return foldedTokens(name).join(' ');
}

/**
 * QUERIES names to search: three quarters taken from the generated cases (one in four typed without
 * accents), a quarter that no case has — half made of common name parts in a combination nobody has,
 * half with a given name absent from the data.
 */
function makeQueries(people, random) {
  const existing = new Set(people.map((p) => [...new Set(foldedTokens(p.fullName))].sort().join(' ')));
  const family = Object.keys(FAMILY_NAMES);
  const middle = Object.keys(MIDDLE_NAMES);
  const given = Object.keys(GIVEN_NAMES);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const queries = [];
  for (let i = 0; i < QUERIES; i += 1) {
    if (i % 4 !== 3) {
      const name = people[Math.floor(random() * people.length)].fullName;
      queries.push({ name: i % 4 === 2 ? unaccented(name) : name, exists: true });
    } else if (i % 8 === 3) {
      let name = null;
      for (let tries = 0; tries < 10_000 && name === null; tries += 1) {
        const candidate = [pick(family), pick(middle), pick(middle), pick(given)].join(' ');
        if (!existing.has([...new Set(foldedTokens(candidate))].sort().join(' '))) name = candidate;
      }
      queries.push({ name: name ?? `${pick(family)} Thị ${pick(ABSENT_GIVEN_NAMES)}`, exists: false });
    } else {
      queries.push({ name: `${pick(family)} Thị ${pick(ABSENT_GIVEN_NAMES)}`, exists: false });
    }
  }
  return queries;
}

/** (b) The lookup searchByIdentity starts with: case ids having every name token, hashes computed beforehand. */
function rawLookup(deps, hashes) {
  return deps.db.selectFrom('survivor_tokens').select('case_id')
    .where('kind', '=', 'name').where('token_hash', 'in', hashes)
    .groupBy('case_id')
    .having((eb) => eb.fn.count('token_hash').distinct(), '=', hashes.length)
    .execute();
}

/** (c) What the keyed hashes avoid: read and decrypt every identity in the area, compare folded names. */
async function naiveSearch(deps, viewer, name) {
  const wanted = [...new Set(foldedTokens(name))];
  const rows = await deps.db.selectFrom('survivors').innerJoin('cases', 'cases.id', 'survivors.case_id')
    .select(['survivors.case_id', 'survivors.identity_enc', 'cases.detected_at'])
    .where('cases.unit_id', 'in', [...viewer.unitScope]).execute();
  const found = [];
  for (const row of rows) {
    const identity = JSON.parse(deps.cipher.decrypt(row.identity_enc));
    const tokens = new Set(foldedTokens(identity.fullName));
    if (wanted.every((t) => tokens.has(t))) found.push(row);
  }
  found.sort((x, y) => (x.detected_at < y.detected_at ? 1 : x.detected_at > y.detected_at ? -1 : 0));
  return { matches: found.length, top: found.slice(0, 50).map((r) => r.case_id) };
}

function summary(label, samples, matches, extra = {}) {
  const sorted = Float64Array.from(samples).sort();
  const percentile = (p) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
  const meanMatches = matches.length === 0 ? NaN : matches.reduce((s, m) => s + m, 0) / matches.length;
  return { label, queries: sorted.length, p50: percentile(50), p95: percentile(95), meanMatches, ...extra };
}

/** Runs fn over the queries (in order, one at a time) within the phase budget; returns latencies in ms. */
async function timed(queries, fn) {
  const samples = [];
  const matches = [];
  const started = performance.now();
  for (const query of queries) {
    if (performance.now() - started > PHASE_BUDGET_MS) break;
    const t0 = performance.now();
    const found = await fn(query);
    samples.push(performance.now() - t0);
    matches.push(found);
  }
  return { samples, matches };
}

/** Rows of the token index per name token (hash), counted once each. */
async function tokenCounts(deps, hashes) {
  const counts = new Map();
  for (const hash of new Set(hashes.flat())) {
    const row = await deps.db.selectFrom('survivor_tokens').select((eb) => eb.fn.countAll().as('n'))
      .where('kind', '=', 'name').where('token_hash', '=', hash).executeTakeFirstOrThrow();
    counts.set(hash, Number(row.n));
  }
  return counts;
}

async function measure(deps, server, viewer, queries, { naive }) {
  const problems = [];
  const hashes = queries.map((q) => server.searchTokens(deps.cipher, { name: q.name }).nameHashes);
  // Warm-up: the first queries pay for loading pages and compiling code.
  for (const q of queries.slice(0, WARMUP_QUERIES)) {
    await server.searchByIdentity(deps, viewer, { name: q.name });
    await rawLookup(deps, server.searchTokens(deps.cipher, { name: q.name }).nameHashes);
  }
  globalThis.gc?.();

  // (a) and (b) take turns on each query, in alternating order, so that drift in the machine's load or
  // in what the OS has cached weighs on both alike.
  const a = { samples: [], matches: [], results: [] };
  const b = { samples: [], matches: [] };
  const started = performance.now();
  for (let i = 0; i < queries.length && performance.now() - started < 2 * PHASE_BUDGET_MS; i += 1) {
    const runA = async () => {
      const t0 = performance.now();
      const rows = await server.searchByIdentity(deps, viewer, { name: queries[i].name });
      a.samples.push(performance.now() - t0);
      a.matches.push(rows.length);
      a.results.push(rows);
    };
    const runB = async () => {
      const t0 = performance.now();
      const rows = await rawLookup(deps, hashes[i]);
      b.samples.push(performance.now() - t0);
      b.matches.push(rows.length);
    };
    if (i % 2 === 0) { await runA(); await runB(); } else { await runB(); await runA(); }
  }

  // Every query must agree between the two; names that exist must be found; absent names must not.
  for (let i = 0; i < a.matches.length; i += 1) {
    if (a.matches[i] !== Math.min(50, b.matches[i])) problems.push(`"${queries[i].name}": search gave ${a.matches[i]}, lookup ${b.matches[i]}`);
    if (queries[i].exists && b.matches[i] === 0) problems.push(`"${queries[i].name}" exists but was not found`);
    if (!queries[i].exists && b.matches[i] !== 0) problems.push(`"${queries[i].name}" should find nothing, found ${b.matches[i]}`);
  }
  const rows = [
    summary('(a) searchByIdentity (hashes, token lookup, cases in area, newest 50)', a.samples, a.matches, { key: 'a' }),
    summary('(b) indexed token lookup only (hashes precomputed)', b.samples, b.matches, { key: 'b' }),
  ];

  // What (b) costs depends on the index rows it visits (every row of every token named, found or not),
  // not on what it finds: split the queries by whether they name a token that a fifth of the cases have.
  const counts = await tokenCounts(deps, hashes.slice(0, b.samples.length));
  const visited = b.samples.map((_, i) => hashes[i].reduce((sum, h) => sum + counts.get(h), 0));
  const common = b.samples.map((_, i) => hashes[i].some((h) => counts.get(h) >= CASES / 5));
  const sortedVisited = [...visited].sort((x, y) => x - y);
  const split = [true, false].map((flag) => {
    const picked = common.map((c, i) => [c, i]).filter(([c]) => c === flag).map(([, i]) => i);
    if (picked.length === 0) return null;
    const s = summary('', picked.map((i) => b.samples[i]), []);
    return `${picked.length} queries ${flag ? 'with' : 'without'} such a token: (b) p50 ${s.p50.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms`;
  }).filter(Boolean);
  const notes = [
    `Index rows visited by (b) per query: median ${sortedVisited[Math.floor(sortedVisited.length / 2)].toLocaleString('en')}, max ${sortedVisited[sortedVisited.length - 1].toLocaleString('en')}, for ${rows[1].meanMatches.toFixed(1)} cases found on average.`,
    `By name tokens in at least a fifth of the cases (such as "thi"): ${split.join('; ')}.`,
  ];

  if (naive) {
    globalThis.gc?.();
    // Names that exist, so the answers can be checked against (a) and (b).
    const picks = queries.map((q, i) => ({ ...q, i })).filter((q) => q.exists).slice(0, NAIVE_QUERIES);
    const c = await timed(picks, async (q) => {
      const found = await naiveSearch(deps, viewer, q.name);
      const expected = a.results[q.i].map((r) => r.id);
      // The same cases; when there are more than 50, ties on the detection instant may pick others.
      const sameCases = found.top.length === expected.length && (found.matches > 50 || expected.every((id) => found.top.includes(id)));
      if (found.matches !== b.matches[q.i]) problems.push(`"${q.name}": naive search found ${found.matches}, lookup ${b.matches[q.i]}`);
      else if (!sameCases) problems.push(`"${q.name}": naive search and searchByIdentity returned different cases`);
      return found.matches;
    });
    rows.push(summary('(c) naive: decrypt every identity, compare folded names', c.samples, c.matches, { key: 'c' }));
  }
  return { rows, problems, notes };
}

/** A few one-word searches: the broadest a user can type. Reported, never fatal (they may hit limits). */
async function broadSearches(deps, server, viewer) {
  const lines = [];
  for (const name of ['Hoa', 'Nông', 'Thị']) {
    const hashes = server.searchTokens(deps.cipher, { name }).nameHashes;
    const matches = (await rawLookup(deps, hashes)).length;
    const samples = [];
    let error = null;
    for (let i = 0; i < 5 && error === null; i += 1) {
      const t0 = performance.now();
      try {
        await server.searchByIdentity(deps, viewer, { name });
        samples.push(performance.now() - t0);
      } catch (e) {
        error = `${e instanceof Error ? e.message.split('\n')[0] : String(e)} (its second query binds one parameter per case found)`;
      }
    }
    const median = Float64Array.from(samples).sort()[Math.floor(samples.length / 2)];
    lines.push(`  "${name}" (${matches} cases): ${error === null ? `searchByIdentity median ${median.toFixed(1)} ms over ${samples.length}` : `searchByIdentity failed: ${error}`}`);
  }
  return lines;
}

function table(rows) {
  const header = ['figure', 'queries', 'p50 ms', 'p95 ms', 'mean rows returned'];
  const body = rows.map((r) => [r.label, String(r.queries), r.p50.toFixed(2), r.p95.toFixed(2), r.meanMatches.toFixed(1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function ratios(rows) {
  const by = Object.fromEntries(rows.map((r) => [r.key, r]));
  const parts = [];
  if (by.a && by.b) parts.push(`(a)/(b) at p50: ${(by.a.p50 / by.b.p50).toFixed(2)}×, at p95: ${(by.a.p95 / by.b.p95).toFixed(2)}×`);
  if (by.a && by.c) parts.push(`(c)/(a) at p50: ${(by.c.p50 / by.a.p50).toFixed(0)}×`);
  return parts.join('; ');
}

// ——— One database ———————————————————————————————————————————————————————————————————————————————————

async function benchOne(server, config, handle, label, options) {
  const system = await server.openSystem(config, handle);
  const { deps } = system;
  try {
    const unit = await deps.db.selectFrom('admin_units').select('id').where('code', '=', UNIT_CODE).where('valid_from', '=', UNIT_FROM).executeTakeFirstOrThrow();
    const { user } = await server.createUser(deps, null, {
      username: 'bench.commune', displayName: 'Cán bộ xã đo hiệu năng', role: 'commune_officer', unitId: unit.id, organisation: undefined, locale: 'vi',
    }, { temporaryPassword: PASSWORD });
    const viewer = { id: user.id, role: 'commune_officer', isUnscoped: false, unitScope: new Set([unit.id]) };

    const random = randomSource(20260101);
    const people = makePeople(CASES, random);
    const generated = await generate(deps, server, unit.id, user.id, people);
    if (deps.dbKind === 'postgresql') await server.sql`analyze`.execute(deps.db);
    const queries = makeQueries(people, random);
    console.log(`${label}: generated ${CASES.toLocaleString('en')} cases (${generated.tokenRows.toLocaleString('en')} token rows) in ${(generated.ms / 1000).toFixed(1)} s — ${(CASES / (generated.ms / 1000)).toFixed(0)} cases/s, encryption and keyed hashes included`);
    const { rows, problems, notes } = await measure(deps, server, viewer, queries, options);
    console.log(`\n${table(rows)}\n\n${ratios(rows)}\n${notes.join('\n')}`);
    console.log(`\nOne-word searches on ${label}:\n${(await broadSearches(deps, server, viewer)).join('\n')}`);
    return problems;
  } finally {
    await system.handle.close();
  }
}

export async function runCaseSearchBench() {
  const server = await compiledServer('modules/cases/intake.js', 'modules/cases/identity-tokens.js');

  console.log(`\nSearch by name over ${CASES.toLocaleString('en')} encrypted cases in one commune (${UNIT_CODE}), ${QUERIES} queries per indexed figure after ${WARMUP_QUERIES} warm-up, ${NAIVE_QUERIES} naive; in process, no network; Node ${process.version}, ${os.cpus().length} CPU`);
  console.log('Queries: 3/4 names of generated cases (1 in 4 of those typed without accents), 1/4 names no case has.\n');

  const problems = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'binhan-bench-search-'));
  try {
    const config = { ...server.loadConfig({}), dataDir, secretKey: BENCH_KEY_HEX, logLevel: 'silent', webDistDir: null, databaseUrl: undefined };
    problems.push(...await benchOne(server, config, server.openDatabase(config), 'SQLite', { naive: true }));

    const url = process.env.BENCH_DATABASE_URL;
    if (url) {
      const schema = `bench_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`create schema "${schema}"`);
        console.log('');
        const handle = server.openPostgres(url, { schema, maxConnections: 4 });
        problems.push(...await benchOne(server, { ...config, databaseUrl: url }, handle, `PostgreSQL (schema ${schema}, dropped after)`, { naive: false }));
      } finally {
        await admin.query(`drop schema if exists "${schema}" cascade`);
        await admin.end();
      }
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  console.log('\n(a) is what POST /api/cases/search runs, without HTTP and the audit entry. (b) is its first query alone.');
  console.log('(c) is what search would cost without the keyed-hash index. Figures for comparison, not a pass/fail test.');
  if (problems.length > 0) {
    console.error(`\nThe searches disagree, so the figures above are not valid:\n  ${problems.slice(0, 10).join('\n  ')}${problems.length > 10 ? `\n  … and ${problems.length - 10} more` : ''}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await runCaseSearchBench();
