// Sends the queued operations to the server, oldest first, in batches. The server answers each op:
// applied or duplicate (a repeat of an op it already has) and conflict (kept on the server for the user to
// resolve) leave the queue; refused ops move to the refused list with the server's reason. When the
// connection or the server fails, everything stays queued and is sent again later: the op ids make a
// repeated send harmless.
import type { SyncBatch, SyncBatchResult, SyncOp, SyncOpResult } from '@binhan/domain';
import { noteAttempt, peekQueue, queueCount, refuseQueued, removeQueued, type QueueEntry } from './queue';
import { deviceId, isUnlocked } from './vault';

export interface PushSummary {
  sent: number;
  applied: number;
  duplicate: number;
  conflict: number;
  refused: number;
  remaining: number;
  results: SyncOpResult[];
  networkError: boolean;
  /** Nothing was sent because the store is locked (the queue cannot be read). */
  locked: boolean;
  /** The error that stopped the push (network, server, session), if any. */
  error: { status: number; code: string; message: string } | null;
}

export const DEFAULT_BATCH_SIZE = 50;
/** The server takes at most this many ops in one batch (SyncBatch). */
const MAX_BATCH_SIZE = 200;

let running: Promise<PushSummary> | null = null;

export function pushQueue(send: (batch: SyncBatch) => Promise<SyncBatchResult>, options: { batchSize?: number } = {}): Promise<PushSummary> {
  if (running) return running;
  const current = push(send, Math.min(MAX_BATCH_SIZE, Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE))).finally(() => {
    if (running === current) running = null;
  });
  running = current;
  return current;
}

function toSyncOp({ op }: QueueEntry): SyncOp {
  return {
    opId: op.opId,
    kind: op.kind,
    ...(op.caseRef === undefined ? {} : { caseRef: op.caseRef }),
    recordedAt: op.recordedAt,
    payload: op.payload,
  };
}

interface ErrorFacts {
  status: number;
  code: string;
  message: string;
}

function errorFacts(error: unknown): ErrorFacts {
  const fields = typeof error === 'object' && error !== null ? (error as { status?: unknown; code?: unknown; message?: unknown }) : {};
  const status = typeof fields.status === 'number' ? fields.status : 0;
  const code = typeof fields.code === 'string' && fields.code !== '' ? fields.code : status === 0 ? 'NETWORK' : `HTTP_${status}`;
  const message = typeof fields.message === 'string' ? fields.message : '';
  return { status, code, message };
}

/**
 * Worth sending again later, as is: no answer, a server failure, a signed-out session (the user signs in
 * again), a timeout or rate limit. Any other 4xx is the server refusing the whole batch.
 */
function isTransient(status: number): boolean {
  return status === 0 || status >= 500 || status === 401 || status === 408 || status === 429;
}

async function push(send: (batch: SyncBatch) => Promise<SyncBatchResult>, batchSize: number): Promise<PushSummary> {
  const summary: PushSummary = { sent: 0, applied: 0, duplicate: 0, conflict: 0, refused: 0, remaining: 0, results: [], networkError: false, locked: false, error: null };
  if (!isUnlocked()) {
    summary.locked = true;
    summary.remaining = await queueCount();
    return summary;
  }
  const device = deviceId();
  for (;;) {
    const entries = await peekQueue(batchSize);
    const first = entries[0];
    if (!first) break;
    let answer: SyncBatchResult;
    try {
      answer = await send({ deviceId: device, ops: entries.map(toSyncOp) });
    } catch (error) {
      const facts = errorFacts(error);
      summary.error = facts;
      if (isTransient(facts.status)) {
        summary.networkError = true;
        await noteAttempt(first, facts.message === '' ? facts.code : `${facts.code}: ${facts.message}`);
        break;
      }
      // The server refused the batch as a whole (e.g. 403: the role may no longer work offline).
      summary.sent += entries.length;
      summary.refused += entries.length;
      await refuseQueued(entries.map((entry) => ({ entry, code: facts.code, message: facts.message })));
      continue;
    }
    summary.sent += entries.length;
    const byOpId = new Map(answer.results.map((result) => [result.opId, result]));
    const settled: string[] = [];
    const refusals: { entry: QueueEntry; code: string; message: string }[] = [];
    let unanswered: QueueEntry | null = null;
    for (const entry of entries) {
      const result = byOpId.get(entry.op.opId);
      if (!result) {
        unanswered ??= entry;
        continue;
      }
      summary.results.push(result);
      switch (result.status) {
        case 'applied':
        case 'duplicate':
        case 'conflict':
          summary[result.status] += 1;
          settled.push(entry.op.opId);
          break;
        case 'refused':
          summary.refused += 1;
          refusals.push({ entry, code: result.code ?? 'SYNC_REFUSED', message: result.message ?? '' });
          break;
        case 'failed':
          // A passing failure on the server: this op and everything after it go again later, in order.
          unanswered ??= entry;
          summary.networkError = true;
          break;
      }
    }
    await removeQueued(settled);
    await refuseQueued(refusals);
    if (unanswered) {
      // Keep the order: nothing after an op the server did not answer goes before it.
      const reason = byOpId.get(unanswered.op.opId);
      await noteAttempt(unanswered, reason?.message ?? 'SYNC_NO_ANSWER');
      break;
    }
  }
  summary.remaining = await queueCount();
  return summary;
}

export const AUTO_SYNC_EVERY_MS = 30_000;
export const AUTO_SYNC_MAX_DELAY_MS = 5 * 60_000;

function failed(result: unknown): boolean {
  return typeof result === 'object' && result !== null && (result as { networkError?: unknown }).networkError === true;
}

function online(): boolean {
  const nav = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
  return nav?.onLine ?? true;
}

/**
 * Run `run` now, on every 'online' event and every 30 s while the device is online; after a failure
 * (rejected, or { networkError: true }) wait twice as long each time, up to 5 minutes. Returns stop.
 */
export function startAutoSync(run: () => Promise<unknown>): () => void {
  let stopped = false;
  let busy = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
  };

  const tick = async () => {
    timer = undefined;
    if (stopped || busy) return;
    if (!online()) {
      schedule(AUTO_SYNC_EVERY_MS);
      return;
    }
    busy = true;
    let ok: boolean;
    try {
      ok = !failed(await run());
    } catch {
      ok = false;
    }
    busy = false;
    failures = ok ? 0 : failures + 1;
    schedule(Math.min(AUTO_SYNC_EVERY_MS * 2 ** failures, AUTO_SYNC_MAX_DELAY_MS));
  };

  const onOnline = () => {
    failures = 0;
    schedule(0);
  };

  const target = typeof window === 'undefined' ? null : window;
  target?.addEventListener('online', onOnline);
  schedule(0);

  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    target?.removeEventListener('online', onOnline);
  };
}
