// Protection measures (Law 13/2022 Art. 22) and follow-up contacts of a case. Every write goes through
// changeCase: the row, its timeline event (note encrypted), the audit entry and the case's version bump
// land in one transaction, and a closed case refuses them. Whether a measure protects the survivor is
// computed when reading, from its status and term: a no-contact order stops being active by itself
// when its term runs out, with no job to run.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CLOCK_SKEW_MS, FOLLOW_UP_METHODS, IsoInstant, MEASURE_ISSUERS, MEASURE_STATUSES, PROTECTION_MEASURE_TYPES, PersonRef,
  SUPPORT_SERVICE_TYPES, SURVIVOR_SAFETY, type MeasureLimit, checkMeasureDuration, instantMs, isMeasureActive, measureDecisionDueAt, measureNeedsEnd,
  optionalText, roleCan,
  type FollowUpCreate, type MeasureIssuer, type MeasureStatus, type ProtectionMeasureCreate, type ProtectionMeasureType, type Role,
} from '@binhan/domain';
import type { CaseTable, FollowUpTable, ProtectionMeasureTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { Conflict, Invalid, NotFound, type FieldIssue } from '../../http/errors.js';
import { now, nowIso } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { changeCase } from '../cases/actions.js';
import { addEvent, toUtc } from '../cases/intake.js';

/**
 * Moves between measure statuses. A request is decided (in effect) or withdrawn (revoked); a measure in
 * effect ends, is revoked or is breached; a breached order still stands until it ends or is revoked.
 */
export const MEASURE_TRANSITIONS: Readonly<Record<MeasureStatus, readonly MeasureStatus[]>> = {
  requested: ['in_effect', 'revoked'],
  in_effect: ['ended', 'revoked', 'breached'],
  breached: ['ended', 'revoked'],
  ended: [],
  revoked: [],
};

/** A change of a measure's status; the decision (requested → in effect) may also set the term. */
export const MeasureStatusChange = z.strictObject({
  status: z.enum(MEASURE_STATUSES).exclude(['requested']),
  /** Required when a request is decided. */
  decidedAt: IsoInstant.optional(),
  decisionNumber: optionalText(60),
  startsAt: IsoInstant.optional(),
  endsAt: IsoInstant.optional(),
  note: optionalText(1000),
});
export type MeasureStatusChange = z.infer<typeof MeasureStatusChange>;

export const MeasureView = z.object({
  id: z.string(),
  type: z.enum(PROTECTION_MEASURE_TYPES),
  issuer: z.enum(MEASURE_ISSUERS),
  status: z.enum(MEASURE_STATUSES),
  decisionNumber: z.string().nullable(),
  requestedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  /** In effect (or breached), started, and not past its end, at the time of reading. */
  isActive: z.boolean(),
  /** For a request the law sets a deadline on (a commune chairman's no-contact order: 12 h). */
  decisionDueAt: z.string().nullable(),
  /** When a measure that still stands runs out by itself; null once ended or revoked, or without an end. */
  expiresAt: z.string().nullable(),
  allowedTransitions: z.array(z.enum(MEASURE_STATUSES)),
  /** Shown only to roles that may see identities, like the timeline's notes. */
  note: z.string().nullable(),
  createdBy: PersonRef.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MeasureView = z.infer<typeof MeasureView>;

export const FollowUpView = z.object({
  id: z.string(),
  contactedAt: z.string(),
  method: z.enum(FOLLOW_UP_METHODS),
  survivorSafe: z.enum(SURVIVOR_SAFETY),
  violenceRecurred: z.boolean(),
  newNeeds: z.array(z.enum(SUPPORT_SERVICE_TYPES)),
  nextFollowUpOn: z.string().nullable(),
  note: z.string().nullable(),
  createdBy: PersonRef.nullable(),
  createdAt: z.string(),
});
export type FollowUpView = z.infer<typeof FollowUpView>;

function refuse(issues: FieldIssue[]): void {
  if (issues.length > 0) throw new Invalid('VALIDATION_FAILED', {}, issues);
}

/** A closed case refuses every change before anything else is looked at. */
function ensureOpen(row: CaseTable): void {
  if (row.status === 'closed') throw new Conflict('CASE_CLOSED');
}

export function addMeasure(deps: AppDeps, request: FastifyRequest, row: CaseTable, input: ProtectionMeasureCreate, userId: string) {
  ensureOpen(row);
  // A request has no decision yet; its deadline runs from the request, recorded now if not given.
  if (input.status === 'requested' && input.decidedAt !== undefined) refuse([{ path: 'decidedAt', key: 'invalid' }]);
  return changeCase(deps, request, row, 'case.measure_add', async (trx) => {
    const at = nowIso();
    const measure: ProtectionMeasureTable = {
      id: newId(),
      case_id: row.id,
      type: input.type,
      issuer: input.issuer,
      status: input.status,
      decision_number: input.decisionNumber ?? null,
      requested_at: input.requestedAt !== undefined ? toUtc(input.requestedAt) : input.status === 'requested' ? at : null,
      decided_at: input.decidedAt !== undefined ? toUtc(input.decidedAt) : null,
      starts_at: toUtc(input.startsAt),
      ends_at: input.endsAt !== undefined ? toUtc(input.endsAt) : null,
      note_enc: input.note ? deps.cipher.encrypt(input.note) : null,
      created_by: userId,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('protection_measures').values(measure).execute();
    await addEvent(trx, deps, row.id, userId, 'measure', {
      measureId: measure.id, type: measure.type, issuer: measure.issuer, status: measure.status,
      requestedAt: measure.requested_at, decidedAt: measure.decided_at, startsAt: measure.starts_at, endsAt: measure.ends_at,
    }, input.note ?? null);
    return { measureId: measure.id, type: measure.type, issuer: measure.issuer, status: measure.status };
  });
}

/** The term a decision sets, checked against the law; the request's planned term is kept unless changed. */
function decidedTerm(measure: ProtectionMeasureTable, input: MeasureStatusChange, limits: readonly MeasureLimit[]) {
  const type = measure.type as ProtectionMeasureType;
  const issuer = measure.issuer as MeasureIssuer;
  const issues: FieldIssue[] = [];
  if (input.decidedAt === undefined) refuse([{ path: 'decidedAt', key: 'required' }]);
  const decidedAt = toUtc(input.decidedAt as string);
  const startsAt = input.startsAt !== undefined ? toUtc(input.startsAt) : measure.starts_at;
  const endsAt = input.endsAt !== undefined ? toUtc(input.endsAt) : measure.ends_at;
  if (instantMs(decidedAt) > now().getTime() + CLOCK_SKEW_MS) issues.push({ path: 'decidedAt', key: 'datetime_in_future' });
  else if (measure.requested_at !== null && instantMs(decidedAt) < instantMs(measure.requested_at)) issues.push({ path: 'decidedAt', key: 'measure_decided_before_request' });
  if (instantMs(startsAt) < instantMs(decidedAt)) issues.push({ path: 'startsAt', key: 'measure_starts_before_decision' });
  if (endsAt === null) {
    if (measureNeedsEnd(type, limits)) issues.push({ path: 'endsAt', key: 'measure_end_required' });
  } else {
    const problem = checkMeasureDuration(type, issuer, startsAt, endsAt, limits);
    if (problem !== null) issues.push({ path: problem === 'measure_issuer_not_allowed' ? 'issuer' : 'endsAt', key: problem });
  }
  refuse(issues);
  return { decidedAt, startsAt, endsAt };
}

export async function changeMeasureStatus(deps: AppDeps, request: FastifyRequest, row: CaseTable, measureId: string, input: MeasureStatusChange, userId: string) {
  ensureOpen(row);
  const measure = await deps.db.selectFrom('protection_measures').selectAll().where('id', '=', measureId).where('case_id', '=', row.id).executeTakeFirst();
  if (!measure) throw new NotFound();
  const from = measure.status as MeasureStatus;
  const to = input.status;
  if (!MEASURE_TRANSITIONS[from].includes(to)) throw new Conflict('MEASURE_TRANSITION_INVALID');
  const deciding = from === 'requested' && to === 'in_effect';
  if (!deciding) {
    // The decision's fields belong to the decision; other moves carry only a note.
    refuse((['decidedAt', 'decisionNumber', 'startsAt', 'endsAt'] as const).filter((field) => input[field] !== undefined).map((path) => ({ path, key: 'invalid' })));
  }
  const term = deciding ? decidedTerm(measure, input, deps.config.caseSettings.measureLimits) : null;
  return changeCase(deps, request, row, 'case.measure_status', async (trx) => {
    const changes = {
      status: to,
      updated_at: nowIso(),
      ...(term ? { decided_at: term.decidedAt, starts_at: term.startsAt, ends_at: term.endsAt } : {}),
      ...(deciding && input.decisionNumber !== undefined ? { decision_number: input.decisionNumber } : {}),
    };
    // Guarded by the status read above, so two officers moving the same measure at once cannot both succeed.
    const result = await trx.updateTable('protection_measures').set(changes).where('id', '=', measure.id).where('status', '=', from).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Conflict('MEASURE_TRANSITION_INVALID');
    await addEvent(trx, deps, row.id, userId, 'measure_status', {
      measureId: measure.id, type: measure.type, issuer: measure.issuer, from, to,
      ...(term ? { decidedAt: term.decidedAt, startsAt: term.startsAt, endsAt: term.endsAt } : {}),
    }, input.note ?? null);
    return { measureId: measure.id, from, to };
  });
}

async function people(deps: AppDeps, ids: string[]): Promise<Map<string, { id: string; displayName: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const users = await deps.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', unique).execute();
  return new Map(users.map((u) => [u.id, { id: u.id, displayName: u.display_name }]));
}

/** The case's measures, newest term first, with what they mean at this moment of the app's clock. */
export async function listMeasures(deps: AppDeps, caseId: string, role: Role): Promise<MeasureView[]> {
  const rows = await deps.db.selectFrom('protection_measures').selectAll().where('case_id', '=', caseId)
    .orderBy('starts_at', 'desc').orderBy('created_at', 'desc').orderBy('id').execute();
  const by = await people(deps, rows.map((r) => r.created_by));
  const at = nowIso();
  const canIdentify = roleCan(role, 'cases.identify');
  const canEdit = roleCan(role, 'cases.write');
  return rows.map((m) => {
    const status = m.status as MeasureStatus;
    const type = m.type as ProtectionMeasureType;
    const issuer = m.issuer as MeasureIssuer;
    const stands = status === 'in_effect' || status === 'breached';
    return {
      id: m.id,
      type,
      issuer,
      status,
      decisionNumber: m.decision_number,
      requestedAt: m.requested_at,
      decidedAt: m.decided_at,
      startsAt: m.starts_at,
      endsAt: m.ends_at,
      isActive: isMeasureActive({ status, startsAt: m.starts_at, endsAt: m.ends_at }, at),
      decisionDueAt: status === 'requested' && m.requested_at !== null ? measureDecisionDueAt(type, issuer, m.requested_at, deps.config.caseSettings.measureLimits) : null,
      expiresAt: stands ? m.ends_at : null,
      allowedTransitions: canEdit ? [...MEASURE_TRANSITIONS[status]] : [],
      note: canIdentify && m.note_enc ? deps.cipher.decrypt(m.note_enc) : null,
      createdBy: by.get(m.created_by) ?? null,
      createdAt: m.created_at,
      updatedAt: m.updated_at,
    };
  });
}

export function addFollowUp(deps: AppDeps, request: FastifyRequest, row: CaseTable, input: FollowUpCreate, userId: string) {
  return changeCase(deps, request, row, 'case.follow_up', async (trx) => {
    const followUp: FollowUpTable = {
      id: newId(),
      case_id: row.id,
      contacted_at: toUtc(input.contactedAt),
      method: input.method,
      survivor_safe: input.survivorSafe,
      violence_recurred: input.violenceRecurred ? 1 : 0,
      new_needs: JSON.stringify(input.newNeeds),
      note_enc: input.note ? deps.cipher.encrypt(input.note) : null,
      next_follow_up_on: input.nextFollowUpOn ?? null,
      created_by: userId,
      created_at: nowIso(),
    };
    await trx.insertInto('follow_ups').values(followUp).execute();
    await addEvent(trx, deps, row.id, userId, 'follow_up', {
      followUpId: followUp.id, contactedAt: followUp.contacted_at, method: input.method, survivorSafe: input.survivorSafe,
      violenceRecurred: input.violenceRecurred, newNeeds: input.newNeeds, nextFollowUpOn: followUp.next_follow_up_on,
    }, input.note ?? null);
    return { followUpId: followUp.id, survivorSafe: input.survivorSafe, violenceRecurred: input.violenceRecurred };
  });
}

/** The case's follow-ups, latest contact first. */
export async function listFollowUps(deps: AppDeps, caseId: string, role: Role): Promise<FollowUpView[]> {
  const rows = await deps.db.selectFrom('follow_ups').selectAll().where('case_id', '=', caseId).orderBy('contacted_at', 'desc').orderBy('id').execute();
  const by = await people(deps, rows.map((r) => r.created_by));
  const canIdentify = roleCan(role, 'cases.identify');
  return rows.map((f) => ({
    id: f.id,
    contactedAt: f.contacted_at,
    method: f.method as FollowUpView['method'],
    survivorSafe: f.survivor_safe as FollowUpView['survivorSafe'],
    violenceRecurred: Number(f.violence_recurred) === 1,
    newNeeds: JSON.parse(f.new_needs) as FollowUpView['newNeeds'],
    nextFollowUpOn: f.next_follow_up_on,
    note: canIdentify && f.note_enc ? deps.cipher.decrypt(f.note_enc) : null,
    createdBy: by.get(f.created_by) ?? null,
    createdAt: f.created_at,
  }));
}
