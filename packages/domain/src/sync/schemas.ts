// Offline work and sync (issue 8). A device records changes while it has no connection and sends them
// later as operations. Every operation carries a client-generated id (UUID): the server treats a repeated
// send as the same write. Field edits carry the value the device started from, so a change that meets a
// newer change of the same field on the server becomes a visible conflict instead of overwriting it.
import { z } from 'zod';
import { Id } from '../schemas/common.js';
import { IsoInstant } from '../cases/schemas.js';

/** What a queued operation does. Payloads are the bodies of the matching online routes. */
export const SYNC_OP_KINDS = [
  'case.open', // POST /api/cases (caseRef is not used; the op id is the intake's idempotency key)
  'case.follow_up', // POST /api/cases/:id/follow-ups
  'case.note', // POST /api/cases/:id/notes
  'case.service', // POST /api/cases/:id/services
  'case.measure', // POST /api/cases/:id/measures
  'case.risk_assessment', // POST /api/cases/:id/risk-assessments
  'case.details', // PATCH /api/cases/:id/details (field edits with the value each started from)
  'outreach.activity', // POST /api/outreach/activities
] as const;
export type SyncOpKind = (typeof SYNC_OP_KINDS)[number];

/** Case fields that can be edited (online and offline); each edit names the value it started from. */
export const CASE_DETAIL_FIELDS = ['villageId', 'safetyPlan', 'nextFollowUpOn'] as const;
export type CaseDetailField = (typeof CASE_DETAIL_FIELDS)[number];

const FieldValue = z.string().max(4000).nullable();
/** One field edit: the value the device saw (from) and the value the user wants (to). */
export const FieldEdit = z.strictObject({ from: FieldValue, to: FieldValue });
export type FieldEdit = z.infer<typeof FieldEdit>;

export const CaseDetailsEdit = z.strictObject({
  /** The case version the device started from (informative; conflicts are decided per field). */
  baseVersion: z.number().int().min(0),
  changes: z.strictObject({
    villageId: FieldEdit.optional(),
    safetyPlan: FieldEdit.optional(),
    nextFollowUpOn: FieldEdit.optional(),
  }).refine((c) => Object.keys(c).length > 0, { message: 'sync_no_changes' }),
});
export type CaseDetailsEdit = z.infer<typeof CaseDetailsEdit>;

export const SyncOp = z.strictObject({
  /** Client-generated UUID; the same id sent again is the same write. */
  opId: Id,
  kind: z.enum(SYNC_OP_KINDS),
  /** The case the op is about: a server case id, or the opId of an earlier `case.open` op of this user. */
  caseRef: Id.optional(),
  /** When the user did it on the device (ISO instant with offset, e.g. 2026-03-01T08:00:00.000Z), kept in the audit. */
  recordedAt: IsoInstant,
  payload: z.record(z.string(), z.unknown()),
});
export type SyncOp = z.infer<typeof SyncOp>;

export const SyncBatch = z.strictObject({
  deviceId: Id,
  ops: z.array(SyncOp).min(1).max(200),
});
export type SyncBatch = z.infer<typeof SyncBatch>;

/**
 * applied: written now. duplicate: written before (nothing written again). conflict: written, with fields
 * that met a newer server change. refused: refused for a rule (kept: sent again, refused again).
 * failed: a temporary failure (an unexpected server error, code INTERNAL) or not tried because an earlier op
 * of the batch failed (code SYNC_NOT_PROCESSED). No receipt is written: the device keeps the op queued, in
 * order, and sends it again later.
 */
export const SYNC_RESULT_STATUSES = ['applied', 'duplicate', 'conflict', 'refused', 'failed'] as const;
export type SyncResultStatus = (typeof SYNC_RESULT_STATUSES)[number];

export const SyncConflictView = z.object({
  id: z.string(),
  opId: z.string(),
  caseId: z.string(),
  caseCode: z.string(),
  field: z.enum(CASE_DETAIL_FIELDS),
  /** The value the device started from, the device's new value and the server's current value. */
  baseValue: FieldValue,
  deviceValue: FieldValue,
  serverValue: FieldValue,
  createdAt: z.string(),
  status: z.enum(['open', 'resolved']),
  resolution: z.enum(['device', 'server']).nullable(),
});
export type SyncConflictView = z.infer<typeof SyncConflictView>;

export const SyncOpResult = z.object({
  opId: z.string(),
  status: z.enum(SYNC_RESULT_STATUSES),
  /** For refusals: the stable error code and a message a person understands (in the request's language). */
  code: z.string().nullable(),
  message: z.string().nullable(),
  /** The server case the op landed on (for case.open: the new case), with its code and version after the op. */
  caseId: z.string().nullable(),
  caseCode: z.string().nullable(),
  version: z.number().nullable(),
  /** For outreach.activity: the saved activity's id. */
  recordId: z.string().nullable(),
  /** Fields that met a newer server change (the other fields of the same op were applied). */
  conflicts: z.array(SyncConflictView),
});
export type SyncOpResult = z.infer<typeof SyncOpResult>;

export const SyncBatchResult = z.object({ results: z.array(SyncOpResult) });
export type SyncBatchResult = z.infer<typeof SyncBatchResult>;

export const ConflictResolution = z.strictObject({ choice: z.enum(['device', 'server']) });
export type ConflictResolution = z.infer<typeof ConflictResolution>;

export const OfflinePackRequest = z.strictObject({
  /**
   * Case ids the user marked for offline work; without it, the default set, most recently updated first: a
   * commune user's open cases of their area, a district user's (district_focal_point) open cases assigned to them.
   */
  caseIds: z.array(Id).max(1000).optional(),
});
export type OfflinePackRequest = z.infer<typeof OfflinePackRequest>;

/**
 * What a device keeps for offline work: the answers of the GET routes the web app calls on the pages that
 * work offline, keyed by the exact path the app requests (list routes without their query string), so
 * the app shows offline exactly what it showed online. Never holds a survivor's identity.
 */
export const OfflinePack = z.object({
  generatedAt: z.string(),
  userId: z.string(),
  /** At most this many cases go to a device (OFFLINE_CASE_LIMIT, default 200). */
  limit: z.number(),
  caseIds: z.array(z.string()),
  /** Cases that were asked for (or would be in the default set) but left out by the limit. */
  leftOut: z.number(),
  responses: z.record(z.string(), z.unknown()),
});
export type OfflinePack = z.infer<typeof OfflinePack>;

/** A device key: only given to a signed-in session; it unlocks the device's offline store while online. */
export const OfflineDeviceKey = z.object({ key: z.string(), limit: z.number() });
export type OfflineDeviceKey = z.infer<typeof OfflineDeviceKey>;
