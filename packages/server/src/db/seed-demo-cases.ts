// Synthetic cases for the demo, made through the real API as the district focal point would make them:
// intake, risk assessment, first intervention (mostly in time), a support service, some closed. Names
// carry "(mẫu)" so nobody mistakes them for real people. A fixed seed makes every demo alike.
import type { FastifyInstance } from 'fastify';
import { DEMO_LABEL } from './seed-demo.js';
import { DemoPerpetrators } from './seed-demo-perpetrators.js';

const FAMILY = ['Nguyễn', 'Hoàng', 'Nông', 'Lường', 'Triệu', 'Ma', 'Bế', 'Hà', 'Lục', 'Đinh', 'Sầm', 'La', 'Vi', 'Lý', 'Dương', 'Trần'];
const MIDDLE = ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Văn'];
const GIVEN = ['Hoa', 'Mai', 'Lan', 'Hằng', 'Thu', 'Mây', 'Duyên', 'Thơm', 'Én', 'Nga', 'Xuân', 'Hạnh', 'Liên', 'Huệ', 'Thắm', 'Tươi'];
const ACT_SETS: Array<{ acts: string[]; answers: Record<string, boolean>; type: string; context: string }> = [
  { acts: ['a'], answers: { rape: false, sexual_assault: false, physical_assault: true }, type: 'physical_assault', context: 'intimate_partner' },
  { acts: ['b'], answers: { rape: false, sexual_assault: false, physical_assault: false, forced_marriage: false, denial_of_resources: false, psychological_abuse: true }, type: 'psychological_abuse', context: 'domestic_violence' },
  { acts: ['a', 'b'], answers: { rape: false, sexual_assault: false, physical_assault: true }, type: 'physical_assault', context: 'intimate_partner' },
  { acts: ['n'], answers: { rape: false, sexual_assault: false, physical_assault: false, forced_marriage: false, denial_of_resources: true }, type: 'denial_of_resources', context: 'family' },
];
const COMMUNES: Array<[string, string, number, number]> = [
  // code, valid from, first year, last year the unit existed
  ['02179', '1997-01-01', 2017, 2019], ['02146', '1997-01-01', 2017, 2024], ['02155', '1997-01-01', 2017, 2019],
  ['02179', '2020-02-01', 2020, 2024], ['02155', '2020-02-01', 2020, 2024], ['02170', '1997-01-01', 2017, 2024],
  ['02176', '2025-07-01', 2025, 2026], ['02155', '2025-07-01', 2025, 2026], ['02143', '2025-07-01', 2025, 2026],
  ['02185', '2025-07-01', 2025, 2026], ['02191', '2025-07-01', 2025, 2026], ['02152', '2025-07-01', 2025, 2026],
];

/** A small deterministic generator (mulberry32), so demo data is the same on every machine. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDemoCases(app: FastifyInstance, account: { username: string; password: string }, count = 300): Promise<number> {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'http://localhost' }, payload: { username: account.username, password: account.password } });
  const token = login.cookies.find((c) => c.name.endsWith('binhan_session'))?.value;
  if (login.statusCode !== 200 || !token) throw new Error(`demo sign-in failed: ${login.statusCode}`);
  const headers = { origin: 'http://localhost', host: 'localhost', cookie: `__Host-binhan_session=${token}` };
  const call = (method: 'POST', url: string, payload: object) => app.inject({ method, url, headers, payload });
  const units = new Map<string, string>();
  for (const [code, from] of COMMUNES) {
    const row = await app.deps.db.selectFrom('admin_units').select('id').where('code', '=', code).where('valid_from', '=', from).executeTakeFirstOrThrow();
    units.set(`${code}@${from}`, row.id);
  }
  const rand = random(85_2017);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const now = Date.now();
  let made = 0;
  const perpetrators = new DemoPerpetrators(random(13_2022));
  for (let i = 0; i < count; i += 1) {
    // The last few are tonight's reports, still waiting for their first intervention, so the demo shows
    // what is due and overdue.
    const fresh = i >= count - 4;
    const [code, from, firstYear, lastYear] = fresh ? (COMMUNES[6] as (typeof COMMUNES)[number]) : pick(COMMUNES);
    const year = firstYear + Math.floor(rand() * (lastYear - firstYear + 1));
    const start = Math.max(Date.parse(`${year}-01-01T00:00:00+07:00`), Date.parse(`${from}T00:00:00+07:00`));
    const end = Math.min(Date.parse(`${year + 1}-01-01T00:00:00+07:00`), now - 3_600_000);
    if (!fresh && end <= start) continue;
    const detected = fresh ? now - (count - i) * 3 * 3_600_000 + 1_800_000 : start + Math.floor(rand() * (end - start));
    const unitId = units.get(`${code}@${from}`) as string;
    const acts = pick(ACT_SETS);
    const age = 16 + Math.floor(rand() * 50);
    // Set inside the payload, where it always was, so the random sequence (and the demo) stays the same.
    let occurredAt: number;
    const created = await call('POST', '/api/cases', {
      unitId, detectedAt: new Date(detected).toISOString(), detectionSource: pick(['survivor', 'neighbour', 'village_head', 'family', 'commune_police', 'health_facility']),
      survivor: { fullName: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)} ${DEMO_LABEL}`, sex: 'female', ageYears: age, ethnicityCode: pick(['02', '02', '07', '01', '09', '08']) },
      firstIncident: {
        // Never before the commune existed: an incident belongs to the unit valid on its day (DOMAIN.md §11).
        occurredAt: new Date((occurredAt = Math.max(detected - Math.floor(rand() * 72) * 3_600_000, Date.parse(`${from}T00:00:00+07:00`)))).toISOString(), placeType: 'shared_home', unitId, acts: acts.acts,
        gbvimsAnswers: acts.answers, gbvimsType: acts.type, context: acts.context, injuries: pick(['none', 'minor', 'minor', 'serious']), reportedToPolice: rand() < 0.3,
        perpetrators: [perpetrators.entry(unitId, occurredAt, age)],
      },
    });
    if (created.statusCode !== 201) throw new Error(`demo case refused: ${created.body}`);
    const id = created.json<{ id: string }>().id;
    const critical = fresh ? i === count - 1 : rand() < 0.15;
    const assessedAt = new Date(detected + 20 * 60_000).toISOString();
    await call('POST', `/api/cases/${id}/risk-assessments`, { assessedAt, answers: critical ? { threat_to_kill: true, weapon: true } : { escalation: rand() < 0.5, substance_use: rand() < 0.5 }, immediateSafety: critical ? 'unsafe_now' : 'safe_now' });
    // Most first interventions are in time; some are late and a few of the recent ones are still missing.
    if (!fresh) {
      const delayHours = rand() < 0.85 ? rand() * (critical ? 1.8 : 10) : 30 + rand() * 40;
      const at = Math.min(detected + delayHours * 3_600_000, now - 60_000);
      await call('POST', `/api/cases/${id}/first-intervention`, { at: new Date(at).toISOString() });
      if (rand() < 0.9) await call('POST', `/api/cases/${id}/services`, { serviceType: pick(['psychosocial_counselling', 'health_care', 'legal_aid', 'police_protection']), givenAt: new Date(at).toISOString() });
    }
    await perpetrators.handle(call, created.json(), unitId, { critical, now });
    if (now - detected > 180 * 86_400_000 && rand() < 0.8) {
      await call('POST', `/api/cases/${id}/status`, { to: 'support_plan' });
      await call('POST', `/api/cases/${id}/status`, { to: 'in_support' });
      await call('POST', `/api/cases/${id}/status`, { to: 'closed', closureReason: 'safe_and_supported' });
    }
    made += 1;
  }
  await app.inject({ method: 'POST', url: '/api/auth/logout', headers });
  return made;
}
