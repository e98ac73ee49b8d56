// Synthetic communication activities (2017 to today) and population figures for the demo, spread over
// the units of each period so that roll-up across the 2020 and 2025 mergers shows. Every topic carries
// "(mẫu)" and every population source says it is made up. A fixed seed makes every demo alike; rows
// go in by batches in one transaction, so seeding a few thousand activities takes well under a second.
import {
  AUDIENCE_GROUPS, campaignOfDate, communeHoldingAt, isValidAt, type AdminUnit, type AudienceGroup, type OutreachFormat,
} from '@binhan/domain';
import type { AppDeps } from '../deps.js';
import { nowIso, todayInVietnam } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { appendAudit } from '../security/audit-chain.js';
import type { OutreachActivityTable, OutreachAudienceTable, PopulationFigureTable } from './schema.js';
import { DEMO_LABEL } from './seed-demo.js';

const TOPICS = [
  'Luật Phòng, chống bạo lực gia đình năm 2022', 'Bình đẳng giới trong gia đình', 'Phòng ngừa bạo lực trên cơ sở giới',
  'Kỹ năng ứng phó khi bị bạo lực', 'Đường dây nóng 111 và địa chỉ tin cậy', 'Phòng, chống tảo hôn, hôn nhân cận huyết thống',
  'Phòng, chống xâm hại tình dục trẻ em', 'Chia sẻ việc nhà, nuôi dạy con', 'Tác hại của rượu bia và bạo lực gia đình',
];
const FORMATS: OutreachFormat[] = ['meeting', 'meeting', 'loudspeaker', 'leaflet_poster', 'performance_contest', 'school_session', 'home_visit', 'social_media', 'training'];
const LANGUAGES = ['vi', 'vi', 'tay', 'tay', 'nung', 'dao', 'mong'];
/** Share of the resident population in each group, for made-up denominators. */
const GROUP_SHARE: Record<AudienceGroup, number> = { officials: 0.025, workers: 0.12, employers: 0.006, armed_forces: 0.004, students: 0.2, residents: 1 };

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoOutreachCounts { activities: number; figures: number }

export async function seedDemoOutreach(deps: AppDeps, perUnitYear = 18): Promise<DemoOutreachCounts> {
  const rand = random(1464_2016);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const between = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const graph = await deps.units.graph();
  const units = [...graph.byId.values()];
  const communes = units.filter((u) => ['commune', 'town', 'ward'].includes(u.kind));
  const naRi = units.find((u) => u.code === '066');
  const inArea = naRi ? graph.scopeOf(naRi.id) : new Set(communes.map((u) => u.id));
  const areaCommunes = communes.filter((u) => inArea.has(u.id));
  const villagesOf = (unitId: string) => units.filter((u) => u.parentId === unitId && u.kind === 'village');
  const users = await deps.db.selectFrom('users').select(['id', 'username', 'role', 'unit_id']).where('username', 'like', 'demo.%').execute();
  const author = (role: string) => users.find((u) => u.role === role)?.id;
  const focal = author('district_focal_point');
  if (!focal) return { activities: 0, figures: 0 };
  const communicator = users.find((u) => u.role === 'communicator');
  const officer = users.find((u) => u.role === 'commune_officer');
  const members = await deps.db.selectFrom('network_members').select(['id', 'unit_id', 'user_id']).where('is_active', '=', 1).execute();
  const today = todayInVietnam();
  const at = nowIso();
  const firstYear = 2017;
  const lastYear = Number(today.slice(0, 4));

  const activities: OutreachActivityTable[] = [];
  const audiences: OutreachAudienceTable[] = [];
  const figures: PopulationFigureTable[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    // Population figures of the units standing at the end of the year (the current year: armed forces
    // not yet known, so the dashboard shows a partial denominator).
    const standing = areaCommunes.filter((u) => isValidAt(u, `${year}-12-31`));
    for (const unit of standing) {
      const residents = Math.round((41000 / standing.length) * (0.8 + rand() * 0.4));
      for (const group of AUDIENCE_GROUPS) {
        if (year === lastYear && group === 'armed_forces') continue;
        const total = Math.max(5, Math.round(residents * GROUP_SHARE[group]));
        const female = Math.round(total * (group === 'armed_forces' ? 0.1 : 0.5));
        figures.push({
          id: newId(), unit_id: unit.id, year, audience_group: group, total, female, male: total - female,
          source: `Số liệu mẫu ${DEMO_LABEL} — niên giám thống kê ${year}`, updated_by: focal, created_at: at, updated_at: at,
        });
      }
    }
    const yearEnd = year === lastYear ? today : `${year}-12-31`;
    const days = Math.round((Date.parse(yearEnd) - Date.parse(`${year}-01-01`)) / 86_400_000) + 1;
    const count = Math.round(perUnitYear * standing.length * (days / 365));
    for (let i = 0; i < count; i++) {
      // Campaign months get more activities, as they do in the field.
      const roll = rand();
      const dayOfYear = roll < 0.15 ? 318 + between(0, 30) : roll < 0.25 ? 151 + between(0, 29) : between(0, 364);
      const date = new Date(Date.UTC(year, 0, 1) + Math.min(dayOfYear, days - 1) * 86_400_000).toISOString().slice(0, 10);
      const candidates = areaCommunes.filter((u) => isValidAt(u, date));
      const unit = pick<AdminUnit>(candidates);
      const format = pick(FORMATS);
      const lines = audienceLines(format, between, rand);
      const total = lines.reduce((s, l) => s + l.female + l.male + l.unknown_sex, 0);
      const todayHolder = communeHoldingAt(graph, unit.id, today);
      const localMembers = members.filter((m) => m.unit_id === todayHolder || m.unit_id === unit.id);
      const isCommunicators = communicator !== undefined && todayHolder === communicator.unit_id && date >= '2025-07-01' && rand() < 0.5;
      const facilitator = isCommunicators
        ? members.find((m) => m.user_id === communicator.id)?.id ?? null
        : localMembers.length > 0 && rand() < 0.55 ? pick(localMembers).id : null;
      const createdBy = isCommunicators ? communicator.id : officer && todayHolder === officer.unit_id && rand() < 0.5 ? officer.id : focal;
      const villages = villagesOf(unit.id);
      const id = newId();
      activities.push({
        id, unit_id: unit.id, village_id: villages.length > 0 && rand() < 0.6 ? pick(villages).id : null, activity_date: date, format,
        topic: `${pick(TOPICS)} ${DEMO_LABEL}`, language: pick(LANGUAGES), language_other: null,
        materials: JSON.stringify(format === 'leaflet_poster' || format === 'meeting' ? [{ name: 'Tờ rơi', quantity: between(20, 300) }] : []),
        facilitator_member_id: facilitator, campaign: campaignOfDate(date), campaign_note: null,
        counting_basis: rand() < 0.8 ? 'new_people' : 'including_repeat', audience_total: total, note_enc: null, import_id: null,
        created_by: createdBy, updated_by: createdBy, created_at: at, updated_at: at,
      });
      for (const line of lines) audiences.push({ activity_id: id, ...line });
    }
  }

  await deps.db.transaction().execute(async (trx) => {
    for (let s = 0; s < figures.length; s += 500) await trx.insertInto('population_figures').values(figures.slice(s, s + 500)).execute();
    for (let s = 0; s < activities.length; s += 400) await trx.insertInto('outreach_activities').values(activities.slice(s, s + 400)).execute();
    for (let s = 0; s < audiences.length; s += 1000) await trx.insertInto('outreach_audiences').values(audiences.slice(s, s + 1000)).execute();
    await appendAudit(trx, deps, { action: 'demo.outreach_seed', actorUsername: 'system', resourceType: 'demo', resourceId: null, details: { activities: activities.length, figures: figures.length } });
  });
  return { activities: activities.length, figures: figures.length };
}

function audienceLines(format: OutreachFormat, between: (min: number, max: number) => number, rand: () => number): Array<Omit<OutreachAudienceTable, 'activity_id'>> {
  const line = (group: AudienceGroup, size: number, unknownShare = 0) => {
    const unknown = Math.round(size * unknownShare);
    const female = Math.round((size - unknown) * (0.45 + rand() * 0.2));
    return { audience_group: group, female, male: size - unknown - female, unknown_sex: unknown };
  };
  switch (format) {
    case 'school_session':
      return [line('students', between(60, 320))];
    case 'loudspeaker':
      return [line('residents', between(150, 600), 1)];
    case 'social_media':
      return [line('residents', between(40, 250), 0.6)];
    case 'home_visit':
      return [line('residents', between(3, 15))];
    case 'training':
      return [line('officials', between(15, 45)), line('workers', between(5, 25))];
    case 'performance_contest':
      return [line('residents', between(120, 400)), line('students', between(20, 80))];
    case 'meeting':
    case 'leaflet_poster': {
      const extra = rand() < 0.3 ? [line(rand() < 0.5 ? 'workers' : rand() < 0.7 ? 'officials' : rand() < 0.5 ? 'employers' : 'armed_forces', between(5, 40))] : [];
      return [line('residents', between(40, 160)), ...extra];
    }
  }
}
