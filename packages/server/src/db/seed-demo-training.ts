// Synthetic roster, training courses with attendance, communicators and collaborators and trusted
// addresses for the demo, across the units of 2017, 2020 and 2025. Every name carries "(mẫu)"; phones
// use the 0900 000 xxx range and addresses say they are made up. A fixed seed makes every demo alike.
import { COMMUNE_LEVEL_KINDS, courseDays, foldVietnamese, vietnamDateOf, type TrainingTopic } from '@binhan/domain';
import type { AppDeps } from '../deps.js';
import type { CourseAttendeeTable, FocalPointTable, NetworkMemberTable, TrainingCourseTable, TrustedAddressTable } from './schema.js';
import { nowIso } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { appendAudit } from '../security/audit-chain.js';
import { DEMO_LABEL } from './seed-demo.js';

const FAMILY = ['Hoàng', 'Nông', 'Lường', 'Triệu', 'Ma', 'Bế', 'Hà', 'Lục', 'Đinh', 'Sầm', 'La', 'Vi', 'Lý', 'Dương', 'Đàm', 'Hứa'];
const MIDDLE_F = ['Thị', 'Thị', 'Thu', 'Ngọc'];
const MIDDLE_M = ['Văn', 'Văn', 'Đức', 'Minh'];
const GIVEN_F = ['Hoa', 'Mai', 'Lan', 'Hằng', 'Thu', 'Mây', 'Duyên', 'Thơm', 'Én', 'Nga', 'Xuân', 'Hạnh', 'Liên', 'Huệ', 'Ánh', 'Yến'];
const GIVEN_M = ['Toàn', 'Sơn', 'Páo', 'Lìn', 'Quân', 'Hùng', 'Thắng', 'Bình', 'An', 'Dũng'];
const POSITIONS = ['Công chức Văn hóa - Xã hội', 'Phó Chủ tịch UBND xã', 'Chủ tịch Hội Liên hiệp Phụ nữ xã', 'Công chức Văn phòng - Thống kê'];
const DISTRICT_POSITIONS = ['Chuyên viên Phòng Văn hóa - Thông tin', 'Chuyên viên Phòng Lao động - Thương binh và Xã hội', 'Phó Chủ tịch Hội LHPN huyện'];

const COURSE_PLAN: Array<{ title: string; topic: TrainingTopic; month: string; days: number }> = [
  { title: 'Tập huấn phòng ngừa, ứng phó với bạo lực trên cơ sở giới', topic: 'gbv_prevention_response', month: '05', days: 2 },
  { title: 'Tập huấn kỹ năng phòng, chống bạo lực gia đình', topic: 'domestic_violence', month: '09', days: 2 },
  { title: 'Bồi dưỡng kỹ năng truyền thông về bình đẳng giới', topic: 'communication_skills', month: '11', days: 1 },
];

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoTrainingCounts { postings: number; courses: number; attendees: number; members: number; trustedAddresses: number }

export async function seedDemoTraining(deps: AppDeps): Promise<DemoTrainingCounts> {
  const rand = random(2030_1464);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const person = (female: boolean) => `${pick(FAMILY)} ${pick(female ? MIDDLE_F : MIDDLE_M)} ${pick(female ? GIVEN_F : GIVEN_M)} ${DEMO_LABEL}`;
  const graph = await deps.units.graph();
  const at = nowIso();
  const today = vietnamDateOf(at);
  const units = [...graph.byId.values()];
  const district = units.find((u) => u.kind === 'district' && u.code === '066');
  if (!district) throw new Error('the demo needs district 066');
  const communes = units.filter((u) => COMMUNE_LEVEL_KINDS.includes(u.kind) && u.code.length === 5);

  // Roster: one or two focal points per commune for as long as the commune existed; some left their post.
  const postings: FocalPointTable[] = [];
  const addPosting = (unitId: string, position: string, fromDate: string, toDate: string | null) => {
    const female = rand() < 0.7;
    postings.push({
      id: newId(), person_id: newId(), unit_id: unitId, full_name: '', name_folded: '', position, sex: female ? 'female' : 'male', ethnicity: pick(['02', '02', '07', '01', '09']),
      user_id: null, from_date: fromDate, to_date: toDate, end_reason: toDate === null ? null : 'Sắp xếp đơn vị hành chính', created_by: null, created_at: at, updated_at: at,
    });
    const last = postings[postings.length - 1] as FocalPointTable;
    last.full_name = person(female);
    last.name_folded = foldVietnamese(last.full_name);
  };
  for (const commune of communes) {
    const from = commune.validFrom < '2017-06-01' ? '2017-06-01' : commune.validFrom;
    addPosting(commune.id, POSITIONS[0] as string, from, commune.validTo);
    if (rand() < 0.6 || commune.validTo === null) addPosting(commune.id, pick(POSITIONS.slice(1)), from, commune.validTo);
  }
  for (const position of DISTRICT_POSITIONS) addPosting(district.id, position, '2017-06-01', district.validTo);

  // Courses: three a year from 2017, organised by the district until 2025 and by the communes since.
  const courses: TrainingCourseTable[] = [];
  const attendees: CourseAttendeeTable[] = [];
  const todayCommunes = communes.filter((c) => c.validTo === null);
  for (let year = 2017; year <= Number(today.slice(0, 4)); year += 1) {
    for (const plan of COURSE_PLAN) {
      const startDate = `${year}-${plan.month}-${String(10 + Math.floor(rand() * 10)).padStart(2, '0')}`;
      const days = courseDays(startDate, '2100-01-01').slice(0, plan.days);
      const endDate = days[days.length - 1] as string;
      if (endDate >= today) continue;
      const byDistrict = startDate < '2025-07-01';
      const unitId = byDistrict ? district.id : (pick(todayCommunes)).id;
      const id = newId();
      courses.push({
        id, unit_id: unitId, title: `${plan.title} năm ${year} ${DEMO_LABEL}`, title_folded: foldVietnamese(`${plan.title} năm ${year}`), topic: plan.topic, start_date: startDate, end_date: endDate,
        organiser: byDistrict ? 'Phòng Văn hóa - Thông tin huyện Na Rì' : 'UBND xã', venue: byDistrict ? 'Hội trường UBND huyện' : 'Hội trường UBND xã',
        trainers: 'Báo cáo viên Sở Văn hóa, Thể thao và Du lịch', materials: 'Tài liệu hướng dẫn phòng ngừa, ứng phó với bạo lực trên cơ sở giới; phiếu kiểm tra kiến thức',
        other_attendees: JSON.stringify([{ group: 'village_staff', female: 5 + Math.floor(rand() * 20), male: 3 + Math.floor(rand() * 15) }, { group: 'mass_organisations', female: 2 + Math.floor(rand() * 10), male: Math.floor(rand() * 5) }]),
        created_by: null, created_at: at, updated_at: at,
      });
      const scope = byDistrict ? null : graph.scopeOf(unitId);
      const eligible = postings.filter((p) => p.from_date <= endDate && (p.to_date === null || p.to_date >= startDate) && (scope === null || scope.has(p.unit_id)));
      for (const p of eligible) {
        if (rand() < 0.45) continue;
        const present = days.filter(() => rand() < 0.9);
        const completed = present.length === days.length && rand() < 0.92;
        const before = Math.round(35 + rand() * 30);
        attendees.push({
          id: newId(), course_id: id, kind: 'focal_point', ref_id: p.person_id, days_attended: JSON.stringify(present), completed: completed ? 1 : 0,
          score_before: rand() < 0.9 ? before : null, score_after: completed ? Math.min(100, before + Math.round(10 + rand() * 30)) : null, created_at: at, updated_at: at,
        });
      }
    }
  }

  // The network: members in every commune of today, in its villages where there are any; trusted addresses.
  const members: NetworkMemberTable[] = [];
  const addresses: TrustedAddressTable[] = [];
  let phone = 100;
  for (const commune of todayCommunes) {
    const villages = graph.childrenOf(commune.id).filter((v) => v.kind === 'village');
    const count = 5 + Math.floor(rand() * 6);
    for (let i = 0; i < count; i += 1) {
      const female = rand() < 0.65;
      // Leave one village without a member, so coverage shows the gap.
      const village = villages.length > 1 ? villages[i % (villages.length - 1)] : undefined;
      members.push({
        id: newId(), unit_id: commune.id, village_id: village?.id ?? null, full_name_enc: deps.cipher.encrypt(person(female)), sex: female ? 'female' : 'male',
        ethnicity: pick(['02', '02', '07', '09', '08', '01']), languages: JSON.stringify(pick([['vi', 'tay'], ['vi', 'nung'], ['vi', 'dao'], ['vi', 'mong'], ['vi']])),
        role_kind: i < 3 ? 'communicator' : 'collaborator', is_core: i < 2 ? 1 : 0, is_active: rand() < 0.9 ? 1 : 0,
        phone_enc: rand() < 0.8 ? deps.cipher.encrypt(`0900000${String(phone++).padStart(3, '0')}`) : null, user_id: null, created_by: null, created_at: at, updated_at: at,
      });
    }
    for (let i = 0; i < 1 + Math.floor(rand() * 2); i += 1) {
      const household = i === 0;
      addresses.push({
        id: newId(), unit_id: commune.id, village_id: villages[0]?.id ?? null, kind: household ? 'household' : 'organisation',
        name_enc: deps.cipher.encrypt(household ? `Hộ tin cậy số ${i + 1} ${DEMO_LABEL}` : `Chi hội Phụ nữ ${DEMO_LABEL}`), capacity: household ? 2 : 4, status: 'active',
        contact_person_enc: deps.cipher.encrypt(person(true)), phone_enc: deps.cipher.encrypt(`0900000${String(phone++).padStart(3, '0')}`),
        address_enc: deps.cipher.encrypt(`Địa chỉ mẫu, không có thật ${DEMO_LABEL}`), created_by: null, created_at: at, updated_at: at,
      });
    }
  }
  // A network member in a trained course or two, so "trainings attended" shows.
  for (const m of members.slice(0, 12)) {
    const c = courses.find((x) => x.topic === 'communication_skills' && x.start_date >= '2024-01-01');
    if (c) attendees.push({ id: newId(), course_id: c.id, kind: 'member', ref_id: m.id, days_attended: JSON.stringify([c.start_date]), completed: 1, score_before: null, score_after: null, created_at: at, updated_at: at });
  }
  // The demo communicator account is a core member of Trần Phú.
  const demoCommunicator = await deps.db.selectFrom('users').select(['id', 'unit_id']).where('username', '=', 'demo.tuyentruyen').executeTakeFirst();
  const own = members.find((m) => m.unit_id === demoCommunicator?.unit_id && m.is_core === 1);
  if (demoCommunicator && own) { own.user_id = demoCommunicator.id; own.is_active = 1; }

  await deps.db.transaction().execute(async (trx) => {
    const chunks = <T>(rows: T[]) => Array.from({ length: Math.ceil(rows.length / 100) }, (_, i) => rows.slice(i * 100, i * 100 + 100));
    for (const part of chunks(postings)) await trx.insertInto('focal_points').values(part).execute();
    for (const part of chunks(courses)) await trx.insertInto('training_courses').values(part).execute();
    for (const part of chunks(members)) await trx.insertInto('network_members').values(part).execute();
    for (const part of chunks(attendees)) await trx.insertInto('course_attendees').values(part).execute();
    for (const part of chunks(addresses)) await trx.insertInto('trusted_addresses').values(part).execute();
    await appendAudit(trx, deps, { action: 'demo.training_seed', actorUsername: 'system', resourceType: 'demo', resourceId: null, details: { postings: postings.length, courses: courses.length, members: members.length } });
  });
  return { postings: postings.length, courses: courses.length, attendees: attendees.length, members: members.length, trustedAddresses: addresses.length };
}
