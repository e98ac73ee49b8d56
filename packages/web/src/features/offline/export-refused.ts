// The refused operations as a file a supervisor can read: what the user recorded offline, when, and why the
// server did not take it. The file holds the records themselves (they may name people): it is made only
// when the user asks for it, from their own unlocked device.
import type { RefusedOp } from './queue';

export const REFUSED_EXPORT_FORMAT = 'binhan-offline-refused';

export function refusedExportBlob(ops: RefusedOp[], meta: { userId: string; exportedAt: string }): Blob {
  const document = {
    format: REFUSED_EXPORT_FORMAT,
    version: 1,
    userId: meta.userId,
    exportedAt: meta.exportedAt,
    count: ops.length,
    operations: ops.map((op) => ({
      opId: op.opId,
      kind: op.kind,
      caseRef: op.caseRef ?? null,
      label: op.label,
      recordedAt: op.recordedAt,
      refusedAt: op.refusedAt,
      reason: { code: op.code, message: op.message },
      attempts: op.attempts,
      payload: op.payload,
    })),
  };
  return new Blob([`${JSON.stringify(document, null, 2)}\n`], { type: 'application/json;charset=utf-8' });
}
