// The indicator dashboard at province and national scale (issue 13, item 7), against hand-written SQL for the same
// numbers. `npm run bench` runs it after the unit load (see bench/run.mjs); `node bench/province-dashboard.mjs` runs
// it alone once the server is compiled (`tsc -b packages/server`). Figures to compare over time; the script exits 1
// when the dashboard and the SQL disagree on a number, or a request fails.
//
// 1. Province: a fresh database opened as the first start does, Thái Nguyên (19) loaded from the national lists
//    (92 communes today; before 1/7/2025 the old communes of Bắc Kạn and of old Thái Nguyên), then ~10 years of
//    generated records written straight into the tables in batches, each on a commune valid on its own date: cases
//    (detection dates), incidents with perpetrators (encrypted identity, search tokens) and their handling,
//    communication activities with audience lines, population figures for every commune valid on 31/12 of each
//    year, focal-point postings and a few courses. Then GET /api/indicators/dashboard for Plan 85/KH-UBND over the
//    province, 2017–2026 — default view (today's units for a unit valid today), units=then, units=today — for a
//    leader placed on the province (who sees all of it), against two SQL statements giving T1 per commune and year
//    and T4/T5 numerators and denominators per commune and year.
// 2. National: the whole country loaded into the same database (34 provinces, about 14,000 units), the province's
//    dashboard again, and the attribution (`attributionOf`) of every province in turn in both views: there is no
//    country unit, so there is no national dashboard to time.
//
// Checks: for every year, the province's T1, T4 and T5 numerators and denominators (both views) equal the SQL sums;
// in units=then, every commune of the last year equals the SQL row of that commune and year.
//
// Options (environment): BENCH_PROVINCE_CASES (default 20000, from 1000 to 500000), BENCH_PROVINCE_ACTIVITIES
// (default 50000, from 1000 to 1000000), BENCH_PROVINCE_RUNS (timed runs per view after one warm-up; default 3, at
// most 20), BENCH_DATABASE_URL or TEST_DATABASE_URL (a postgres:// URL: the same on PostgreSQL, in a schema of its
// own dropped after).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compiledServer } from './compiled-server.mjs';
import { aggregate, BENCH_KEY_HEX, boundedInt, generateCases, inPostgresSchema, PASSWORD, randomSource, stats } from './dashboard.mjs';

const PROVINCE = '19';
const FROM_YEAR = 2017;
const TO_YEAR = 2026;
const ROWS_PER_INSERT = 500;
const CASES = boundedInt(process.env.BENCH_PROVINCE_CASES, 20_000, 1_000, 500_000);
const ACTIVITIES = boundedInt(process.env.BENCH_PROVINCE_ACTIVITIES, 50_000, 1_000, 1_000_000);
const RUNS = boundedInt(process.env.BENCH_PROVINCE_RUNS, 3, 1, 20);
const GROUP_SHARE = { officials: 0.02, workers: 0.25, employers: 0.01, armed_forces: 0.005, students: 0.18, residents: 1 };

const seconds = (ms) => (ms / 1000).toFixed(2);

async function timed(fn) {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

async function insertAll(trx, table, rows, size = ROWS_PER_INSERT) {
  for (let i = 0; i < rows.length; i += size) await trx.insertInto(table).values(rows.slice(i, i + size)).execute();
}

/** The commune-level units a record of the province may be recorded on, with a lookup of those valid on a day. */
function communesOf(domain, graph, provinceId) {
  const attribution = domain.attributionOf(graph, provinceId, 'then', '2026-01-01');
  const units = [...attribution.sourceUnits].map((id) => graph.get(id)).filter((u) => u && domain.isCommuneLevelUnit(u))
    .map((u) => ({ id: u.id, code: u.code, valid_from: u.validFrom, valid_to: u.validTo }));
  const byDay = new Map();
  const validOn = (day) => {
    let list = byDay.get(day);
    if (!list) byDay.set(day, (list = units.filter((u) => u.valid_from <= day && (u.valid_to === null || day <= u.valid_to))));
    return list;
  };
  return { units, validOn };
}

/** Everything but the cases (generateCases, shared with bench/dashboard.mjs): incidents and perpetrators, outreach, population, roster and courses. */
async function generateRest(deps, server, domain, userId, communes) {
  const random = randomSource(19_2025);
  const pick = (items) => items[Math.floor(random() * items.length)];
  const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const at = new Date().toISOString();
  const counts = {};

  // Incidents with a perpetrator for about a third of the cases; one perpetrator in five has two incidents.
  const cases = await deps.db.selectFrom('cases').select(['id', 'unit_id', 'detected_at', 'code']).orderBy('code').execute();
  const incidents = [];
  const perpetrators = [];
  const tokens = [];
  const links = [];
  const counselling = [];
  const measures = [];
  let previous = null;
  for (const c of cases) {
    if (random() >= 0.33) continue;
    const incidentId = server.newId();
    const occurredAt = new Date(Date.parse(c.detected_at) - between(1, 72) * 3_600_000).toISOString();
    incidents.push({
      id: incidentId, case_id: c.id, occurred_at: occurredAt, place_type: 'survivor_home', unit_id: c.unit_id, acts: JSON.stringify(['a']),
      forms: JSON.stringify(domain.formsOfActs(['a'])), gbvims_type: 'physical_assault', gbvims_suggested: null, override_reason_enc: null,
      context: 'domestic_violence', injuries: pick(['none', 'minor', 'serious']), reported_to_police: random() < 0.3 ? 1 : 0,
      details_enc: deps.cipher.encrypt(JSON.stringify({ perpetrators: [], narrative: null })), created_by: userId, created_at: at,
    });
    let person = previous !== null && random() < 0.2 ? previous : null;
    if (person === null) {
      const fullName = `${pick(['Nông', 'Hoàng', 'Lục', 'Triệu', 'Hà', 'Ma', 'Nguyễn'])} Văn ${pick(['Tài', 'Dũng', 'Hùng', 'Sơn', 'Thắng', 'Minh', 'Cường'])}`;
      const birthYear = between(1960, 2000);
      person = { id: server.newId(), unitId: c.unit_id };
      perpetrators.push({
        id: person.id, code: `NG-${String(perpetrators.length + 1).padStart(7, '0')}`, unit_id: c.unit_id,
        identity_enc: deps.cipher.encrypt(JSON.stringify({ fullName, sex: 'male' })), sex: 'male', birth_year: birthYear, ethnicity_code: null,
        substance_use: pick(['none', 'alcohol', 'unknown']), weapon_access: pick(['no', 'unknown']), version: 1, created_by: userId, created_at: at, updated_at: at,
      });
      for (const t of server.perpetratorTokens(deps.cipher, { fullName, birthYear })) tokens.push({ perpetrator_id: person.id, kind: t.kind, token_hash: t.hash });
    }
    previous = person;
    links.push({ id: server.newId(), perpetrator_id: person.id, incident_id: incidentId, case_id: c.id, unit_id: c.unit_id, occurred_at: occurredAt, relationship: 'husband', age_years: null, note_enc: null, created_by: userId, created_at: at });
    const day = (offset) => domain.vietnamDateOf(new Date(Date.parse(c.detected_at) + offset * 86_400_000).toISOString());
    if (random() < 0.5) {
      counselling.push({ id: server.newId(), perpetrator_id: person.id, unit_id: c.unit_id, case_id: c.id, incident_id: incidentId, held_on: day(between(2, 20)), counsellor: 'Tổ hòa giải', topic: 'law_on_domestic_violence', topic_note: null, attendance: random() < 0.85 ? 'attended' : 'absent', outcome_enc: null, created_by: userId, created_at: at, updated_at: at });
    }
    if (random() < 0.2) {
      measures.push({ id: server.newId(), perpetrator_id: person.id, unit_id: c.unit_id, case_id: c.id, incident_id: incidentId, type: 'written_commitment', decided_on: day(between(5, 40)), deciding_body: 'commune_chairman', deciding_body_note: null, status: 'decided', decision_number: null, fine_vnd: null, criminal_stage: null, notes_enc: null, rule_override_reason_enc: null, rule_flag: 0, protection_measure_id: null, created_by: userId, created_at: at, updated_at: at });
    }
  }
  await deps.db.transaction().execute(async (trx) => {
    await insertAll(trx, 'incidents', incidents);
    await insertAll(trx, 'perpetrators', perpetrators);
    await insertAll(trx, 'perpetrator_tokens', tokens, 1_000);
    await insertAll(trx, 'perpetrator_links', links);
    await insertAll(trx, 'perpetrator_counselling', counselling);
    await insertAll(trx, 'perpetrator_measures', measures);
  });
  Object.assign(counts, { incidents: incidents.length, perpetrators: perpetrators.length, counselling: counselling.length, measures: measures.length });

  // Population of every commune valid on 31/12 of each year, every group; communication activities on a commune
  // valid on their day, each with one to three audience lines.
  const figures = [];
  for (let year = FROM_YEAR; year <= TO_YEAR; year += 1) {
    for (const unit of communes.validOn(`${year}-12-31`)) {
      const residents = between(3_000, 15_000);
      for (const [group, share] of Object.entries(GROUP_SHARE)) {
        const total = Math.max(5, Math.round(residents * share));
        const female = Math.round(total / 2);
        figures.push({ id: server.newId(), unit_id: unit.id, year, audience_group: group, total, female, male: total - female, source: 'Số liệu đo hiệu năng', updated_by: userId, created_at: at, updated_at: at });
      }
    }
  }
  const start = Date.UTC(FROM_YEAR, 0, 1);
  const days = Math.round((Date.UTC(TO_YEAR, 10, 1) - start) / 86_400_000);
  const groups = Object.keys(GROUP_SHARE);
  let lines = 0;
  await deps.db.transaction().execute(async (trx) => {
    await insertAll(trx, 'population_figures', figures);
    for (let from = 0; from < ACTIVITIES; from += 5_000) {
      const activities = [];
      const audiences = [];
      for (let i = from; i < Math.min(ACTIVITIES, from + 5_000); i += 1) {
        const date = new Date(start + between(0, days - 1) * 86_400_000).toISOString().slice(0, 10);
        const unit = pick(communes.validOn(date));
        const id = server.newId();
        const chosen = [...new Set(Array.from({ length: between(1, 3) }, () => (random() < 0.5 ? 'residents' : pick(groups))))];
        let total = 0;
        for (const group of chosen) {
          const female = between(0, 40);
          const male = between(0, 40);
          const unknown = random() < 0.1 ? between(1, 5) : 0;
          total += female + male + unknown;
          audiences.push({ activity_id: id, audience_group: group, female, male, unknown_sex: unknown });
        }
        activities.push({
          id, unit_id: unit.id, village_id: null, activity_date: date, format: pick(['meeting', 'loudspeaker', 'school_session', 'home_visit']), topic: 'Phòng chống bạo lực gia đình',
          language: pick(['vi', 'tay', 'nung']), language_other: null, materials: '[]', facilitator_member_id: null, campaign: null, campaign_note: null,
          counting_basis: random() < 0.8 ? 'new_people' : 'including_repeat', audience_total: total, note_enc: null, import_id: null,
          created_by: userId, updated_by: userId, created_at: at, updated_at: at,
        });
      }
      await insertAll(trx, 'outreach_activities', activities, 400);
      await insertAll(trx, 'outreach_audiences', audiences, 1_000);
      lines += audiences.length;
    }
  });
  Object.assign(counts, { populationFigures: figures.length, activities: ACTIVITIES, audienceLines: lines });

  // The roster: one or two focal points per commune for as long as it existed (from 2017); three GBV courses a
  // year, each completed by about half of the focal points posted then.
  const postings = [];
  for (const unit of communes.units) {
    if (unit.valid_to !== null && unit.valid_to < `${FROM_YEAR}-01-01`) continue;
    const from = unit.valid_from < `${FROM_YEAR}-06-01` ? `${FROM_YEAR}-06-01` : unit.valid_from;
    for (let n = 0; n < (random() < 0.5 ? 2 : 1); n += 1) {
      const fullName = `${pick(['Nông', 'Hoàng', 'Hà', 'Triệu'])} Thị ${pick(['Hoa', 'Mai', 'Lan', 'Hằng'])}`;
      postings.push({
        id: server.newId(), person_id: server.newId(), unit_id: unit.id, full_name: fullName, name_folded: domain.foldVietnamese(fullName), position: 'Công chức Văn hóa - Xã hội',
        sex: 'female', ethnicity: null, user_id: null, from_date: from, to_date: unit.valid_to, end_reason: unit.valid_to === null ? null : 'Sắp xếp đơn vị hành chính',
        created_by: null, created_at: at, updated_at: at,
      });
    }
  }
  const courses = [];
  const attendees = [];
  for (let year = FROM_YEAR; year < TO_YEAR; year += 1) {
    for (const month of ['05', '09', '11']) {
      const day = `${year}-${month}-15`;
      const id = server.newId();
      courses.push({
        id, unit_id: pick(communes.validOn(day)).id, title: `Tập huấn phòng ngừa bạo lực trên cơ sở giới ${year}`, title_folded: domain.foldVietnamese(`Tap huan ${year}`),
        topic: 'gbv_prevention_response', start_date: day, end_date: day, organiser: 'Sở Văn hóa, Thể thao và Du lịch', venue: null, trainers: null, materials: null,
        other_attendees: '[]', created_by: null, created_at: at, updated_at: at,
      });
      for (const p of postings) {
        if (p.from_date > day || (p.to_date !== null && p.to_date < day) || random() < 0.5) continue;
        attendees.push({ id: server.newId(), course_id: id, kind: 'focal_point', ref_id: p.person_id, days_attended: JSON.stringify([day]), completed: random() < 0.9 ? 1 : 0, score_before: null, score_after: null, created_at: at, updated_at: at });
      }
    }
  }
  await deps.db.transaction().execute(async (trx) => {
    await insertAll(trx, 'focal_points', postings);
    await insertAll(trx, 'training_courses', courses);
    await insertAll(trx, 'course_attendees', attendees);
  });
  Object.assign(counts, { focalPoints: postings.length, courses: courses.length, attendees: attendees.length });
  return counts;
}

/**
 * T4 and T5 per row and year in SQL: people reached in the groups that have a population figure in the row, over
 * the population of those groups (DOMAIN.md §2). Without `rows`, each activity and figure stays on its own unit
 * (units of that year); with `rows` (unit → row, from the attribution of today's units), both move to their row
 * first, through a list of pairs written into the statement, so a group is missing only when the row has no figure.
 */
function reachAggregate(deps, sql, domain, rows) {
  const list = (groups) => sql.join(groups.map((g) => sql.lit(g)));
  const t4 = list(domain.T4_GROUPS);
  const t5 = list(domain.T5_GROUPS);
  const pairs = rows === null ? [] : [...rows];
  const map = pairs.length === 0
    ? sql`select id, id from admin_units`
    : sql`values ${sql.join(pairs.map(([unit, row]) => sql`(${sql.lit(unit)}, ${sql.lit(row)})`))}`;
  return sql`with map(unit_id, row_id) as (${map}),
    reach as (
      select m.row_id, cast(substr(a.activity_date, 1, 4) as integer) as year, d.audience_group as grp, sum(d.female + d.male + d.unknown_sex) as reached
      from outreach_activities a join outreach_audiences d on d.activity_id = a.id join map m on m.unit_id = a.unit_id
      where a.activity_date >= ${`${FROM_YEAR}-01-01`} and a.activity_date <= ${`${TO_YEAR}-12-31`}
      group by m.row_id, cast(substr(a.activity_date, 1, 4) as integer), d.audience_group),
    pop as (
      select m.row_id, f.year, f.audience_group as grp, sum(f.total) as total from population_figures f join map m on m.unit_id = f.unit_id
      where f.year >= ${FROM_YEAR} and f.year <= ${TO_YEAR} group by m.row_id, f.year, f.audience_group having sum(f.total) > 0)
    select p.row_id as unit_id, p.year,
      sum(case when p.grp in (${t4}) then coalesce(r.reached, 0) else 0 end) as t4_num, sum(case when p.grp in (${t4}) then p.total else 0 end) as t4_den,
      sum(case when p.grp in (${t5}) then coalesce(r.reached, 0) else 0 end) as t5_num, sum(case when p.grp in (${t5}) then p.total else 0 end) as t5_den
    from pop p left join reach r on r.row_id = p.row_id and r.year = p.year and r.grp = p.grp
    group by p.row_id, p.year`.execute(deps.db);
}

/**
 * The hand-written numbers: `${code}|${row}|${year}` → [numerator, denominator], `*` for the whole area. T1 counts
 * each survivor in one row, so today's rows add up the units' SQL groups; T4 and T5 are grouped by row in SQL.
 */
async function handWritten(deps, sql, domain, rows) {
  const t1 = (await aggregate(deps, sql, deps.config.caseSettings.timeLimits)).rows;
  const reach = (await reachAggregate(deps, sql, domain, rows)).rows;
  const numbers = new Map();
  const add = (key, n, d) => {
    const previous = numbers.get(key) ?? [0, 0];
    numbers.set(key, [previous[0] + Number(n), previous[1] + Number(d)]);
  };
  for (const r of t1) {
    add(`T1|${rows?.get(r.unit_id) ?? r.unit_id}|${r.year}`, r.numerator, r.denominator);
    add(`T1|*|${r.year}`, r.numerator, r.denominator);
  }
  for (const r of reach) {
    for (const [code, n, d] of [['T4', r.t4_num, r.t4_den], ['T5', r.t5_num, r.t5_den]]) {
      add(`${code}|${r.unit_id}|${r.year}`, n, d);
      add(`${code}|*|${r.year}`, n, d);
    }
  }
  return { numbers, groups: t1.length + reach.length };
}

/** What the dashboard says against the SQL: every year's area total, and every commune (row) of the last year. */
function compare(label, view, numbers) {
  const problems = [];
  let checked = 0;
  for (const code of ['T1', 'T4', 'T5']) {
    const indicator = view.indicators.find((x) => x.indicator.code === code);
    if (!indicator) {
      problems.push(`${label}: no ${code} on the dashboard`);
      continue;
    }
    const check = (where, unitId, year, cell) => {
      const [n, d] = numbers.get(`${code}|${unitId}|${year}`) ?? [0, 0];
      checked += 1;
      if (Number(cell.numerator ?? 0) !== n || Number(cell.denominator ?? 0) !== d) problems.push(`${label} ${code} ${where} ${year}: dashboard ${cell.numerator}/${cell.denominator}, SQL ${n}/${d}`);
    };
    for (const point of indicator.trend) check('province', '*', point.year, point);
    for (const c of indicator.communes) check(`${c.unit.name} (${c.unit.code})`, c.unit.id, indicator.year, c);
  }
  return { problems, checked };
}

async function signIn(app, username) {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'http://localhost:80' }, payload: { username, password: PASSWORD } });
  const session = login.cookies.find((c) => c.name === '__Host-binhan_session');
  if (login.statusCode !== 200 || !session) throw new Error(`sign-in for the benchmark failed: ${login.statusCode} ${login.body}`);
  return `__Host-binhan_session=${session.value}`;
}

/** The dashboard in each view against the SQL, RUNS times each after one warm-up, alternating. */
async function measureDashboards(server, domain, deps, app, cookie, provinceId, planId, label) {
  const problems = [];
  const base = `/api/indicators/dashboard?planId=${planId}&unitId=${provinceId}&fromYear=${FROM_YEAR}&toYear=${TO_YEAR}`;
  const views = [['default view', base], ['units=then', `${base}&units=then`], ['units=today', `${base}&units=today`]];
  const dashboard = async (url) => {
    const response = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (response.statusCode !== 200) throw new Error(`dashboard answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
    return response.json();
  };
  // Today's row of every unit of the province, for the SQL of units=today (the units are what the SQL is given).
  const graph = await deps.units.graph();
  const todayRows = new Map();
  const attribution = domain.attributionOf(graph, provinceId, 'today', domain.vietnamDateOf(new Date().toISOString()));
  for (const id of attribution.sourceUnits) {
    const row = attribution.rowOf(id).rowId;
    if (attribution.rows.has(row)) todayRows.set(id, row);
  }
  const reach2025 = [];
  for (const [name, url] of views) {
    let view = await dashboard(url);
    const rows = view.units === 'today' ? todayRows : null;
    let sql = await handWritten(deps, server.sql, domain, rows);
    const sqlTimes = [];
    globalThis.gc?.();
    const times = [];
    for (let i = 0; i < RUNS; i += 1) {
      const a = async () => {
        const t = await timed(() => dashboard(url));
        view = t.value;
        times.push(t.ms);
      };
      const b = async () => {
        const t = await timed(() => handWritten(deps, server.sql, domain, rows));
        sql = t.value;
        sqlTimes.push(t.ms);
      };
      if (i % 2 === 0) { await a(); await b(); } else { await b(); await a(); }
    }
    const { problems: found, checked } = compare(`${label} ${name}`, view, sql.numbers);
    problems.push(...found);
    const t1 = view.indicators.find((x) => x.indicator.code === 'T1');
    const t4 = view.indicators.find((x) => x.indicator.code === 'T4')?.trend.find((p) => p.year === 2025);
    if (t4) reach2025.push(`${name} ${t4.numerator}/${t4.denominator}`);
    const sa = stats(times);
    const sb = stats(sqlTimes);
    console.log(`  GET dashboard, ${name.padEnd(12)} (${view.units}; ${view.indicators.length} indicators, ${t1.trend.length} years, ${String(t1.communes.length).padStart(3)} communes in ${t1.year}): median ${seconds(sa.p50)} s   SQL ${seconds(sb.p50)} s   ratio ${(sa.p50 / sb.p50).toFixed(1)}×   ${checked} numbers checked: ${found.length === 0 ? 'agree' : `${found.length} DISAGREE`}`);
  }
  // In 2025 the old communes' activities of the first half-year have no population figure of their own (those are
  // for the units valid on 31/12), so units=then leaves them out of T4/T5 while units=today counts them.
  console.log(`  T4 of the province in 2025 (the year of the reorganisation): ${reach2025.join(', ')}`);
  console.log(`  (SQL: T1 per unit and year, T4/T5 numerator and denominator per row and year — units=today: ${todayRows.size} units moved to their row by a list in the statement)`);
  return problems;
}

async function benchOne(server, domain, config, handle, label) {
  const problems = [];
  const opened = await timed(() => server.openSystem(config, handle));
  const system = opened.value;
  const { deps } = system;
  let app;
  try {
    const loaded = await timed(() => server.loadProvinces(deps, { provinces: [PROVINCE] }));
    if (loaded.value.problems.length > 0) throw new Error(`${label}: province ${PROVINCE} refused: ${loaded.value.problems[0].reason}`);
    const units = loaded.value.plans.reduce((n, p) => n + p.units.length, 0);
    let graph = await deps.units.graph();
    const province = [...graph.byId.values()].find((u) => u.kind === 'province' && u.code === PROVINCE && u.validTo === null);
    const communes = communesOf(domain, graph, province.id);
    const plan = await deps.db.selectFrom('plans').select('id').where('code', '=', '85/KH-UBND').executeTakeFirstOrThrow();
    const username = 'bench.province';
    const { user } = await server.createUser(deps, null, {
      username, displayName: 'Lãnh đạo tỉnh đo hiệu năng', role: 'district_leader', unitId: province.id, organisation: undefined, locale: 'vi',
    }, { temporaryPassword: PASSWORD });
    await deps.db.updateTable('users').set({ must_change_password: 0, totp_enabled: 0, totp_secret_enc: null }).where('id', '=', user.id).execute();
    console.log(`${label}: first start ${seconds(opened.ms)} s; province ${PROVINCE} loaded in ${seconds(loaded.ms)} s (${units} units added; ${communes.units.length} commune-level units over time, ${communes.validOn('2026-01-01').length} on 2026-01-01)`);

    const casesMs = await generateCases(deps, server.newId, user.id, CASES, communes.units);
    const rest = await timed(() => generateRest(deps, server, domain, user.id, communes));
    if (deps.dbKind === 'postgresql') await server.sql`analyze`.execute(deps.db);
    const c = rest.value;
    console.log(`  generated in ${seconds(casesMs + rest.ms)} s: ${CASES.toLocaleString('en')} cases, ${c.incidents.toLocaleString('en')} incidents, ${c.perpetrators.toLocaleString('en')} perpetrators (${c.counselling} counselling sessions, ${c.measures} measures), ${c.activities.toLocaleString('en')} activities with ${c.audienceLines.toLocaleString('en')} audience lines, ${c.populationFigures.toLocaleString('en')} population figures, ${c.focalPoints} focal-point postings, ${c.courses} courses (${c.attendees} attendances)`);

    app = await server.buildApp(deps, { logger: false });
    await app.ready();
    const cookie = await signIn(app, username);
    problems.push(...await measureDashboards(server, domain, deps, app, cookie, province.id, plan.id, `${label} province ${PROVINCE}`));

    // The whole country in the same database: every other province added beside Thái Nguyên and its records.
    const country = server.allProvinceCodes();
    const all = await timed(() => server.loadProvinces(deps, { provinces: country }));
    if (all.value.problems.length > 0) throw new Error(`${label}: the country was refused: ${all.value.problems[0].reason}`);
    deps.units.invalidate();
    const read = await timed(() => deps.units.graph());
    graph = read.value;
    console.log(`${label}, whole country added (${country.length} provinces): loaded in ${seconds(all.ms)} s (${all.value.plans.reduce((n, p) => n + p.units.length, 0)} units added, ${graph.byId.size} in all); unit graph read in ${seconds(read.ms)} s`);
    problems.push(...await measureDashboards(server, domain, deps, app, cookie, province.id, plan.id, `${label} country loaded, province ${PROVINCE}`));

    // No national dashboard: there is no country unit. What a national view would start from: every province's attribution.
    const today = domain.vietnamDateOf(new Date().toISOString());
    const provinces = [...graph.byId.values()].filter((u) => u.kind === 'province' && domain.isValidAt(u, today));
    for (const view of ['then', 'today']) {
      let rows = 0;
      let sources = 0;
      const t = await timed(async () => {
        for (const p of provinces) {
          const a = new domain.Attribution(graph, p.id, view, today);
          rows += a.rows.size;
          sources += a.sourceUnits.size;
        }
      });
      console.log(`  attribution of every province in turn (${provinces.length}, units=${view}, not cached): ${seconds(t.ms)} s (${rows} rows, ${sources} source units)`);
    }
    return problems;
  } finally {
    await app?.close();
    await system.handle.close();
  }
}

export async function runProvinceDashboardBench() {
  const server = await compiledServer('modules/admin-units/reference.js', 'modules/perpetrators/tokens.js');
  const domain = await import('@binhan/domain');
  console.log(`\nDashboard of a province (${PROVINCE}, Thái Nguyên) over ${FROM_YEAR}–${TO_YEAR}, then with the whole country loaded: ${CASES.toLocaleString('en')} cases, ${ACTIVITIES.toLocaleString('en')} activities; ${RUNS} timed runs per view after 1 warm-up, alternating with the SQL; in process; Node ${process.version}, ${os.cpus().length} CPU`);
  const problems = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'binhan-bench-province-'));
  try {
    const config = { ...server.loadConfig({}), dataDir, secretKey: BENCH_KEY_HEX, logLevel: 'silent', webDistDir: null, databaseUrl: undefined, argon2MemoryKib: 1024, totpRoles: [] };
    problems.push(...await benchOne(server, domain, config, server.openDatabase(config), 'SQLite'));
    const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (url) {
      problems.push(...await inPostgresSchema(server, url, (handle, label) => benchOne(server, domain, { ...config, databaseUrl: url }, handle, label)));
    } else {
      console.log('(PostgreSQL: set BENCH_DATABASE_URL or TEST_DATABASE_URL to measure it too)');
    }
  } catch (error) {
    problems.push(`the benchmark failed: ${error.stack ?? error.message}`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log('There is no country unit, so no national dashboard: a national view needs one (see bench/README.md).');
  if (problems.length > 0) {
    console.error(`\nPROVINCE DASHBOARD BENCHMARK FAILED — the figures above are not valid:\n  ${problems.slice(0, 40).join('\n  ')}${problems.length > 40 ? `\n  … and ${problems.length - 40} more` : ''}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await runProvinceDashboardBench();
