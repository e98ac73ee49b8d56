// Changes to a case after intake: incidents, risk assessments, the first intervention, support services,
// status, assignment and notes; each in one transaction with its timeline event and audit entry, and
// each bumps the case's version.
import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import {
  assessRisk, canTransition,
  type CaseStatus, type CaseStatusChange, type FirstInterventionInput, type IncidentCreate, type RiskAssessmentCreate,
  type RiskChecklist, type ServiceGivenInput,
} from '@binhan/domain';
import type { Database, CaseTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../http/audit-context.js';
import { Conflict, invalidField } from '../../http/errors.js';
import { nowIso } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { addEvent, checkIncidentPlace, insertIncident, toUtc } from './intake.js';
import { preparePerpetratorLinks } from '../perpetrators/linking.js';

type Trx = Transaction<Database>;

/** Run a change on an open case: the event, the audit entry and the version bump land together. */
export async function changeCase(
  deps: AppDeps,
  request: FastifyRequest,
  row: CaseTable,
  action: string,
  change: (trx: Trx) => Promise<Record<string, unknown>>,
  options: { allowClosed?: boolean } = {},
): Promise<void> {
  if (row.status === 'closed' && !options.allowClosed) throw new Conflict('CASE_CLOSED');
  await deps.db.transaction().execute(async (trx) => {
    const details = await change(trx);
    await trx.updateTable('cases').set((eb) => ({ version: eb('version', '+', 1), updated_at: nowIso() })).where('id', '=', row.id).execute();
    await audit(request, trx, { action, resourceType: 'case', resourceId: row.id, details });
  });
}

export async function addIncident(deps: AppDeps, request: FastifyRequest, row: CaseTable, input: IncidentCreate, userId: string) {
  if (row.status === 'closed') throw new Conflict('CASE_CLOSED');
  await checkIncidentPlace(deps, input);
  const prepared = await preparePerpetratorLinks(deps, request, row.unit_id, input, '');
  return changeCase(deps, request, row, 'case.incident_add', async (trx) => {
    const id = await insertIncident(deps, trx, row.id, input, userId, { request, prepared });
    await addEvent(trx, deps, row.id, userId, 'incident', { incidentId: id, acts: input.acts, gbvimsType: input.gbvimsType });
    return { incidentId: id };
  });
}

export function recordRiskAssessment(deps: AppDeps, request: FastifyRequest, row: CaseTable, input: RiskAssessmentCreate, checklist: RiskChecklist, userId: string) {
  const result = assessRisk(input.answers, checklist);
  const level = input.levelOverride ?? result.level;
  return changeCase(deps, request, row, 'case.risk_assessment', async (trx) => {
    await trx.insertInto('risk_assessments').values({
      id: newId(), case_id: row.id, assessed_at: toUtc(input.assessedAt), assessed_by: userId,
      answers: JSON.stringify({ answers: input.answers, immediateSafety: input.immediateSafety }), score: result.score, level,
    }).execute();
    await trx.updateTable('cases').set({
      risk_level: level,
      // The first assessment's level sets the first-intervention limit for good.
      first_risk_level: row.first_risk_level ?? level,
      status: row.status === 'reported' ? 'assessed' : row.status,
    }).where('id', '=', row.id).execute();
    await addEvent(trx, deps, row.id, userId, 'risk_assessment', { level, score: result.score, immediateSafety: input.immediateSafety },
      [input.safetyNote, input.overrideReason].filter(Boolean).join('\n') || null);
    return { level };
  });
}

export function recordFirstIntervention(deps: AppDeps, request: FastifyRequest, row: CaseTable, input: FirstInterventionInput, userId: string) {
  if (row.first_intervention_at !== null) throw new Conflict('FIRST_INTERVENTION_RECORDED');
  return changeCase(deps, request, row, 'case.first_intervention', async (trx) => {
    const at = toUtc(input.at);
    // Guarded by the condition, so two officers recording at once cannot both succeed.
    const result = await trx.updateTable('cases').set({ first_intervention_at: at }).where('id', '=', row.id).where('first_intervention_at', 'is', null).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Conflict('FIRST_INTERVENTION_RECORDED');
    await addEvent(trx, deps, row.id, userId, 'first_intervention', { at }, input.note ?? null);
    return { at };
  });
}

export function recordService(deps: AppDeps, request: FastifyRequest, row: CaseTable, input: ServiceGivenInput, userId: string) {
  return changeCase(deps, request, row, 'case.service', async (trx) => {
    await trx.updateTable('cases').set({ has_service_or_referral: 1 }).where('id', '=', row.id).execute();
    await addEvent(trx, deps, row.id, userId, 'service', { serviceType: input.serviceType, givenAt: toUtc(input.givenAt), providerName: input.providerName ?? null }, input.outcome ?? null);
    return { serviceType: input.serviceType };
  });
}

/**
 * Move a case along its life cycle. Where closure needs approval, a commune officer's "close" becomes a
 * request that waits on the case; the district focal point closes (or the request lapses when the case
 * moves on). Any other move clears a pending request.
 */
export function changeStatus(deps: AppDeps, request: FastifyRequest, row: CaseTable, input: CaseStatusChange, userId: string, isSupervisor: boolean) {
  const from = row.status as CaseStatus;
  if (!canTransition(from, input.to)) throw new Conflict('CASE_TRANSITION_INVALID');
  if (input.to === 'closed' && !isSupervisor && deps.config.caseSettings.requireClosureApproval) {
    return changeCase(deps, request, row, 'case.close_request', async (trx) => {
      await trx.updateTable('cases').set({ closure_requested_at: nowIso(), closure_requested_by: userId, closure_requested_reason: input.closureReason ?? null }).where('id', '=', row.id).execute();
      await addEvent(trx, deps, row.id, userId, 'closure_requested', { closureReason: input.closureReason ?? null }, input.note ?? null);
      return { closureReason: input.closureReason ?? null };
    });
  }
  return changeCase(deps, request, row, input.to === 'closed' ? 'case.close' : from === 'closed' ? 'case.reopen' : 'case.status', async (trx) => {
    await trx.updateTable('cases').set({
      status: input.to, closure_reason: input.to === 'closed' ? input.closureReason ?? null : null,
      closure_requested_at: null, closure_requested_by: null, closure_requested_reason: null,
    }).where('id', '=', row.id).execute();
    await addEvent(trx, deps, row.id, userId, 'status', { from, to: input.to, closureReason: input.closureReason ?? null }, input.note ?? null);
    return { from, to: input.to };
  }, { allowClosed: true });
}

/** Officers who may be responsible for a case: active commune officers and focal points whose area holds it. */
export async function eligibleOfficers(deps: AppDeps, row: CaseTable): Promise<Array<{ id: string; displayName: string }>> {
  const graph = await deps.units.graph();
  const users = await deps.db.selectFrom('users').select(['id', 'display_name', 'unit_id'])
    .where('role', 'in', ['commune_officer', 'district_focal_point']).where('is_disabled', '=', 0).orderBy('display_name_folded').execute();
  return users.filter((u) => u.unit_id !== null && graph.scopeOf(u.unit_id).has(row.unit_id)).map((u) => ({ id: u.id, displayName: u.display_name }));
}

export async function assignOfficer(deps: AppDeps, request: FastifyRequest, row: CaseTable, officerId: string | null, userId: string) {
  if (officerId !== null && !(await eligibleOfficers(deps, row)).some((o) => o.id === officerId)) throw invalidField('officerId', 'OFFICER_NOT_ELIGIBLE');
  return changeCase(deps, request, row, 'case.assign', async (trx) => {
    await trx.updateTable('cases').set({ assigned_officer_id: officerId }).where('id', '=', row.id).execute();
    const officer = officerId ? await trx.selectFrom('users').select('display_name').where('id', '=', officerId).executeTakeFirst() : undefined;
    await addEvent(trx, deps, row.id, userId, 'assigned', { officerId, officerName: officer?.display_name ?? null });
    return { officerId };
  });
}

export function addNote(deps: AppDeps, request: FastifyRequest, row: CaseTable, body: string, userId: string) {
  return changeCase(deps, request, row, 'case.note', async (trx) => {
    await addEvent(trx, deps, row.id, userId, 'note', {}, body);
    return {};
  }, { allowClosed: true });
}
