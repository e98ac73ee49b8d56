// Editing a case's details field by field (village, safety plan, next follow-up date), online and from a
// device's queue alike. Each edit names the value it started from: when the server still holds that
// value the edit applies; when the server already holds the new value there is nothing to do; otherwise
// someone changed the field in between, and the edit is kept as a conflict (the three values encrypted)
// for a person to decide. Nothing is overwritten silently; the fields without conflict apply together in
// one transaction with the timeline event, the audit entry and the version bump.
import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import {
  CASE_DETAIL_FIELDS, IsoDate, toNfc,
  type CaseDetailField, type CaseDetailsEdit, type SyncConflictView,
} from '@binhan/domain';
import type { CaseTable, Database, SyncConflictTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../http/audit-context.js';
import { Conflict, Invalid, NotFound, invalidField } from '../../http/errors.js';
import { nowIso } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { changeCase } from '../cases/actions.js';
import { addEvent } from '../cases/intake.js';
import { loadCaseRow } from '../cases/queries.js';

type Trx = Transaction<Database>;

export const SAFETY_PLAN_MAX = 4000;

interface FieldChange {
  field: CaseDetailField;
  from: string | null;
  to: string | null;
}

export interface DetailsOutcome {
  applied: CaseDetailField[];
  conflicts: SyncConflictView[];
}

/** The same text is the same value whatever the spaces around it; an empty value is no value. */
function normalize(field: CaseDetailField, value: string | null): string | null {
  if (value === null) return null;
  const trimmed = field === 'safetyPlan' ? toNfc(value.trim()) : value.trim();
  return trimmed === '' ? null : trimmed;
}

/** The server's current value of a field (the safety plan decrypted). */
export function currentValue(deps: AppDeps, row: CaseTable, field: CaseDetailField): string | null {
  if (field === 'villageId') return row.village_id;
  if (field === 'nextFollowUpOn') return row.next_follow_up_on;
  return row.safety_plan_enc ? deps.cipher.decrypt(row.safety_plan_enc) : null;
}

/** The new values must be valid whatever happens to them: a village of the case's commune, a real date, a plan of at most 4000 characters. */
async function validChanges(deps: AppDeps, row: CaseTable, input: CaseDetailsEdit): Promise<FieldChange[]> {
  const changes: FieldChange[] = [];
  const graph = await deps.units.graph();
  for (const field of CASE_DETAIL_FIELDS) {
    const edit = input.changes[field];
    if (!edit) continue;
    const to = normalize(field, edit.to);
    const path = `changes.${field}.to`;
    if (to !== null && field === 'villageId' && graph.get(to)?.parentId !== row.unit_id) throw invalidField(path, 'VILLAGE_NOT_IN_COMMUNE');
    if (to !== null && field === 'nextFollowUpOn') {
      const parsed = IsoDate.safeParse(to);
      if (!parsed.success) throw new Invalid('VALIDATION_FAILED', {}, [{ path, key: parsed.error.issues[0]?.message === 'date_format' ? 'date_format' : 'date_invalid' }]);
    }
    if (to !== null && field === 'safetyPlan' && to.length > SAFETY_PLAN_MAX) throw new Invalid('VALIDATION_FAILED', {}, [{ path, key: 'too_big_string', values: { max: SAFETY_PLAN_MAX } }]);
    changes.push({ field, from: normalize(field, edit.from), to });
  }
  return changes;
}

function columnsOf(deps: AppDeps, changes: FieldChange[]): Partial<CaseTable> {
  const set: Partial<CaseTable> = {};
  for (const { field, to } of changes) {
    if (field === 'villageId') set.village_id = to;
    else if (field === 'nextFollowUpOn') set.next_follow_up_on = to;
    else set.safety_plan_enc = to === null ? null : deps.cipher.encrypt(to);
  }
  return set;
}

/** Another write moved the case's version between reading it and writing: read again and decide again. */
class StaleCase extends Error {}

export interface ApplyOptions {
  /** The operation the edit came from (a server-made id for an online edit). */
  opId: string;
  /** The audit action (default case.details). */
  action?: string;
  auditDetails?: Record<string, unknown>;
  /** Runs in the same transaction (resolving a conflict marks it there), told how many new conflicts it stores. */
  within?: (trx: Trx, outcome: { conflicts: number }) => Promise<void>;
}

/**
 * Apply the edits that still start from the server's value, keep the others as conflicts. A closed case
 * refuses every edit. Returns the fields applied and the conflicts stored.
 */
export async function applyDetails(deps: AppDeps, request: FastifyRequest, row: CaseTable, input: CaseDetailsEdit, userId: string, options: ApplyOptions): Promise<DetailsOutcome> {
  if (row.status === 'closed') throw new Conflict('CASE_CLOSED');
  const changes = await validChanges(deps, row, input);
  for (let attempt = 0; ; attempt += 1) {
    const current = await loadCaseRow(deps.db, row.id);
    if (!current) throw new NotFound();
    const apply: FieldChange[] = [];
    const conflicting: Array<FieldChange & { server: string | null }> = [];
    for (const change of changes) {
      const server = currentValue(deps, current, change.field);
      if (server === change.from) {
        if (server !== change.to) apply.push(change);
      } else if (server !== change.to) conflicting.push({ ...change, server });
    }
    if (apply.length === 0 && conflicting.length === 0 && !options.within) return { applied: [], conflicts: [] };
    const stored: SyncConflictTable[] = [];
    const write = async (trx: Trx) => {
      if (apply.length > 0) {
        // Guarded by the version read above: a write in between makes this attempt start again.
        const result = await trx.updateTable('cases').set(columnsOf(deps, apply)).where('id', '=', row.id).where('version', '=', current.version).executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw new StaleCase();
        const shown: Record<string, unknown> = { fields: apply.map((c) => c.field) };
        // The village and the date are shown on the timeline; the safety plan's text never is.
        for (const c of apply) if (c.field !== 'safetyPlan') shown[c.field] = c.to;
        await addEvent(trx, deps, row.id, userId, 'details', shown);
      }
      for (const c of conflicting) {
        const conflict: SyncConflictTable = {
          id: newId(), op_id: options.opId, case_id: row.id, user_id: userId, field: c.field,
          base_value_enc: c.from === null ? null : deps.cipher.encrypt(c.from),
          device_value_enc: c.to === null ? null : deps.cipher.encrypt(c.to),
          server_value_enc: c.server === null ? null : deps.cipher.encrypt(c.server),
          base_version: input.baseVersion, status: 'open', resolution: null, resolved_by: null, resolved_at: null, created_at: nowIso(),
        };
        await trx.insertInto('sync_conflicts').values(conflict).execute();
        stored.push(conflict);
      }
      if (options.within) await options.within(trx, { conflicts: conflicting.length });
      return { fields: apply.map((c) => c.field), conflicts: conflicting.map((c) => c.field), ...options.auditDetails };
    };
    try {
      if (apply.length > 0) {
        await changeCase(deps, request, current, options.action ?? 'case.details', write);
      } else {
        await deps.db.transaction().execute(async (trx) => {
          const details = await write(trx);
          await audit(request, trx, { action: options.action ?? 'case.details_conflict', resourceType: 'case', resourceId: row.id, details });
        });
      }
    } catch (error) {
      if (error instanceof StaleCase && attempt < 5) continue;
      throw error;
    }
    return { applied: apply.map((c) => c.field), conflicts: await presentConflicts(deps, stored) };
  }
}

/** Conflicts as the device and the case page show them, with the case's code and the values decrypted. */
export async function presentConflicts(deps: AppDeps, rows: SyncConflictTable[]): Promise<SyncConflictView[]> {
  if (rows.length === 0) return [];
  const caseIds = [...new Set(rows.map((r) => r.case_id))];
  const codes = new Map((await deps.db.selectFrom('cases').select(['id', 'code']).where('id', 'in', caseIds).execute()).map((c) => [c.id, c.code]));
  const open = (value: string | null) => (value === null ? null : deps.cipher.decrypt(value));
  return rows.map((r) => ({
    id: r.id,
    opId: r.op_id,
    caseId: r.case_id,
    caseCode: codes.get(r.case_id) ?? '',
    field: r.field as CaseDetailField,
    baseValue: open(r.base_value_enc),
    deviceValue: open(r.device_value_enc),
    serverValue: open(r.server_value_enc),
    createdAt: r.created_at,
    status: r.status as SyncConflictView['status'],
    resolution: r.resolution as SyncConflictView['resolution'],
  }));
}

/**
 * Decide a conflict. 'device' applies the device's value now (through applyDetails, so the version moves
 * and the timeline shows it), starting from the server value the conflict showed; 'server' keeps the
 * server's. Either way the conflict is marked resolved in the same transaction, guarded so two people
 * deciding at once cannot both succeed. The audit entry records the choice, never the values.
 *
 * If the field changed again on the server after the conflict was shown, choosing the device's value does
 * not overwrite that newer value: a new conflict (same op, base = the value shown before, server = the
 * value now) replaces the old one, which is closed as superseded (status 'resolved', resolution null), and
 * the new conflicts are returned for the 409 SYNC_CONFLICT answer.
 */
export async function resolveConflict(deps: AppDeps, request: FastifyRequest, row: CaseTable, conflict: SyncConflictTable, choice: 'device' | 'server', userId: string): Promise<SyncConflictView[]> {
  if (conflict.status !== 'open') throw new Conflict('SYNC_CONFLICT_RESOLVED');
  const markResolved = async (trx: Trx, outcome: { conflicts: number } = { conflicts: 0 }) => {
    const superseded = outcome.conflicts > 0;
    const result = await trx.updateTable('sync_conflicts').set({ status: 'resolved', resolution: superseded ? null : choice, resolved_by: userId, resolved_at: nowIso() })
      .where('id', '=', conflict.id).where('status', '=', 'open').executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Conflict('SYNC_CONFLICT_RESOLVED');
  };
  const auditDetails = { conflictId: conflict.id, field: conflict.field, choice };
  if (choice === 'server') {
    await deps.db.transaction().execute(async (trx) => {
      await markResolved(trx);
      await audit(request, trx, { action: 'case.conflict_resolved', resourceType: 'case', resourceId: row.id, details: auditDetails });
    });
    return [];
  }
  const field = conflict.field as CaseDetailField;
  const open = (value: string | null) => (value === null ? null : deps.cipher.decrypt(value));
  const outcome = await applyDetails(deps, request, row, {
    baseVersion: Number(row.version),
    changes: { [field]: { from: open(conflict.server_value_enc), to: open(conflict.device_value_enc) } },
  }, userId, { opId: conflict.op_id, action: 'case.conflict_resolved', auditDetails, within: markResolved });
  return outcome.conflicts;
}
