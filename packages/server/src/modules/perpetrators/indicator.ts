// Indicator T2 for a unit and period, from the perpetrator records, through the one domain function
// computeT2. The unit's area across reorganisations is limited to what the user may see, as for T1.
import { computeT2, type PerpetratorMeasureType, type PersonSex, type T2HandlingKind, type T2PerpetratorRecord, type T2Result } from '@binhan/domain';
import type { AppDeps } from '../../deps.js';
import { readInSlices } from '../../db/slices.js';

/** A case closed as a duplicate or as not violence holds no real incident. */
const EXCLUDED_CLOSURES = ['duplicate', 'not_violence'];

/**
 * Which incidents count: those recorded in `units` (null: everywhere), and of these, where `inArea` says so
 * (an attribution's rows); without `inArea`, every incident of `units`.
 */
export interface T2Area {
  units: readonly string[] | null;
  inArea?: (unitId: string) => boolean;
}

/** The perpetrators to count for T2 (each with every incident), read once for any number of areas. */
export async function loadT2Records(deps: AppDeps, area: T2Area, period: { start: string; end: string }): Promise<Array<Omit<T2PerpetratorRecord, 'incidents'> & { incidents: Array<{ occurredAt: string; unitId: string; key: string }> }>> {
  const units = area.units === null ? null : [...area.units];
  const candidates = deps.db.selectFrom('perpetrator_links').innerJoin('cases', 'cases.id', 'perpetrator_links.case_id')
    .select('perpetrator_links.perpetrator_id').distinct()
    .where('perpetrator_links.occurred_at', '>=', period.start).where('perpetrator_links.occurred_at', '<', period.end)
    .where((eb) => eb.or([eb('cases.closure_reason', 'is', null), eb('cases.closure_reason', 'not in', EXCLUDED_CLOSURES)]));
  const ids: string[] = [];
  if (units === null) for (const r of await candidates.execute()) ids.push(r.perpetrator_id);
  else {
    const seen = new Set<string>();
    for (let i = 0; i < Math.max(units.length, 1); i += 5_000) {
      for (const r of await candidates.where('perpetrator_links.unit_id', 'in', units.length > 0 ? units.slice(i, i + 5_000) : ['-']).execute()) {
        if (!seen.has(r.perpetrator_id)) ids.push(r.perpetrator_id);
        seen.add(r.perpetrator_id);
      }
    }
  }
  if (ids.length === 0) return [];
  const byIds = <T>(read: (part: string[]) => Promise<T[]>) => readInSlices(ids, read);
  const [people, links, sessions, measures] = await Promise.all([
    byIds((part) => deps.db.selectFrom('perpetrators').select(['id', 'sex']).where('id', 'in', part).execute()),
    byIds((part) => deps.db.selectFrom('perpetrator_links').innerJoin('cases', 'cases.id', 'perpetrator_links.case_id')
      .select(['perpetrator_links.id', 'perpetrator_links.perpetrator_id', 'perpetrator_links.occurred_at', 'perpetrator_links.unit_id'])
      .where('perpetrator_links.perpetrator_id', 'in', part)
      .where((eb) => eb.or([eb('cases.closure_reason', 'is', null), eb('cases.closure_reason', 'not in', EXCLUDED_CLOSURES)]))
      .execute()),
    byIds((part) => deps.db.selectFrom('perpetrator_counselling').select(['perpetrator_id', 'held_on']).where('perpetrator_id', 'in', part).where('attendance', '=', 'attended').execute()),
    byIds((part) => deps.db.selectFrom('perpetrator_measures').select(['perpetrator_id', 'type', 'decided_on']).where('perpetrator_id', 'in', part).where('status', '!=', 'cancelled').execute()),
  ]);
  const group = <T extends { perpetrator_id: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      const list = map.get(row.perpetrator_id);
      if (list) list.push(row);
      else map.set(row.perpetrator_id, [row]);
    }
    return map;
  };
  const linksOf = group(links);
  const sessionsOf = group(sessions);
  const measuresOf = group(measures);
  return people.map((p) => ({
    sex: p.sex as PersonSex,
    incidents: (linksOf.get(p.id) ?? []).map((l) => ({ occurredAt: l.occurred_at, unitId: l.unit_id, key: l.id })),
    handling: [
      ...(sessionsOf.get(p.id) ?? []).map((s): { kind: T2HandlingKind; on: string } => ({ kind: 'counselling', on: s.held_on })),
      ...(measuresOf.get(p.id) ?? []).map((m): { kind: T2HandlingKind; on: string } => ({ kind: m.type as PerpetratorMeasureType, on: m.decided_on })),
    ],
  }));
}

/** T2 of an area from records read by loadT2Records: an incident counts where `inArea` says. */
export function t2Of(records: Awaited<ReturnType<typeof loadT2Records>>, inArea: (unitId: string) => boolean, period: { start: string; end: string }): T2Result {
  return computeT2(records.map((r) => ({ ...r, incidents: r.incidents.map((i) => ({ occurredAt: i.occurredAt, key: i.key, inUnit: inArea(i.unitId) })) })), period);
}

export async function loadT2(deps: AppDeps, area: T2Area, period: { start: string; end: string }): Promise<T2Result> {
  const units = area.units === null ? null : new Set(area.units);
  const inArea = area.inArea ?? ((unitId: string) => units === null || units.has(unitId));
  return t2Of(await loadT2Records(deps, area, period), inArea, period);
}
