// Indicator T2 for a unit and period, from the perpetrator records, through the one domain function
// computeT2. The unit's area across reorganisations is limited to what the user may see, as for T1.
import { computeT2, type PerpetratorMeasureType, type PersonSex, type T2HandlingKind, type T2PerpetratorRecord, type T2Result } from '@binhan/domain';
import type { AppDeps } from '../../deps.js';

/** A case closed as a duplicate or as not violence holds no real incident. */
const EXCLUDED_CLOSURES = ['duplicate', 'not_violence'];

export async function loadT2(deps: AppDeps, units: string[] | null, period: { start: string; end: string }): Promise<T2Result> {
  let candidates = deps.db.selectFrom('perpetrator_links').innerJoin('cases', 'cases.id', 'perpetrator_links.case_id')
    .select('perpetrator_links.perpetrator_id').distinct()
    .where('perpetrator_links.occurred_at', '>=', period.start).where('perpetrator_links.occurred_at', '<', period.end)
    .where((eb) => eb.or([eb('cases.closure_reason', 'is', null), eb('cases.closure_reason', 'not in', EXCLUDED_CLOSURES)]));
  if (units !== null) candidates = candidates.where('perpetrator_links.unit_id', 'in', units.length > 0 ? units : ['-']);
  const ids = (await candidates.execute()).map((r) => r.perpetrator_id);
  if (ids.length === 0) return computeT2([], period);
  const [people, links, sessions, measures] = await Promise.all([
    deps.db.selectFrom('perpetrators').select(['id', 'sex']).where('id', 'in', ids).execute(),
    deps.db.selectFrom('perpetrator_links').innerJoin('cases', 'cases.id', 'perpetrator_links.case_id')
      .select(['perpetrator_links.perpetrator_id', 'perpetrator_links.occurred_at', 'perpetrator_links.unit_id'])
      .where('perpetrator_links.perpetrator_id', 'in', ids)
      .where((eb) => eb.or([eb('cases.closure_reason', 'is', null), eb('cases.closure_reason', 'not in', EXCLUDED_CLOSURES)]))
      .execute(),
    deps.db.selectFrom('perpetrator_counselling').select(['perpetrator_id', 'held_on']).where('perpetrator_id', 'in', ids).where('attendance', '=', 'attended').execute(),
    deps.db.selectFrom('perpetrator_measures').select(['perpetrator_id', 'type', 'decided_on']).where('perpetrator_id', 'in', ids).where('status', '!=', 'cancelled').execute(),
  ]);
  const area = units === null ? null : new Set(units);
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
  const records: T2PerpetratorRecord[] = people.map((p) => ({
    sex: p.sex as PersonSex,
    incidents: (linksOf.get(p.id) ?? []).map((l) => ({ occurredAt: l.occurred_at, inUnit: area === null || area.has(l.unit_id) })),
    handling: [
      ...(sessionsOf.get(p.id) ?? []).map((s): { kind: T2HandlingKind; on: string } => ({ kind: 'counselling', on: s.held_on })),
      ...(measuresOf.get(p.id) ?? []).map((m): { kind: T2HandlingKind; on: string } => ({ kind: m.type as PerpetratorMeasureType, on: m.decided_on })),
    ],
  }));
  return computeT2(records, period);
}
