// POST /api/sync: the operations a device queued while offline, run in order, each on its own. Every
// operation goes through the same access check, the same validation (with the real clock) and the same
// service function as its online route; one operation's refusal never touches another's result.
//
// Receipts (sync_operations) make a repeated send the same write. The write's own audit entry inserts the
// receipt in the write's transaction (see audit-context.ts), so a crash between the two is impossible and
// a concurrent replay fails on the receipt's key and rolls back. Answers to a replay, from the receipt:
//  - an op that was applied → 'duplicate' (with the case and version it landed on), nothing written again;
//  - an op that met conflicts → 'conflict' with its conflicts as they are now, or 'duplicate' once all
//    of them are resolved;
//  - an op that was refused for a rule (closed case, rights, validation …) → 'refused' again with the same
//    code (the message in the language of the new request).
// A replay says nothing more about a case the user may no longer read and write (moved, rights changed):
// its code, version and conflicts are left out. Open conflicts are always looked up by the op id, so a
// crash between the write and the answer's update cannot hide one.
// Unexpected failures (not a rule) leave no receipt: the op answers 'failed' (INTERNAL) and the rest of the
// batch is not tried ('failed', SYNC_NOT_PROCESSED), so the device sends them again later, in order (a
// follow-up whose case.open failed must not run first).
// An op id already used by another user is refused (SYNC_OP_ID_TAKEN) and reveals nothing about it.
import type { FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';
import {
  CaseDetailsEdit, CaseNoteCreate, OutreachActivityInput, ServiceGivenInput, can, errorMessage,
  makeCaseCreateSchema, makeFollowUpSchema, makeProtectionMeasureSchema, makeRiskAssessmentSchema,
  type ErrorCode, type Locale, type SyncBatch, type SyncBatchResult, type SyncConflictView, type SyncOp, type SyncOpResult,
} from '@binhan/domain';
import type { SyncOperationTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { authorize } from '../../http/access.js';
import { audit, type SyncReceiptMarker } from '../../http/audit-context.js';
import { renderIssue } from '../../http/error-handler.js';
import { AppError, Invalid, NotFound, type FieldIssue } from '../../http/errors.js';
import { now, nowIso } from '../../lib/clock.js';
import { addNote, recordRiskAssessment, recordService } from '../cases/actions.js';
import { caseInScope, recheck } from '../cases/case-access.js';
import { intakeClientKey, openCaseOnce } from '../cases/intake.js';
import { createActivity } from '../outreach/activities.js';
import { addFollowUp, addMeasure } from '../measures/service.js';
import { applyDetails, presentConflicts } from './details.js';

/** What the receipt keeps besides its columns: the answer given, and for a refusal what to say again. */
interface StoredResult {
  /** Partial when the receipt was written inside the write's transaction (only the outreach record's id). */
  result?: Partial<SyncOpResult>;
  error?: { code: ErrorCode; values: Record<string, string | number>; issues: FieldIssue[] };
}

/** What one operation did, before it is turned into its answer. */
interface Outcome {
  duplicate?: boolean;
  caseId: string | null;
  recordId: string | null;
  conflicts: SyncConflictView[];
}

const emptyResult = (opId: string): SyncOpResult => ({
  opId, status: 'applied', code: null, message: null, caseId: null, caseCode: null, version: null, recordId: null, conflicts: [],
});

/** A refusal's message: the code's text, with the marked fields after it for a validation failure. */
function refusalMessage(locale: Locale, error: NonNullable<StoredResult['error']>): string {
  const base = errorMessage(locale, error.code, error.values);
  if (error.issues.length === 0) return base;
  return `${base} ${error.issues.map((i) => renderIssue(locale, i)).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`;
}

const CASE_KINDS = new Set<SyncOp['kind']>(['case.follow_up', 'case.note', 'case.service', 'case.measure', 'case.risk_assessment', 'case.details']);

/** Refusals said the way a person working offline understands them. */
function syncError(op: SyncOp, error: AppError): NonNullable<StoredResult['error']> {
  let code = error.code;
  if (CASE_KINDS.has(op.kind) && code === 'NOT_FOUND') code = 'SYNC_CASE_NOT_FOUND';
  else if (CASE_KINDS.has(op.kind) && code === 'UNIT_OUT_OF_SCOPE') code = 'SYNC_CASE_OUT_OF_SCOPE';
  else if (code === 'FORBIDDEN') code = 'SYNC_FORBIDDEN';
  return { code, values: error.values, issues: error.issues };
}

export class SyncRunner {
  private readonly limits;
  private readonly checklist;

  constructor(private readonly deps: AppDeps, private readonly request: FastifyRequest) {
    this.limits = deps.config.caseSettings.measureLimits;
    this.checklist = deps.config.caseSettings.riskChecklist;
  }

  private get userId(): string {
    const auth = this.request.auth;
    if (!auth) throw new Error('sync needs a signed-in user');
    return auth.actor.id;
  }

  async runBatch(batch: SyncBatch): Promise<SyncBatchResult> {
    const results: SyncOpResult[] = [];
    let stopped = false;
    for (const op of batch.ops) {
      // After a failure the rest waits, so the device sends it again in the same order.
      if (stopped) {
        results.push(this.failure(op.opId, 'SYNC_NOT_PROCESSED'));
        continue;
      }
      let result: SyncOpResult;
      try {
        result = await this.runOp(batch.deviceId, op);
      } catch (error) {
        this.logFailure(error);
        result = this.failure(op.opId, 'INTERNAL');
      }
      if (result.status === 'failed') stopped = true;
      results.push(result);
    }
    const count = (status: SyncOpResult['status']) => results.filter((r) => r.status === status).length;
    // Refusals by code: a queue refused for rights or scope is worth a supervisor's look.
    const refusals: Record<string, number> = {};
    for (const r of results) if (r.status === 'refused' && r.code) refusals[r.code] = (refusals[r.code] ?? 0) + 1;
    await audit(this.request, this.deps.db, {
      action: 'sync.batch',
      details: {
        deviceId: batch.deviceId, ops: results.length, applied: count('applied'), duplicate: count('duplicate'), conflict: count('conflict'), refused: count('refused'),
        ...(count('failed') > 0 ? { failed: count('failed') } : {}),
        ...(Object.keys(refusals).length > 0 ? { refusals } : {}),
      },
    });
    return { results };
  }

  private receipt(opId: string) {
    return this.deps.db.selectFrom('sync_operations').selectAll().where('op_id', '=', opId).executeTakeFirst();
  }

  /** The answer to an operation sent again, from its receipt. */
  private async replay(row: SyncOperationTable): Promise<SyncOpResult> {
    if (row.user_id !== this.userId) return this.refusal(row.op_id, { code: 'SYNC_OP_ID_TAKEN', values: {}, issues: [] });
    const stored = JSON.parse(row.result_json) as StoredResult;
    if (row.status === 'refused' && stored.error) return this.refusal(row.op_id, stored.error);
    const result: SyncOpResult = { ...emptyResult(row.op_id), ...stored.result, status: 'duplicate', conflicts: [] };
    if (!row.case_id) return result;
    const found = await this.deps.db.selectFrom('cases').select(['id', 'code', 'version', 'unit_id']).where('id', '=', row.case_id).executeTakeFirst();
    const actor = await this.request.loadActor();
    if (!found || !can(actor, 'cases.read', { unitId: found.unit_id }) || !can(actor, 'cases.write', { unitId: found.unit_id })) {
      // Done, but the case is no longer the user's to work on: nothing more about it.
      return { ...result, caseId: row.case_id, caseCode: null, version: null, conflicts: [] };
    }
    if (result.caseId === null) {
      // The receipt was written with the write but its answer was not (a crash in between, or an online
      // write sent with X-Client-Op-Id): answer with the case as it is now.
      Object.assign(result, { caseId: found.id, caseCode: found.code, version: Number(found.version) });
    }
    // Whatever the receipt's status says, the op's conflicts still open are looked up.
    const rows = await this.deps.db.selectFrom('sync_conflicts').selectAll().where('op_id', '=', row.op_id).where('case_id', '=', found.id).where('status', '=', 'open').orderBy('created_at').orderBy('id').execute();
    const conflicts = await presentConflicts(this.deps, rows);
    return { ...result, conflicts, status: conflicts.length > 0 ? 'conflict' : 'duplicate' };
  }

  /** A temporary failure: no receipt, the device sends the op again later. */
  private failure(opId: string, code: 'INTERNAL' | 'SYNC_NOT_PROCESSED'): SyncOpResult {
    return { ...emptyResult(opId), status: 'failed', code, message: errorMessage(this.request.locale, code) };
  }

  private logFailure(error: unknown): void {
    const err = error instanceof Error ? { type: error.name, stack: error.stack } : { type: typeof error };
    this.request.log.error({ err }, 'sync operation failed');
  }

  private refusal(opId: string, error: NonNullable<StoredResult['error']>): SyncOpResult {
    return { ...emptyResult(opId), status: 'refused', code: error.code, message: refusalMessage(this.request.locale, error) };
  }

  /** Write a receipt outside the operation's transaction; if one appeared meanwhile, answer from it. */
  private async writeReceipt(op: SyncOp, deviceId: string, row: Pick<SyncOperationTable, 'status' | 'code' | 'case_id'>, stored: StoredResult): Promise<SyncOpResult | null> {
    try {
      await this.deps.db.insertInto('sync_operations').values({
        op_id: op.opId, user_id: this.userId, device_id: deviceId, kind: op.kind, ...row,
        result_json: JSON.stringify(stored), recorded_at: op.recordedAt, created_at: nowIso(),
      }).execute();
      return null;
    } catch (error) {
      const raced = await this.receipt(op.opId);
      if (raced) return this.replay(raced);
      throw error;
    }
  }

  async runOp(deviceId: string, op: SyncOp): Promise<SyncOpResult> {
    const earlier = await this.receipt(op.opId);
    if (earlier) return this.replay(earlier);
    const marker: SyncReceiptMarker = {
      opId: op.opId, kind: op.kind, userId: this.userId, deviceId, recordedAt: op.recordedAt,
      resourceType: op.kind === 'outreach.activity' ? 'outreach_activity' : 'case', caseId: null, resourceId: null, writtenIn: null,
    };
    let outcome: Outcome;
    this.request.syncReceipt = marker;
    try {
      outcome = await this.dispatch(op, marker);
    } catch (error) {
      this.request.syncReceipt = null;
      // A concurrent send of the same operation wrote its receipt first: this one rolled back.
      const raced = await this.receipt(op.opId);
      if (raced) return this.replay(raced);
      if (!(error instanceof AppError) || error.statusCode >= 500) {
        this.logFailure(error);
        return this.failure(op.opId, 'INTERNAL');
      }
      const refused = syncError(op, error);
      const result = this.refusal(op.opId, refused);
      return (await this.writeReceipt(op, deviceId, { status: 'refused', code: refused.code, case_id: marker.caseId }, { error: refused, result })) ?? result;
    } finally {
      this.request.syncReceipt = null;
    }
    const result: SyncOpResult = {
      ...emptyResult(op.opId),
      status: outcome.conflicts.length > 0 ? 'conflict' : outcome.duplicate ? 'duplicate' : 'applied',
      caseId: outcome.caseId, recordId: outcome.recordId, conflicts: outcome.conflicts,
    };
    if (outcome.caseId) {
      const found = await this.deps.db.selectFrom('cases').select(['code', 'version']).where('id', '=', outcome.caseId).executeTakeFirst();
      if (found) Object.assign(result, { caseCode: found.code, version: Number(found.version) });
    }
    const status = outcome.conflicts.length > 0 ? 'conflict' : 'applied';
    const stored: StoredResult = { result: { ...result, status: 'applied', conflicts: [] } };
    const existing = await this.receipt(op.opId);
    if (existing) {
      await this.deps.db.updateTable('sync_operations').set({ status, case_id: outcome.caseId, result_json: JSON.stringify(stored) })
        .where('op_id', '=', op.opId).where('user_id', '=', this.userId).execute();
      return result;
    }
    // Nothing was written (the change was already there, or the case was opened online with this key).
    return (await this.writeReceipt(op, deviceId, { status, code: null, case_id: outcome.caseId }, stored)) ?? result;
  }

  /** The case an operation is about: a server case id, or the op id of this user's earlier case.open. */
  private async caseIdOf(op: SyncOp): Promise<string> {
    if (!op.caseRef) throw new Invalid('VALIDATION_FAILED', {}, [{ path: 'caseRef', key: 'required' }]);
    const opened = await this.deps.db.selectFrom('sync_operations').select(['kind', 'case_id', 'status'])
      .where('op_id', '=', op.caseRef).where('user_id', '=', this.userId).executeTakeFirst();
    if (opened) {
      if (opened.kind === 'case.open' && opened.status !== 'refused' && opened.case_id) return opened.case_id;
      throw new NotFound();
    }
    // A case.open sent online with the op id as its Idempotency-Key has no receipt, but its key finds it.
    const online = await this.deps.db.selectFrom('cases').select('id').where('client_key', '=', intakeClientKey(this.userId, op.caseRef)).executeTakeFirst();
    return online?.id ?? op.caseRef;
  }

  private async dispatch(op: SyncOp, marker: SyncReceiptMarker): Promise<Outcome> {
    const { deps, request } = this;
    const payload: unknown = op.payload;
    const parse = <T>(schema: ZodType<T>) => recheck(schema, payload);
    if (op.kind === 'case.open') {
      authorize(request, 'cases.write');
      const input = parse(makeCaseCreateSchema(now()));
      const actor = await request.loadActor();
      const viewer = { id: actor.id, role: actor.role, isUnscoped: actor.isUnscoped === true, unitScope: actor.unitScope };
      const opened = await openCaseOnce(deps, request, viewer, input, { key: intakeClientKey(actor.id, op.opId), requestHash: null });
      return { duplicate: !opened.created, caseId: opened.id, recordId: null, conflicts: [] };
    }
    if (op.kind === 'outreach.activity') {
      const actor = await request.loadActor();
      authorize(request, 'outreach.write');
      const input = parse(OutreachActivityInput);
      authorize(request, 'outreach.write', { unitId: input.unitId }, actor);
      const id = await createActivity(deps, request, actor, input);
      return { caseId: null, recordId: id, conflicts: [] };
    }
    const caseId = await this.caseIdOf(op);
    marker.caseId = caseId;
    const { row, actor } = await caseInScope(request, caseId, 'cases.write');
    const done: Outcome = { caseId: row.id, recordId: null, conflicts: [] };
    switch (op.kind) {
      case 'case.follow_up':
        await addFollowUp(deps, request, row, parse(makeFollowUpSchema(now())), actor.id);
        return done;
      case 'case.note':
        await addNote(deps, request, row, parse(CaseNoteCreate).body, actor.id);
        return done;
      case 'case.service':
        await recordService(deps, request, row, parse(ServiceGivenInput), actor.id);
        return done;
      case 'case.measure':
        await addMeasure(deps, request, row, parse(makeProtectionMeasureSchema(now(), this.limits)), actor.id);
        return done;
      case 'case.risk_assessment':
        await recordRiskAssessment(deps, request, row, parse(makeRiskAssessmentSchema(this.checklist, now())), this.checklist, actor.id);
        return done;
      case 'case.details': {
        const outcome = await applyDetails(deps, request, row, parse(CaseDetailsEdit), actor.id, { opId: op.opId });
        return { ...done, conflicts: outcome.conflicts };
      }
      default:
        throw new Invalid('VALIDATION_FAILED', {}, [{ path: 'kind', key: 'invalid_value' }]);
    }
  }
}
