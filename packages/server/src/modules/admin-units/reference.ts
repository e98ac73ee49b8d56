// Loading a province from the national reference lists (packages/domain/data/vn-admin-units/): read the three files
// shipped with the domain package, plan against the units already in the database (domain planProvinceLoad: the
// checks and the reuse rules are there), then insert in batches in one transaction, with one audit entry.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  REFERENCE_FILES, foldVietnamese, isValidAt, parseReferenceSuccessions, parseReferenceUnits, planProvincesLoad, referenceLevelOf,
  type AdminUnit, type ReferenceData, type ReferencePlan, type ReferenceProblem, type UnitKind, type UnitGraph, type UnitSuccession,
} from '@binhan/domain';
import type { AppDeps, UnitGraphCache } from '../../deps.js';
import { nowIso } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { appendAudit } from '../../security/audit-chain.js';

const require = createRequire(import.meta.url);

/** Rows per insert statement: well under SQLite's and PostgreSQL's limits on bound parameters. */
const BATCH = 500;

/**
 * The national lists, parsed: as shipped, or from a folder holding the three files under the same names (a copy
 * corrected against the province's resolution). Problems of shape (a bad line) are added to `problems`.
 */
export function readReferenceData(problems: ReferenceProblem[] = [], folder?: string): ReferenceData {
  const read = (name: string) => fs.readFileSync(folder ? path.join(folder, name) : require.resolve(`@binhan/domain/data/vn-admin-units/${name}`), 'utf8');
  return {
    old: parseReferenceUnits(REFERENCE_FILES.old, read(REFERENCE_FILES.old), problems),
    current: parseReferenceUnits(REFERENCE_FILES.current, read(REFERENCE_FILES.current), problems),
    successions: parseReferenceSuccessions(REFERENCE_FILES.successions, read(REFERENCE_FILES.successions), problems),
  };
}

/** What the database holds now (read afresh, not from the cache, which may be a few seconds old). */
async function readExisting(cache: UnitGraphCache): Promise<{ units: AdminUnit[]; successions: UnitSuccession[] }> {
  cache.invalidate();
  const graph = await cache.graph();
  const units = [...graph.byId.values()];
  return { units, successions: units.flatMap((u) => graph.successorsOf(u.id)) };
}

export interface LoadProvincesOptions {
  /** Codes of new provinces (from 1/7/2025), loaded in this order. */
  provinces: readonly string[];
  oldValidFrom?: string;
  /** Other reference data than the shipped files: a folder with the three files, or the data itself. */
  folder?: string;
  data?: ReferenceData;
}

export interface LoadResult {
  /** One plan per province, in the order asked; each one sees the units the ones before it add. */
  plans: Array<ReferencePlan & { province: string }>;
  /** Refused rows of every province; when there is one, nothing was loaded. */
  problems: ReferenceProblem[];
}

/** The codes of every province of the list from 1/7/2025 (34), for loading the whole country. */
export function allProvinceCodes(folder?: string): string[] {
  const data = readReferenceData([], folder);
  return data.current.filter((r) => r.level === 'province').map((r) => r.code);
}

/**
 * Load provinces in one transaction: nothing when a row of any is refused, nothing new on a second run. Units go in
 * parents first and in batches, so a whole country (about 14,000 units) loads in seconds.
 */
export async function loadProvinces(deps: Pick<AppDeps, 'db' | 'dbKind' | 'auditKey' | 'units'>, options: LoadProvincesOptions): Promise<LoadResult> {
  const problems: ReferenceProblem[] = [];
  const data = options.data ?? readReferenceData(problems, options.folder);
  const existing = await readExisting(deps.units);
  const plans = planProvincesLoad(data, existing.units, existing.successions, { provinces: options.provinces, oldValidFrom: options.oldValidFrom, makeId: newId });
  for (const plan of plans) problems.push(...plan.problems);
  const fresh = { units: plans.flatMap((p) => p.units), successions: plans.flatMap((p) => p.successions) };
  if (problems.length > 0 || (fresh.units.length === 0 && fresh.successions.length === 0)) return { plans, problems };
  const createdAt = nowIso();
  await deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < fresh.units.length; i += BATCH) {
      await trx.insertInto('admin_units').values(fresh.units.slice(i, i + BATCH).map((u) => ({
        id: u.id, code: u.code, name: u.name, name_folded: foldVietnamese(u.name), kind: u.kind,
        parent_id: u.parentId, valid_from: u.validFrom, valid_to: u.validTo, created_at: createdAt,
      }))).execute();
    }
    for (let i = 0; i < fresh.successions.length; i += BATCH) {
      await trx.insertInto('unit_successions').values(fresh.successions.slice(i, i + BATCH).map((s) => ({
        from_id: s.fromId, to_id: s.toId, is_part: s.isPart ? 1 : 0, is_main: s.isMain === true ? 1 : 0,
      }))).execute();
    }
    await appendAudit(trx, deps, {
      action: 'unit.reference_load', actorUsername: 'system', resourceType: 'admin_unit',
      details: { provinces: plans.map((p) => p.province), units: fresh.units.length, successions: fresh.successions.length },
    });
  });
  deps.units.invalidate();
  return { plans, problems };
}

const LEVEL_ORDER = ['province', 'district', 'commune', 'village'] as const;

/** The level a unit is listed at: province, district, commune (xã, phường, thị trấn, đặc khu) or village. */
export function unitLevel(kind: UnitKind): (typeof LEVEL_ORDER)[number] {
  return referenceLevelOf(kind) ?? 'village';
}

/**
 * The units valid on a day in the area of a province (by its code from 1/7/2025: the old provinces that went into it
 * are part of its area), ordered by level (province, district, commune, village) then code.
 */
export function unitsOfProvinceOn(graph: UnitGraph, provinceCode: string, date: string): AdminUnit[] | null {
  const provinces = [...graph.byId.values()].filter((u) => u.kind === 'province' && u.code === provinceCode);
  // The latest unit with that code: the province as it is now.
  const province = provinces.sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
  if (!province) return null;
  const rank = (u: AdminUnit) => LEVEL_ORDER.indexOf(unitLevel(u.kind));
  return [...graph.scopeOf(province.id)]
    .map((id) => graph.get(id) as AdminUnit)
    .filter((u) => isValidAt(u, date))
    .sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code) || a.validFrom.localeCompare(b.validFrom));
}
