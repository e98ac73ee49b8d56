// Input and output shapes of community reports. The same input schema serves the public form (after the
// form fields are read into it) and the staff app's report form; rules between fields are checked by
// `communityReportIssues`, which names error codes so both the HTML page and the JSON API explain them.
import { z } from 'zod';
import { Id, optionalText, PageQuery } from '../schemas/common.js';
import { UnitRef } from '../schemas/auth.js';
import { DETECTION_SOURCES } from '../cases/life-cycle.js';
import { PersonRef } from '../cases/views.js';
import type { ErrorCode } from '../i18n/errors.js';
import {
  REPORT_CHANNELS, REPORT_CLOSE_REASONS, REPORT_CLOSE_REASONS_NEEDING_NOTE, REPORT_CONCERNS, REPORT_CONTACT_WAYS,
  REPORT_CONTACT_WAYS_NEEDING_PHONE, REPORT_OCCURRED_WHEN, REPORT_STATUSES, REPORTER_RELATIONS,
} from './codes.js';

/** Answers to "is someone in danger now?" and "is a child involved?": a reporter may not know. */
export const YES_NO_UNSURE = ['yes', 'no', 'not_sure'] as const;
export type YesNoUnsure = (typeof YES_NO_UNSURE)[number];

/** Size limits of a report, shared by the form (maxlength) and the server. */
export const REPORT_LIMITS = {
  description: 3000,
  placeNote: 200,
  contactName: 100,
  contactPhone: 20,
  contactSafeTime: 200,
  contactNote: 500,
} as const;

/** Optional contact details; every field may stay empty, and an all-empty contact counts as none. */
export const ReportContactInput = z.strictObject({
  name: optionalText(REPORT_LIMITS.contactName),
  phone: optionalText(REPORT_LIMITS.contactPhone),
  /** The ways the reporter says are safe, in their order of preference. */
  ways: z.array(z.enum(REPORT_CONTACT_WAYS)).max(REPORT_CONTACT_WAYS.length).default([]),
  /** When it is safe to call or visit ("sáng 8–10 giờ, khi chồng đi làm"). */
  safeTime: optionalText(REPORT_LIMITS.contactSafeTime),
  /** Anything else about contacting safely (who the trusted person is, what not to say). */
  note: optionalText(REPORT_LIMITS.contactNote),
});
export type ReportContactInput = z.infer<typeof ReportContactInput>;

export const CommunityReportInput = z.strictObject({
  /** The commune (xã, phường, thị trấn) where it happens; a current unit. */
  unitId: Id,
  villageId: Id.optional(),
  /** Village, hamlet or a landmark in words, when the list does not help. */
  placeNote: optionalText(REPORT_LIMITS.placeNote),
  concerns: z.array(z.enum(REPORT_CONCERNS)).max(REPORT_CONCERNS.length).default([]),
  description: optionalText(REPORT_LIMITS.description),
  occurredWhen: z.enum(REPORT_OCCURRED_WHEN).default('not_sure'),
  inDangerNow: z.enum(YES_NO_UNSURE).default('not_sure'),
  childInvolved: z.enum(YES_NO_UNSURE).default('not_sure'),
  reporterRelation: z.enum(REPORTER_RELATIONS).optional(),
  contact: ReportContactInput.optional(),
});
export type CommunityReportInput = z.infer<typeof CommunityReportInput>;

export interface ReportIssue {
  path: string;
  code: ErrorCode;
}

function hasContact(contact: ReportContactInput | undefined): boolean {
  return contact !== undefined && Boolean(contact.name || contact.phone || contact.safeTime || contact.note || contact.ways.length > 0);
}

/** The contact details, or undefined when the reporter left every field empty. */
export function contactOrNone(contact: ReportContactInput | undefined): ReportContactInput | undefined {
  return hasContact(contact) ? contact : undefined;
}

const PHONE_PATTERN = /^\+?[0-9][0-9 .()-]{4,18}[0-9]$/;

/** Rules between fields (units are checked by the server, which knows them). Empty list when all is well. */
export function communityReportIssues(input: CommunityReportInput): ReportIssue[] {
  const issues: ReportIssue[] = [];
  if (input.concerns.length === 0 && !input.description) issues.push({ path: 'concerns', code: 'REPORT_CONTENT_REQUIRED' });
  const contact = input.contact;
  if (contact?.phone && !PHONE_PATTERN.test(contact.phone)) issues.push({ path: 'contact.phone', code: 'REPORT_PHONE_FORMAT' });
  if (contact && !contact.phone && contact.ways.some((w) => REPORT_CONTACT_WAYS_NEEDING_PHONE.includes(w))) {
    issues.push({ path: 'contact.phone', code: 'REPORT_PHONE_REQUIRED' });
  }
  return issues;
}

/** What the submitter gets back: a reference that says nothing about the content. */
export const ReportReceipt = z.object({
  id: z.string(),
  reference: z.string(),
  receivedAt: z.string(),
  status: z.enum(REPORT_STATUSES),
});
export type ReportReceipt = z.infer<typeof ReportReceipt>;

export const ReportCaseRef = z.object({ id: z.string(), code: z.string() });

/** A queue row: enough to sort and choose, never the description or the reporter's contact. */
export const ReportListItem = z.object({
  id: z.string(),
  /** XXXX-XXXX, as the reporter was given it. */
  reference: z.string(),
  unit: UnitRef,
  village: UnitRef.nullable(),
  channel: z.enum(REPORT_CHANNELS),
  receivedAt: z.string(),
  concerns: z.array(z.enum(REPORT_CONCERNS)),
  occurredWhen: z.enum(REPORT_OCCURRED_WHEN),
  inDangerNow: z.enum(YES_NO_UNSURE),
  childInvolved: z.enum(YES_NO_UNSURE),
  /** The reporter left a way to reach them (the details are on the report page only). */
  hasContact: z.boolean(),
  status: z.enum(REPORT_STATUSES),
  triagedAt: z.string().nullable(),
  /** Whole minutes from receipt to triage; null while not triaged. */
  triageMinutes: z.number().nullable(),
  /** Whole minutes the report has waited so far; null once triaged. */
  waitingMinutes: z.number().nullable(),
  /** The case it opened or was linked to. */
  case: ReportCaseRef.nullable(),
});
export type ReportListItem = z.infer<typeof ReportListItem>;

export const ReportList = z.object({
  items: z.array(ReportListItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** Untriaged reports in the viewer's area, whatever the filters. */
  counts: z.object({ new: z.number(), newInDanger: z.number(), newChild: z.number() }),
});
export type ReportList = z.infer<typeof ReportList>;

export const ReportListQuery = PageQuery.extend({
  status: z.enum([...REPORT_STATUSES, 'all']).default('new'),
  unitId: Id.optional(),
  /** Only reports with someone in danger now or a child involved. */
  urgent: z.enum(['true', 'false']).optional(),
  channel: z.enum(REPORT_CHANNELS).optional(),
  /** A reference as the reporter reads it out ("abcd efgh", "ABCD-EFGH"). */
  reference: z.string().trim().max(20).regex(/^[0-9A-Za-z -]*$/).optional(),
});
export type ReportListQuery = z.infer<typeof ReportListQuery>;

export const ReportContactView = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  ways: z.array(z.enum(REPORT_CONTACT_WAYS)),
  safeTime: z.string().nullable(),
  note: z.string().nullable(),
});

export const ReportTriageView = z.object({
  at: z.string(),
  by: PersonRef,
  outcome: z.enum(['case_opened', 'linked', 'closed']),
  closeReason: z.enum(REPORT_CLOSE_REASONS).nullable(),
  note: z.string().nullable(),
});

/** The report page for triage (decrypted; every opening is audited). Free text is plain text, never HTML. */
export const ReportDetail = ReportListItem.extend({
  placeNote: z.string().nullable(),
  description: z.string().nullable(),
  reporterRelation: z.enum(REPORTER_RELATIONS).nullable(),
  contact: ReportContactView.nullable(),
  /** The detection source a case opened from this report starts with. */
  suggestedDetectionSource: z.enum(DETECTION_SOURCES),
  /** The staff member who filed it from the staff app; null for the public page. */
  submittedBy: PersonRef.nullable(),
  triage: ReportTriageView.nullable(),
});
export type ReportDetail = z.infer<typeof ReportDetail>;

export const ReportLinkInput = z.strictObject({
  caseId: Id,
  note: optionalText(1000),
});
export type ReportLinkInput = z.infer<typeof ReportLinkInput>;

export const ReportCloseInput = z.strictObject({
  reason: z.enum(REPORT_CLOSE_REASONS),
  note: optionalText(1000),
});
export type ReportCloseInput = z.infer<typeof ReportCloseInput>;

export function reportCloseIssues(input: ReportCloseInput): ReportIssue[] {
  return REPORT_CLOSE_REASONS_NEEDING_NOTE.includes(input.reason) && !input.note ? [{ path: 'note', code: 'REPORT_CLOSE_NOTE_REQUIRED' }] : [];
}

/** A communicator's own submissions: what they filed and where it stands, never the case behind it. */
export const MySubmission = z.object({
  id: z.string(),
  reference: z.string(),
  unit: UnitRef,
  receivedAt: z.string(),
  concerns: z.array(z.enum(REPORT_CONCERNS)),
  inDangerNow: z.enum(YES_NO_UNSURE),
  childInvolved: z.enum(YES_NO_UNSURE),
  status: z.enum(REPORT_STATUSES),
  triagedAt: z.string().nullable(),
});
export type MySubmission = z.infer<typeof MySubmission>;

export const MySubmissionList = z.object({ items: z.array(MySubmission), total: z.number(), page: z.number(), pageSize: z.number() });

export const REPORT_ALERT_KINDS = ['in_danger', 'child'] as const;
export type ReportAlertKind = (typeof REPORT_ALERT_KINDS)[number];

/** An untriaged report with someone in danger now (first) or a child involved. */
export const ReportAlert = z.object({
  kind: z.enum(REPORT_ALERT_KINDS),
  reportId: z.string(),
  reference: z.string(),
  unit: UnitRef,
  receivedAt: z.string(),
  waitingMinutes: z.number(),
});
export type ReportAlert = z.infer<typeof ReportAlert>;
