// Online writes that carry the client's op id (header X-Client-Op-Id, a UUID). The web app gives every
// write the id it would queue it under offline; when the answer to an online write is lost, the device
// queues it and later sends it through POST /api/sync. With the id, the online write writes the same
// receipt a sync op writes (in the write's own transaction, see audit-context.ts), so the queued copy
// answers 'duplicate' instead of writing twice. Sent online again, the same id answers 409:
// SYNC_ALREADY_APPLIED for the user's own op, SYNC_OP_ID_TAKEN for another user's (revealing nothing).
//
// Routes opt in with `config: { syncKind: '<the matching sync op kind>' }`. Without the header, or with
// an invalid one, a route works as before. An optional X-Device-Id (UUID) names the device in the receipt.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Id, type SyncOpKind } from '@binhan/domain';
import { nowIso } from '../lib/clock.js';
import { Conflict } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The sync op kind this online write is (it accepts X-Client-Op-Id). */
    syncKind?: SyncOpKind;
  }
}

export const CLIENT_OP_HEADER = 'x-client-op-id';
export const DEVICE_HEADER = 'x-device-id';
/** The receipt's device when the request names none. */
export const NO_DEVICE = '00000000-0000-0000-0000-000000000000';

function uuidHeader(value: string | string[] | undefined): string | null {
  if (typeof value !== 'string') return null;
  const parsed = Id.safeParse(value.trim().toLowerCase());
  return parsed.success ? parsed.data : null;
}

/** A unique-key violation: PostgreSQL 23505, SQLite's constraint codes for a primary or unique key. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * The same op id sent several times at once: each request passed the check above before any had
 * committed, and all but one then fail on the receipt's key. Those answer what a repeated send answers
 * (409 SYNC_ALREADY_APPLIED), not a 500 "not saved" for a change that was saved.
 */
export async function concurrentRepeatAnswer(request: FastifyRequest, error: unknown): Promise<Conflict | null> {
  const marker = request.syncReceipt;
  if (!marker?.online || !isUniqueViolation(error)) return null;
  const earlier = await request.server.deps.db.selectFrom('sync_operations').select('user_id').where('op_id', '=', marker.opId).executeTakeFirst();
  if (!earlier) return null;
  return new Conflict(earlier.user_id === marker.userId ? 'SYNC_ALREADY_APPLIED' : 'SYNC_OP_ID_TAKEN');
}

export function registerClientOps(app: FastifyInstance): void {
  // After access control and body validation: a refused or invalid request writes nothing anyway.
  app.addHook('preHandler', async (request) => {
    const kind = request.routeOptions.config.syncKind;
    if (!kind) return;
    const opId = uuidHeader(request.headers[CLIENT_OP_HEADER]);
    const user = request.auth?.actor;
    if (!opId || !user) return;
    const earlier = await request.server.deps.db.selectFrom('sync_operations').select('user_id').where('op_id', '=', opId).executeTakeFirst();
    if (earlier) throw new Conflict(earlier.user_id === user.id ? 'SYNC_ALREADY_APPLIED' : 'SYNC_OP_ID_TAKEN');
    const params = request.params as { id?: unknown } | undefined;
    const caseId = kind.startsWith('case.') && kind !== 'case.open' && typeof params?.id === 'string' ? params.id : null;
    request.syncReceipt = {
      opId, kind, userId: user.id, deviceId: uuidHeader(request.headers[DEVICE_HEADER]) ?? NO_DEVICE, recordedAt: nowIso(),
      resourceType: kind === 'outreach.activity' ? 'outreach_activity' : 'case', caseId, resourceId: null, writtenIn: null, online: true,
    };
  });
}
