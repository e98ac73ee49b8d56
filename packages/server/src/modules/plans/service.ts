// Plans, their indicators and targets (DOMAIN.md §1–2). Every change is one transaction with its audit
// entry; a target's rules (within the plan's years, at most 100 for a percentage, on a unit that exists
// that year and lies in the user's area) are checked before anything is written.
import type { FastifyRequest } from 'fastify';
import {
  COMMUNE_LEVEL_KINDS, type Actor, type AdminUnit, type MeasureKey, type PlanDetail, type PlanIndicatorInput, type PlanIndicatorView,
  type PlanInput, type PlanSummary, type TargetEntry, type TargetKind, type TargetSplitInput, type UnitBrief, type UnitGraph, can,
} from '@binhan/domain';
import type { Transaction } from 'kysely';
import type { Database, PlanIndicatorTable, PlanTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../http/audit-context.js';
import { Conflict, Forbidden, Invalid, invalidField, NotFound, type FieldIssue } from '../../http/errors.js';
import { nowIso } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { missingModulesOf } from '../indicators/registry.js';

export function unitBrief(unit: AdminUnit): UnitBrief {
  return { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind, validFrom: unit.validFrom, validTo: unit.validTo };
}

/** Kinds a target can be set on: administrative levels that have indicators, not villages. */
const TARGET_UNIT_KINDS = new Set(['province', 'district', ...COMMUNE_LEVEL_KINDS]);

/** Whether a unit existed at some time during the year. */
export function existsInYear(unit: AdminUnit, year: number): boolean {
  return unit.validFrom <= `${year}-12-31` && (unit.validTo === null || unit.validTo >= `${year}-01-01`);
}

export function indicatorView(row: PlanIndicatorTable): PlanIndicatorView {
  const numeratorKey = row.numerator_key as MeasureKey;
  const denominatorKey = row.denominator_key as MeasureKey | null;
  return {
    id: row.id, code: row.code, nameVi: row.name_vi, nameEn: row.name_en, definitionVi: row.definition_vi, definitionEn: row.definition_en,
    numeratorKey, denominatorKey, targetKind: row.target_kind as TargetKind, sortOrder: Number(row.sort_order),
    available: missingModulesOf({ numeratorKey, denominatorKey }).length === 0,
  };
}

function summary(row: PlanTable, graph: UnitGraph, indicatorCount: number): PlanSummary {
  const unit = row.issuing_unit_id ? graph.get(row.issuing_unit_id) : undefined;
  return {
    id: row.id, code: row.code, titleVi: row.title_vi, titleEn: row.title_en, issuer: row.issuer, issuingUnit: unit ? unitBrief(unit) : null,
    issuedOn: row.issued_on, fromYear: Number(row.from_year), toYear: Number(row.to_year), visionYear: row.vision_year === null ? null : Number(row.vision_year),
    description: row.description, indicatorCount, updatedAt: row.updated_at,
  };
}

export async function listPlans(deps: AppDeps): Promise<PlanSummary[]> {
  const graph = await deps.units.graph();
  const rows = await deps.db.selectFrom('plans').selectAll().orderBy('from_year', 'desc').orderBy('code').execute();
  const counts = await deps.db.selectFrom('plan_indicators').select(['plan_id', (eb) => eb.fn.countAll().as('n')]).groupBy('plan_id').execute();
  const byPlan = new Map(counts.map((c) => [c.plan_id, Number(c.n)]));
  return rows.map((r) => summary(r, graph, byPlan.get(r.id) ?? 0));
}

export async function loadPlanRow(deps: AppDeps | { db: Transaction<Database> }, id: string): Promise<PlanTable> {
  const row = await deps.db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound();
  return row;
}

export async function planIndicators(deps: AppDeps, planId: string): Promise<PlanIndicatorTable[]> {
  return deps.db.selectFrom('plan_indicators').selectAll().where('plan_id', '=', planId).orderBy('sort_order').orderBy('code').execute();
}

export interface TargetRow {
  indicator_id: string;
  year: number;
  unit_id: string;
  value: number;
}

export async function planTargets(deps: AppDeps, planId: string): Promise<TargetRow[]> {
  const rows = await deps.db.selectFrom('plan_targets').innerJoin('plan_indicators', 'plan_indicators.id', 'plan_targets.indicator_id')
    .select(['plan_targets.indicator_id', 'plan_targets.year', 'plan_targets.unit_id', 'plan_targets.value'])
    .where('plan_indicators.plan_id', '=', planId).execute();
  return rows.map((r) => ({ indicator_id: r.indicator_id, year: Number(r.year), unit_id: r.unit_id, value: Number(r.value) }));
}

export async function planDetail(deps: AppDeps, id: string): Promise<PlanDetail> {
  const graph = await deps.units.graph();
  const row = await loadPlanRow(deps, id);
  const indicators = await planIndicators(deps, id);
  const targets = await planTargets(deps, id);
  return {
    ...summary(row, graph, indicators.length),
    indicators: indicators.map(indicatorView),
    targets: targets.flatMap((t) => {
      const unit = graph.get(t.unit_id);
      return unit ? [{ indicatorId: t.indicator_id, year: t.year, unit: unitBrief(unit), value: t.value }] : [];
    }).sort((a, b) => a.year - b.year || a.unit.code.localeCompare(b.unit.code)),
  };
}

function checkYears(input: PlanInput): void {
  if (input.toYear < input.fromYear) throw invalidField('toYear', 'PLAN_YEARS_INVALID');
  if (input.visionYear != null && input.visionYear < input.toYear) throw invalidField('visionYear', 'PLAN_YEARS_INVALID');
}

async function checkIssuingUnit(deps: AppDeps, input: PlanInput): Promise<void> {
  if (input.issuingUnitId == null) return;
  const graph = await deps.units.graph();
  if (!graph.get(input.issuingUnitId)) throw invalidField('issuingUnitId', 'UNIT_NOT_FOUND');
}

function planValues(input: PlanInput) {
  return {
    code: input.code, title_vi: input.titleVi, title_en: input.titleEn || null, issuer: input.issuer, issuing_unit_id: input.issuingUnitId ?? null,
    issued_on: input.issuedOn, from_year: input.fromYear, to_year: input.toYear, vision_year: input.visionYear ?? null, description: input.description || null,
  };
}

async function codeTaken(trx: Transaction<Database>, code: string, exceptId?: string): Promise<boolean> {
  let q = trx.selectFrom('plans').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function createPlan(deps: AppDeps, request: FastifyRequest, input: PlanInput, userId: string): Promise<string> {
  checkYears(input);
  await checkIssuingUnit(deps, input);
  const id = newId();
  const at = nowIso();
  await deps.db.transaction().execute(async (trx) => {
    if (await codeTaken(trx, input.code)) throw new Conflict('PLAN_CODE_TAKEN', { code: input.code }, [{ path: 'code', key: 'PLAN_CODE_TAKEN', values: { code: input.code } }]);
    await trx.insertInto('plans').values({ id, ...planValues(input), created_by: userId, created_at: at, updated_at: at }).execute();
    await audit(request, trx, { action: 'plan.create', resourceType: 'plan', resourceId: id, details: { code: input.code, fromYear: input.fromYear, toYear: input.toYear } });
  });
  return id;
}

export async function updatePlan(deps: AppDeps, request: FastifyRequest, id: string, input: PlanInput): Promise<void> {
  checkYears(input);
  await checkIssuingUnit(deps, input);
  await deps.db.transaction().execute(async (trx) => {
    const before = await loadPlanRow({ db: trx }, id);
    if (await codeTaken(trx, input.code, id)) throw new Conflict('PLAN_CODE_TAKEN', { code: input.code }, [{ path: 'code', key: 'PLAN_CODE_TAKEN', values: { code: input.code } }]);
    // Targets set for years the new period no longer covers would silently stop counting: refuse instead.
    const lastYear = Math.max(input.toYear, input.visionYear ?? input.toYear);
    const outside = await trx.selectFrom('plan_targets').innerJoin('plan_indicators', 'plan_indicators.id', 'plan_targets.indicator_id')
      .select('plan_targets.year').where('plan_indicators.plan_id', '=', id)
      .where((eb) => eb.or([eb('plan_targets.year', '<', input.fromYear), eb('plan_targets.year', '>', lastYear)])).executeTakeFirst();
    if (outside) throw invalidField('fromYear', 'TARGET_YEAR_OUTSIDE_PLAN', { year: Number(outside.year), from: input.fromYear, to: lastYear });
    const values = planValues(input);
    const changed = Object.entries(values).filter(([k, v]) => (before as unknown as Record<string, unknown>)[k] !== v).map(([k]) => k);
    await trx.updateTable('plans').set({ ...values, updated_at: nowIso() }).where('id', '=', id).execute();
    await audit(request, trx, { action: 'plan.update', resourceType: 'plan', resourceId: id, details: { code: input.code, fields: changed } });
  });
}

function checkIndicator(input: PlanIndicatorInput): void {
  const denominator = input.denominatorKey ?? null;
  if (input.targetKind === 'percent' && (denominator === null || denominator === input.numeratorKey)) {
    throw invalidField('denominatorKey', 'INDICATOR_DENOMINATOR_REQUIRED');
  }
}

function indicatorValues(input: PlanIndicatorInput) {
  return {
    code: input.code, name_vi: input.nameVi, name_en: input.nameEn, definition_vi: input.definitionVi, definition_en: input.definitionEn,
    numerator_key: input.numeratorKey, denominator_key: input.targetKind === 'count' ? (input.denominatorKey ?? null) : (input.denominatorKey as string),
    target_kind: input.targetKind,
  };
}

async function indicatorCodeTaken(trx: Transaction<Database>, planId: string, code: string, exceptId?: string): Promise<boolean> {
  let q = trx.selectFrom('plan_indicators').select('id').where('plan_id', '=', planId).where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

function codeConflict(code: string): Conflict {
  return new Conflict('INDICATOR_CODE_TAKEN', { code }, [{ path: 'code', key: 'INDICATOR_CODE_TAKEN', values: { code } }]);
}

export async function addIndicator(deps: AppDeps, request: FastifyRequest, planId: string, input: PlanIndicatorInput): Promise<string> {
  checkIndicator(input);
  const id = newId();
  const at = nowIso();
  await deps.db.transaction().execute(async (trx) => {
    await loadPlanRow({ db: trx }, planId);
    if (await indicatorCodeTaken(trx, planId, input.code)) throw codeConflict(input.code);
    const last = await trx.selectFrom('plan_indicators').select((eb) => eb.fn.max('sort_order').as('m')).where('plan_id', '=', planId).executeTakeFirst();
    const sortOrder = input.sortOrder ?? Number(last?.m ?? 0) + 1;
    await trx.insertInto('plan_indicators').values({ id, plan_id: planId, ...indicatorValues(input), sort_order: sortOrder, created_at: at, updated_at: at }).execute();
    await trx.updateTable('plans').set({ updated_at: at }).where('id', '=', planId).execute();
    await audit(request, trx, { action: 'plan.indicator_create', resourceType: 'plan', resourceId: planId, details: { indicatorId: id, code: input.code, numerator: input.numeratorKey, denominator: input.denominatorKey ?? null } });
  });
  return id;
}

async function loadIndicator(trx: Transaction<Database>, planId: string, indicatorId: string): Promise<PlanIndicatorTable> {
  const row = await trx.selectFrom('plan_indicators').selectAll().where('id', '=', indicatorId).where('plan_id', '=', planId).executeTakeFirst();
  if (!row) throw new NotFound();
  return row;
}

export async function updateIndicator(deps: AppDeps, request: FastifyRequest, planId: string, indicatorId: string, input: PlanIndicatorInput): Promise<void> {
  checkIndicator(input);
  const at = nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const before = await loadIndicator(trx, planId, indicatorId);
    if (await indicatorCodeTaken(trx, planId, input.code, indicatorId)) throw codeConflict(input.code);
    if (input.targetKind === 'percent') {
      const above = await trx.selectFrom('plan_targets').select(['year']).where('indicator_id', '=', indicatorId).where('value', '>', 100).executeTakeFirst();
      if (above) throw invalidField('targetKind', 'TARGET_ABOVE_100');
    }
    await trx.updateTable('plan_indicators').set({ ...indicatorValues(input), sort_order: input.sortOrder ?? Number(before.sort_order), updated_at: at }).where('id', '=', indicatorId).execute();
    await trx.updateTable('plans').set({ updated_at: at }).where('id', '=', planId).execute();
    await audit(request, trx, { action: 'plan.indicator_update', resourceType: 'plan', resourceId: planId, details: { indicatorId, code: input.code } });
  });
}

export async function deleteIndicator(deps: AppDeps, request: FastifyRequest, planId: string, indicatorId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await loadIndicator(trx, planId, indicatorId);
    await trx.deleteFrom('plan_targets').where('indicator_id', '=', indicatorId).execute();
    await trx.deleteFrom('plan_indicators').where('id', '=', indicatorId).execute();
    await trx.updateTable('plans').set({ updated_at: nowIso() }).where('id', '=', planId).execute();
    await audit(request, trx, { action: 'plan.indicator_delete', resourceType: 'plan', resourceId: planId, details: { indicatorId, code: before.code } });
  });
}

/** Check every entry before writing any: the whole grid is saved, or nothing. */
function checkTargets(plan: PlanTable, indicator: PlanIndicatorTable, entries: readonly TargetEntry[], graph: UnitGraph, actor: Actor): void {
  const issues: FieldIssue[] = [];
  const firstYear = Number(plan.from_year);
  const lastYear = Math.max(Number(plan.to_year), plan.vision_year === null ? 0 : Number(plan.vision_year));
  const seen = new Set<string>();
  let outOfScope = false;
  entries.forEach((entry, index) => {
    const at = `targets.${index}`;
    if (entry.year < firstYear || entry.year > lastYear) {
      issues.push({ path: `${at}.year`, key: 'TARGET_YEAR_OUTSIDE_PLAN', values: { year: entry.year, from: firstYear, to: lastYear } });
    }
    const unit = graph.get(entry.unitId);
    if (!unit || !TARGET_UNIT_KINDS.has(unit.kind) || !existsInYear(unit, entry.year)) {
      issues.push({ path: `${at}.unitId`, key: 'TARGET_UNIT_INVALID', values: { year: entry.year } });
    } else if (!can(actor, 'plans.manage', { unitId: unit.id })) {
      outOfScope = true;
    }
    if (indicator.target_kind === 'percent' && entry.value !== null && entry.value > 100) {
      issues.push({ path: `${at}.value`, key: 'TARGET_ABOVE_100' });
    }
    const key = `${entry.year}|${entry.unitId}`;
    if (seen.has(key)) issues.push({ path: at, key: 'duplicate_items' });
    seen.add(key);
  });
  if (outOfScope) throw new Forbidden('UNIT_OUT_OF_SCOPE');
  if (issues.length > 0) {
    const first = issues[0] as FieldIssue;
    throw new Invalid(first.key === 'TARGET_ABOVE_100' || first.key === 'TARGET_YEAR_OUTSIDE_PLAN' || first.key === 'TARGET_UNIT_INVALID' ? first.key : 'VALIDATION_FAILED', first.values ?? {}, issues);
  }
}

async function writeTargets(trx: Transaction<Database>, indicatorId: string, entries: readonly TargetEntry[], userId: string): Promise<{ set: number; removed: number }> {
  let set = 0;
  let removed = 0;
  const at = nowIso();
  for (const entry of entries) {
    const existing = await trx.selectFrom('plan_targets').select('id').where('indicator_id', '=', indicatorId).where('year', '=', entry.year).where('unit_id', '=', entry.unitId).executeTakeFirst();
    if (entry.value === null) {
      if (existing) {
        await trx.deleteFrom('plan_targets').where('id', '=', existing.id).execute();
        removed += 1;
      }
    } else if (existing) {
      await trx.updateTable('plan_targets').set({ value: entry.value, updated_by: userId, updated_at: at }).where('id', '=', existing.id).execute();
      set += 1;
    } else {
      await trx.insertInto('plan_targets').values({ id: newId(), indicator_id: indicatorId, year: entry.year, unit_id: entry.unitId, value: entry.value, updated_by: userId, updated_at: at }).execute();
      set += 1;
    }
  }
  return { set, removed };
}

export async function saveTargets(
  deps: AppDeps, request: FastifyRequest, actor: Actor & { id: string }, planId: string, indicatorId: string, entries: readonly TargetEntry[],
): Promise<void> {
  const graph = await deps.units.graph();
  await deps.db.transaction().execute(async (trx) => {
    const plan = await loadPlanRow({ db: trx }, planId);
    const indicator = await loadIndicator(trx, planId, indicatorId);
    checkTargets(plan, indicator, entries, graph, actor);
    const { set, removed } = await writeTargets(trx, indicatorId, entries, actor.id);
    await trx.updateTable('plans').set({ updated_at: nowIso() }).where('id', '=', planId).execute();
    await audit(request, trx, { action: 'plan.targets_update', resourceType: 'plan', resourceId: planId, details: { indicatorId, code: indicator.code, set, removed, years: [...new Set(entries.map((e) => e.year))] } });
  });
}

/** The communes (commune-level units) of a unit's area that exist at the end of the year, in name order. */
export function communesOf(graph: UnitGraph, unitId: string, date: string): AdminUnit[] {
  const scope = graph.scopeOf(unitId);
  return [...scope].map((id) => graph.get(id)).filter((u): u is AdminUnit => u !== undefined
    && COMMUNE_LEVEL_KINDS.includes(u.kind) && u.validFrom <= date && (u.validTo === null || u.validTo >= date) && u.id !== unitId)
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/**
 * Split a unit's target for a year among the communes of its area that exist at the end of that year: a
 * percentage applies to each commune as it is; a count is shared out evenly (the remainder to the first
 * communes in name order). Commune targets already set are kept unless `overwrite`.
 */
export async function splitTarget(
  deps: AppDeps, request: FastifyRequest, actor: Actor & { id: string }, planId: string, indicatorId: string, input: TargetSplitInput,
): Promise<number> {
  const graph = await deps.units.graph();
  const communes = communesOf(graph, input.unitId, `${input.year}-12-31`);
  if (communes.length === 0) throw invalidField('unitId', 'TARGET_SPLIT_NO_COMMUNES', { year: input.year });
  let written = 0;
  await deps.db.transaction().execute(async (trx) => {
    const plan = await loadPlanRow({ db: trx }, planId);
    const indicator = await loadIndicator(trx, planId, indicatorId);
    const source = await trx.selectFrom('plan_targets').select('value').where('indicator_id', '=', indicatorId).where('year', '=', input.year).where('unit_id', '=', input.unitId).executeTakeFirst();
    if (!source) throw invalidField('unitId', 'TARGET_SPLIT_NO_TARGET', { year: input.year });
    const total = Number(source.value);
    const existing = new Set((await trx.selectFrom('plan_targets').select('unit_id').where('indicator_id', '=', indicatorId).where('year', '=', input.year)
      .where('unit_id', 'in', communes.map((c) => c.id)).execute()).map((r) => r.unit_id));
    const entries: TargetEntry[] = communes.map((c, i) => {
      const share = indicator.target_kind === 'percent' ? total : Math.floor(total / communes.length) + (i < Math.round(total) % communes.length ? 1 : 0);
      return { year: input.year, unitId: c.id, value: share };
    }).filter((e) => input.overwrite === true || !existing.has(e.unitId));
    checkTargets(plan, indicator, entries, graph, actor);
    written = (await writeTargets(trx, indicatorId, entries, actor.id)).set;
    await trx.updateTable('plans').set({ updated_at: nowIso() }).where('id', '=', planId).execute();
    await audit(request, trx, { action: 'plan.targets_split', resourceType: 'plan', resourceId: planId, details: { indicatorId, code: indicator.code, year: input.year, unitId: input.unitId, communes: written } });
  });
  return written;
}
