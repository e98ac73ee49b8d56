import type { FastifyRequest } from 'fastify';
import type { AuditEvent } from '../security/audit-chain.js';
import type { Checkpoint } from '../security/audit-anchors.js';
import { appendAudit } from '../security/audit-chain.js';
import type { Database } from '../db/schema.js';
import type { Kysely, Transaction } from 'kysely';
import { nowIso } from '../lib/clock.js';

/**
 * Set while POST /api/sync runs one queued operation (or an online write sent with X-Client-Op-Id, see
 * client-op.ts): the write's audit entry also writes the operation's
 * receipt (sync_operations), in the same transaction, so a replay can never apply the operation twice.
 */
export interface SyncReceiptMarker {
  opId: string;
  kind: string;
  userId: string;
  deviceId: string;
  recordedAt: string;
  /** The audited resource that is the operation's write ('case' or 'outreach_activity'). */
  resourceType: string;
  /** The case the operation is about, when known before the write. */
  caseId: string | null;
  /** The id of the audited resource once the receipt is written (the new case for case.open). */
  resourceId: string | null;
  /** The transaction that wrote the receipt (a write retried in a new transaction writes it again). */
  writtenIn: unknown;
  /** An online write sent with X-Client-Op-Id (audited as online, with its op id), not a queued op. */
  online?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    syncReceipt?: SyncReceiptMarker | null;
  }
}

/**
 * After an export or an approval is committed, sign the chain's head and write it outside the database
 * (security/audit-anchors.ts). A failure is logged for the operator, not shown to the user: the export is
 * in the log already, and the next checkpoint anchors it.
 */
export async function anchorAuditHead(request: FastifyRequest, reason: string, ref: string | null = null): Promise<Checkpoint | null> {
  const deps = request.server.deps;
  try {
    return await deps.anchors.checkpoint(deps.db, reason, ref);
  } catch (error) {
    request.log.error({ err: error }, 'audit checkpoint failed');
    return null;
  }
}

/** Who did it and from where, for an audit entry. */
export function auditActor(request: FastifyRequest): Pick<AuditEvent, 'actorId' | 'actorUsername' | 'actorRole' | 'ipAddress'> {
  const actor = request.auth?.actor;
  return { actorId: actor?.id ?? null, actorUsername: actor?.username ?? null, actorRole: actor?.role ?? null, ipAddress: request.ip };
}

/** Append an audit entry for this request inside the given transaction. */
export async function audit(request: FastifyRequest, trx: Transaction<Database> | Kysely<Database>, event: Omit<AuditEvent, 'actorId' | 'actorUsername' | 'actorRole' | 'ipAddress'>): Promise<void> {
  const marker = request.syncReceipt;
  if (!marker) return appendAudit(trx, request.server.deps, { ...auditActor(request), ...event });
  if (marker.writtenIn !== trx && trx.isTransaction && event.resourceType === marker.resourceType) {
    // A concurrent replay of the same operation fails here on the primary key and rolls its write back.
    await trx.insertInto('sync_operations').values({
      op_id: marker.opId, user_id: marker.userId, device_id: marker.deviceId, kind: marker.kind,
      case_id: marker.resourceType === 'case' ? event.resourceId ?? marker.caseId : marker.caseId,
      status: 'applied', code: null,
      // A record that is not a case (an outreach activity) keeps its id, so a replay can answer it.
      result_json: marker.resourceType === 'case' ? '{}' : JSON.stringify({ result: { recordId: event.resourceId ?? null } }),
      recorded_at: marker.recordedAt, created_at: nowIso(),
    }).execute();
    marker.writtenIn = trx;
    marker.resourceId = event.resourceId ?? null;
  }
  return appendAudit(trx, request.server.deps, {
    ...auditActor(request), ...event,
    details: marker.online ? { ...event.details, clientOpId: marker.opId } : { ...event.details, viaSync: true, opId: marker.opId, recordedAt: marker.recordedAt },
  });
}
