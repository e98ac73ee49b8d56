import type { FastifyRequest } from 'fastify';
import type { AuditEvent } from '../security/audit-chain.js';
import { appendAudit } from '../security/audit-chain.js';
import type { Database } from '../db/schema.js';
import type { Kysely, Transaction } from 'kysely';

/** Who did it and from where, for an audit entry. */
export function auditActor(request: FastifyRequest): Pick<AuditEvent, 'actorId' | 'actorUsername' | 'actorRole' | 'ipAddress'> {
  const actor = request.auth?.actor;
  return { actorId: actor?.id ?? null, actorUsername: actor?.username ?? null, actorRole: actor?.role ?? null, ipAddress: request.ip };
}

/** Append an audit entry for this request inside the given transaction. */
export function audit(request: FastifyRequest, trx: Transaction<Database> | Kysely<Database>, event: Omit<AuditEvent, 'actorId' | 'actorUsername' | 'actorRole' | 'ipAddress'>): Promise<void> {
  return appendAudit(trx, request.server.deps, { ...auditActor(request), ...event });
}
