// De-identified exports for bodies outside the district (DOMAIN.md §8, §10): no names, phones, citizen
// IDs, birth dates or narratives; survivors, incidents and perpetrators by pseudonymous codes (a keyed
// hash, stable within this installation, meaningless outside it); dates reduced to the month.
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

function pseudonym(deps: AppDeps, kind: string, id: string): string {
  return `${kind}-${Buffer.from(deps.cipher.blindIndex(id, `export.${kind}`), 'base64url').toString('hex').slice(0, 10).toUpperCase()}`;
}

function ageGroupOf(age: unknown): string {
  if (typeof age !== 'number') return 'unknown';
  if (age < 18) return '0_17';
  if (age < 30) return '18_29';
  if (age < 45) return '30_44';
  if (age < 60) return '45_59';
  return '60_plus';
}

export async function incidentRows(deps: AppDeps, area: string[], period: ReportPeriod, graphUnit: (id: string) => AdminUnit | undefined): Promise<Array<Array<string | number>>> {
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
  return rows.map((r) => {
    // Only the perpetrators' coarse facts leave the encrypted details; the narrative never does.
    const details = r.details_enc ? JSON.parse(deps.cipher.decrypt(r.details_enc)) as { perpetrators?: Array<{ sex?: string; ageYears?: number; relationship?: string }> } : {};
    const perps = details.perpetrators ?? [];
    return [
      pseudonym(deps, 'I', r.id), pseudonym(deps, 'S', r.case_id), graphUnit(r.unit_id)?.code ?? '',
      vietnamDateOf(r.occurred_at).slice(0, 7), vietnamDateOf(r.detected_at).slice(0, 7), r.gbvims_type, (JSON.parse(r.forms) as string[]).join('|'),
      r.context, r.place_type, r.injuries, Number(r.reported_to_police) === 1 ? 'yes' : 'no', r.sex, r.age_group, Number(r.has_disability) === 1 ? 'yes' : 'no',
      perps.map((_p, i) => pseudonym(deps, 'P', `${r.id}:${i}`)).join('|'), perps.map((p) => p.sex ?? 'unknown').join('|'),
      perps.map((p) => ageGroupOf(p.ageYears)).join('|'), perps.map((p) => p.relationship ?? 'unknown').join('|'),
      r.status, Number(r.has_service_or_referral) === 1 ? 'yes' : 'no',
    ];
  });
}
