// Administrative units: reads come from the cached graph; writes (a new village or unit, a rename, a
// merger) run in one transaction with their audit entry and clear the cache.
import type { FastifyRequest } from 'fastify';
import {
  COMMUNE_LEVEL_KINDS, VILLAGE_LEVEL_KINDS, foldVietnamese, isValidAt, unitsValidInstead,
  type AdminUnit, type MergerInput, type UnitCreate, type UnitGraph, type UnitKind, type UnitUpdate, type UnitView,
} from '@binhan/domain';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../http/audit-context.js';
import { Conflict, Invalid, invalidField, NotFound } from '../../http/errors.js';
import { nowIso } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';

/**
 * A record dated `date` belongs to a unit valid that day (DOMAIN.md §11): refuse any other, naming the unit(s)
 * that held the area then, so the officer can choose the right one.
 */
export function requireUnitOn(graph: UnitGraph, unit: AdminUnit, date: string, field: string): void {
  if (isValidAt(unit, date)) return;
  const instead = unitsValidInstead(graph, unit.id, date).map((u) => `${u.name} (${u.code})`);
  throw invalidField(field, 'UNIT_NOT_VALID_ON_DATE', {
    unit: `${unit.name} (${unit.code})`, date: `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`, valid: instead.length > 0 ? instead.join(', ') : '—',
  });
}

export function presentUnit(graph: UnitGraph, unit: AdminUnit): UnitView {
  return {
    ...unit,
    successors: graph.successorsOf(unit.id).map((s) => ({ id: s.toId, isPart: s.isPart })),
    predecessors: graph.predecessorsOf(unit.id).map((s) => ({ id: s.fromId, isPart: s.isPart })),
  };
}

/** Which kinds of unit may sit directly under a parent of this kind. */
const ALLOWED_CHILDREN: Record<UnitKind, readonly UnitKind[]> = {
  province: ['district', ...COMMUNE_LEVEL_KINDS],
  district: COMMUNE_LEVEL_KINDS,
  commune: VILLAGE_LEVEL_KINDS,
  town: VILLAGE_LEVEL_KINDS,
  ward: VILLAGE_LEVEL_KINDS,
  special_zone: VILLAGE_LEVEL_KINDS,
  village: [],
  residential_group: [],
};

/** Levels of the tree: units merge only with units of their own level. */
function levelOf(kind: UnitKind): number {
  if (kind === 'province') return 0;
  if (kind === 'district') return 1;
  return COMMUNE_LEVEL_KINDS.includes(kind) ? 2 : 3;
}

/** Refuse a merger across levels, or into a unit that lies inside one of the merged units. */
function checkMergerShape(graph: UnitGraph, sources: ReadonlyArray<{ unit: AdminUnit }>, targetKind: UnitKind, targetParentId: string | null, targetId: string | null): void {
  const level = levelOf(targetKind);
  for (const { unit } of sources) {
    if (levelOf(unit.kind) !== level) {
      throw new Invalid('MERGER_INVALID', { reason: `${unit.name} (${unit.code}) không cùng cấp với đơn vị nhận` });
    }
  }
  const lineage = new Set<string>();
  if (targetId !== null) lineage.add(targetId);
  if (targetParentId !== null) {
    lineage.add(targetParentId);
    for (const ancestor of graph.ancestorsOf(targetParentId)) lineage.add(ancestor.id);
  }
  if (targetId !== null) for (const ancestor of graph.ancestorsOf(targetId)) lineage.add(ancestor.id);
  const inside = sources.find(({ unit }) => lineage.has(unit.id));
  if (inside) throw new Invalid('MERGER_INVALID', { reason: `đơn vị nhận nằm trong ${inside.unit.name}` });
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

async function checkPlacement(trx: Transaction<Database>, graph: UnitGraph, input: { code: string; kind: UnitKind; parentId: string; validFrom: string }, field: string): Promise<void> {
  const parent = graph.get(input.parentId);
  if (!parent) throw invalidField(field, 'UNIT_NOT_FOUND');
  if (!ALLOWED_CHILDREN[parent.kind].includes(input.kind) || !isValidAt(parent, input.validFrom)) throw invalidField(field, 'UNIT_PARENT_INVALID');
  const clash = await trx.selectFrom('admin_units').select('id').where('code', '=', input.code)
    .where('valid_from', '<=', input.validFrom)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', input.validFrom)]))
    .executeTakeFirst();
  const same = await trx.selectFrom('admin_units').select('id').where('code', '=', input.code).where('valid_from', '=', input.validFrom).executeTakeFirst();
  if (clash || same) throw new Conflict('UNIT_CODE_TAKEN', { code: input.code }, [{ path: 'code', key: 'UNIT_CODE_TAKEN', values: { code: input.code } }]);
}

export async function createUnit(deps: AppDeps, request: FastifyRequest, input: UnitCreate): Promise<UnitView> {
  const graph = await deps.units.graph();
  const unit: AdminUnit = { id: newId(), code: input.code, name: input.name, kind: input.kind, parentId: input.parentId, validFrom: input.validFrom, validTo: null };
  await deps.db.transaction().execute(async (trx) => {
    await checkPlacement(trx, graph, { ...input }, 'parentId');
    await insertUnit(trx, unit);
    await audit(request, trx, { action: 'unit.create', resourceType: 'admin_unit', resourceId: unit.id, details: { code: unit.code, kind: unit.kind, parentId: unit.parentId } });
  });
  deps.units.invalidate();
  return presentUnit(await deps.units.graph(), unit);
}

async function insertUnit(trx: Transaction<Database>, unit: AdminUnit): Promise<void> {
  await trx.insertInto('admin_units').values({
    id: unit.id, code: unit.code, name: unit.name, name_folded: foldVietnamese(unit.name), kind: unit.kind,
    parent_id: unit.parentId, valid_from: unit.validFrom, valid_to: unit.validTo, created_at: nowIso(),
  }).execute();
}

export async function updateUnit(deps: AppDeps, request: FastifyRequest, id: string, input: UnitUpdate): Promise<UnitView> {
  const graph = await deps.units.graph();
  const unit = graph.get(id);
  if (!unit) throw new NotFound('UNIT_NOT_FOUND');
  if (input.validTo !== undefined && input.validTo !== null && input.validTo < unit.validFrom) {
    throw new Invalid('VALIDATION_FAILED', {}, [{ path: 'validTo', key: 'date_before_start' }]);
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('admin_units').set({
      ...(input.name !== undefined ? { name: input.name, name_folded: foldVietnamese(input.name) } : {}),
      ...(input.validTo !== undefined ? { valid_to: input.validTo } : {}),
    }).where('id', '=', id).execute();
    await audit(request, trx, { action: 'unit.update', resourceType: 'admin_unit', resourceId: id, details: { fields: Object.keys(input) } });
  });
  deps.units.invalidate();
  const fresh = await deps.units.graph();
  return presentUnit(fresh, fresh.get(id) as AdminUnit);
}

/**
 * A merger: each source ends the day before the effective date and its area goes into the target. The
 * villages of the sources that still exist move under the target, so today's tree is complete, while the
 * succession links keep every old record rolling up into the new unit.
 */
export async function recordMerger(deps: AppDeps, request: FastifyRequest, input: MergerInput): Promise<{ target: UnitView; sources: UnitView[] }> {
  const graph = await deps.units.graph();
  const lastDay = dayBefore(input.effectiveDate);
  const sources = input.sources.map((s, index) => {
    const unit = graph.get(s.id);
    if (!unit) throw invalidField(`sources.${index}.id`, 'UNIT_NOT_FOUND');
    if (!isValidAt(unit, lastDay) || (unit.validTo !== null && unit.validTo < lastDay)) {
      throw new Invalid('MERGER_INVALID', { reason: `${unit.name} (${unit.code}) không còn hiệu lực trước ngày sáp nhập` });
    }
    return { unit, isPart: s.isPart };
  });
  if (new Set(sources.map((s) => s.unit.id)).size !== sources.length) throw new Invalid('MERGER_INVALID', { reason: 'một đơn vị được chọn hai lần' });
  let targetId: string;
  await deps.db.transaction().execute(async (trx) => {
    if ('existingId' in input.target) {
      const target = graph.get(input.target.existingId);
      if (!target) throw invalidField('target.existingId', 'UNIT_NOT_FOUND');
      if (!isValidAt(target, input.effectiveDate)) throw new Invalid('MERGER_INVALID', { reason: `${target.name} không có hiệu lực vào ngày sáp nhập` });
      if (sources.some((s) => s.unit.id === target.id)) throw new Invalid('MERGER_INVALID', { reason: 'đơn vị nhận không thể đồng thời là đơn vị bị sáp nhập' });
      checkMergerShape(graph, sources, target.kind, target.parentId, target.id);
      targetId = target.id;
    } else {
      const t = input.target;
      checkMergerShape(graph, sources, t.kind, t.parentId, null);
      await checkPlacement(trx, graph, { code: t.code, kind: t.kind, parentId: t.parentId, validFrom: input.effectiveDate }, 'target.parentId');
      targetId = newId();
      await insertUnit(trx, { id: targetId, code: t.code, name: t.name, kind: t.kind, parentId: t.parentId, validFrom: input.effectiveDate, validTo: null });
    }
    for (const { unit, isPart } of sources) {
      // A unit that goes only in part into the target keeps existing; a whole unit ends.
      if (!isPart) await trx.updateTable('admin_units').set({ valid_to: lastDay }).where('id', '=', unit.id).execute();
      await trx.insertInto('unit_successions').values({ from_id: unit.id, to_id: targetId, is_part: isPart ? 1 : 0, is_main: isPart ? 0 : 1 })
        .onConflict((oc) => oc.columns(['from_id', 'to_id']).doNothing()).execute();
      if (!isPart) {
        await trx.updateTable('admin_units').set({ parent_id: targetId }).where('parent_id', '=', unit.id)
          .where('kind', 'in', [...VILLAGE_LEVEL_KINDS]).where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', input.effectiveDate)]))
          .execute();
      }
    }
    await audit(request, trx, {
      action: 'unit.merge', resourceType: 'admin_unit', resourceId: targetId,
      details: { effectiveDate: input.effectiveDate, sources: sources.map((s) => ({ id: s.unit.id, code: s.unit.code, isPart: s.isPart })) },
    });
  });
  deps.units.invalidate();
  const fresh = await deps.units.graph();
  return {
    target: presentUnit(fresh, fresh.get(targetId!) as AdminUnit),
    sources: sources.map((s) => presentUnit(fresh, fresh.get(s.unit.id) as AdminUnit)),
  };
}
