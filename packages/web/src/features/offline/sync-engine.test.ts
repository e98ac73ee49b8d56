import type { SyncBatch, SyncBatchResult, SyncOpResult } from '@binhan/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refusedExportBlob, WITHHELD } from './export-refused';
import { clearRefused, enqueue, listQueue, listRefused, newOpId, queueCount, type QueuedOp } from './queue';
import { pushQueue, startAutoSync } from './sync-engine';
import { randomDeviceKey } from './test-helpers';
import { createVault, deviceId, lock, unlockWithDeviceKey, wipe } from './vault';

const OWNER = '0190d1a2-0000-7000-8000-000000000001';
const CASE_ID = '0190d1a2-0000-7000-8000-0000000000c1';

/** An error as the API client throws it. */
class FakeApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Answers like POST /api/sync: each op by what its payload asks for ('conflict', 'refuse', else applied),
 * and an op id it has seen before as 'duplicate'.
 */
class FakeServer {
  readonly seen = new Map<string, SyncOpResult['status']>();
  readonly batches: SyncBatch[] = [];
  /** Throw this for the next batch instead of answering. */
  failNext: Error | null = null;
  /** Leave these op ids out of the answer. */
  silent = new Set<string>();

  send = async (batch: SyncBatch): Promise<SyncBatchResult> => {
    this.batches.push(structuredClone(batch));
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
    const results: SyncOpResult[] = [];
    let stopped = false;
    for (const op of batch.ops) {
      if (this.silent.has(op.opId)) continue;
      // Like the server: a passing failure, and nothing after it is processed.
      if (stopped || op.payload.wants === 'fail') {
        results.push({ opId: op.opId, status: 'failed', code: stopped ? 'SYNC_NOT_PROCESSED' : 'INTERNAL', message: 'Lỗi tạm thời', caseId: null, caseCode: null, version: null, recordId: null, conflicts: [] });
        stopped = true;
        continue;
      }
      const base = { opId: op.opId, code: null, message: null, caseId: CASE_ID, caseCode: 'NR-2026-001', version: 2, recordId: null, conflicts: [] };
      if (this.seen.has(op.opId)) {
        results.push({ ...base, status: 'duplicate' });
        continue;
      }
      const wants = op.payload.wants;
      const status = wants === 'conflict' ? 'conflict' : wants === 'refuse' ? 'refused' : 'applied';
      this.seen.set(op.opId, status);
      results.push(status === 'refused' ? { ...base, status, code: 'CASE_CLOSED', message: 'Vụ việc đã đóng.', caseId: null, caseCode: null, version: null } : { ...base, status });
    }
    return { results };
  };
}

let server: FakeServer;

async function queue(label: string, wants?: string): Promise<string> {
  const opId = newOpId();
  await enqueue({ opId, kind: 'case.note', caseRef: CASE_ID, recordedAt: new Date().toISOString(), payload: { body: `note ${label}`, ...(wants ? { wants } : {}) }, label });
  return opId;
}

beforeEach(async () => {
  await wipe();
  await createVault(OWNER, randomDeviceKey(), '123456');
  server = new FakeServer();
});

afterEach(async () => {
  vi.useRealTimers();
  await wipe();
});

describe('queue', { timeout: 30_000 }, () => {
  it('keeps ops in the order they were made, counted even while locked', async () => {
    const ids = [await queue('a'), await queue('b'), await queue('c')];
    const listed = await listQueue();
    expect(listed.map((op) => op.opId)).toEqual(ids);
    expect(listed[0]).toMatchObject({ kind: 'case.note', caseRef: CASE_ID, label: 'a', attempts: 0, lastError: null, payload: { body: 'note a' } });
    lock();
    expect(await queueCount()).toBe(3);
    await expect(listQueue()).rejects.toThrow('OFFLINE_LOCKED');
    await expect(queue('d')).rejects.toThrow('OFFLINE_LOCKED');
  });

  it('makes time-ordered UUIDv7 op ids', async () => {
    const first = newOpId();
    await new Promise((resolve) => setTimeout(resolve, 3));
    const second = newOpId();
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second > first).toBe(true);
    expect(parseInt(first.replace(/-/g, '').slice(0, 12), 16)).toBeLessThanOrEqual(Date.now());
    expect(new Set(Array.from({ length: 1000 }, newOpId)).size).toBe(1000);
  });
});

describe('pushQueue', { timeout: 30_000 }, () => {
  it('sends in order with the device id: applied and conflict leave the queue, refused ops move aside', async () => {
    const applied = await queue('applied');
    const conflict = await queue('conflict', 'conflict');
    const refused = await queue('refused', 'refuse');
    const after = await queue('after');
    const summary = await pushQueue(server.send);
    expect(server.batches).toHaveLength(1);
    expect(server.batches[0]?.deviceId).toBe(deviceId());
    expect(server.batches[0]?.ops.map((op) => op.opId)).toEqual([applied, conflict, refused, after]);
    expect(server.batches[0]?.ops[0]).toEqual({ opId: applied, kind: 'case.note', caseRef: CASE_ID, recordedAt: expect.any(String), payload: { body: 'note applied' } });
    expect(summary).toMatchObject({ sent: 4, applied: 2, duplicate: 0, conflict: 1, refused: 1, remaining: 0, networkError: false });
    expect(summary.results.map((result) => result.opId)).toEqual([applied, conflict, refused, after]);
    expect(await listQueue()).toEqual([]);
    const refusedOps = await listRefused();
    expect(refusedOps).toEqual([expect.objectContaining({ opId: refused, label: 'refused', code: 'CASE_CLOSED', message: 'Vụ việc đã đóng.', refusedAt: expect.any(String) })]);
    await clearRefused([refused]);
    expect(await listRefused()).toEqual([]);
  });

  it('keeps a temporarily failed op and everything after it queued, in order, to send again', async () => {
    const before = await queue('before');
    const failing = await queue('failing', 'fail');
    const after = await queue('after');
    const summary = await pushQueue(server.send);
    expect(summary).toMatchObject({ sent: 3, applied: 1, refused: 0, remaining: 2, networkError: true });
    const left = await listQueue();
    expect(left.map((op) => op.opId)).toEqual([failing, after]);
    expect(left[0]).toMatchObject({ attempts: 1, lastError: 'Lỗi tạm thời' });
    expect(await listRefused()).toEqual([]);
    expect(server.batches[0]?.ops.map((op) => op.opId)).toEqual([before, failing, after]);
  });

  it('sends in batches and leaves an unanswered op (and what follows) queued', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await queue(`op ${i}`));
    server.silent.add(ids[4] as string);
    const summary = await pushQueue(server.send, { batchSize: 3 });
    expect(server.batches.map((batch) => batch.ops.length)).toEqual([3, 3]);
    expect(summary).toMatchObject({ sent: 6, applied: 5, remaining: 2, networkError: false });
    const left = await listQueue();
    expect(left.map((op) => op.opId)).toEqual([ids[4], ids[6]]);
    expect(left[0]).toMatchObject({ attempts: 1, lastError: 'SYNC_NO_ANSWER' });
    server.silent.clear();
    expect(await pushQueue(server.send, { batchSize: 3 })).toMatchObject({ applied: 2, remaining: 0 });
  });

  it('keeps everything on a network error or a server failure and counts the attempt', async () => {
    const ids = [await queue('a'), await queue('b')];
    server.failNext = new FakeApiError(0, 'NETWORK', 'Không có kết nối');
    const summary = await pushQueue(server.send);
    expect(summary).toMatchObject({ sent: 0, applied: 0, remaining: 2, networkError: true, error: { status: 0, code: 'NETWORK' } });
    let left = await listQueue();
    expect(left.map((op) => op.opId)).toEqual(ids);
    expect(left[0]).toMatchObject({ attempts: 1, lastError: 'NETWORK: Không có kết nối' });
    expect(left[1]).toMatchObject({ attempts: 0, lastError: null });

    server.failNext = new FakeApiError(503, 'HTTP_503', 'Máy chủ bận');
    expect(await pushQueue(server.send)).toMatchObject({ networkError: true, remaining: 2 });
    server.failNext = new TypeError('fetch failed');
    expect(await pushQueue(server.send)).toMatchObject({ networkError: true, remaining: 2 });
    left = await listQueue();
    expect(left[0]?.attempts).toBe(3);
    expect(await listRefused()).toEqual([]);

    expect(await pushQueue(server.send)).toMatchObject({ applied: 2, remaining: 0, networkError: false });
  });

  it('moves the whole batch to the refused list when the server refuses it (403)', async () => {
    const ids = [await queue('a'), await queue('b'), await queue('c')];
    server.failNext = new FakeApiError(403, 'FORBIDDEN', 'Bạn không có quyền làm việc ngoại tuyến.');
    const summary = await pushQueue(server.send, { batchSize: 2 });
    // The first batch is refused; the next one is sent (and applied here).
    expect(summary).toMatchObject({ sent: 3, refused: 2, applied: 1, remaining: 0, networkError: false });
    const refused = await listRefused();
    expect(refused.map((op) => op.opId)).toEqual(ids.slice(0, 2));
    expect(refused[0]).toMatchObject({ code: 'FORBIDDEN', message: 'Bạn không có quyền làm việc ngoại tuyến.', payload: { body: 'note a' } });
  });

  it('answers duplicate for a replay and takes the ops off the queue', async () => {
    const first = await queue('a');
    const second = await queue('b');
    // The server took the batch but the answer was lost on the way back.
    const lostAnswer = async (batch: SyncBatch): Promise<SyncBatchResult> => {
      await server.send(batch);
      throw new FakeApiError(0, 'NETWORK', '');
    };
    expect(await pushQueue(lostAnswer)).toMatchObject({ networkError: true, remaining: 2 });
    expect(server.seen.size).toBe(2);
    const summary = await pushQueue(server.send);
    expect(summary).toMatchObject({ sent: 2, applied: 0, duplicate: 2, remaining: 0 });
    expect(summary.results.map((result) => [result.opId, result.status])).toEqual([[first, 'duplicate'], [second, 'duplicate']]);
    expect(await queueCount()).toBe(0);
  });

  it('runs one push at a time', async () => {
    await queue('a');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = async (batch: SyncBatch) => {
      await gate;
      return server.send(batch);
    };
    const one = pushQueue(slow);
    const two = pushQueue(server.send);
    expect(two).toBe(one);
    release();
    expect(await two).toMatchObject({ applied: 1 });
    expect(server.batches).toHaveLength(1);
  });

  it('sends nothing while locked', async () => {
    await queue('a');
    lock();
    expect(await pushQueue(server.send)).toMatchObject({ sent: 0, remaining: 1, locked: true });
    expect(server.batches).toHaveLength(0);
  });

  it('exports refused ops as readable JSON', async () => {
    await queue('NR-2026-001 ghi chú', 'refuse');
    await pushQueue(server.send);
    const blob = refusedExportBlob(await listRefused(), { userId: OWNER, exportedAt: '2026-05-01T08:00:00.000Z' });
    expect(blob.type).toBe('application/json;charset=utf-8');
    const text = await blob.text();
    expect(text).toContain('\n  "operations"');
    const parsed = JSON.parse(text);
    expect(parsed).toMatchObject({ userId: OWNER, exportedAt: '2026-05-01T08:00:00.000Z', count: 1 });
    expect(parsed.operations[0]).toMatchObject({ kind: 'case.note', caseRef: CASE_ID, label: 'NR-2026-001 ghi chú', reason: { code: 'CASE_CLOSED', message: 'Vụ việc đã đóng.' }, payload: { body: 'note NR-2026-001 ghi chú' } });
    expect(typeof parsed.operations[0].recordedAt).toBe('string');
  });

  it('leaves every identity out of the export (the full record stays encrypted on the device)', async () => {
    const opId = newOpId();
    const payload = {
      unitId: CASE_ID, detectionSource: 'village_head',
      survivor: { fullName: 'Nông Thị Mơ', otherNames: ['Mơ'], sex: 'female', dateOfBirth: '1990-02-03', phone: '0913 222 333', cccd: '006190001234', address: 'Thôn Nà Deng', maritalStatus: 'married' },
      firstIncident: { narrative: 'Bị đánh sau bữa tối.', perpetrators: [{ relationship: 'husband', identity: { fullName: 'Lý Văn Tư', phone: '0988 777 666' } }] },
    };
    await enqueue({ opId, kind: 'case.open', recordedAt: new Date().toISOString(), payload: { ...payload, wants: 'refuse' }, label: 'Tiếp nhận hồ sơ mới' });
    await pushQueue(server.send);
    const text = await refusedExportBlob(await listRefused(), { userId: OWNER, exportedAt: '2026-05-01T08:00:00.000Z' }).text();
    for (const secret of ['Nông Thị Mơ', '1990-02-03', '0913 222 333', '006190001234', 'Thôn Nà Deng', 'Lý Văn Tư', '0988 777 666']) expect(text).not.toContain(secret);
    const parsed = JSON.parse(text);
    expect(parsed.operations[0].payload.survivor).toMatchObject({ fullName: WITHHELD, sex: 'female', maritalStatus: 'married' });
    expect(parsed.operations[0].payload.firstIncident.narrative).toBe('Bị đánh sau bữa tối.');
    // On the device, the refused record is whole.
    expect((await listRefused())[0]?.payload).toMatchObject({ survivor: { fullName: 'Nông Thị Mơ' } });
  });

  it('keeps ops queued across lock and unlock', async () => {
    const key = randomDeviceKey();
    await createVault(OWNER, key, '123456');
    await queue('a');
    lock();
    expect(await unlockWithDeviceKey(OWNER, key)).toBe(true);
    const [op] = await listQueue();
    expect(op satisfies QueuedOp | undefined).toMatchObject({ label: 'a' });
  });
});

describe('startAutoSync', () => {
  it('runs at once, every 30 s, and backs off up to 5 minutes after failures', async () => {
    vi.useFakeTimers();
    const calls: number[] = [];
    let fail = true;
    const run = vi.fn(async () => {
      calls.push(Date.now());
      if (fail) throw new Error('offline');
      return { networkError: false };
    });
    const start = Date.now();
    const stop = startAutoSync(run);
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    // Failures: 60 s, 120 s, 240 s, then 300 s (the cap).
    await vi.advanceTimersByTimeAsync(60_000 + 120_000 + 240_000 + 300_000 + 300_000);
    expect(calls.map((at) => (at - start) / 1000)).toEqual([0, 60, 180, 420, 720, 1020]);
    fail = false;
    await vi.advanceTimersByTimeAsync(300_000);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls.map((at) => (at - start) / 1000).slice(-2)).toEqual([1320, 1350]);
    // A { networkError: true } answer counts as a failure too.
    run.mockImplementation(async () => {
      calls.push(Date.now());
      return { networkError: true };
    });
    await vi.advanceTimersByTimeAsync(30_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.map((at) => (at - start) / 1000).slice(-2)).toEqual([1380, 1440]);
    stop();
    const count = run.mock.calls.length;
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(run).toHaveBeenCalledTimes(count);
  });
});
