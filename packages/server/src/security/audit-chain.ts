// The audit log: append-only, every entry chained to the one before by a keyed hash (HMAC-SHA256), so
// editing, deleting or reordering an entry is detected by verifyAuditChain, and someone who can write to
// the database but does not hold the key cannot recompute the chain. Deleting the newest entries leaves
// a shorter valid chain: the signed checkpoints outside the database (audit-anchors.ts) catch that. Entries never hold an identity: only ids, codes, field names.
import { createHmac } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditVerifyResult } from '@binhan/domain';
import type { Database } from '../db/schema.js';
import type { DatabaseKind } from '../db/database.js';
import { nowIso } from '../lib/clock.js';

const GENESIS = '0'.repeat(64);

export interface AuditEvent {
  action: string;
  outcome?: 'success' | 'failure' | 'denied';
  actorId?: string | null;
  actorUsername?: string | null;
  actorRole?: string | null;
  resourceType?: string | null;
  resourceId?: string | null;
  ipAddress?: string | null;
  /** Ids, codes, changed field names; never names, phone numbers or narratives. */
  details?: Record<string, unknown>;
}

interface ChainFields {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_username: string | null;
  actor_role: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  outcome: string;
  ip_address: string | null;
  details: string;
  prev_hash: string;
}

/** What appending needs: the database kind (for locking) and the chain key. AppDeps provides both. */
export interface AuditChain {
  dbKind: DatabaseKind;
  auditKey: Buffer;
}

function entryHash(key: Buffer, entry: ChainFields): string {
  const canonical = JSON.stringify([
    entry.seq, entry.at, entry.actor_id, entry.actor_username, entry.actor_role, entry.action,
    entry.resource_type, entry.resource_id, entry.outcome, entry.ip_address, entry.details, entry.prev_hash,
  ]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

/**
 * Append one entry inside the caller's transaction, so the entry and the change it records land
 * together; given no transaction, it opens one, because reading the last entry and inserting the next
 * must not interleave with another append.
 */
export async function appendAudit(db: Transaction<Database> | Kysely<Database>, chain: AuditChain, event: AuditEvent): Promise<void> {
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => appendAudit(trx, chain, event));
    return;
  }
  const trx = db;
  if (chain.dbKind === 'postgresql') {
    // Several server processes append to one chain: serialise appends for the rest of the transaction.
    await sql`select pg_advisory_xact_lock(727274)`.execute(trx);
  }
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const fields: ChainFields = {
    seq: (last ? Number(last.seq) : 0) + 1,
    at: nowIso(),
    actor_id: event.actorId ?? null,
    actor_username: event.actorUsername ?? null,
    actor_role: event.actorRole ?? null,
    action: event.action,
    resource_type: event.resourceType ?? null,
    resource_id: event.resourceId ?? null,
    outcome: event.outcome ?? 'success',
    ip_address: event.ipAddress ?? null,
    details: JSON.stringify(event.details ?? {}),
    prev_hash: last?.hash ?? GENESIS,
  };
  await trx.insertInto('audit_log').values({ ...fields, hash: entryHash(chain.auditKey, fields) }).execute();
}

/**
 * Walk the chain in order. An entry whose own hash does not match was edited; a gap in sequence numbers
 * means entries were deleted before it; a link to the wrong predecessor means entries were reordered or
 * replaced.
 */
export async function verifyAuditChain(db: Kysely<Database>, auditKey: Buffer, batchSize = 5000): Promise<Omit<AuditVerifyResult, 'anchors'>> {
  const problems: AuditVerifyResult['problems'] = [];
  let previousHash = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(batchSize).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      checked += 1;
      if (entryHash(auditKey, { ...row, seq }) !== row.hash) problems.push({ seq, problem: 'edited' });
      else if (seq !== expectedSeq) problems.push({ seq, problem: 'deleted_before' });
      else if (row.prev_hash !== previousHash) problems.push({ seq, problem: 'reordered' });
      previousHash = row.hash;
      expectedSeq = seq + 1;
      after = seq;
    }
  }
  return { ok: problems.length === 0, checked, problems, lastHash: checked > 0 ? previousHash : null };
}
