// De-identified exports for bodies outside the district (DOMAIN.md §8, §10): no names, phones, citizen
// IDs, birth dates or narratives; survivors, incidents and perpetrators by pseudonymous codes (a keyed
// hash, stable within one unit's export of one period, so two exports cannot be linked to undo each
// other's generalisation); dates reduced to the month, and further generalised where a combination of
// commune, month, sex, age group and disability is shared by fewer incidents than the small-cell threshold.
import type { AdminUnit, ReportPeriod } from '@binhan/domain';
import type { AppDeps } from '../../deps.js';
import { vietnamDateOf } from '@binhan/domain';
import { vietnamDayEnd, vietnamDayStart } from '../cases/queries.js';

const NOT_COUNTED = ['duplicate', 'not_violence'];

export const INCIDENT_EXPORT_HEADER = [
  'incident_code', 'survivor_code', 'commune_code', 'incident_month', 'report_month', 'gbvims_type', 'forms', 'context', 'place_type',
  'injuries', 'reported_to_police', 'survivor_sex', 'survivor_age_group', 'survivor_disability', 'perpetrator_codes', 'perpetrator_sexes',
  'perpetrator_age_groups', 'perpetrator_relationships', 'case_status', 'service_or_referral',
];

/** Written where a value is generalised away because too few incidents share it. */
export const GENERALISED = '*';

type Pseudonym = (kind: string, id: string) => string;

function pseudonyms(deps: AppDeps, scope: string): Pseudonym {
  return (kind, id) => `${kind}-${Buffer.from(deps.cipher.blindIndex(id, `export.${kind}.${scope}`), 'base64url').toString('hex').slice(0, 10).toUpperCase()}`;
}

// Columns that, together, could single out a survivor in a small commune (quasi-identifiers).
const COL = { survivor: 1, commune: 2, incidentMonth: 3, reportMonth: 4, sex: 11, age: 12, disability: 13 } as const;
const QUASI = [COL.commune, COL.incidentMonth, COL.reportMonth, COL.sex, COL.age, COL.disability];
const CHILD_GROUPS = new Set(['0_5', '6_15', '16_17', '0_17']);

/**
 * k-anonymity by local generalisation: a row whose combination of quasi-identifiers is shared by fewer
 * than `k` survivors is generalised step by step (months → year, age group → child/adult and disability hidden,
 * commune hidden, sex hidden) until its combination is shared by at least `k` survivors or nothing is left.
 */
export function generaliseIncidents(rows: Array<Array<string | number>>, k: number): Array<Array<string | number>> {
  const out = rows.map((r) => [...r]);
  const steps: Array<(r: Array<string | number>) => void> = [
    (r) => { r[COL.incidentMonth] = String(r[COL.incidentMonth]).slice(0, 4); r[COL.reportMonth] = String(r[COL.reportMonth]).slice(0, 4); },
    (r) => {
      const age = String(r[COL.age]);
      r[COL.age] = age === 'unknown' ? age : CHILD_GROUPS.has(age) ? 'child' : 'adult';
      r[COL.disability] = GENERALISED;
    },
    (r) => { r[COL.commune] = GENERALISED; },
    (r) => { r[COL.sex] = GENERALISED; },
  ];
  const keyOf = (r: Array<string | number>) => QUASI.map((c) => String(r[c])).join('\u0000');
  for (const step of steps) {
    // Survivors, not incidents, are counted: two incidents of one woman do not make a crowd.
    const sizes = new Map<string, Set<string>>();
    for (const r of out) sizes.set(keyOf(r), (sizes.get(keyOf(r)) ?? new Set<string>()).add(String(r[COL.survivor])));
    for (const r of out) if ((sizes.get(keyOf(r))?.size ?? 0) < k) step(r);
  }
  // Rows in a fixed order that says nothing about when the incidents happened.
  return out.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}

function ageGroupOf(age: unknown): string {
  if (typeof age !== 'number') return 'unknown';
  if (age < 18) return '0_17';
  if (age < 30) return '18_29';
  if (age < 45) return '30_44';
  if (age < 60) return '45_59';
  return '60_plus';
}

export async function incidentRows(
  deps: AppDeps, area: string[], period: ReportPeriod, graphUnit: (id: string) => AdminUnit | undefined, scope: { unitId: string; threshold: number },
): Promise<Array<Array<string | number>>> {
  const pseudonym = pseudonyms(deps, `${scope.unitId}.${period.code}`);
  const start = vietnamDayStart(period.from);
  const end = vietnamDayEnd(period.to);
  const rows = await deps.db.selectFrom('incidents')
    .innerJoin('cases', 'cases.id', 'incidents.case_id')
    .innerJoin('survivors', 'survivors.case_id', 'cases.id')
    .select([
      'incidents.id', 'incidents.case_id', 'incidents.occurred_at', 'incidents.unit_id', 'incidents.gbvims_type', 'incidents.forms', 'incidents.context',
      'incidents.place_type', 'incidents.injuries', 'incidents.reported_to_police', 'incidents.details_enc', 'cases.detected_at', 'cases.status',
      'cases.has_service_or_referral', 'survivors.sex', 'survivors.age_group', 'survivors.has_disability',
    ])
    .where('cases.unit_id', 'in', area.length > 0 ? area : ['-'])
    .where('cases.detected_at', '>=', start).where('cases.detected_at', '<', end)
    .where((eb) => eb.or([eb('cases.closure_reason', 'is', null), eb('cases.closure_reason', 'not in', NOT_COUNTED)]))
    .orderBy('incidents.occurred_at').execute();
  return generaliseIncidents(rows.map((r) => {
    // Only the perpetrators' coarse facts leave the encrypted details; the narrative never does.
    const details = r.details_enc ? JSON.parse(deps.cipher.decrypt(r.details_enc)) as { perpetrators?: Array<{ sex?: string; ageYears?: number; relationship?: string }> } : {};
    const perps = details.perpetrators ?? [];
    return [
      pseudonym('I', r.id), pseudonym('S', r.case_id), graphUnit(r.unit_id)?.code ?? '',
      vietnamDateOf(r.occurred_at).slice(0, 7), vietnamDateOf(r.detected_at).slice(0, 7), r.gbvims_type, (JSON.parse(r.forms) as string[]).join('|'),
      r.context, r.place_type, r.injuries, Number(r.reported_to_police) === 1 ? 'yes' : 'no', r.sex, r.age_group, Number(r.has_disability) === 1 ? 'yes' : 'no',
      perps.map((_p, i) => pseudonym('P', `${r.id}:${i}`)).join('|'), perps.map((p) => p.sex ?? 'unknown').join('|'),
      perps.map((p) => ageGroupOf(p.ageYears)).join('|'), perps.map((p) => p.relationship ?? 'unknown').join('|'),
      r.status, Number(r.has_service_or_referral) === 1 ? 'yes' : 'no',
    ];
  }), scope.threshold);
}
