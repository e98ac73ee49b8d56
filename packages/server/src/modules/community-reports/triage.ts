// Triage of a report: open a case from it (the case and the report's new state are one transaction),
// link it to a case already open, or close it with a reason. Only a report still "new" can be triaged;
// when two officers act at once, the second is told it is done and nothing of theirs is written.
import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import { can, formatReportReference, type Actor, type CaseCreate, type ReportCloseInput, type ReportLinkInput } from '@binhan/domain';
import type { CaseTable, CommunityReportTable, Database } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../http/audit-context.js';
import { Conflict, invalidField } from '../../http/errors.js';
import { now } from '../../lib/clock.js';
import { addEvent, openCase, type ClientKey } from '../cases/intake.js';
import type { CaseViewer } from '../cases/queries.js';

type Outcome = 'case_opened' | 'linked' | 'closed';

interface TriageChange {
  outcome: Outcome;
  caseId: string | null;
  closeReason: string | null;
  note: string | null;
}

/** Mark the report triaged, only if it is still new; otherwise the whole transaction is undone. */
async function markTriaged(deps: AppDeps, request: FastifyRequest, trx: Transaction<Database>, report: CommunityReportTable, actorId: string, change: TriageChange): Promise<void> {
  const at = now();
  const minutes = Math.max(0, Math.floor((at.getTime() - Date.parse(report.received_at)) / 60_000));
  const result = await trx.updateTable('community_reports').set({
    status: change.outcome,
    triaged_at: at.toISOString(),
    triaged_by: actorId,
    triage_minutes: minutes,
    case_id: change.caseId,
    close_reason: change.closeReason,
    triage_note_enc: change.note ? deps.cipher.encrypt(change.note) : null,
  }).where('id', '=', report.id).where('status', '=', 'new').executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new Conflict('REPORT_ALREADY_TRIAGED');
  if (change.caseId !== null) {
    await addEvent(trx, deps, change.caseId, actorId, 'community_report_linked', { reference: formatReportReference(report.reference), outcome: change.outcome, reportId: report.id });
  }
  await audit(request, trx, {
    action: 'community_report.triage', resourceType: 'community_report', resourceId: report.id,
    details: { outcome: change.outcome, caseId: change.caseId, closeReason: change.closeReason, triageMinutes: minutes },
  });
}

export function assertNew(report: CommunityReportTable): void {
  if (report.status !== 'new') throw new Conflict('REPORT_ALREADY_TRIAGED');
}

export async function openCaseFromReport(
  deps: AppDeps, request: FastifyRequest, viewer: CaseViewer, report: CommunityReportTable, input: CaseCreate, client: ClientKey | null = null,
): Promise<CaseTable> {
  assertNew(report);
  return openCase(deps, request, viewer, input, client, (trx, row) =>
    markTriaged(deps, request, trx, report, viewer.id, { outcome: 'case_opened', caseId: row.id, closeReason: null, note: null }));
}

export async function linkReport(deps: AppDeps, request: FastifyRequest, actor: Actor & { id: string }, report: CommunityReportTable, input: ReportLinkInput): Promise<void> {
  assertNew(report);
  const target = await deps.db.selectFrom('cases').select(['id', 'unit_id']).where('id', '=', input.caseId).executeTakeFirst();
  // A case outside the area is answered exactly like a case that does not exist.
  if (!target || !can(actor, 'cases.read', { unitId: target.unit_id })) throw invalidField('caseId', 'REPORT_CASE_OUT_OF_SCOPE');
  await deps.db.transaction().execute((trx) =>
    markTriaged(deps, request, trx, report, actor.id, { outcome: 'linked', caseId: target.id, closeReason: null, note: input.note ?? null }));
}

export async function closeReport(deps: AppDeps, request: FastifyRequest, actorId: string, report: CommunityReportTable, input: ReportCloseInput): Promise<void> {
  assertNew(report);
  await deps.db.transaction().execute((trx) =>
    markTriaged(deps, request, trx, report, actorId, { outcome: 'closed', caseId: null, closeReason: input.reason, note: input.note ?? null }));
}
