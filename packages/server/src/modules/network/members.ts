// The network of communicators and collaborators (tuyên truyền viên, cộng tác viên). Names and phones are
// encrypted: names are shown to those who read the network, the phone only through an audited reveal by
// commune officers and the district focal point. Lists are small (a few hundred), so they are decrypted,
// searched and sorted in memory.
import type { FastifyRequest } from 'fastify';
import { matchesVietnamese, type NetworkLanguage, type NetworkMemberInput, type NetworkMemberKind, type NetworkMemberView, type StaffSex } from '@binhan/domain';
import type { NetworkMemberTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { authorize } from '../../http/access.js';
import { audit } from '../../http/audit-context.js';
import { NotFound, invalidField } from '../../http/errors.js';
import { nowIso } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { trainingsAttendedBy } from '../training/courses.js';
import { areaUnits, compareNames, inList, unitRef } from '../training/area.js';

/** Activities each member led (all time, or within a period). */
export async function activitiesLedBy(deps: AppDeps, memberIds: readonly string[], period?: { from: string; to: string }): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < memberIds.length; i += 500) {
    let q = deps.db.selectFrom('outreach_activities').select(['facilitator_member_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('facilitator_member_id', 'in', memberIds.slice(i, i + 500)).groupBy('facilitator_member_id');
    if (period) q = q.where('activity_date', '>=', period.from).where('activity_date', '<=', period.to);
    for (const r of await q.execute()) if (r.facilitator_member_id) counts.set(r.facilitator_member_id, Number(r.n));
  }
  return counts;
}

export async function presentMembers(deps: AppDeps, rows: readonly NetworkMemberTable[]): Promise<NetworkMemberView[]> {
  const graph = await deps.units.graph();
  const trainings = await trainingsAttendedBy(deps, rows);
  const led = await activitiesLedBy(deps, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    fullName: deps.cipher.decrypt(r.full_name_enc),
    sex: r.sex as StaffSex,
    ethnicityCode: r.ethnicity,
    languages: JSON.parse(r.languages) as NetworkLanguage[],
    kind: r.role_kind as NetworkMemberKind,
    roleKind: r.role_kind as NetworkMemberKind,
    isCore: Number(r.is_core) === 1,
    isActive: Number(r.is_active) === 1,
    unit: unitRef(graph, r.unit_id),
    village: r.village_id ? unitRef(graph, r.village_id) : null,
    userId: r.user_id,
    hasPhone: r.phone_enc !== null,
    trainingsAttended: trainings.get(r.id) ?? 0,
    activitiesLed: led.get(r.id) ?? 0,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function listMembers(deps: AppDeps, request: FastifyRequest, query: { unitId?: string | undefined; q?: string | undefined; activeOnly: 'true' | 'false'; coreOnly: 'true' | 'false' }): Promise<NetworkMemberView[]> {
  const units = await areaUnits(request, 'outreach.read', query.unitId);
  let q = deps.db.selectFrom('network_members').selectAll();
  if (units !== null) q = q.where('unit_id', 'in', inList(units));
  if (query.activeOnly === 'true') q = q.where('is_active', '=', 1);
  if (query.coreOnly === 'true') q = q.where('is_core', '=', 1);
  const views = await presentMembers(deps, await q.execute());
  return views.filter((m) => !query.q || matchesVietnamese(m.fullName, query.q)).sort((a, b) => compareNames(a.fullName, b.fullName));
}

/** The member linked to the signed-in user's account (a communicator recording their own activities). */
export async function myMember(deps: AppDeps, request: FastifyRequest): Promise<NetworkMemberView> {
  const actor = await request.loadActor();
  const row = await deps.db.selectFrom('network_members').selectAll().where('user_id', '=', actor.id).executeTakeFirst();
  if (!row) throw new NotFound();
  return (await presentMembers(deps, [row]))[0] as NetworkMemberView;
}

/** The unit must be in the user's area; a village must lie inside the unit; a linked account must be a communicator of the area. */
export async function checkPlace(deps: AppDeps, request: FastifyRequest, unitId: string, villageId: string | null): Promise<void> {
  const graph = await deps.units.graph();
  if (!graph.get(unitId)) throw invalidField('unitId', 'UNIT_NOT_FOUND');
  const actor = await request.loadActor();
  authorize(request, 'network.manage', { unitId }, actor);
  if (villageId !== null) {
    if (!graph.get(villageId)) throw invalidField('villageId', 'UNIT_NOT_FOUND');
    if (!graph.scopeOf(unitId).has(villageId)) throw invalidField('villageId', 'VILLAGE_NOT_IN_UNIT');
  }
}

async function checkMember(deps: AppDeps, request: FastifyRequest, input: NetworkMemberInput, memberId: string | null): Promise<void> {
  await checkPlace(deps, request, input.unitId, input.villageId);
  if (input.userId !== null) {
    const user = await deps.db.selectFrom('users').select(['id', 'role', 'unit_id']).where('id', '=', input.userId).executeTakeFirst();
    const graph = await deps.units.graph();
    const linked = await deps.db.selectFrom('network_members').select('id').where('user_id', '=', input.userId).executeTakeFirst();
    const fits = user !== undefined && user.role === 'communicator' && user.unit_id !== null
      && (graph.scopeOf(input.unitId).has(user.unit_id) || graph.scopeOf(user.unit_id).has(input.unitId));
    if (!fits || (linked !== undefined && linked.id !== memberId)) throw invalidField('userId', 'MEMBER_USER_INVALID');
  }
}

function columns(deps: AppDeps, input: NetworkMemberInput) {
  return {
    unit_id: input.unitId, village_id: input.villageId, full_name_enc: deps.cipher.encrypt(input.fullName), sex: input.sex, ethnicity: input.ethnicityCode,
    languages: JSON.stringify(input.languages), role_kind: input.kind, is_core: input.isCore ? 1 : 0, is_active: input.isActive ? 1 : 0,
    user_id: input.userId, updated_at: nowIso(),
    // Absent: keep the phone; null (empty text): remove it.
    ...(input.phone !== undefined ? { phone_enc: input.phone === null ? null : deps.cipher.encrypt(input.phone) } : {}),
  };
}

export async function createMember(deps: AppDeps, request: FastifyRequest, input: NetworkMemberInput): Promise<NetworkMemberView> {
  await checkMember(deps, request, input, null);
  const actor = await request.loadActor();
  const at = nowIso();
  const row: NetworkMemberTable = { id: newId(), phone_enc: null, ...columns(deps, input), created_by: actor.id, created_at: at, updated_at: at };
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('network_members').values(row).execute();
    await audit(request, trx, { action: 'network_member.create', resourceType: 'network_member', resourceId: row.id, details: { unitId: row.unit_id, kind: row.role_kind, isCore: input.isCore } });
  });
  return (await presentMembers(deps, [row]))[0] as NetworkMemberView;
}

async function loadMember(deps: AppDeps, request: FastifyRequest, id: string): Promise<NetworkMemberTable> {
  const row = await deps.db.selectFrom('network_members').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound();
  authorize(request, 'network.manage', { unitId: row.unit_id }, await request.loadActor());
  return row;
}

export async function updateMember(deps: AppDeps, request: FastifyRequest, id: string, input: NetworkMemberInput): Promise<NetworkMemberView> {
  await loadMember(deps, request, id);
  await checkMember(deps, request, input, id);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('network_members').set(columns(deps, input)).where('id', '=', id).execute();
    await audit(request, trx, {
      action: 'network_member.update', resourceType: 'network_member', resourceId: id,
      details: { unitId: input.unitId, isActive: input.isActive, isCore: input.isCore, phoneChanged: input.phone !== undefined },
    });
  });
  const row = await deps.db.selectFrom('network_members').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return (await presentMembers(deps, [row]))[0] as NetworkMemberView;
}

/** Show a member's phone to a commune officer or the district focal point, audited. */
export async function revealMember(deps: AppDeps, request: FastifyRequest, id: string): Promise<{ phone: string | null }> {
  const row = await loadMember(deps, request, id);
  await deps.db.transaction().execute(async (trx) => {
    await audit(request, trx, { action: 'network_member.reveal', resourceType: 'network_member', resourceId: id, details: { fields: ['phone'] } });
  });
  return { phone: row.phone_enc ? deps.cipher.decrypt(row.phone_enc) : null };
}

/** Communicator accounts of the user's area that a member may be linked to (not linked to another member). */
export async function linkableAccounts(deps: AppDeps, request: FastifyRequest, memberId: string | undefined): Promise<Array<{ id: string; displayName: string; unit: ReturnType<typeof unitRef> | null; linkedMemberId: string | null }>> {
  const units = await areaUnits(request, 'network.manage', undefined);
  let q = deps.db.selectFrom('users').select(['id', 'display_name', 'unit_id']).where('role', '=', 'communicator').where('is_disabled', '=', 0);
  if (units !== null) q = q.where('unit_id', 'in', inList(units));
  const users = await q.execute();
  const ids = users.map((u) => u.id);
  const linked = ids.length === 0 ? [] : await deps.db.selectFrom('network_members').select(['id', 'user_id']).where('user_id', 'in', ids).execute();
  const byUser = new Map(linked.map((l) => [l.user_id as string, l.id]));
  const graph = await deps.units.graph();
  return users
    .filter((u) => !byUser.has(u.id) || byUser.get(u.id) === memberId)
    .map((u) => ({ id: u.id, displayName: u.display_name, unit: u.unit_id ? unitRef(graph, u.unit_id) : null, linkedMemberId: byUser.get(u.id) ?? null }))
    .sort((a, b) => compareNames(a.displayName, b.displayName));
}
