// The refused operations as a file a supervisor can read: what the user recorded offline, when, and why the
// server did not take it. A file leaves the encrypted store (it may be forwarded, or sit in Downloads), so
// what identifies a person (names, dates of birth, phone and CCCD numbers, addresses) is left out wherever
// it appears; the full record stays encrypted on the device until the user removes it.
import type { RefusedOp } from './queue';

/** Fields that identify a person, in survivor and perpetrator records alike. */
const IDENTITY_FIELDS = new Set(['fullName', 'otherNames', 'dateOfBirth', 'cccd', 'phone', 'address', 'name']);
export const WITHHELD = '[không xuất — giữ mã hóa trên máy]';

/** A copy of the payload with every identity field replaced by a marker, at any depth. */
export function withoutIdentities(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIdentities);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, IDENTITY_FIELDS.has(key) && inner !== null && inner !== undefined && inner !== '' ? WITHHELD : withoutIdentities(inner)]));
}

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
      payload: withoutIdentities(op.payload),
    })),
  };
  return new Blob([`${JSON.stringify(document, null, 2)}\n`], { type: 'application/json;charset=utf-8' });
}
