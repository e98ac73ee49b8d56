// Training courses: the course, its named attendees (roster people, users, network members) with
// attendance per day, completion and test scores, and counts by group and sex of other attendees.
// An attendee must come from the district whose area holds the course's unit.
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import {
  averageScoreGain, can, courseDays, foldVietnamese, isGbvTopic, matchesVietnamese,
  type AttendanceUpdate, type AttendeeAdd, type AttendeeCandidate, type AttendeeKind, type AttendeeView, type CourseDetail, type CourseInput,
  type CourseListItem, type OtherAttendeeCount, type TrainingTopic,
} from '@binhan/domain';
import type { CourseAttendeeTable, TrainingCourseTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { authorize } from '../../http/access.js';
import { audit } from '../../http/audit-context.js';
import { Conflict, Forbidden, Invalid, NotFound, invalidField } from '../../http/errors.js';
import { nowIso } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { requireUnitOn } from '../admin-units/service.js';
import { areaUnits, compareNames, districtAreaOf, inList, unitRef, type UnitRefView } from './area.js';

interface ScoreRow { course_id: string; completed: number; score_before: number | null; score_after: number | null }

function otherTotal(json: string): number {
  return (JSON.parse(json) as OtherAttendeeCount[]).reduce((sum, o) => sum + o.female + o.male, 0);
}

function listItem(graph: Awaited<ReturnType<AppDeps['units']['graph']>>, c: TrainingCourseTable, scores: readonly ScoreRow[]): CourseListItem {
  return {
    id: c.id,
    title: c.title,
    topic: c.topic as TrainingTopic,
    isGbv: isGbvTopic(c.topic as TrainingTopic),
    unit: unitRef(graph, c.unit_id),
    startDate: c.start_date,
    endDate: c.end_date,
    organiser: c.organiser,
    venue: c.venue,
    attendeeCount: scores.length,
    completedCount: scores.filter((s) => Number(s.completed) === 1).length,
    otherAttendeeCount: otherTotal(c.other_attendees),
    averageGain: averageScoreGain(scores.map((s) => ({ before: num(s.score_before), after: num(s.score_after) }))),
  };
}

/** pg returns `real` columns as numbers, but be safe with strings. */
function num(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

export async function listCourses(deps: AppDeps, request: FastifyRequest, query: { unitId?: string | undefined; from?: string | undefined; to?: string | undefined; q?: string | undefined }): Promise<CourseListItem[]> {
  const units = await areaUnits(request, 'training.read', query.unitId);
  let q = deps.db.selectFrom('training_courses').selectAll().orderBy('start_date', 'desc').orderBy('id');
  // A course of the area, or one held elsewhere (e.g. by the district) that officials of the area attended.
  if (units !== null) q = q.where((eb) => eb.or([eb('unit_id', 'in', inList(units)), eb('id', 'in', coursesAttendedFrom(deps, units))]));
  if (query.from) q = q.where('end_date', '>=', query.from);
  if (query.to) q = q.where('start_date', '<=', query.to);
  let rows = await q.execute();
  if (query.q) rows = rows.filter((r) => matchesVietnamese(`${r.title} ${r.organiser}`, query.q as string));
  const scores = new Map<string, ScoreRow[]>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const part = await deps.db.selectFrom('course_attendees').select(['course_id', 'completed', 'score_before', 'score_after']).where('course_id', 'in', ids.slice(i, i + 500)).execute();
    for (const s of part) scores.set(s.course_id, [...(scores.get(s.course_id) ?? []), s]);
  }
  const graph = await deps.units.graph();
  return rows.map((r) => listItem(graph, r, scores.get(r.id) ?? []));
}

/** Ids of courses with a named attendee from the units: a roster person with a posting there, a user or a network member of there. */
function coursesAttendedFrom(deps: AppDeps, units: readonly string[]) {
  const list = inList(units);
  const db = deps.db;
  return db.selectFrom('course_attendees as a').select('a.course_id').where((eb) => eb.or([
    eb.and([eb('a.kind', '=', 'focal_point'), eb('a.ref_id', 'in', db.selectFrom('focal_points').select('person_id').where('unit_id', 'in', list))]),
    eb.and([eb('a.kind', '=', 'user'), eb('a.ref_id', 'in', db.selectFrom('users').select('id').where('unit_id', 'in', list))]),
    eb.and([eb('a.kind', '=', 'member'), eb('a.ref_id', 'in', db.selectFrom('network_members').select('id').where('unit_id', 'in', list))]),
  ]));
}

async function loadCourse(deps: AppDeps, request: FastifyRequest, id: string, action: 'training.read' | 'training.manage'): Promise<TrainingCourseTable> {
  const row = await deps.db.selectFrom('training_courses').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound();
  authorize(request, action, { unitId: row.unit_id }, await request.loadActor());
  return row;
}

interface Person { fullName: string; detail: string | null; unitId: string | null }

/** Names and units of attendees, by kind and id. Network members' names are decrypted. */
async function people(deps: AppDeps, refs: ReadonlyArray<{ kind: string; ref_id: string }>): Promise<Map<string, Person>> {
  const result = new Map<string, Person>();
  const ids = (kind: AttendeeKind) => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.ref_id))];
  const persons = ids('focal_point');
  if (persons.length > 0) {
    const rows = await deps.db.selectFrom('focal_points').select(['person_id', 'full_name', 'position', 'unit_id', 'from_date']).where('person_id', 'in', persons).orderBy('from_date').execute();
    // The latest posting names the person.
    for (const r of rows) result.set(`focal_point:${r.person_id}`, { fullName: r.full_name, detail: r.position, unitId: r.unit_id });
  }
  const users = ids('user');
  if (users.length > 0) {
    const rows = await deps.db.selectFrom('users').select(['id', 'display_name', 'organisation', 'unit_id']).where('id', 'in', users).execute();
    for (const r of rows) result.set(`user:${r.id}`, { fullName: r.display_name, detail: r.organisation, unitId: r.unit_id });
  }
  const members = ids('member');
  if (members.length > 0) {
    const rows = await deps.db.selectFrom('network_members').select(['id', 'full_name_enc', 'role_kind', 'unit_id']).where('id', 'in', members).execute();
    for (const r of rows) result.set(`member:${r.id}`, { fullName: deps.cipher.decrypt(r.full_name_enc), detail: r.role_kind === 'collaborator' ? 'Cộng tác viên' : 'Tuyên truyền viên', unitId: r.unit_id });
  }
  return result;
}

export async function courseDetail(deps: AppDeps, request: FastifyRequest, id: string): Promise<CourseDetail> {
  const course = await deps.db.selectFrom('training_courses').selectAll().where('id', '=', id).executeTakeFirst();
  if (!course) throw new NotFound();
  const actor = await request.loadActor();
  const rows = await deps.db.selectFrom('course_attendees').selectAll().where('course_id', '=', id).execute();
  const graph = await deps.units.graph();
  const who = await people(deps, rows);
  let shown = rows;
  const inScope = can(actor, 'training.read', { unitId: course.unit_id });
  if (!inScope) {
    // A course held outside the user's area (e.g. by the district): readable when officials of the area
    // attended it, showing only those attendees; the others are counted, not named.
    authorize(request, 'training.read');
    const scope = [...actor.unitScope];
    const focal = rows.filter((a) => a.kind === 'focal_point').map((a) => a.ref_id);
    const postedHere = new Set(focal.length === 0 || scope.length === 0 ? [] : (await deps.db.selectFrom('focal_points').select('person_id')
      .where('person_id', 'in', focal).where('unit_id', 'in', scope).execute()).map((r) => r.person_id));
    shown = rows.filter((a) => {
      if (a.kind === 'focal_point') return postedHere.has(a.ref_id);
      const unitId = who.get(`${a.kind}:${a.ref_id}`)?.unitId;
      return unitId !== undefined && unitId !== null && actor.unitScope.has(unitId);
    });
    if (shown.length === 0) throw new Forbidden('UNIT_OUT_OF_SCOPE');
  }
  const attendees: AttendeeView[] = shown.map((a) => {
    const p = who.get(`${a.kind}:${a.ref_id}`);
    return {
      id: a.id,
      kind: a.kind as AttendeeKind,
      refId: a.ref_id,
      fullName: p?.fullName ?? '—',
      detail: p?.detail ?? null,
      unit: p?.unitId ? unitRef(graph, p.unitId) : null,
      daysAttended: JSON.parse(a.days_attended) as string[],
      completed: Number(a.completed) === 1,
      scoreBefore: num(a.score_before),
      scoreAfter: num(a.score_after),
    };
  }).sort((x, y) => compareNames(x.fullName, y.fullName));
  return {
    ...listItem(graph, course, rows),
    canManage: inScope && can(actor, 'training.manage', { unitId: course.unit_id }),
    hiddenAttendeeCount: rows.length - shown.length,
    trainers: course.trainers,
    materials: course.materials,
    otherAttendees: JSON.parse(course.other_attendees) as OtherAttendeeCount[],
    days: courseDays(course.start_date, course.end_date),
    attendees,
    createdAt: course.created_at,
    updatedAt: course.updated_at,
  };
}

function columns(input: CourseInput) {
  return {
    unit_id: input.unitId, title: input.title, title_folded: foldVietnamese(input.title), topic: input.topic, start_date: input.startDate, end_date: input.endDate,
    organiser: input.organiser, venue: input.venue || null, trainers: input.trainers || null, materials: input.materials || null,
    other_attendees: JSON.stringify(input.otherAttendees.filter((o) => o.female + o.male > 0)), updated_at: nowIso(),
  };
}

/** The course's unit: in the user's area, and valid on the course's last day (where it counts, DOMAIN.md §11). */
async function checkUnit(deps: AppDeps, request: FastifyRequest, input: Pick<CourseInput, 'unitId' | 'endDate'>): Promise<void> {
  const graph = await deps.units.graph();
  const unit = graph.get(input.unitId);
  if (!unit) throw invalidField('unitId', 'UNIT_NOT_FOUND');
  authorize(request, 'training.manage', { unitId: unit.id }, await request.loadActor());
  requireUnitOn(graph, unit, input.endDate, 'unitId');
}

export async function createCourse(deps: AppDeps, request: FastifyRequest, input: CourseInput): Promise<CourseDetail> {
  await checkUnit(deps, request, input);
  const actor = await request.loadActor();
  const at = nowIso();
  const row: TrainingCourseTable = { id: newId(), ...columns(input), created_by: actor.id, created_at: at, updated_at: at };
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('training_courses').values(row).execute();
    await audit(request, trx, { action: 'training_course.create', resourceType: 'training_course', resourceId: row.id, details: { unitId: row.unit_id, topic: row.topic } });
  });
  return courseDetail(deps, request, row.id);
}

export async function updateCourse(deps: AppDeps, request: FastifyRequest, id: string, input: CourseInput): Promise<CourseDetail> {
  const existing = await loadCourse(deps, request, id, 'training.manage');
  await checkUnit(deps, request, input);
  const days = new Set(courseDays(input.startDate, input.endDate));
  await deps.db.transaction().execute(async (trx) => {
    // New dates must still hold every day someone was marked present.
    const attendance = await trx.selectFrom('course_attendees').select('days_attended').where('course_id', '=', id).execute();
    const outside = attendance.flatMap((a) => JSON.parse(a.days_attended) as string[]).filter((d) => !days.has(d)).sort()[0];
    if (outside !== undefined) throw new Conflict('COURSE_DAYS_HAVE_ATTENDANCE', { day: outside.split('-').reverse().join('/') });
    if (existing.unit_id !== input.unitId) {
      // Moving the course to another unit must keep every attendee inside the new unit's district.
      const graph = await deps.units.graph();
      const area = districtAreaOf(graph, input.unitId);
      const refs = await trx.selectFrom('course_attendees').select(['kind', 'ref_id']).where('course_id', '=', id).execute();
      const units = await attendeeUnits(trx, refs);
      if (units.some((u) => u === null || !area.has(u))) throw invalidField('unitId', 'ATTENDEE_OUTSIDE_DISTRICT');
    }
    await trx.updateTable('training_courses').set(columns(input)).where('id', '=', id).execute();
    await audit(request, trx, { action: 'training_course.update', resourceType: 'training_course', resourceId: id, details: { unitId: input.unitId, topic: input.topic } });
  });
  return courseDetail(deps, request, id);
}

type Db = AppDeps['db'] | Parameters<Parameters<ReturnType<AppDeps['db']['transaction']>['execute']>[0]>[0];

/** The unit of each attendee reference (a roster person's latest posting), null when unknown. */
async function attendeeUnits(db: Db, refs: ReadonlyArray<{ kind: string; ref_id: string }>): Promise<Array<string | null>> {
  const out: Array<string | null> = [];
  for (const r of refs) out.push((await attendeeUnit(db, r.kind as AttendeeKind, r.ref_id)) ?? null);
  return out;
}

async function attendeeUnit(db: Db, kind: AttendeeKind, refId: string): Promise<string | null | undefined> {
  if (kind === 'focal_point') {
    const row = await db.selectFrom('focal_points').select('unit_id').where('person_id', '=', refId).orderBy('from_date', 'desc').executeTakeFirst();
    return row ? row.unit_id : undefined;
  }
  if (kind === 'user') {
    const row = await db.selectFrom('users').select('unit_id').where('id', '=', refId).executeTakeFirst();
    return row ? row.unit_id : undefined;
  }
  const row = await db.selectFrom('network_members').select('unit_id').where('id', '=', refId).executeTakeFirst();
  return row ? row.unit_id : undefined;
}

export async function addAttendee(deps: AppDeps, request: FastifyRequest, courseId: string, input: AttendeeAdd): Promise<CourseDetail> {
  const course = await loadCourse(deps, request, courseId, 'training.manage');
  const unitId = await attendeeUnit(deps.db, input.kind, input.refId);
  if (unitId === undefined) throw invalidField('refId', 'NOT_FOUND');
  const graph = await deps.units.graph();
  if (unitId === null || !districtAreaOf(graph, course.unit_id).has(unitId)) throw invalidField('refId', 'ATTENDEE_OUTSIDE_DISTRICT');
  const at = nowIso();
  const row: CourseAttendeeTable = {
    id: newId(), course_id: courseId, kind: input.kind, ref_id: input.refId, days_attended: '[]', completed: 0, score_before: null, score_after: null, created_at: at, updated_at: at,
  };
  await deps.db.transaction().execute(async (trx) => {
    const already = await trx.selectFrom('course_attendees').select('id').where('course_id', '=', courseId).where('kind', '=', input.kind).where('ref_id', '=', input.refId).executeTakeFirst();
    if (already) throw new Conflict('ATTENDEE_ALREADY_ADDED');
    await trx.insertInto('course_attendees').values(row).execute();
    await audit(request, trx, { action: 'training_course.attendee_add', resourceType: 'training_course', resourceId: courseId, details: { attendeeId: row.id, kind: input.kind } });
  });
  return courseDetail(deps, request, courseId);
}

async function loadAttendee(deps: AppDeps, request: FastifyRequest, id: string): Promise<{ attendee: CourseAttendeeTable; course: TrainingCourseTable }> {
  const attendee = await deps.db.selectFrom('course_attendees').selectAll().where('id', '=', id).executeTakeFirst();
  if (!attendee) throw new NotFound();
  const course = await loadCourse(deps, request, attendee.course_id, 'training.manage');
  return { attendee, course };
}

export async function updateAttendance(deps: AppDeps, request: FastifyRequest, id: string, input: AttendanceUpdate): Promise<CourseDetail> {
  const { attendee, course } = await loadAttendee(deps, request, id);
  const days = new Set(courseDays(course.start_date, course.end_date));
  const outside = input.daysAttended.find((d) => !days.has(d));
  if (outside !== undefined) {
    const day = outside.split('-').reverse().join('/');
    throw new Invalid('ATTENDANCE_DAY_OUTSIDE_COURSE', { day }, [{ path: 'daysAttended', key: 'ATTENDANCE_DAY_OUTSIDE_COURSE', values: { day } }]);
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('course_attendees').set({
      days_attended: JSON.stringify([...input.daysAttended].sort()), completed: input.completed ? 1 : 0,
      score_before: input.scoreBefore, score_after: input.scoreAfter, updated_at: nowIso(),
    }).where('id', '=', id).execute();
    await audit(request, trx, { action: 'training_course.attendance', resourceType: 'training_course', resourceId: course.id, details: { attendeeId: id, days: input.daysAttended.length, completed: input.completed } });
  });
  return courseDetail(deps, request, attendee.course_id);
}

export async function removeAttendee(deps: AppDeps, request: FastifyRequest, id: string): Promise<CourseDetail> {
  const { attendee, course } = await loadAttendee(deps, request, id);
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('course_attendees').where('id', '=', id).execute();
    await audit(request, trx, { action: 'training_course.attendee_remove', resourceType: 'training_course', resourceId: course.id, details: { attendeeId: id, kind: attendee.kind } });
  });
  return courseDetail(deps, request, course.id);
}

/** People who may attend: roster people, users and network members of the course's district, not yet on it. */
export async function attendeeCandidates(deps: AppDeps, request: FastifyRequest, courseId: string, search: string | undefined): Promise<AttendeeCandidate[]> {
  const course = await loadCourse(deps, request, courseId, 'training.manage');
  const graph = await deps.units.graph();
  const area = inList([...districtAreaOf(graph, course.unit_id)]);
  const taken = new Set((await deps.db.selectFrom('course_attendees').select(['kind', 'ref_id']).where('course_id', '=', courseId).execute()).map((r) => `${r.kind}:${r.ref_id}`));
  const found: Array<AttendeeCandidate> = [];
  const ref = (id: string | null): UnitRefView | null => (id ? unitRef(graph, id) : null);
  const postings = await deps.db.selectFrom('focal_points').select(['person_id', 'full_name', 'position', 'unit_id', 'user_id', 'from_date']).where('unit_id', 'in', area).orderBy('from_date').execute();
  const latest = new Map(postings.map((p) => [p.person_id, p]));
  for (const p of latest.values()) found.push({ kind: 'focal_point', refId: p.person_id, fullName: p.full_name, detail: p.position, unit: ref(p.unit_id) });
  // A user who is on the roster is offered once, as the roster person (so the course counts for T3).
  const onRoster = new Set(postings.map((p) => p.user_id).filter((u): u is string => u !== null));
  const users = await deps.db.selectFrom('users').select(['id', 'display_name', 'organisation', 'unit_id']).where('unit_id', 'in', area).where('is_disabled', '=', 0).execute();
  for (const u of users.filter((x) => !onRoster.has(x.id))) found.push({ kind: 'user', refId: u.id, fullName: u.display_name, detail: u.organisation, unit: ref(u.unit_id) });
  const members = await deps.db.selectFrom('network_members').select(['id', 'full_name_enc', 'role_kind', 'unit_id']).where('unit_id', 'in', area).where('is_active', '=', 1).execute();
  for (const m of members) found.push({ kind: 'member', refId: m.id, fullName: deps.cipher.decrypt(m.full_name_enc), detail: m.role_kind === 'collaborator' ? 'Cộng tác viên' : 'Tuyên truyền viên', unit: ref(m.unit_id) });
  return found
    .filter((c) => !taken.has(`${c.kind}:${c.refId}`) && (!search || matchesVietnamese(c.fullName, search)))
    .sort((a, b) => compareNames(a.fullName, b.fullName))
    .slice(0, 100);
}

/** Courses each network member attended (for the network list). */
export async function trainingsAttendedBy(deps: AppDeps, members: ReadonlyArray<{ id: string; user_id: string | null }>): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (members.length === 0) return counts;
  const byUser = new Map(members.filter((m) => m.user_id !== null).map((m) => [m.user_id as string, m.id]));
  const refs = [...members.map((m) => m.id), ...byUser.keys()];
  for (let i = 0; i < refs.length; i += 500) {
    const rows = await deps.db.selectFrom('course_attendees').select(['kind', 'ref_id', sql<number>`count(distinct course_id)`.as('n')])
      .where('kind', 'in', ['member', 'user']).where('ref_id', 'in', refs.slice(i, i + 500)).groupBy(['kind', 'ref_id']).execute();
    for (const r of rows) {
      const memberId = r.kind === 'member' ? r.ref_id : byUser.get(r.ref_id);
      if (memberId) counts.set(memberId, (counts.get(memberId) ?? 0) + Number(r.n));
    }
  }
  return counts;
}
