// Staff accounts: created by administrators with a one-time password; role, unit and status changes
// end the person's sessions so new rights apply at once.
import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import {
  COMMUNE_LEVEL_KINDS, ROLE_UNIT_LEVEL, foldVietnamese,
  type Role, type UserCreate, type UserListQuery, type UserUpdate, type UserView,
} from '@binhan/domain';
import type { Database } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../http/audit-context.js';
import { appendAudit } from '../../security/audit-chain.js';
import { Conflict, Forbidden, invalidField, NotFound } from '../../http/errors.js';
import { nowIso } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { generateTemporaryPassword } from '../../security/passwords.js';
import { accountKey, pairKey } from '../../security/throttle.js';
import { revokeSessions, type UserRow } from '../auth/sessions.js';
import { presentUser, type UnitRefRow } from './presenter.js';

type Db = Kysely<Database> | Transaction<Database>;

const UNIT_FIELDS = ['id', 'code', 'name', 'kind'] as const;

async function unitById(db: Db, id: string | null): Promise<UnitRefRow | null> {
  if (id === null) return null;
  return (await db.selectFrom('admin_units').select([...UNIT_FIELDS]).where('id', '=', id).executeTakeFirst()) ?? null;
}

/** The unit must exist and sit at the level the role works at. */
async function checkUnitForRole(db: Db, role: Role, unitId: string): Promise<void> {
  const unit = await unitById(db, unitId);
  if (!unit) throw invalidField('unitId', 'UNIT_NOT_FOUND');
  const level = ROLE_UNIT_LEVEL[role];
  if (level === 'commune' && !COMMUNE_LEVEL_KINDS.includes(unit.kind as never)) {
    throw invalidField('unitId', 'UNIT_ROLE_MISMATCH', { level: 'xã / thị trấn / phường' });
  }
  if (level === 'district' && !['district', 'province'].includes(unit.kind)) {
    throw invalidField('unitId', 'UNIT_ROLE_MISMATCH', { level: 'huyện / tỉnh' });
  }
}

export async function listUsers(deps: AppDeps, query: UserListQuery, scope: ReadonlySet<string> | null) {
  let q = deps.db.selectFrom('users');
  if (scope !== null) q = q.where('unit_id', 'in', scope.size > 0 ? [...scope] : ['-']);
  if (query.role) q = q.where('role', '=', query.role);
  if (query.unitId) q = q.where('unit_id', '=', query.unitId);
  if (query.status !== 'all') q = q.where('is_disabled', '=', query.status === 'disabled' ? 1 : 0);
  if (query.q) {
    const term = `%${foldVietnamese(query.q)}%`;
    q = q.where((eb) => eb.or([eb('display_name_folded', 'like', term), eb('username', 'like', `%${query.q?.toLowerCase()}%`)]));
  }
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll().orderBy('display_name_folded').orderBy('username')
    .limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  const units = new Map<string, UnitRefRow>();
  const unitIds = [...new Set(rows.map((r) => r.unit_id).filter((id): id is string => id !== null))];
  if (unitIds.length > 0) {
    for (const u of await deps.db.selectFrom('admin_units').select([...UNIT_FIELDS]).where('id', 'in', unitIds).execute()) units.set(u.id, u);
  }
  return { items: rows.map((r) => presentUser(r, r.unit_id ? units.get(r.unit_id) ?? null : null)), total, page: query.page, pageSize: query.pageSize };
}

export async function getUser(deps: AppDeps, id: string): Promise<{ row: UserRow; view: UserView }> {
  const row = await deps.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound();
  return { row, view: presentUser(row, await unitById(deps.db, row.unit_id)) };
}

export async function createUser(deps: AppDeps, request: FastifyRequest | null, input: UserCreate, options: { temporaryPassword?: string } = {}) {
  const temporaryPassword = options.temporaryPassword ?? generateTemporaryPassword();
  const passwordHash = await deps.hasher.hash(temporaryPassword);
  return deps.db.transaction().execute(async (trx) => {
    await checkUnitForRole(trx, input.role, input.unitId);
    if (input.providerId !== undefined && !(await trx.selectFrom('providers').select('id').where('id', '=', input.providerId).executeTakeFirst())) {
      throw invalidField('providerId', 'NOT_FOUND');
    }
    const taken = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken) throw new Conflict('USERNAME_TAKEN', {}, [{ path: 'username', key: 'USERNAME_TAKEN' }]);
    const at = nowIso();
    const row: UserRow = {
      id: newId(), username: input.username, display_name: input.displayName, display_name_folded: foldVietnamese(input.displayName),
      role: input.role, unit_id: input.unitId, organisation: input.organisation || null, locale: input.locale,
      password_hash: passwordHash, must_change_password: 1, totp_secret_enc: null, totp_enabled: 0, totp_last_step: null,
      is_disabled: 0, last_sign_in_at: null, created_at: at, updated_at: at, provider_id: input.providerId ?? null,
    };
    await trx.insertInto('users').values(row).execute();
    const event = { action: 'user.create', resourceType: 'user', resourceId: row.id, details: { role: row.role, unitId: row.unit_id } };
    // Accounts made from the command line are recorded as made by the system.
    if (request) await audit(request, trx, event);
    else await appendAudit(trx, deps, { ...event, actorUsername: 'system' });
    return { user: presentUser(row, await unitById(trx, row.unit_id)), temporaryPassword };
  });
}

export async function updateUser(deps: AppDeps, request: FastifyRequest, id: string, input: UserUpdate): Promise<UserView> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound();
    const isSelf = request.auth?.user.id === id;
    if (isSelf && ((input.isDisabled === true) || (input.role !== undefined && input.role !== row.role))) throw new Forbidden('CANNOT_CHANGE_SELF');
    const role = (input.role ?? row.role) as Role;
    const unitId = input.unitId ?? row.unit_id;
    if (input.role !== undefined || input.unitId !== undefined) {
      if (unitId === null) throw invalidField('unitId', 'UNIT_NOT_FOUND');
      await checkUnitForRole(trx, role, unitId);
    }
    const changes: Partial<UserRow> = { updated_at: nowIso() };
    if (input.displayName !== undefined) Object.assign(changes, { display_name: input.displayName, display_name_folded: foldVietnamese(input.displayName) });
    if (input.role !== undefined) changes.role = input.role;
    if (input.unitId !== undefined) changes.unit_id = input.unitId;
    if (input.organisation !== undefined) changes.organisation = input.organisation || null;
    if (input.isDisabled !== undefined) changes.is_disabled = input.isDisabled ? 1 : 0;
    if (input.providerId !== undefined) {
      if (input.providerId !== null && !(await trx.selectFrom('providers').select('id').where('id', '=', input.providerId).executeTakeFirst())) {
        throw invalidField('providerId', 'NOT_FOUND');
      }
      changes.provider_id = input.providerId;
    }
    await trx.updateTable('users').set(changes).where('id', '=', id).execute();
    const changed = Object.keys(input).filter((k) => input[k as keyof UserUpdate] !== undefined);
    const rightsChanged = (input.role !== undefined && input.role !== row.role) || (input.unitId !== undefined && input.unitId !== row.unit_id) || input.isDisabled === true;
    if (rightsChanged) await revokeSessions(trx, { userId: id });
    await audit(request, trx, {
      action: rightsChanged ? 'user.permission_change' : 'user.update', resourceType: 'user', resourceId: id,
      details: { fields: changed, ...(input.role ? { role: input.role } : {}), ...(input.unitId ? { unitId: input.unitId } : {}), ...(input.isDisabled !== undefined ? { isDisabled: input.isDisabled } : {}) },
    });
    const updated = { ...row, ...changes };
    return presentUser(updated, await unitById(trx, updated.unit_id));
  });
}

export async function resetPassword(deps: AppDeps, request: FastifyRequest, id: string) {
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await deps.hasher.hash(temporaryPassword);
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound();
    await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 1, updated_at: nowIso() }).where('id', '=', id).execute();
    await revokeSessions(trx, { userId: id });
    await trx.deleteFrom('auth_throttle').where((eb) => eb.or([eb('key', '=', accountKey(row.username)), eb('key', 'like', `${pairKey(row.username, '')}%`)])).execute();
    await audit(request, trx, { action: 'user.reset_password', resourceType: 'user', resourceId: id });
    const updated = { ...row, must_change_password: 1 };
    return { user: presentUser(updated, await unitById(trx, row.unit_id)), temporaryPassword };
  });
}

export async function resetTotp(deps: AppDeps, request: FastifyRequest, id: string): Promise<UserView> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound();
    await trx.updateTable('users').set({ totp_secret_enc: null, totp_enabled: 0, totp_last_step: null, updated_at: nowIso() }).where('id', '=', id).execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', id).execute();
    await revokeSessions(trx, { userId: id });
    await audit(request, trx, { action: 'user.reset_totp', resourceType: 'user', resourceId: id });
    return presentUser({ ...row, totp_secret_enc: null, totp_enabled: 0 }, await unitById(trx, row.unit_id));
  });
}
