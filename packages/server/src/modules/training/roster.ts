// The roster of gender-equality focal points (cán bộ kiêm nhiệm công tác bình đẳng giới). Each row is a
// posting; a person who changes post gets a new posting with the same person id, so T3 counts people.
// Officials' names are not protected data; they are stored in clear with a folded copy for search.
import type { FastifyRequest } from 'fastify';
import {
  GBV_TRAINING_TOPICS, foldVietnamese, matchesVietnamese, type FocalPointEnd, type FocalPointInput, type FocalPointView, type StaffSex, type UnitGraph,
} from '@binhan/domain';
import type { FocalPointTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { authorize } from '../../http/access.js';
import { audit } from '../../http/audit-context.js';
import { Conflict, Invalid, NotFound, invalidField } from '../../http/errors.js';
import { nowIso } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { requireUnitOn } from '../admin-units/service.js';
import { areaUnits, compareNames, inList, todayInVietnam, unitRef } from './area.js';

/** Last day of the latest completed GBV course of each person. */
export async function gbvTrainedOn(deps: AppDeps, personIds: readonly string[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (personIds.length === 0) return result;
  const unique = [...new Set(personIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await deps.db.selectFrom('course_attendees as a').innerJoin('training_courses as c', 'c.id', 'a.course_id')
      .select(['a.ref_id', 'c.end_date'])
      .where('a.kind', '=', 'focal_point').where('a.completed', '=', 1).where('a.ref_id', 'in', unique.slice(i, i + 500))
      .where('c.topic', 'in', [...GBV_TRAINING_TOPICS]).execute();
    for (const r of rows) if ((result.get(r.ref_id) ?? '') < r.end_date) result.set(r.ref_id, r.end_date);
  }
  // A focal point with a user account may have been added to a course as that user.
  const accounts = new Map<string, string>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await deps.db.selectFrom('focal_points').select(['person_id', 'user_id']).where('person_id', 'in', unique.slice(i, i + 500)).where('user_id', 'is not', null).execute();
    for (const r of rows) accounts.set(r.user_id as string, r.person_id);
  }
  const userIds = [...accounts.keys()];
  for (let i = 0; i < userIds.length; i += 500) {
    const rows = await deps.db.selectFrom('course_attendees as a').innerJoin('training_courses as c', 'c.id', 'a.course_id')
      .select(['a.ref_id', 'c.end_date'])
      .where('a.kind', '=', 'user').where('a.completed', '=', 1).where('a.ref_id', 'in', userIds.slice(i, i + 500))
      .where('c.topic', 'in', [...GBV_TRAINING_TOPICS]).execute();
    for (const r of rows) {
      const personId = accounts.get(r.ref_id) as string;
      if ((result.get(personId) ?? '') < r.end_date) result.set(personId, r.end_date);
    }
  }
  return result;
}

export function presentPostings(graph: UnitGraph, rows: readonly FocalPointTable[], trained: Map<string, string>): FocalPointView[] {
  const today = todayInVietnam();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    fullName: r.full_name,
    position: r.position,
    unit: unitRef(graph, r.unit_id),
    sex: r.sex as StaffSex,
    ethnicityCode: r.ethnicity,
    fromDate: r.from_date,
    toDate: r.to_date,
    endReason: r.end_reason,
    userId: r.user_id,
    isActive: r.from_date <= today && (r.to_date === null || r.to_date >= today),
    gbvTrainedOn: trained.get(r.person_id) ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function listRoster(deps: AppDeps, request: FastifyRequest, query: { unitId?: string | undefined; q?: string | undefined; status: 'active' | 'ended' | 'all' }): Promise<FocalPointView[]> {
  const units = await areaUnits(request, 'training.read', query.unitId);
  let q = deps.db.selectFrom('focal_points').selectAll();
  if (units !== null) q = q.where('unit_id', 'in', inList(units));
  const today = todayInVietnam();
  if (query.status === 'active') q = q.where('from_date', '<=', today).where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', today)]));
  if (query.status === 'ended') q = q.where('to_date', '<', today);
  let rows = await q.execute();
  if (query.q) rows = rows.filter((r) => matchesVietnamese(r.full_name, query.q as string) || matchesVietnamese(r.position, query.q as string));
  rows.sort((a, b) => compareNames(a.full_name, b.full_name) || a.from_date.localeCompare(b.from_date));
  const graph = await deps.units.graph();
  return presentPostings(graph, rows, await gbvTrainedOn(deps, rows.map((r) => r.person_id)));
}

async function checkPosting(deps: AppDeps, request: FastifyRequest, input: FocalPointInput): Promise<void> {
  const graph = await deps.units.graph();
  const unit = graph.get(input.unitId);
  if (!unit) throw invalidField('unitId', 'UNIT_NOT_FOUND');
  authorize(request, 'training.manage', { unitId: input.unitId }, await request.loadActor());
  // A posting starts in a unit that exists that day.
  requireUnitOn(graph, unit, input.fromDate, 'unitId');
  if (input.userId !== null) {
    const user = await deps.db.selectFrom('users').select('id').where('id', '=', input.userId).executeTakeFirst();
    if (!user) throw invalidField('userId', 'NOT_FOUND');
  }
}

function columns(input: FocalPointInput) {
  return {
    unit_id: input.unitId, full_name: input.fullName, name_folded: foldVietnamese(input.fullName), position: input.position, sex: input.sex,
    ethnicity: input.ethnicityCode, user_id: input.userId, from_date: input.fromDate, to_date: input.toDate, updated_at: nowIso(),
  };
}

async function presentOne(deps: AppDeps, id: string): Promise<FocalPointView> {
  const row = await deps.db.selectFrom('focal_points').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return presentPostings(await deps.units.graph(), [row], await gbvTrainedOn(deps, [row.person_id]))[0] as FocalPointView;
}

export async function createPosting(deps: AppDeps, request: FastifyRequest, input: FocalPointInput): Promise<FocalPointView> {
  await checkPosting(deps, request, input);
  let personId = newId();
  if (input.personId !== undefined) {
    const person = await deps.db.selectFrom('focal_points').select('person_id').where('person_id', '=', input.personId).executeTakeFirst();
    if (!person) throw invalidField('personId', 'PERSON_NOT_ON_ROSTER');
    personId = input.personId;
  }
  const actor = await request.loadActor();
  const at = nowIso();
  const row: FocalPointTable = { id: newId(), person_id: personId, ...columns(input), end_reason: null, created_by: actor.id, created_at: at, updated_at: at };
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('focal_points').values(row).execute();
    await audit(request, trx, { action: 'focal_point.create', resourceType: 'focal_point', resourceId: row.id, details: { unitId: row.unit_id, fromDate: row.from_date, newPerson: input.personId === undefined } });
  });
  return presentOne(deps, row.id);
}

async function loadPosting(deps: AppDeps, request: FastifyRequest, id: string): Promise<FocalPointTable> {
  const row = await deps.db.selectFrom('focal_points').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound();
  authorize(request, 'training.manage', { unitId: row.unit_id }, await request.loadActor());
  return row;
}

/** Correct a posting (a wrong name, unit or date). The person stays the same. */
export async function updatePosting(deps: AppDeps, request: FastifyRequest, id: string, input: FocalPointInput): Promise<FocalPointView> {
  const existing = await loadPosting(deps, request, id);
  if (input.personId !== undefined && input.personId !== existing.person_id) throw invalidField('personId', 'PERSON_NOT_ON_ROSTER');
  await checkPosting(deps, request, input);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('focal_points').set(columns(input)).where('id', '=', id).execute();
    await audit(request, trx, { action: 'focal_point.update', resourceType: 'focal_point', resourceId: id, details: { unitId: input.unitId } });
  });
  return presentOne(deps, id);
}

/** End a posting on its last day (the person left the post). */
export async function endPosting(deps: AppDeps, request: FastifyRequest, id: string, input: FocalPointEnd): Promise<FocalPointView> {
  const existing = await loadPosting(deps, request, id);
  if (existing.to_date !== null) throw new Conflict('POSTING_ALREADY_ENDED');
  if (input.toDate < existing.from_date) throw new Invalid('VALIDATION_FAILED', {}, [{ path: 'toDate', key: 'date_before_start' }]);
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('focal_points').set({ to_date: input.toDate, end_reason: input.reason ?? null, updated_at: nowIso() })
      .where('id', '=', id).where('to_date', 'is', null).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Conflict('POSTING_ALREADY_ENDED');
    await audit(request, trx, { action: 'focal_point.end', resourceType: 'focal_point', resourceId: id, details: { toDate: input.toDate } });
  });
  return presentOne(deps, id);
}
