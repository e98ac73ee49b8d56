// Trusted addresses (địa chỉ tin cậy): volunteer households or organisations of a commune that shelter a
// survivor for a short time. Their location and contact are encrypted, never listed, and shown only on
// an audited reveal to commune officers and the district focal point (network.manage); never public,
// never to communicators.
import type { FastifyRequest } from 'fastify';
import { compareVietnamese, type TrustedAddressInput, type TrustedAddressKind, type TrustedAddressReveal, type TrustedAddressStatus, type TrustedAddressView } from '@binhan/domain';
import type { TrustedAddressTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { authorize } from '../../http/access.js';
import { audit } from '../../http/audit-context.js';
import { NotFound } from '../../http/errors.js';
import { nowIso } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { areaUnits, inList, unitRef } from '../training/area.js';
import { checkPlace } from './members.js';

async function present(deps: AppDeps, rows: readonly TrustedAddressTable[]): Promise<TrustedAddressView[]> {
  const graph = await deps.units.graph();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as TrustedAddressKind,
    name: deps.cipher.decrypt(r.name_enc),
    unit: unitRef(graph, r.unit_id),
    village: r.village_id ? unitRef(graph, r.village_id) : null,
    capacity: Number(r.capacity),
    status: r.status as TrustedAddressStatus,
    hasContact: r.contact_person_enc !== null || r.phone_enc !== null,
    hasLocation: r.address_enc !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function listTrustedAddresses(deps: AppDeps, request: FastifyRequest, query: { unitId?: string | undefined; status: TrustedAddressStatus | 'all' }): Promise<TrustedAddressView[]> {
  const units = await areaUnits(request, 'network.manage', query.unitId);
  let q = deps.db.selectFrom('trusted_addresses').selectAll();
  if (units !== null) q = q.where('unit_id', 'in', inList(units));
  if (query.status !== 'all') q = q.where('status', '=', query.status);
  const views = await present(deps, await q.execute());
  const order: Record<TrustedAddressStatus, number> = { active: 0, paused: 1, closed: 2 };
  return views.sort((a, b) => order[a.status] - order[b.status] || compareVietnamese(a.unit.name, b.unit.name) || compareVietnamese(a.name, b.name));
}

function enc(deps: AppDeps, value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value === null || value === '' ? null : deps.cipher.encrypt(value);
}

function columns(deps: AppDeps, input: TrustedAddressInput) {
  const protectedFields = { contact_person_enc: enc(deps, input.contactPerson), phone_enc: enc(deps, input.phone), address_enc: enc(deps, input.address) };
  return {
    unit_id: input.unitId, village_id: input.villageId, kind: input.kind, name_enc: deps.cipher.encrypt(input.name), capacity: input.capacity, status: input.status, updated_at: nowIso(),
    // Absent protected fields are kept as they are.
    ...Object.fromEntries(Object.entries(protectedFields).filter(([, v]) => v !== undefined)) as Partial<Record<'contact_person_enc' | 'phone_enc' | 'address_enc', string | null>>,
  };
}

export async function createTrustedAddress(deps: AppDeps, request: FastifyRequest, input: TrustedAddressInput): Promise<TrustedAddressView> {
  await checkPlace(deps, request, input.unitId, input.villageId);
  const actor = await request.loadActor();
  const at = nowIso();
  const row: TrustedAddressTable = { id: newId(), contact_person_enc: null, phone_enc: null, address_enc: null, ...columns(deps, input), created_by: actor.id, created_at: at, updated_at: at };
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('trusted_addresses').values(row).execute();
    await audit(request, trx, { action: 'trusted_address.create', resourceType: 'trusted_address', resourceId: row.id, details: { unitId: row.unit_id, kind: row.kind, status: row.status } });
  });
  return (await present(deps, [row]))[0] as TrustedAddressView;
}

async function load(deps: AppDeps, request: FastifyRequest, id: string): Promise<TrustedAddressTable> {
  const row = await deps.db.selectFrom('trusted_addresses').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound();
  authorize(request, 'network.manage', { unitId: row.unit_id }, await request.loadActor());
  return row;
}

export async function updateTrustedAddress(deps: AppDeps, request: FastifyRequest, id: string, input: TrustedAddressInput): Promise<TrustedAddressView> {
  await load(deps, request, id);
  await checkPlace(deps, request, input.unitId, input.villageId);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('trusted_addresses').set(columns(deps, input)).where('id', '=', id).execute();
    await audit(request, trx, {
      action: 'trusted_address.update', resourceType: 'trusted_address', resourceId: id,
      details: { unitId: input.unitId, status: input.status, protectedChanged: [input.contactPerson, input.phone, input.address].some((v) => v !== undefined) },
    });
  });
  const row = await deps.db.selectFrom('trusted_addresses').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return (await present(deps, [row]))[0] as TrustedAddressView;
}

/** Show the location and contact, audited. */
export async function revealTrustedAddress(deps: AppDeps, request: FastifyRequest, id: string): Promise<TrustedAddressReveal> {
  const row = await load(deps, request, id);
  await deps.db.transaction().execute(async (trx) => {
    await audit(request, trx, { action: 'trusted_address.reveal', resourceType: 'trusted_address', resourceId: id, details: { fields: ['contactPerson', 'phone', 'address'] } });
  });
  const dec = (v: string | null) => (v === null ? null : deps.cipher.decrypt(v));
  return { contactPerson: dec(row.contact_person_enc), phone: dec(row.phone_enc), address: dec(row.address_enc) };
}
