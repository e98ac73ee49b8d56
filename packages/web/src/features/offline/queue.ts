// What waits to be sent: the operations recorded offline, encrypted like every other record, in the order
// they were made. Only the op id (a random UUID) and the position stay in clear, so the count of waiting
// changes shows on a locked device. Operations the server refused move to their own list, never dropped:
// the user can export them for a supervisor.
import type { SyncOpKind } from '@binhan/domain';
import { emitVaultChange, openOfflineDb, seal, unseal, type OpRow } from './vault';

export interface QueuedOp {
  opId: string;
  kind: SyncOpKind;
  caseRef?: string;
  recordedAt: string;
  payload: Record<string, unknown>;
  /** short non-personal label for the list, e.g. case code + what */
  label: string;
  attempts: number;
  lastError: string | null;
}

export interface RefusedOp extends QueuedOp {
  code: string;
  message: string;
  refusedAt: string;
}

/** A queued op with its position in the queue. */
export interface QueueEntry {
  seq: number;
  op: QueuedOp;
}

export async function enqueue(op: Omit<QueuedOp, 'attempts' | 'lastError'>): Promise<void> {
  const full: QueuedOp = { ...op, attempts: 0, lastError: null };
  const sealed = await seal('queue', op.opId, full);
  const db = await openOfflineDb();
  await db.add('queue', { opId: op.opId, ...sealed });
  emitVaultChange();
}

/** The first `limit` queued ops (all without a limit), oldest first. */
export async function peekQueue(limit?: number): Promise<QueueEntry[]> {
  const db = await openOfflineDb();
  const rows = await db.getAll('queue', undefined, limit);
  const entries: QueueEntry[] = [];
  for (const row of rows) entries.push({ seq: row.seq as number, op: await unseal<QueuedOp>('queue', row.opId, row) });
  return entries;
}

export async function listQueue(): Promise<QueuedOp[]> {
  return (await peekQueue()).map((entry) => entry.op);
}

export async function queueCount(): Promise<number> {
  const db = await openOfflineDb();
  return db.count('queue');
}

export async function listRefused(): Promise<RefusedOp[]> {
  const db = await openOfflineDb();
  const rows = await db.getAllFromIndex('refused', 'seq');
  const ops: RefusedOp[] = [];
  for (const row of rows) ops.push(await unseal<RefusedOp>('refused', row.opId, row));
  return ops;
}

export async function refusedCount(): Promise<number> {
  const db = await openOfflineDb();
  return db.count('refused');
}

export async function clearRefused(opIds: string[]): Promise<void> {
  if (opIds.length === 0) return;
  const db = await openOfflineDb();
  const tx = db.transaction('refused', 'readwrite');
  await Promise.all([...opIds.map((opId) => tx.store.delete(opId)), tx.done]);
  emitVaultChange();
}

/** Take ops off the queue (sent and settled by the server). */
export async function removeQueued(opIds: string[]): Promise<void> {
  if (opIds.length === 0) return;
  const db = await openOfflineDb();
  const tx = db.transaction('queue', 'readwrite');
  const index = tx.store.index('opId');
  const keys = await Promise.all(opIds.map((opId) => index.getKey(opId)));
  await Promise.all([...keys.filter((key): key is number => key !== undefined).map((key) => tx.store.delete(key)), tx.done]);
  emitVaultChange();
}

/** Move ops from the queue to the refused list, with the server's reason; one transaction. */
export async function refuseQueued(refusals: { entry: QueueEntry; code: string; message: string }[], refusedAt = new Date().toISOString()): Promise<void> {
  if (refusals.length === 0) return;
  const rows: (OpRow & { seq: number })[] = [];
  for (const { entry, code, message } of refusals) {
    const refused: RefusedOp = { ...entry.op, code, message, refusedAt };
    rows.push({ opId: entry.op.opId, seq: entry.seq, ...(await seal('refused', entry.op.opId, refused)) });
  }
  const db = await openOfflineDb();
  const tx = db.transaction(['queue', 'refused'], 'readwrite');
  const queue = tx.objectStore('queue');
  const refusedStore = tx.objectStore('refused');
  await Promise.all([
    ...rows.map((row) => refusedStore.put(row)),
    ...rows.map((row) => queue.delete(row.seq)),
    tx.done,
  ]);
  emitVaultChange();
}

/** Note a failed send on a queued op (it stays in place). */
export async function noteAttempt(entry: QueueEntry, error: string): Promise<void> {
  const op: QueuedOp = { ...entry.op, attempts: entry.op.attempts + 1, lastError: error };
  const sealed = await seal('queue', op.opId, op);
  const db = await openOfflineDb();
  const tx = db.transaction('queue', 'readwrite');
  // Only if it is still queued (a wipe or a parallel settle may have taken it).
  const existing = await tx.store.get(entry.seq);
  if (existing && existing.opId === op.opId) await tx.store.put({ seq: entry.seq, opId: op.opId, ...sealed });
  await tx.done;
  emitVaultChange();
}

/** A UUIDv7: 48 bits of Unix milliseconds, then random bits, so ids sort in the order they were made. */
export function newOpId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let ms = Date.now();
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Send refused changes again (after the supervisor reopened the case, say): each goes back to the end of
 * the queue under a new operation id, since the server keeps its answer to the old one.
 */
export async function requeueRefused(opIds: string[]): Promise<void> {
  const wanted = new Set(opIds);
  const refused = (await listRefused()).filter((op) => wanted.has(op.opId));
  for (const op of refused) {
    await enqueue({ opId: newOpId(), kind: op.kind, caseRef: op.caseRef, recordedAt: op.recordedAt, payload: op.payload, label: op.label });
  }
  await clearRefused(refused.map((op) => op.opId));
}
