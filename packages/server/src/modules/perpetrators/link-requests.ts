// Links to a perpetrator recorded by another commune wait for that commune's consent (issue 14, item 3):
// the record's commune, or the focal point whose area covers it, approves or declines. Until then the
// asking commune sees nothing of the record; both the request and the decision are audited, on the case
// and on the record.
import type { FastifyRequest } from 'fastify';
import { vietnamDateOf, type PerpetratorLinkRequestDecision, type PerpetratorLinkRequestView } from '@binhan/domain';
import type { PerpetratorLinkRequestTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../http/audit-context.js';
import { Conflict, Forbidden, NotFound } from '../../http/errors.js';
import { nowIso } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { addEvent } from '../cases/intake.js';
import { inScope, scopeIds, type PerpetratorViewer } from './access.js';
import { rewriteDetails } from './service.js';

async function present(deps: AppDeps, viewer: PerpetratorViewer, rows: PerpetratorLinkRequestTable[]): Promise<PerpetratorLinkRequestView[]> {
  if (rows.length === 0) return [];
  const graph = await deps.units.graph();
  const [records, cases] = await Promise.all([
    deps.db.selectFrom('perpetrators').select(['id', 'code']).where('id', 'in', [...new Set(rows.map((r) => r.perpetrator_id))]).execute(),
    deps.db.selectFrom('cases').select(['id', 'code']).where('id', 'in', [...new Set(rows.map((r) => r.case_id))]).execute(),
  ]);
  const codeOf = new Map(records.map((r) => [r.id, r.code]));
  const caseCodeOf = new Map(cases.map((c) => [c.id, c.code]));
  return rows.map((r) => {
    const incoming = inScope(viewer, r.owner_unit_id);
    return {
      id: r.id,
      direction: incoming ? 'incoming' : 'outgoing',
      status: r.status as PerpetratorLinkRequestView['status'],
      requestedAt: r.requested_at,
      decidedAt: r.decided_at,
      requestingUnit: { id: r.unit_id, name: graph.get(r.unit_id)?.name ?? '' },
      occurredOn: vietnamDateOf(r.occurred_at),
      relationship: r.relationship,
      // The record's code only to the commune that holds it; the asking commune sees its own case.
      perpetrator: incoming ? { id: r.perpetrator_id, code: codeOf.get(r.perpetrator_id) ?? '' } : null,
      case: inScope(viewer, r.unit_id) ? { id: r.case_id, code: caseCodeOf.get(r.case_id) ?? '' } : null,
      canDecide: incoming && r.status === 'pending',
    };
  });
}

/** Requests to decide (the record is in my area) and requests my area made, newest first. */
export async function listLinkRequests(deps: AppDeps, viewer: PerpetratorViewer, status: 'pending' | 'all'): Promise<PerpetratorLinkRequestView[]> {
  const ids = scopeIds(viewer);
  let q = deps.db.selectFrom('perpetrator_link_requests').selectAll();
  if (!viewer.isUnscoped) q = q.where((eb) => eb.or([eb('owner_unit_id', 'in', ids), eb('unit_id', 'in', ids)]));
  if (status === 'pending') q = q.where('status', '=', 'pending');
  return present(deps, viewer, await q.orderBy('requested_at', 'desc').limit(200).execute());
}

export async function decideLinkRequest(
  deps: AppDeps, request: FastifyRequest, viewer: PerpetratorViewer, id: string, input: PerpetratorLinkRequestDecision,
): Promise<PerpetratorLinkRequestView> {
  const row = await deps.db.selectFrom('perpetrator_link_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !(inScope(viewer, row.owner_unit_id) || inScope(viewer, row.unit_id))) throw new NotFound();
  // The asking commune cannot approve its own request: the consent is the record's commune's.
  if (!inScope(viewer, row.owner_unit_id)) throw new Forbidden('UNIT_OUT_OF_SCOPE');
  const approve = input.decision === 'approve';
  const at = nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const changed = await trx.updateTable('perpetrator_link_requests').set({ status: approve ? 'approved' : 'declined', decided_by: viewer.id, decided_at: at })
      .where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw new Conflict('PERPETRATOR_LINK_REQUEST_DECIDED');
    if (approve) {
      await trx.insertInto('perpetrator_links').values({
        id: newId(), perpetrator_id: row.perpetrator_id, incident_id: row.incident_id, case_id: row.case_id, unit_id: row.unit_id,
        occurred_at: row.occurred_at, relationship: row.relationship, age_years: row.age_years, note_enc: row.note_enc, created_by: row.requested_by, created_at: at,
      }).execute();
    }
    // The incident's entry that asked now names the record, or stays a description only.
    await rewriteDetails(trx, deps, row.incident_id, (entries) => entries.map((entry) => {
      if (entry.linkRequestId !== id) return entry;
      const rest = Object.fromEntries(Object.entries(entry).filter(([key]) => key !== 'linkRequestId'));
      return approve ? { ...rest, perpetratorId: row.perpetrator_id } : rest;
    }));
    const details = { requestId: id, decision: input.decision, caseId: row.case_id, incidentId: row.incident_id, requestingUnitId: row.unit_id };
    await audit(request, trx, { action: `perpetrator.link_request_${input.decision}`, resourceType: 'perpetrator', resourceId: row.perpetrator_id, details });
    await audit(request, trx, { action: `case.perpetrator_link_request_${input.decision}`, resourceType: 'case', resourceId: row.case_id, details: { requestId: id, incidentId: row.incident_id } });
    await addEvent(trx, deps, row.case_id, viewer.id, `perpetrator_link_request_${input.decision}`, approve ? { incidentId: row.incident_id, perpetratorId: row.perpetrator_id } : { incidentId: row.incident_id });
  });
  const updated = await deps.db.selectFrom('perpetrator_link_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return (await present(deps, viewer, [updated]))[0] as PerpetratorLinkRequestView;
}
