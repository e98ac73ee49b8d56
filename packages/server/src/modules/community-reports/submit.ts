// Receiving a community report, from the public page or the staff app: the place is checked against the
// current communes, the words are encrypted, the reporter gets a random reference, and the audit entry
// is written in the same transaction. The public page's audit entry carries no address: no traces.
import { randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import {
  COMMUNE_LEVEL_KINDS, communityReportIssues, contactOrNone, isValidAt, REPORT_REFERENCE_ALPHABET, REPORT_REFERENCE_LENGTH,
  VILLAGE_LEVEL_KINDS, type CommunityReportInput, type ReportChannel,
} from '@binhan/domain';
import type { CommunityReportTable, Database } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { Invalid, invalidField } from '../../http/errors.js';
import { nowIso, todayInVietnam } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { appendAudit, type AuditEvent } from '../../security/audit-chain.js';

/** What is encrypted: everything the reporter wrote in words, and who they are. */
export interface ReportContent {
  placeNote: string | null;
  description: string | null;
  reporterRelation: CommunityReportInput['reporterRelation'] | null;
  contact: CommunityReportInput['contact'] | null;
}

export function newReference(): string {
  let reference = '';
  for (let i = 0; i < REPORT_REFERENCE_LENGTH; i += 1) reference += REPORT_REFERENCE_ALPHABET[randomInt(REPORT_REFERENCE_ALPHABET.length)];
  return reference;
}

/** The commune must exist today at commune level; the village, when given, must lie in it. */
export async function checkReportPlace(deps: AppDeps, input: Pick<CommunityReportInput, 'unitId' | 'villageId'>): Promise<void> {
  const graph = await deps.units.graph();
  const unit = graph.get(input.unitId);
  if (!unit || !COMMUNE_LEVEL_KINDS.includes(unit.kind) || !isValidAt(unit, todayInVietnam())) throw invalidField('unitId', 'UNIT_NOT_FOUND');
  if (input.villageId !== undefined) {
    const village = graph.get(input.villageId);
    if (!village || village.parentId !== unit.id || !VILLAGE_LEVEL_KINDS.includes(village.kind) || !isValidAt(village, todayInVietnam())) {
      throw invalidField('villageId', 'UNIT_NOT_FOUND');
    }
  }
}

/** Rules between fields, as one 400 naming every field to fix. */
export function checkReportRules(input: CommunityReportInput): void {
  const issues = communityReportIssues(input);
  if (issues.length > 0) throw new Invalid('VALIDATION_FAILED', {}, issues.map((i) => ({ path: i.path, key: i.code })));
}

export interface Submitter {
  channel: ReportChannel;
  /** The signed-in staff member, or null on the public page. */
  user: { id: string; username: string; role: string } | null;
  /** Ties a resent staff form to the report it already filed. */
  clientKey: string | null;
  /** The fingerprint of the request that came with the key (see http/idempotency.ts). */
  requestHash?: string | null;
  /** Staff submissions are audited with the request's address like every staff action; public ones without. */
  ipAddress: string | null;
}

function rowOf(deps: AppDeps, input: CommunityReportInput, submitter: Submitter): CommunityReportTable {
  const contact = contactOrNone(input.contact);
  const content: ReportContent = {
    placeNote: input.placeNote || null,
    description: input.description || null,
    reporterRelation: input.reporterRelation ?? null,
    contact: contact ?? null,
  };
  return {
    id: newId(),
    reference: newReference(),
    unit_id: input.unitId,
    village_id: input.villageId ?? null,
    channel: submitter.channel,
    concerns: JSON.stringify([...new Set(input.concerns)]),
    occurred_when: input.occurredWhen,
    in_danger_now: input.inDangerNow,
    child_involved: input.childInvolved,
    has_contact: contact ? 1 : 0,
    content_enc: deps.cipher.encrypt(JSON.stringify(content)),
    submitted_by: submitter.user?.id ?? null,
    client_key: submitter.clientKey,
    client_request_hash: submitter.requestHash ?? null,
    received_at: nowIso(),
    status: 'new',
    triaged_at: null,
    triaged_by: null,
    triage_minutes: null,
    case_id: null,
    close_reason: null,
    triage_note_enc: null,
  };
}

async function insertReport(deps: AppDeps, trx: Transaction<Database>, row: CommunityReportTable, submitter: Submitter): Promise<void> {
  await trx.insertInto('community_reports').values(row).execute();
  const event: AuditEvent = {
    action: 'community_report.create',
    actorId: submitter.user?.id ?? null,
    actorUsername: submitter.user?.username ?? null,
    actorRole: submitter.user?.role ?? null,
    ipAddress: submitter.ipAddress,
    resourceType: 'community_report',
    resourceId: row.id,
    details: { channel: row.channel, unitId: row.unit_id, inDangerNow: row.in_danger_now, childInvolved: row.child_involved },
  };
  await appendAudit(trx, deps, event);
}

/**
 * Store a checked report. A reference already taken (one chance in hundreds of billions) makes the
 * insert fail and roll back; the next attempt draws another.
 */
export async function submitReport(deps: AppDeps, input: CommunityReportInput, submitter: Submitter): Promise<CommunityReportTable> {
  await checkReportPlace(deps, input);
  checkReportRules(input);
  for (let attempt = 1; ; attempt += 1) {
    const row = rowOf(deps, input, submitter);
    try {
      await deps.db.transaction().execute((trx) => insertReport(deps, trx, row, submitter));
      return row;
    } catch (error) {
      const taken = await deps.db.selectFrom('community_reports').select('id').where('reference', '=', row.reference).executeTakeFirst();
      if (!taken || attempt >= 3) throw error;
    }
  }
}
