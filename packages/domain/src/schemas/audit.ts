import { z } from 'zod';
import { Id, IsoDate, PageQuery } from './common.js';

export const AuditQuery = PageQuery.extend({
  action: z.string().trim().max(64).optional(),
  actorId: Id.optional(),
  resourceType: z.string().trim().max(64).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntryView = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  outcome: z.string(),
  ipAddress: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditList = z.object({ items: z.array(AuditEntryView), total: z.number(), page: z.number(), pageSize: z.number() });

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number(),
  problems: z.array(z.object({ seq: z.number(), problem: z.enum(['edited', 'deleted_before', 'reordered']) })),
  /** Hash of the newest entry: written down outside the database, it reveals a later truncation. */
  lastHash: z.string().nullable(),
  /** The database compared with the signed checkpoints kept outside it (security/audit-anchors.ts). */
  anchors: z.object({
    checkpoints: z.number(),
    keyFingerprint: z.string(),
    lastSeq: z.number().nullable(),
    lastAt: z.string().nullable(),
    /** Entries written after the newest checkpoint. */
    unanchored: z.number(),
    problems: z.array(z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('no_checkpoints') }),
      z.object({ kind: z.literal('bad_signature'), line: z.number() }),
      z.object({ kind: z.literal('missing'), from: z.number(), to: z.number(), checkpointAt: z.string() }),
      z.object({ kind: z.literal('differs'), seq: z.number(), checkpointAt: z.string() }),
    ])),
  }),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

/** A user or an address that crossed its threshold of refused requests in one hour (probing). */
export const ProbingAlert = z.object({
  kind: z.enum(['user', 'address']),
  /** A user id, a client address, or "public:<keyed hash>" for the public report form. */
  subject: z.string(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  windowStart: z.string(),
  refusals: z.number(),
  lastAt: z.string(),
});
export type ProbingAlert = z.infer<typeof ProbingAlert>;
export const ProbingAlertList = z.object({ items: z.array(ProbingAlert) });
export type ProbingAlertList = z.infer<typeof ProbingAlertList>;
