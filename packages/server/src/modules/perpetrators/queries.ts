// Reading perpetrators: the filtered list (codes, never names), the perpetrator page, and the case
// page's perpetrators. Visibility is applied in SQL for lists; on a page, incidents of cases outside the
// user's area are counted and never shown, and notes are decrypted only for users who may identify
// within the area of the unit that wrote them.
import {
  criticismRule, isMeasureActive, vietnamDateOf, ageOn,
  type CasePerpetratorView, type CounsellingView, type CriticismRule, type MeasureStatus, type PerpetratorDetail,
  type PerpetratorIdentityInput, type PerpetratorListItem, type PerpetratorListQuery, type PerpetratorMeasureStatus,
  type PerpetratorMeasureType, type PerpetratorMeasureView,
} from '@binhan/domain';
import { sql, type ExpressionBuilder } from 'kysely';
import type { Database, PerpetratorCounsellingTable, PerpetratorMeasureTable, PerpetratorTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { nowIso } from '../../lib/clock.js';
import { vietnamDayEnd, vietnamDayStart } from '../cases/queries.js';
import { canIdentify, canWrite, inScope, scopeIds, visibleTo, type PerpetratorViewer } from './access.js';

type UnitRef = { id: string; code: string; name: string; kind: string };

async function unitRefs(deps: AppDeps, ids: Iterable<string>): Promise<Map<string, UnitRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await deps.db.selectFrom('admin_units').select(['id', 'code', 'name', 'kind']).where('id', 'in', unique).execute();
  return new Map(rows.map((u) => [u.id, u]));
}

function unitOf(units: Map<string, UnitRef>, id: string): UnitRef {
  return units.get(id) ?? { id, code: '', name: '', kind: '' };
}

async function people(deps: AppDeps, ids: Iterable<string>): Promise<Map<string, { id: string; displayName: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const users = await deps.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', unique).execute();
  return new Map(users.map((u) => [u.id, { id: u.id, displayName: u.display_name }]));
}

function today(): string {
  return vietnamDateOf(nowIso());
}

function ageFromYear(birthYear: number | null): number | null {
  return birthYear === null ? null : Number(today().slice(0, 4)) - Number(birthYear);
}

const CURRENT_STATUSES: readonly string[] = ['decided', 'in_progress'];

/** A case closed as a duplicate or as not violence holds no violent act (as for T2): the criticism rule ignores it. */
const NOT_AN_ACT: readonly string[] = ['duplicate', 'not_violence'];
const isAct = (link: { closure_reason: string | null }) => link.closure_reason === null || !NOT_AN_ACT.includes(link.closure_reason);

export async function listPerpetrators(deps: AppDeps, viewer: PerpetratorViewer, query: PerpetratorListQuery) {
  const scope = scopeIds(viewer);
  const area = query.unitId ? [...(await deps.units.graph()).scopeOf(query.unitId)] : null;
  let q = deps.db.selectFrom('perpetrators').where((eb) => visibleTo(eb, viewer));
  if (area !== null) {
    q = q.where((eb) => eb.or([
      eb('perpetrators.unit_id', 'in', area.length > 0 ? area : ['-']),
      // Only incidents the user may see: filtering by another commune must not tell where hidden incidents happened.
      eb.exists(eb.selectFrom('perpetrator_links').select('perpetrator_links.id').whereRef('perpetrator_links.perpetrator_id', '=', 'perpetrators.id')
        .where('perpetrator_links.unit_id', 'in', area.length > 0 ? area : ['-']).where('perpetrator_links.unit_id', 'in', scope)),
    ]));
  }
  if (query.from || query.to) {
    // Only incidents the user may see count for the period: hidden incidents' dates are not revealed by filtering.
    q = q.where((eb) => {
      let links = eb.selectFrom('perpetrator_links').select('perpetrator_links.id').whereRef('perpetrator_links.perpetrator_id', '=', 'perpetrators.id')
        .where('perpetrator_links.unit_id', 'in', scope);
      if (area !== null) links = links.where('perpetrator_links.unit_id', 'in', area.length > 0 ? area : ['-']);
      if (query.from) links = links.where('perpetrator_links.occurred_at', '>=', vietnamDayStart(query.from));
      if (query.to) links = links.where('perpetrator_links.occurred_at', '<', vietnamDayEnd(query.to));
      return eb.exists(links);
    });
  }
  if (query.measureType) {
    const type = query.measureType;
    q = q.where((eb) => eb.exists(eb.selectFrom('perpetrator_measures').select('perpetrator_measures.id').whereRef('perpetrator_measures.perpetrator_id', '=', 'perpetrators.id')
      .where('perpetrator_measures.type', '=', type).where('perpetrator_measures.status', '!=', 'cancelled')));
  }
  const counselled = (eb: ExpressionBuilder<Database, 'perpetrators'>) => eb.exists(eb.selectFrom('perpetrator_counselling').select('perpetrator_counselling.id')
    .whereRef('perpetrator_counselling.perpetrator_id', '=', 'perpetrators.id').where('perpetrator_counselling.attendance', '=', 'attended'));
  const measured = (eb: ExpressionBuilder<Database, 'perpetrators'>) => eb.exists(eb.selectFrom('perpetrator_measures').select('perpetrator_measures.id')
    .whereRef('perpetrator_measures.perpetrator_id', '=', 'perpetrators.id').where('perpetrator_measures.status', '!=', 'cancelled'));
  if (query.counselled === 'true') q = q.where((eb) => counselled(eb));
  if (query.counselled === 'false') q = q.where((eb) => eb.not(counselled(eb)));
  if (query.handled === 'true') q = q.where((eb) => eb.or([counselled(eb), measured(eb)]));
  if (query.handled === 'false') q = q.where((eb) => eb.and([eb.not(counselled(eb)), eb.not(measured(eb))]));
  if (query.repeat) {
    q = q.where((eb) => eb(
      // Repeat as for T2 and the criticism rule: a case closed as a duplicate or not violence holds no act.
      eb.selectFrom('perpetrator_links').innerJoin('cases', 'cases.id', 'perpetrator_links.case_id').select((e) => e.fn.countAll().as('n'))
        .whereRef('perpetrator_links.perpetrator_id', '=', 'perpetrators.id')
        .where((e) => e.or([e('cases.closure_reason', 'is', null), e('cases.closure_reason', 'not in', [...NOT_AN_ACT])])),
      query.repeat === 'true' ? '>=' : '<',
      2,
    ));
  }
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const lastAt = sql<string>`coalesce((select max(l.occurred_at) from perpetrator_links l where l.perpetrator_id = perpetrators.id and l.unit_id in (${sql.join(scope)})), '')`;
  let ordered = q.selectAll('perpetrators').select(lastAt.as('last_at'));
  ordered = query.sort === 'code'
    ? ordered.orderBy('perpetrators.code')
    : ordered.orderBy('last_at', query.sort === 'last_incident_asc' ? 'asc' : 'desc').orderBy('perpetrators.code');
  const rows = await ordered.limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  return { items: await presentListItems(deps, viewer, rows), total, page: query.page, pageSize: query.pageSize };
}

/** List items for rows already filtered by visibility: never a name, hidden incidents only counted. */
export async function presentListItems(deps: AppDeps, viewer: PerpetratorViewer, rows: PerpetratorTable[]): Promise<PerpetratorListItem[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [links, counselling, measures, units] = await Promise.all([
    deps.db.selectFrom('perpetrator_links').innerJoin('cases', 'cases.id', 'perpetrator_links.case_id')
      .select(['perpetrator_links.perpetrator_id', 'perpetrator_links.unit_id', 'perpetrator_links.occurred_at', 'cases.closure_reason'])
      .where('perpetrator_links.perpetrator_id', 'in', ids).execute(),
    deps.db.selectFrom('perpetrator_counselling').select(['perpetrator_id', 'attendance']).where('perpetrator_id', 'in', ids).execute(),
    deps.db.selectFrom('perpetrator_measures').select(['perpetrator_id', 'type', 'status']).where('perpetrator_id', 'in', ids).execute(),
    unitRefs(deps, rows.map((r) => r.unit_id)),
  ]);
  return rows.map((row) => {
    const own = links.filter((l) => l.perpetrator_id === row.id);
    const visible = own.filter((l) => inScope(viewer, l.unit_id));
    const sessions = counselling.filter((c) => c.perpetrator_id === row.id && c.attendance === 'attended');
    const types = [...new Set(measures.filter((m) => m.perpetrator_id === row.id && m.status !== 'cancelled').map((m) => m.type))] as PerpetratorMeasureType[];
    return {
      id: row.id,
      code: row.code,
      unit: unitOf(units, row.unit_id),
      sex: row.sex as PerpetratorListItem['sex'],
      ageYears: ageFromYear(row.birth_year),
      substanceUse: row.substance_use as PerpetratorListItem['substanceUse'],
      weaponAccess: row.weapon_access as PerpetratorListItem['weaponAccess'],
      incidentCount: visible.length,
      hiddenIncidentCount: own.length - visible.length,
      isRepeat: own.filter(isAct).length >= 2,
      lastIncidentAt: visible.map((l) => l.occurred_at).sort().at(-1) ?? null,
      counselled: sessions.length > 0,
      counsellingCount: sessions.length,
      measureTypes: types,
      handled: sessions.length > 0 || types.length > 0,
    };
  });
}

/** The decrypted identity, for server-side rules only (age, adulthood); never sent except by the reveal. */
export function identityOf(deps: AppDeps, row: PerpetratorTable): PerpetratorIdentityInput {
  return JSON.parse(deps.cipher.decrypt(row.identity_enc)) as PerpetratorIdentityInput;
}

/** The community-criticism rule for a person on a day, over all their links and measures. */
export async function criticismFor(deps: AppDeps, row: PerpetratorTable, onDate: string, excludeMeasureId?: string): Promise<CriticismRule> {
  const [links, measures] = await Promise.all([
    deps.db.selectFrom('perpetrator_links').innerJoin('cases', 'cases.id', 'perpetrator_links.case_id')
      .select(['perpetrator_links.occurred_at', 'cases.closure_reason']).where('perpetrator_links.perpetrator_id', '=', row.id).execute(),
    deps.db.selectFrom('perpetrator_measures').select(['id', 'type', 'decided_on', 'status']).where('perpetrator_id', '=', row.id).execute(),
  ]);
  return criticismRule({
    dateOfBirth: identityOf(deps, row).dateOfBirth ?? null,
    birthYear: row.birth_year === null ? null : Number(row.birth_year),
    incidentsAt: links.filter(isAct).map((l) => l.occurred_at),
    measures: measures.filter((m) => m.id !== excludeMeasureId).map((m) => ({
      type: m.type as PerpetratorMeasureType, decidedOn: m.decided_on, status: m.status as PerpetratorMeasureStatus,
    })),
  }, onDate);
}

interface EntryContext {
  units: Map<string, UnitRef>;
  cases: Map<string, { id: string; code: string; unit_id: string }>;
  people: Map<string, { id: string; displayName: string }>;
}

async function entryContext(deps: AppDeps, entries: Array<{ unit_id: string; case_id: string | null; created_by: string }>): Promise<EntryContext> {
  const caseIds = [...new Set(entries.map((e) => e.case_id).filter((id): id is string => id !== null))];
  const [units, cases, by] = await Promise.all([
    unitRefs(deps, entries.map((e) => e.unit_id)),
    caseIds.length > 0 ? deps.db.selectFrom('cases').select(['id', 'code', 'unit_id']).where('id', 'in', caseIds).execute() : Promise.resolve([]),
    people(deps, entries.map((e) => e.created_by)),
  ]);
  return { units, cases: new Map(cases.map((c) => [c.id, c])), people: by };
}

function caseRef(viewer: PerpetratorViewer, ctx: EntryContext, caseId: string | null, incidentId: string | null) {
  const row = caseId ? ctx.cases.get(caseId) : undefined;
  if (!row || !inScope(viewer, row.unit_id) || incidentId === null) return null;
  return { caseId: row.id, caseCode: row.code, incidentId };
}

export function presentCounselling(deps: AppDeps, viewer: PerpetratorViewer, rows: PerpetratorCounsellingTable[], ctx: EntryContext): CounsellingView[] {
  return rows.map((c) => {
    const mine = inScope(viewer, c.unit_id);
    return {
      id: c.id,
      heldOn: c.held_on,
      counsellor: c.counsellor,
      topic: c.topic as CounsellingView['topic'],
      topicNote: c.topic_note,
      attendance: c.attendance as CounsellingView['attendance'],
      outcome: mine && canIdentify(viewer) && c.outcome_enc ? deps.cipher.decrypt(c.outcome_enc) : null,
      unit: unitOf(ctx.units, c.unit_id),
      case: caseRef(viewer, ctx, c.case_id, c.incident_id),
      canEdit: mine && canWrite(viewer),
      createdBy: ctx.people.get(c.created_by) ?? null,
      createdAt: c.created_at,
      updatedAt: c.updated_at,
    };
  });
}

export async function presentMeasures(deps: AppDeps, viewer: PerpetratorViewer, rows: PerpetratorMeasureTable[], ctx: EntryContext): Promise<PerpetratorMeasureView[]> {
  const protectionIds = rows.map((m) => m.protection_measure_id).filter((id): id is string => id !== null);
  const protections = new Map((protectionIds.length > 0
    ? await deps.db.selectFrom('protection_measures').select(['id', 'case_id', 'issuer', 'status', 'starts_at', 'ends_at']).where('id', 'in', protectionIds).execute()
    : []).map((p) => [p.id, p]));
  const at = nowIso();
  return rows.map((m) => {
    const mine = inScope(viewer, m.unit_id);
    const notes = mine && canIdentify(viewer) && m.notes_enc ? (JSON.parse(deps.cipher.decrypt(m.notes_enc)) as { description?: string | null; outcome?: string | null }) : null;
    const protection = m.protection_measure_id ? protections.get(m.protection_measure_id) : undefined;
    const protectionActive = protection ? isMeasureActive({ status: protection.status as MeasureStatus, startsAt: protection.starts_at, endsAt: protection.ends_at }, at) : false;
    const protectionVisible = protection !== undefined && caseRef(viewer, ctx, m.case_id, m.incident_id) !== null;
    return {
      id: m.id,
      type: m.type as PerpetratorMeasureType,
      decidedOn: m.decided_on,
      decidingBody: m.deciding_body as PerpetratorMeasureView['decidingBody'],
      decidingBodyNote: m.deciding_body_note,
      status: m.status as PerpetratorMeasureStatus,
      decisionNumber: m.decision_number,
      fineVnd: m.fine_vnd === null ? null : Number(m.fine_vnd),
      criminalStage: m.criminal_stage as PerpetratorMeasureView['criminalStage'],
      description: notes?.description ?? null,
      outcome: notes?.outcome ?? null,
      ruleOverrideReason: mine && canIdentify(viewer) && m.rule_override_reason_enc ? deps.cipher.decrypt(m.rule_override_reason_enc) : null,
      unit: unitOf(ctx.units, m.unit_id),
      case: caseRef(viewer, ctx, m.case_id, m.incident_id),
      protectionMeasure: protection && protectionVisible
        ? {
          id: protection.id,
          issuer: protection.issuer as NonNullable<PerpetratorMeasureView['protectionMeasure']>['issuer'],
          status: protection.status as MeasureStatus,
          startsAt: protection.starts_at,
          endsAt: protection.ends_at,
          isActive: protectionActive,
        }
        : null,
      isCurrent: m.status !== 'cancelled' && (m.type === 'no_contact_order' ? protectionActive : CURRENT_STATUSES.includes(m.status)),
      warnings: Number(m.rule_flag) === 1 ? ['criticism_rule_not_met' as const] : [],
      canEdit: mine && canWrite(viewer),
      createdBy: ctx.people.get(m.created_by) ?? null,
      createdAt: m.created_at,
      updatedAt: m.updated_at,
    };
  });
}

/** The perpetrator page. */
export async function presentPerpetrator(deps: AppDeps, viewer: PerpetratorViewer, row: PerpetratorTable): Promise<PerpetratorDetail> {
  const [links, counselling, measures] = await Promise.all([
    deps.db.selectFrom('perpetrator_links')
      .innerJoin('incidents', 'incidents.id', 'perpetrator_links.incident_id')
      .innerJoin('cases', 'cases.id', 'perpetrator_links.case_id')
      .select([
        'perpetrator_links.id', 'perpetrator_links.incident_id', 'perpetrator_links.case_id', 'perpetrator_links.unit_id', 'perpetrator_links.occurred_at',
        'perpetrator_links.relationship', 'incidents.acts', 'incidents.forms', 'incidents.gbvims_type', 'incidents.unit_id as incident_unit_id',
        'cases.code as case_code', 'cases.status as case_status', 'cases.closure_reason',
      ])
      .where('perpetrator_links.perpetrator_id', '=', row.id)
      .orderBy('perpetrator_links.occurred_at').orderBy('perpetrator_links.id')
      .execute(),
    deps.db.selectFrom('perpetrator_counselling').selectAll().where('perpetrator_id', '=', row.id).orderBy('held_on', 'desc').orderBy('created_at', 'desc').execute(),
    deps.db.selectFrom('perpetrator_measures').selectAll().where('perpetrator_id', '=', row.id).orderBy('decided_on', 'desc').orderBy('created_at', 'desc').execute(),
  ]);
  const visible = links.filter((l) => inScope(viewer, l.unit_id));
  const ctx = await entryContext(deps, [...counselling, ...measures]);
  const units = await unitRefs(deps, [row.unit_id, ...visible.flatMap((l) => [l.unit_id, l.incident_unit_id])]);
  const identity = identityOf(deps, row);
  const day = today();
  const age = identity.dateOfBirth ? ageOn(identity.dateOfBirth, day) : ageFromYear(row.birth_year);
  const rule = criticismRule({
    dateOfBirth: identity.dateOfBirth ?? null,
    birthYear: row.birth_year === null ? null : Number(row.birth_year),
    incidentsAt: links.filter(isAct).map((l) => l.occurred_at),
    measures: measures.map((m) => ({ type: m.type as PerpetratorMeasureType, decidedOn: m.decided_on, status: m.status as PerpetratorMeasureStatus })),
  }, day);
  return {
    id: row.id,
    code: row.code,
    unit: unitOf(units, row.unit_id),
    sex: row.sex as PerpetratorDetail['sex'],
    ageYears: age,
    isAdult: rule.reasons.find((r) => r.condition === 'adult')?.met ?? null,
    ethnicityCode: row.ethnicity_code as PerpetratorDetail['ethnicityCode'],
    substanceUse: row.substance_use as PerpetratorDetail['substanceUse'],
    weaponAccess: row.weapon_access as PerpetratorDetail['weaponAccess'],
    isRepeat: links.filter(isAct).length >= 2,
    totalIncidents: links.length,
    incidents: visible.map((l) => ({
      linkId: l.id,
      incidentId: l.incident_id,
      caseId: l.case_id,
      caseCode: l.case_code,
      caseStatus: l.case_status as PerpetratorDetail['incidents'][number]['caseStatus'],
      unit: unitOf(units, l.unit_id),
      incidentUnit: unitOf(units, l.incident_unit_id),
      occurredAt: l.occurred_at,
      relationship: l.relationship as PerpetratorDetail['incidents'][number]['relationship'],
      acts: JSON.parse(l.acts) as PerpetratorDetail['incidents'][number]['acts'],
      forms: JSON.parse(l.forms) as PerpetratorDetail['incidents'][number]['forms'],
      gbvimsType: l.gbvims_type as PerpetratorDetail['incidents'][number]['gbvimsType'],
    })),
    hiddenIncidentCount: links.length - visible.length,
    counselling: presentCounselling(deps, viewer, counselling, ctx),
    measures: await presentMeasures(deps, viewer, measures, ctx),
    criticismRule: rule,
    canIdentify: canIdentify(viewer),
    canEdit: canWrite(viewer),
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The perpetrators of a case (one entry per incident link), with their current measures. */
export async function casePerpetrators(deps: AppDeps, viewer: PerpetratorViewer, caseId: string): Promise<CasePerpetratorView[]> {
  const links = await deps.db.selectFrom('perpetrator_links').selectAll().where('case_id', '=', caseId).orderBy('occurred_at').orderBy('id').execute();
  if (links.length === 0) return [];
  const ids = [...new Set(links.map((l) => l.perpetrator_id))];
  const [rows, allLinks, counselling, measures] = await Promise.all([
    deps.db.selectFrom('perpetrators').selectAll().where('id', 'in', ids).execute(),
    deps.db.selectFrom('perpetrator_links').innerJoin('cases', 'cases.id', 'perpetrator_links.case_id')
      .select(['perpetrator_links.perpetrator_id', 'cases.closure_reason']).where('perpetrator_links.perpetrator_id', 'in', ids).execute(),
    deps.db.selectFrom('perpetrator_counselling').selectAll().where('perpetrator_id', 'in', ids).execute(),
    deps.db.selectFrom('perpetrator_measures').selectAll().where('perpetrator_id', 'in', ids).orderBy('decided_on', 'desc').orderBy('created_at', 'desc').execute(),
  ]);
  const ctx = await entryContext(deps, [...counselling, ...measures]);
  const measureViews = await presentMeasures(deps, viewer, measures, ctx);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const result: CasePerpetratorView[] = [];
  for (const link of links) {
    const row = byId.get(link.perpetrator_id);
    if (!row) continue;
    const mine = allLinks.filter((l) => l.perpetrator_id === row.id);
    const total = mine.length;
    const sessions = counselling.filter((c) => c.perpetrator_id === row.id && c.attendance === 'attended').map((c) => c.held_on).sort();
    const own = measures.filter((m) => m.perpetrator_id === row.id).map((m) => m.id);
    const rule = await criticismFor(deps, row, today());
    result.push({
      perpetratorId: row.id,
      code: row.code,
      linkId: link.id,
      incidentId: link.incident_id,
      relationship: link.relationship as CasePerpetratorView['relationship'],
      sex: row.sex as CasePerpetratorView['sex'],
      ageYears: link.age_years !== null ? Number(link.age_years) : ageFromYear(row.birth_year),
      substanceUse: row.substance_use as CasePerpetratorView['substanceUse'],
      weaponAccess: row.weapon_access as CasePerpetratorView['weaponAccess'],
      isRepeat: mine.filter(isAct).length >= 2,
      totalIncidents: total,
      counselled: sessions.length > 0,
      lastCounsellingOn: sessions.at(-1) ?? null,
      currentMeasures: measureViews.filter((m) => own.includes(m.id) && m.isCurrent),
      criticismApplies: rule.applies,
    });
  }
  return result;
}
