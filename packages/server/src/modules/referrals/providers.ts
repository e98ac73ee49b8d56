// The service directory: who provides which support service, where, when and in which languages.
// Administrators and the district focal point keep it; whoever works on cases reads it.
import type { FastifyRequest } from 'fastify';
import { foldVietnamese, type ProviderInput, type ProviderView, type SupportServiceType } from '@binhan/domain';
import type { ProviderTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../http/audit-context.js';
import { invalidField, NotFound } from '../../http/errors.js';
import { nowIso } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';

export async function presentProviders(deps: AppDeps, rows: ProviderTable[]): Promise<ProviderView[]> {
  const graph = await deps.units.graph();
  const ref = (id: string) => {
    const u = graph.get(id);
    return { id, code: u?.code ?? '', name: u?.name ?? '', kind: u?.kind ?? '' };
  };
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    serviceTypes: JSON.parse(p.service_types) as SupportServiceType[],
    unit: ref(p.unit_id),
    unitsServed: (JSON.parse(p.units_served) as string[]).map(ref),
    address: p.address,
    phone: p.phone,
    hours: p.hours,
    languages: JSON.parse(p.languages) as string[],
    isPublic: Number(p.is_public) === 1,
    isActive: Number(p.is_active) === 1,
  }));
}

/** Whether the provider offers the service and serves the unit (directly or through a unit containing it). */
export async function providerServes(deps: AppDeps, provider: ProviderTable, serviceType: SupportServiceType, unitId: string): Promise<boolean> {
  if (Number(provider.is_active) !== 1 || !(JSON.parse(provider.service_types) as string[]).includes(serviceType)) return false;
  const graph = await deps.units.graph();
  return (JSON.parse(provider.units_served) as string[]).some((served) => graph.scopeOf(served).has(unitId));
}

export async function listProviders(deps: AppDeps, query: { serviceType?: SupportServiceType | undefined; servesUnitId?: string | undefined; includeInactive?: string | undefined }): Promise<ProviderView[]> {
  let q = deps.db.selectFrom('providers').selectAll().orderBy('name_folded');
  if (query.includeInactive !== 'true') q = q.where('is_active', '=', 1);
  let rows = await q.execute();
  if (query.serviceType) rows = rows.filter((p) => (JSON.parse(p.service_types) as string[]).includes(query.serviceType as string));
  if (query.servesUnitId) {
    const graph = await deps.units.graph();
    const unitId = query.servesUnitId;
    rows = rows.filter((p) => (JSON.parse(p.units_served) as string[]).some((served) => graph.scopeOf(served).has(unitId)));
  }
  return presentProviders(deps, rows);
}

async function checkUnits(deps: AppDeps, input: ProviderInput): Promise<void> {
  const graph = await deps.units.graph();
  if (!graph.get(input.unitId)) throw invalidField('unitId', 'UNIT_NOT_FOUND');
  input.unitsServed.forEach((id, index) => {
    if (!graph.get(id)) throw invalidField(`unitsServed.${index}`, 'UNIT_NOT_FOUND');
  });
}

function columns(input: ProviderInput) {
  return {
    name: input.name, name_folded: foldVietnamese(input.name), service_types: JSON.stringify(input.serviceTypes), unit_id: input.unitId,
    units_served: JSON.stringify(input.unitsServed), address: input.address ?? null, phone: input.phone ?? null, hours: input.hours ?? null,
    languages: JSON.stringify(input.languages), is_public: input.isPublic ? 1 : 0, is_active: input.isActive ? 1 : 0, updated_at: nowIso(),
  };
}

export async function createProvider(deps: AppDeps, request: FastifyRequest, input: ProviderInput): Promise<ProviderView> {
  await checkUnits(deps, input);
  const row: ProviderTable = { id: newId(), ...columns(input), created_at: nowIso() };
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('providers').values(row).execute();
    await audit(request, trx, { action: 'provider.create', resourceType: 'provider', resourceId: row.id });
  });
  return (await presentProviders(deps, [row]))[0] as ProviderView;
}

export async function updateProvider(deps: AppDeps, request: FastifyRequest, id: string, input: ProviderInput): Promise<ProviderView> {
  const existing = await deps.db.selectFrom('providers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!existing) throw new NotFound();
  await checkUnits(deps, input);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('providers').set(columns(input)).where('id', '=', id).execute();
    await audit(request, trx, { action: 'provider.update', resourceType: 'provider', resourceId: id });
  });
  const row = await deps.db.selectFrom('providers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return (await presentProviders(deps, [row]))[0] as ProviderView;
}
