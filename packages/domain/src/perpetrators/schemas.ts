// Input schemas of the perpetrator module (DOMAIN.md §5): counselling sessions, handling measures
// (hình thức xử lý), corrections, identity search and duplicate check, the list's filters. Rules that
// compare with the present take `now` from the caller.
import { z } from 'zod';
import { Id, IsoDate, PageQuery, optionalText, text } from '../schemas/common.js';
import type { BilingualLabel } from '../cases/labels.js';
import { DEFAULT_MEASURE_LIMITS, MEASURE_ISSUERS, checkMeasureDuration, type MeasureLimit } from '../cases/life-cycle.js';
import { WHEN_FIELDS_VALID } from '../cases/refine.js';
import { IsoInstant, PERPETRATOR_RELATIONSHIPS } from '../cases/schemas.js';
import { instantMs, vietnamDateOf } from '../cases/time.js';
import { NewPerpetratorInput, PerpetratorIdentityInput, SUBSTANCE_USE, WEAPON_ACCESS, addPerpetratorIssue } from './identity.js';

/** Hình thức xử lý người có hành vi bạo lực. */
export const PERPETRATOR_MEASURE_TYPES = [
  'community_criticism',
  'no_contact_order',
  'behaviour_change_education',
  'written_commitment',
  'administrative_sanction',
  'criminal_proceedings',
  'other',
] as const;
export type PerpetratorMeasureType = (typeof PERPETRATOR_MEASURE_TYPES)[number];

export const PERPETRATOR_MEASURE_LABELS: Readonly<Record<PerpetratorMeasureType, BilingualLabel>> = {
  community_criticism: { vi: 'Góp ý, phê bình trong cộng đồng dân cư', en: 'Community criticism' },
  no_contact_order: { vi: 'Cấm tiếp xúc', en: 'No-contact order' },
  behaviour_change_education: { vi: 'Giáo dục, hỗ trợ chuyển đổi hành vi', en: 'Behaviour-change education' },
  written_commitment: { vi: 'Cam kết không tái phạm', en: 'Written commitment not to repeat' },
  administrative_sanction: { vi: 'Xử phạt vi phạm hành chính', en: 'Administrative sanction' },
  criminal_proceedings: { vi: 'Truy cứu trách nhiệm hình sự', en: 'Criminal proceedings' },
  other: { vi: 'Hình thức khác', en: 'Other' },
};

export const PERPETRATOR_MEASURE_STATUSES = ['decided', 'in_progress', 'completed', 'not_complied', 'cancelled'] as const;
export type PerpetratorMeasureStatus = (typeof PERPETRATOR_MEASURE_STATUSES)[number];

export const PERPETRATOR_MEASURE_STATUS_LABELS: Readonly<Record<PerpetratorMeasureStatus, BilingualLabel>> = {
  decided: { vi: 'Đã quyết định', en: 'Decided' },
  in_progress: { vi: 'Đang thực hiện', en: 'In progress' },
  completed: { vi: 'Đã thực hiện xong', en: 'Completed' },
  not_complied: { vi: 'Không chấp hành', en: 'Not complied with' },
  cancelled: { vi: 'Đã hủy (ghi nhầm hoặc bị hủy bỏ)', en: 'Cancelled' },
};

export const CRIMINAL_STAGES = ['reported_to_police', 'investigation', 'prosecution', 'trial', 'sentenced', 'dropped'] as const;
export type CriminalStage = (typeof CRIMINAL_STAGES)[number];

export const CRIMINAL_STAGE_LABELS: Readonly<Record<CriminalStage, BilingualLabel>> = {
  reported_to_police: { vi: 'Đã chuyển cơ quan công an', en: 'Reported to the police' },
  investigation: { vi: 'Đang điều tra', en: 'Under investigation' },
  prosecution: { vi: 'Đã truy tố', en: 'Prosecuted' },
  trial: { vi: 'Đang xét xử', en: 'On trial' },
  sentenced: { vi: 'Đã có bản án', en: 'Sentenced' },
  dropped: { vi: 'Đình chỉ, không khởi tố', en: 'Dropped' },
};

export const COUNSELLING_TOPICS = [
  'law_on_domestic_violence',
  'anger_management',
  'alcohol_and_substances',
  'family_relations',
  'gender_equality',
  'parenting',
  'other',
] as const;
export type CounsellingTopic = (typeof COUNSELLING_TOPICS)[number];

export const COUNSELLING_TOPIC_LABELS: Readonly<Record<CounsellingTopic, BilingualLabel>> = {
  law_on_domestic_violence: { vi: 'Pháp luật về phòng, chống bạo lực gia đình', en: 'The law on domestic violence' },
  anger_management: { vi: 'Kiểm soát cơn giận, giải quyết mâu thuẫn', en: 'Anger management, resolving conflict' },
  alcohol_and_substances: { vi: 'Tác hại của rượu, bia, ma túy', en: 'Alcohol and drugs' },
  family_relations: { vi: 'Quan hệ vợ chồng, gia đình', en: 'Family relations' },
  gender_equality: { vi: 'Bình đẳng giới', en: 'Gender equality' },
  parenting: { vi: 'Nuôi dạy con', en: 'Parenting' },
  other: { vi: 'Chủ đề khác', en: 'Other topic' },
};

export const COUNSELLING_ATTENDANCE = ['attended', 'absent', 'refused'] as const;
export type CounsellingAttendance = (typeof COUNSELLING_ATTENDANCE)[number];

export const COUNSELLING_ATTENDANCE_LABELS: Readonly<Record<CounsellingAttendance, BilingualLabel>> = {
  attended: { vi: 'Có tham dự', en: 'Attended' },
  absent: { vi: 'Vắng mặt', en: 'Absent' },
  refused: { vi: 'Từ chối tham gia', en: 'Refused' },
};

function notAfterToday(date: string, now: Date): boolean {
  return date <= vietnamDateOf(now.toISOString());
}

/** Buổi tư vấn cho người có hành vi bạo lực. */
export function makeCounsellingSchema(now: Date) {
  return z
    .strictObject({
      heldOn: IsoDate,
      /** The counsellor or the organisation (commune police, women's union, reconciliation team …). */
      counsellor: text(200),
      topic: z.enum(COUNSELLING_TOPICS),
      topicNote: optionalText(200),
      attendance: z.enum(COUNSELLING_ATTENDANCE),
      /** Outcome notes, stored encrypted. */
      outcome: optionalText(2000),
      /** The incident the session answers, when there is one. */
      incidentId: Id.optional(),
      /** The unit that held it; defaults to the incident's case unit, else the perpetrator's unit. */
      unitId: Id.optional(),
    })
    .superRefine((input, ctx) => {
      if (!notAfterToday(input.heldOn, now)) addPerpetratorIssue(ctx, ['heldOn'], 'perpetrator_date_in_future');
      if (input.topic === 'other' && !input.topicNote) addPerpetratorIssue(ctx, ['topicNote'], 'perpetrator_description_required');
    }, WHEN_FIELDS_VALID);
}
export type CounsellingCreate = z.infer<ReturnType<typeof makeCounsellingSchema>>;

/** A correction of a counselling session: any field but the incident and unit. */
export const CounsellingPatch = z.strictObject({
  heldOn: IsoDate.optional(),
  counsellor: text(200).optional(),
  topic: z.enum(COUNSELLING_TOPICS).optional(),
  topicNote: optionalText(200).nullable(),
  attendance: z.enum(COUNSELLING_ATTENDANCE).optional(),
  outcome: optionalText(2000).nullable(),
});
export type CounsellingPatch = z.infer<typeof CounsellingPatch>;

/** A new no-contact order recorded on the case's protection measures at the same time. */
export const NoContactTerm = z.strictObject({
  startsAt: IsoInstant,
  endsAt: IsoInstant,
  decidedAt: IsoInstant.optional(),
});

const measureFields = {
  type: z.enum(PERPETRATOR_MEASURE_TYPES),
  decidedOn: IsoDate,
  decidingBody: z.enum(MEASURE_ISSUERS),
  decidingBodyNote: optionalText(200),
  status: z.enum(PERPETRATOR_MEASURE_STATUSES).default('decided'),
  /** The incident the measure answers; required for a no-contact order. */
  incidentId: Id.optional(),
  /** The unit that decided or recorded it; defaults to the incident's case unit, else the perpetrator's. */
  unitId: Id.optional(),
  decisionNumber: optionalText(60),
  /** Administrative sanction: the fine in đồng. */
  fineVnd: z.number().int().min(0).max(1_000_000_000).optional(),
  criminalStage: z.enum(CRIMINAL_STAGES).optional(),
  /** What the "other" measure is (encrypted with the outcome). */
  description: optionalText(500),
  /** Outcome notes, stored encrypted. */
  outcome: optionalText(2000),
  /** No-contact order: the case's existing protection measure (shared, not copied) … */
  protectionMeasureId: Id.optional(),
  /** … or the term of a new one, recorded on the case's protection measures in the same step. */
  noContact: NoContactTerm.optional(),
  /** Community criticism applied although the rule of the law is not met: why. */
  ruleOverrideReason: optionalText(500),
};

type MeasureShape = {
  type: PerpetratorMeasureType;
  decidedOn: string;
  decidingBody: (typeof MEASURE_ISSUERS)[number];
  incidentId?: string | undefined;
  decisionNumber?: string | undefined;
  fineVnd?: number | undefined;
  criminalStage?: CriminalStage | undefined;
  description?: string | undefined;
  protectionMeasureId?: string | undefined;
  noContact?: { startsAt: string; endsAt: string; decidedAt?: string | undefined } | undefined;
};

/** The rules a measure must follow on its own; rules that need the records (dates, duplicates, the criticism rule) run on the server. */
export function checkMeasureFields(input: MeasureShape, now: Date, limits: readonly MeasureLimit[], ctx: z.RefinementCtx): void {
  if (!notAfterToday(input.decidedOn, now)) addPerpetratorIssue(ctx, ['decidedOn'], 'perpetrator_date_in_future');
  if (input.type === 'administrative_sanction' && !input.decisionNumber) addPerpetratorIssue(ctx, ['decisionNumber'], 'perpetrator_decision_number_required');
  if (input.type !== 'administrative_sanction' && input.fineVnd !== undefined) addPerpetratorIssue(ctx, ['fineVnd'], 'perpetrator_fine_only_sanction');
  if (input.type === 'criminal_proceedings' && input.criminalStage === undefined) addPerpetratorIssue(ctx, ['criminalStage'], 'perpetrator_stage_required');
  if (input.type !== 'criminal_proceedings' && input.criminalStage !== undefined) addPerpetratorIssue(ctx, ['criminalStage'], 'perpetrator_stage_only_criminal');
  if (input.type === 'other' && !input.description) addPerpetratorIssue(ctx, ['description'], 'perpetrator_description_required');
  if (input.type === 'no_contact_order') {
    if (input.incidentId === undefined) addPerpetratorIssue(ctx, ['incidentId'], 'perpetrator_no_contact_incident_required');
    if ((input.protectionMeasureId === undefined) === (input.noContact === undefined)) addPerpetratorIssue(ctx, ['protectionMeasureId'], 'perpetrator_no_contact_one_way');
    if (input.noContact?.decidedAt !== undefined && instantMs(input.noContact.startsAt) < instantMs(input.noContact.decidedAt)) {
      ctx.addIssue({ code: 'custom', path: ['noContact', 'startsAt'], message: 'measure_starts_before_decision' });
    }
    if (input.noContact !== undefined) {
      // The same legal limits as the case's protection measures: a commune chairman's order lasts at most 3 days.
      const problem = checkMeasureDuration('no_contact', input.decidingBody, input.noContact.startsAt, input.noContact.endsAt, limits);
      if (problem !== null) ctx.addIssue({ code: 'custom', path: problem === 'measure_issuer_not_allowed' ? ['decidingBody'] : ['noContact', 'endsAt'], message: problem });
    }
  } else {
    if (input.protectionMeasureId !== undefined) addPerpetratorIssue(ctx, ['protectionMeasureId'], 'perpetrator_no_contact_only');
    if (input.noContact !== undefined) addPerpetratorIssue(ctx, ['noContact'], 'perpetrator_no_contact_only');
  }
}

/** Hình thức xử lý người có hành vi bạo lực. */
export function makePerpetratorMeasureSchema(now: Date, limits: readonly MeasureLimit[] = DEFAULT_MEASURE_LIMITS) {
  return z.strictObject(measureFields).superRefine((input, ctx) => checkMeasureFields(input, now, limits, ctx), WHEN_FIELDS_VALID);
}
export type PerpetratorMeasureCreate = z.infer<ReturnType<typeof makePerpetratorMeasureSchema>>;

/**
 * A correction of a measure. The type, incident, unit and no-contact link stay (cancel and record
 * again to change them); null clears an optional field. The server checks the result as a whole.
 */
export const PerpetratorMeasurePatch = z.strictObject({
  decidedOn: IsoDate.optional(),
  decidingBody: z.enum(MEASURE_ISSUERS).optional(),
  decidingBodyNote: optionalText(200).nullable(),
  status: z.enum(PERPETRATOR_MEASURE_STATUSES).optional(),
  decisionNumber: optionalText(60).nullable(),
  fineVnd: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
  criminalStage: z.enum(CRIMINAL_STAGES).nullable().optional(),
  description: optionalText(500).nullable(),
  outcome: optionalText(2000).nullable(),
  ruleOverrideReason: optionalText(500).nullable(),
});
export type PerpetratorMeasurePatch = z.infer<typeof PerpetratorMeasurePatch>;

/** Corrections of the record: the identity is replaced as a whole when given. */
export const PerpetratorPatch = z.strictObject({
  identity: PerpetratorIdentityInput.optional(),
  unitId: Id.optional(),
  substanceUse: z.enum(SUBSTANCE_USE).optional(),
  weaponAccess: z.enum(WEAPON_ACCESS).optional(),
});
export type PerpetratorPatch = z.infer<typeof PerpetratorPatch>;

/** Search by identity goes in a POST body, so names and numbers never appear in URLs or logs. */
export const PerpetratorSearch = z
  .strictObject({
    name: z.string().trim().max(120).optional(),
    phone: z.string().trim().max(20).optional(),
    cccd: z.string().trim().max(20).optional(),
  })
  .refine((v) => Boolean(v.name || v.phone || v.cccd), { message: 'perpetrator_search_term_required', path: ['name'] });
export type PerpetratorSearch = z.infer<typeof PerpetratorSearch>;

/** Asked by the intake form before adding a new perpetrator: same name and birth year, same phone, same CCCD. */
export const PerpetratorDuplicateCheck = z.strictObject({
  fullName: z.string().trim().min(1).max(120),
  dateOfBirth: IsoDate.optional(),
  ageYears: z.number().int().min(0).max(120).optional(),
  /** The day the age was given for (the incident); today when absent. */
  onDate: IsoDate.optional(),
  phone: z.string().trim().max(20).optional(),
  cccd: z.string().trim().max(20).optional(),
});
export type PerpetratorDuplicateCheck = z.infer<typeof PerpetratorDuplicateCheck>;

export const PerpetratorListQuery = PageQuery.extend({
  unitId: Id.optional(),
  /** Perpetrators with a linked incident in this period (Vietnamese calendar days). */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  measureType: z.enum(PERPETRATOR_MEASURE_TYPES).optional(),
  counselled: z.enum(['true', 'false']).optional(),
  repeat: z.enum(['true', 'false']).optional(),
  /** Handled: at least one attended counselling session or a measure that is not cancelled. */
  handled: z.enum(['true', 'false']).optional(),
  sort: z.enum(['last_incident_desc', 'last_incident_asc', 'code']).default('last_incident_desc'),
});
export type PerpetratorListQuery = z.infer<typeof PerpetratorListQuery>;

/** Link a perpetrator to an incident of an existing case: the same entry as at intake. */
export const PerpetratorLinkInput = z
  .strictObject({
    relationship: z.enum(PERPETRATOR_RELATIONSHIPS),
    ageYears: z.number().int().min(0).max(120).optional(),
    note: optionalText(500),
    perpetratorId: Id.optional(),
    linkToken: z.string().min(16).max(2000).optional(),
    newPerpetrator: NewPerpetratorInput.optional(),
  })
  .superRefine((input, ctx) => {
    const chosen = [input.perpetratorId, input.linkToken, input.newPerpetrator].filter((v) => v !== undefined).length;
    if (chosen !== 1) addPerpetratorIssue(ctx, ['perpetratorId'], 'perpetrator_link_one_way');
  }, WHEN_FIELDS_VALID);
export type PerpetratorLinkInput = z.infer<typeof PerpetratorLinkInput>;

/** Correct the relationship (or age, note) recorded on one incident link. */
export const PerpetratorLinkPatch = z.strictObject({
  relationship: z.enum(PERPETRATOR_RELATIONSHIPS).optional(),
  ageYears: z.number().int().min(0).max(120).nullable().optional(),
  note: optionalText(500).nullable(),
});
export type PerpetratorLinkPatch = z.infer<typeof PerpetratorLinkPatch>;
