// Reading cases: the filtered, paginated list (codes, never names) and the case page, presented for
// the asking user. Unit scope is applied in SQL, so a page never holds a case the user may not see.
import type { Kysely } from 'kysely';
import {
  firstInterventionDueAt, isOverdue, canTransition, CASE_STATUSES, roleCan,
  type CaseDetail, type CaseListItem, type CaseListQuery, type CaseStatus, type RiskLevel, type Role, type TimeLimits,
} from '@binhan/domain';
import type { Database, CaseTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { nowIso } from '../../lib/clock.js';

type Db = Kysely<Database>;

export interface CaseViewer {
  id: string;
  role: Role;
  isUnscoped: boolean;
  unitScope: ReadonlySet<string>;
}

/** Start of a Vietnamese calendar day as a UTC instant. */
export function vietnamDayStart(date: string): string {
  return new Date(`${date}T00:00:00+07:00`).toISOString();
}

export function vietnamDayEnd(date: string): string {
  return new Date(new Date(`${date}T00:00:00+07:00`).getTime() + 86_400_000).toISOString();
}

function scopeIds(viewer: CaseViewer): string[] {
  return viewer.unitScope.size > 0 ? [...viewer.unitScope] : ['-'];
}

export async function listCases(deps: AppDeps, viewer: CaseViewer, query: CaseListQuery, limits: TimeLimits) {
  const now = nowIso();
  let q = deps.db.selectFrom('cases');
  if (!viewer.isUnscoped) q = q.where('cases.unit_id', 'in', scopeIds(viewer));
  if (query.unitId) {
    const graph = await deps.units.graph();
    q = q.where('cases.unit_id', 'in', [...graph.scopeOf(query.unitId)]);
  }
  if (query.status === 'open') q = q.where('cases.status', '!=', 'closed');
  else if (query.status) q = q.where('cases.status', '=', query.status);
  if (query.risk) q = q.where('cases.risk_level', '=', query.risk);
  if (query.assignedToMe === 'true') q = q.where('cases.assigned_officer_id', '=', viewer.id);
  if (query.from) q = q.where('cases.detected_at', '>=', vietnamDayStart(query.from));
  if (query.to) q = q.where('cases.detected_at', '<', vietnamDayEnd(query.to));
  if (query.code) q = q.where('cases.code', 'like', `${query.code}%`);
  if (query.form) {
    const form = query.form;
    q = q.where((eb) => eb.exists(eb.selectFrom('incidents').select('incidents.id').whereRef('incidents.case_id', '=', 'cases.id').where('incidents.forms', 'like', `%"${form}"%`)));
  }
  if (query.overdue === 'true') {
    // Overdue: no first intervention, and the limit for the level of the first assessment has passed.
    q = q.where('cases.first_intervention_at', 'is', null).where('cases.status', '!=', 'closed').where((eb) =>
      eb.or((['critical', 'high', 'medium', 'low', null] as const).map((level) => {
        const deadlineBefore = new Date(Date.parse(now) - limits[level ?? 'unassessed'] * 3_600_000).toISOString();
        return eb.and([level === null ? eb('cases.first_risk_level', 'is', null) : eb('cases.first_risk_level', '=', level), eb('cases.detected_at', '<', deadlineBefore)]);
      })));
  }
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const offset = (query.page - 1) * query.pageSize;
  let rows: CaseTable[];
  if (query.sort === 'due_asc') {
    // The due time depends on the risk level's limit, which is configuration, not a column: sort the
    // few fields needed for every match here, then load the one page.
    // Cases still waiting for their first intervention come first, soonest deadline first.
    const keys = await q.select(['cases.id', 'cases.detected_at', 'cases.first_risk_level', 'cases.first_intervention_at']).execute();
    const due = (k: { detected_at: string; first_risk_level: string | null }) => firstInterventionDueAt(k.detected_at, k.first_risk_level as RiskLevel | null, limits);
    const waiting = (k: { first_intervention_at: string | null }) => (k.first_intervention_at === null ? 0 : 1);
    const pageIds = keys.sort((a, b) => waiting(a) - waiting(b) || due(a).localeCompare(due(b)) || a.id.localeCompare(b.id)).slice(offset, offset + query.pageSize).map((k) => k.id);
    const byId = new Map((pageIds.length > 0 ? await deps.db.selectFrom('cases').selectAll().where('id', 'in', pageIds).execute() : []).map((r) => [r.id, r]));
    rows = pageIds.map((id) => byId.get(id)).filter((r): r is CaseTable => r !== undefined);
  } else {
    const ordered = q.selectAll('cases').orderBy('cases.detected_at', query.sort === 'detected_asc' ? 'asc' : 'desc').orderBy('cases.id');
    rows = await ordered.limit(query.pageSize).offset(offset).execute();
  }
  return { items: await presentListItems(deps.db, rows, limits, now), total, page: query.page, pageSize: query.pageSize };
}

/** List items for rows already filtered by scope, with their units, officers and forms in three queries. */
export async function presentListItems(db: Db, rows: CaseTable[], limits: TimeLimits, now = nowIso()): Promise<CaseListItem[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const unitIds = [...new Set(rows.map((r) => r.unit_id))];
  const officerIds = [...new Set(rows.map((r) => r.assigned_officer_id).filter((id): id is string => id !== null))];
  const [units, officers, incidents] = await Promise.all([
    db.selectFrom('admin_units').select(['id', 'code', 'name', 'kind']).where('id', 'in', unitIds).execute(),
    officerIds.length > 0 ? db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', officerIds).execute() : Promise.resolve([]),
    db.selectFrom('incidents').select(['case_id', 'forms']).where('case_id', 'in', ids).execute(),
  ]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const officerById = new Map(officers.map((o) => [o.id, { id: o.id, displayName: o.display_name }]));
  const formsByCase = new Map<string, Set<string>>();
  for (const incident of incidents) {
    const set = formsByCase.get(incident.case_id) ?? new Set<string>();
    for (const form of JSON.parse(incident.forms) as string[]) set.add(form);
    formsByCase.set(incident.case_id, set);
  }
  return rows.map((row) => {
    const level = row.first_risk_level as RiskLevel | null;
    const unit = unitById.get(row.unit_id);
    return {
      id: row.id,
      code: row.code,
      unit: unit ?? { id: row.unit_id, code: '', name: '', kind: '' },
      status: row.status as CaseStatus,
      riskLevel: row.risk_level as RiskLevel | null,
      isChild: Number(row.is_child) === 1,
      detectedAt: row.detected_at,
      dueAt: firstInterventionDueAt(row.detected_at, level, limits),
      firstInterventionAt: row.first_intervention_at,
      isOverdue: row.status !== 'closed' && isOverdue(row.detected_at, row.first_intervention_at, level, now, limits),
      assignedOfficer: row.assigned_officer_id ? officerById.get(row.assigned_officer_id) ?? null : null,
      forms: [...(formsByCase.get(row.id) ?? [])] as CaseListItem['forms'],
    };
  });
}

export async function loadCaseRow(db: Db, id: string): Promise<CaseTable | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The case page. Perpetrator details and narratives are decrypted only for roles that may identify. */
export async function presentCase(deps: AppDeps, row: CaseTable, viewerRole: Role, limits: TimeLimits): Promise<CaseDetail> {
  const [base] = await presentListItems(deps.db, [row], limits);
  const canIdentify = roleCan(viewerRole, 'cases.identify');
  const [survivor, incidents, assessments, village, receivedBy, closureRequester] = await Promise.all([
    deps.db.selectFrom('survivors').select(['sex', 'age_group', 'ethnicity_code', 'has_disability']).where('case_id', '=', row.id).executeTakeFirstOrThrow(),
    deps.db.selectFrom('incidents').selectAll().where('case_id', '=', row.id).orderBy('occurred_at').execute(),
    deps.db.selectFrom('risk_assessments').selectAll().where('case_id', '=', row.id).orderBy('assessed_at', 'desc').execute(),
    row.village_id ? deps.db.selectFrom('admin_units').select(['id', 'code', 'name', 'kind']).where('id', '=', row.village_id).executeTakeFirst() : Promise.resolve(undefined),
    deps.db.selectFrom('users').select(['id', 'display_name']).where('id', '=', row.received_by).executeTakeFirst(),
    row.closure_requested_by ? deps.db.selectFrom('users').select(['id', 'display_name']).where('id', '=', row.closure_requested_by).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  const people = new Map<string, { id: string; displayName: string }>();
  const assessorIds = [...new Set(assessments.map((a) => a.assessed_by))];
  if (assessorIds.length > 0) {
    for (const u of await deps.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', assessorIds).execute()) people.set(u.id, { id: u.id, displayName: u.display_name });
  }
  const incidentUnits = new Map((await deps.db.selectFrom('admin_units').select(['id', 'code', 'name', 'kind'])
    .where('id', 'in', incidents.length > 0 ? incidents.map((i) => i.unit_id) : ['-']).execute()).map((u) => [u.id, u]));
  return {
    ...(base as CaseListItem),
    village: village ?? null,
    detectionSource: row.detection_source as CaseDetail['detectionSource'],
    receivedBy: receivedBy ? { id: receivedBy.id, displayName: receivedBy.display_name } : null,
    closureReason: row.closure_reason as CaseDetail['closureReason'],
    firstRiskLevel: row.first_risk_level as RiskLevel | null,
    hasServiceOrReferral: Number(row.has_service_or_referral) === 1,
    survivor: {
      sex: survivor.sex as CaseDetail['survivor']['sex'],
      ageGroup: survivor.age_group as CaseDetail['survivor']['ageGroup'],
      ethnicityCode: survivor.ethnicity_code as CaseDetail['survivor']['ethnicityCode'],
      hasDisability: Number(survivor.has_disability) === 1,
    },
    incidents: incidents.map((incident) => {
      const details = canIdentify && incident.details_enc ? (JSON.parse(deps.cipher.decrypt(incident.details_enc)) as { perpetrators: CaseDetail['incidents'][number]['perpetrators']; narrative: string | null }) : null;
      return {
        id: incident.id,
        occurredAt: incident.occurred_at,
        placeType: incident.place_type as CaseDetail['incidents'][number]['placeType'],
        unit: incidentUnits.get(incident.unit_id) ?? { id: incident.unit_id, code: '', name: '', kind: '' },
        acts: JSON.parse(incident.acts) as CaseDetail['incidents'][number]['acts'],
        forms: JSON.parse(incident.forms) as CaseDetail['incidents'][number]['forms'],
        gbvimsType: incident.gbvims_type as CaseDetail['incidents'][number]['gbvimsType'],
        gbvimsSuggested: incident.gbvims_suggested as CaseDetail['incidents'][number]['gbvimsSuggested'],
        context: incident.context as CaseDetail['incidents'][number]['context'],
        injuries: incident.injuries as CaseDetail['incidents'][number]['injuries'],
        reportedToPolice: Number(incident.reported_to_police) === 1,
        perpetrators: details?.perpetrators ?? null,
        narrative: details?.narrative ?? null,
        overrideReason: canIdentify && incident.override_reason_enc ? deps.cipher.decrypt(incident.override_reason_enc) : null,
      };
    }),
    riskAssessments: assessments.map((a) => {
      const answers = JSON.parse(a.answers) as { answers: Record<string, boolean>; immediateSafety: CaseDetail['riskAssessments'][number]['immediateSafety'] };
      return {
        id: a.id, assessedAt: a.assessed_at, assessedBy: people.get(a.assessed_by) ?? null, score: Number(a.score),
        level: a.level as RiskLevel, answers: answers.answers, immediateSafety: answers.immediateSafety,
      };
    }),
    canIdentify,
    canEdit: roleCan(viewerRole, 'cases.write'),
    allowedTransitions: roleCan(viewerRole, 'cases.write') ? CASE_STATUSES.filter((to) => canTransition(row.status as CaseStatus, to)) : [],
    closureRequest: row.closure_requested_at
      ? {
        requestedAt: row.closure_requested_at,
        requestedBy: closureRequester ? { id: closureRequester.id, displayName: closureRequester.display_name } : null,
        reason: row.closure_requested_reason as CaseDetail['closureReason'],
      }
      : null,
    // The safety plan says where the survivor can go and whom to call: only for those who work on the case.
    safetyPlan: roleCan(viewerRole, 'cases.write') && row.safety_plan_enc ? deps.cipher.decrypt(row.safety_plan_enc) : null,
    nextFollowUpOn: row.next_follow_up_on,
    version: Number(row.version),
  };
}
