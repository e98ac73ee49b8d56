// Input schemas of the case module: intake, incidents, risk assessments, consent, referrals, protection
// measures, follow-ups and notes. Rules that compare with the present take `now` from the caller (factories).
import { z } from 'zod';
import { Id, IsoDate, optionalText, text } from '../schemas/common.js';
import { makeSurvivorIdentitySchema, PERSON_SEXES } from './identity.js';
import { checkPerpetratorEntry, PerpetratorLinkFields } from '../perpetrators/identity.js';
import type { BilingualLabel } from './labels.js';
import {
  CASE_STATUSES,
  CLOSURE_REASONS,
  CLOSURE_REASONS_NEEDING_NOTE,
  checkMeasureDuration,
  DEFAULT_MEASURE_LIMITS,
  DETECTION_SOURCES,
  MEASURE_ISSUERS,
  MEASURE_STATUSES,
  measureNeedsEnd,
  PROTECTION_MEASURE_TYPES,
  SUPPORT_SERVICE_TYPES,
  type MeasureLimit,
  type SupportServiceType,
} from './life-cycle.js';
import type { CaseIssueKey } from './messages.js';
import { assessRisk, compareRiskLevels, RISK_LEVELS, type RiskChecklist } from './risk.js';
import { addIssue, hasDuplicates, WHEN_FIELDS_VALID } from './refine.js';
import { instantMs, vietnamDateOf } from './time.js';
import { CASE_CONTEXTS, classifyGbvims, GBVIMS_TYPES, VIOLENCE_ACTS } from './violence.js';

const issue = (key: CaseIssueKey) => key;

/** An instant: ISO datetime with Z or an offset ("2024-05-24T08:30:00+07:00"). */
export const IsoInstant = z.iso.datetime({ offset: true, message: issue('datetime_format') });

/**
 * Times entered on a phone or laptop whose clock runs a little ahead must not be refused as "in the
 * future", so "not after now" allows this much slack.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

function isAfterNow(iso: string, now: Date): boolean {
  return instantMs(iso) > now.getTime() + CLOCK_SKEW_MS;
}

type Ctx = z.RefinementCtx;

export const PLACE_TYPES = [
  'survivor_home',
  'shared_home',
  'perpetrator_home',
  'relative_home',
  'workplace',
  'school',
  'public_place',
  'field_or_forest',
  'online',
  'other',
] as const;
export type PlaceType = (typeof PLACE_TYPES)[number];

export const PLACE_TYPE_LABELS: Readonly<Record<PlaceType, BilingualLabel>> = {
  survivor_home: { vi: 'Nhà của người bị bạo lực', en: "Survivor's home" },
  shared_home: { vi: 'Nơi ở chung', en: 'Shared home' },
  perpetrator_home: { vi: 'Nhà của người có hành vi bạo lực', en: "Perpetrator's home" },
  relative_home: { vi: 'Nhà người thân, họ hàng', en: "A relative's home" },
  workplace: { vi: 'Nơi làm việc', en: 'Workplace' },
  school: { vi: 'Trường học', en: 'School' },
  public_place: { vi: 'Nơi công cộng', en: 'Public place' },
  field_or_forest: { vi: 'Nương rẫy, ruộng, rừng', en: 'Field or forest' },
  online: { vi: 'Trên mạng', en: 'Online' },
  other: { vi: 'Nơi khác', en: 'Other' },
};

export const INJURY_LEVELS = ['none', 'minor', 'serious', 'life_threatening', 'unknown'] as const;
export type InjuryLevel = (typeof INJURY_LEVELS)[number];

export const INJURY_LEVEL_LABELS: Readonly<Record<InjuryLevel, BilingualLabel>> = {
  none: { vi: 'Không bị thương', en: 'No injury' },
  minor: { vi: 'Bị thương nhẹ', en: 'Minor injury' },
  serious: { vi: 'Bị thương nặng', en: 'Serious injury' },
  life_threatening: { vi: 'Nguy hiểm đến tính mạng', en: 'Life-threatening' },
  unknown: { vi: 'Không rõ', en: 'Unknown' },
};

/** The perpetrator's relationship to the survivor (DOMAIN.md §5). */
export const PERPETRATOR_RELATIONSHIPS = [
  'husband',
  'wife',
  'former_spouse',
  'partner',
  'former_partner',
  'father',
  'mother',
  'step_parent',
  'child',
  'sibling',
  'in_law',
  'other_relative',
  'acquaintance',
  'employer_or_colleague',
  'teacher_or_school_staff',
  'stranger',
  'other',
  'unknown',
] as const;
export type PerpetratorRelationship = (typeof PERPETRATOR_RELATIONSHIPS)[number];

export const PERPETRATOR_RELATIONSHIP_LABELS: Readonly<Record<PerpetratorRelationship, BilingualLabel>> = {
  husband: { vi: 'Chồng', en: 'Husband' },
  wife: { vi: 'Vợ', en: 'Wife' },
  former_spouse: { vi: 'Vợ hoặc chồng cũ', en: 'Former spouse' },
  partner: { vi: 'Người chung sống như vợ chồng, bạn tình', en: 'Partner' },
  former_partner: { vi: 'Người yêu, bạn tình cũ', en: 'Former partner' },
  father: { vi: 'Cha', en: 'Father' },
  mother: { vi: 'Mẹ', en: 'Mother' },
  step_parent: { vi: 'Cha dượng, mẹ kế', en: 'Step-parent' },
  child: { vi: 'Con', en: 'Child' },
  sibling: { vi: 'Anh, chị, em', en: 'Sibling' },
  in_law: { vi: 'Bố mẹ chồng, bố mẹ vợ hoặc người thân bên chồng, bên vợ', en: 'In-law' },
  other_relative: { vi: 'Người thân khác', en: 'Other relative' },
  acquaintance: { vi: 'Người quen', en: 'Acquaintance' },
  employer_or_colleague: { vi: 'Người sử dụng lao động, đồng nghiệp', en: 'Employer or colleague' },
  teacher_or_school_staff: { vi: 'Giáo viên, nhân viên nhà trường', en: 'Teacher or school staff' },
  stranger: { vi: 'Người lạ', en: 'Stranger' },
  other: { vi: 'Quan hệ khác', en: 'Other' },
  unknown: { vi: 'Không rõ', en: 'Unknown' },
};

/** What an incident records about a perpetrator; the identity itself is a separate, protected record. */
export const PerpetratorSummary = z.strictObject({
  sex: z.enum(PERSON_SEXES),
  ageYears: z.number().int().min(0).max(120).optional(),
  relationship: z.enum(PERPETRATOR_RELATIONSHIPS),
  /** Commune where the perpetrator lives, when known. */
  unitId: Id.optional(),
  note: optionalText(500),
  /** Link a perpetrator record (existing, found elsewhere, or new); see perpetrators/identity.ts. */
  ...PerpetratorLinkFields,
});
export type PerpetratorSummary = z.infer<typeof PerpetratorSummary>;

/** Answers to the guided GBVIMS questions; the screen stops asking at the first "yes". */
export const GbvimsAnswersInput = z.partialRecord(z.enum(GBVIMS_TYPES), z.boolean());

function incidentObject() {
  return z.strictObject({
    occurredAt: IsoInstant,
    /** The survivor remembers the day or the period only, not the hour. */
    occurredAtApproximate: z.boolean().default(false),
    placeType: z.enum(PLACE_TYPES),
    /** Unit where the incident took place. */
    unitId: Id,
    acts: z.array(z.enum(VIOLENCE_ACTS)).min(1).max(VIOLENCE_ACTS.length),
    gbvimsAnswers: GbvimsAnswersInput,
    /**
     * Always set: every act of Art. 3(1) fits one of the six types, so when the classifier finds none
     * (answers left unanswered) the officer chooses one and says why.
     */
    gbvimsType: z.enum(GBVIMS_TYPES),
    gbvimsOverrideReason: optionalText(500),
    context: z.enum(CASE_CONTEXTS),
    injuries: z.enum(INJURY_LEVELS),
    reportedToPolice: z.boolean(),
    perpetrators: z.array(PerpetratorSummary).max(10),
    narrative: optionalText(4000),
  });
}
type IncidentShape = z.infer<ReturnType<typeof incidentObject>>;

function checkIncident(incident: IncidentShape, now: Date, ctx: Ctx, at: (string | number)[] = []) {
  if (isAfterNow(incident.occurredAt, now)) addIssue(ctx, [...at, 'occurredAt'], 'datetime_in_future');
  if (hasDuplicates(incident.acts)) addIssue(ctx, [...at, 'acts'], 'duplicate_items');
  // The officer may disagree with the classifier, but the reason is kept so the choice can be reviewed.
  if (incident.gbvimsType !== classifyGbvims(incident.gbvimsAnswers) && !incident.gbvimsOverrideReason) {
    addIssue(ctx, [...at, 'gbvimsOverrideReason'], 'gbvims_override_reason_required');
  }
  const occurredOn = vietnamDateOf(incident.occurredAt);
  incident.perpetrators.forEach((entry, index) => checkPerpetratorEntry(entry, occurredOn, ctx, [...at, 'perpetrators', index]));
}

/** An incident added to a case. It may be later than the case's detection: violence can recur. */
export function makeIncidentSchema(now: Date) {
  return incidentObject().superRefine((incident, ctx) => checkIncident(incident, now, ctx), WHEN_FIELDS_VALID);
}
export type IncidentCreate = z.infer<ReturnType<typeof makeIncidentSchema>>;

/** Intake of a new case: where and how it was detected, the survivor, and the incident that brought it. */
export function makeCaseCreateSchema(now: Date) {
  return z
    .strictObject({
      unitId: Id,
      villageId: Id.optional(),
      detectedAt: IsoInstant,
      detectionSource: z.enum(DETECTION_SOURCES),
      /** Required when the source is "other". */
      detectionSourceNote: optionalText(200),
      receivedByNote: optionalText(500),
      survivor: makeSurvivorIdentitySchema(now),
      firstIncident: incidentObject(),
    })
    .superRefine((input, ctx) => {
      if (isAfterNow(input.detectedAt, now)) addIssue(ctx, ['detectedAt'], 'datetime_in_future');
      if (input.detectionSource === 'other' && !input.detectionSourceNote) addIssue(ctx, ['detectionSourceNote'], 'detection_source_note_required');
      checkIncident(input.firstIncident, now, ctx, ['firstIncident']);
      if (instantMs(input.firstIncident.occurredAt) > instantMs(input.detectedAt)) {
        addIssue(ctx, ['firstIncident', 'occurredAt'], 'incident_after_detection');
      }
      const dob = input.survivor.dateOfBirth;
      if (dob !== undefined && dob > vietnamDateOf(input.firstIncident.occurredAt)) {
        addIssue(ctx, ['survivor', 'dateOfBirth'], 'birth_after_incident');
      }
    }, WHEN_FIELDS_VALID);
}
export type CaseCreate = z.infer<ReturnType<typeof makeCaseCreateSchema>>;

export const IMMEDIATE_SAFETY = ['safe_now', 'unsafe_now', 'unknown'] as const;
export type ImmediateSafety = (typeof IMMEDIATE_SAFETY)[number];

export const IMMEDIATE_SAFETY_LABELS: Readonly<Record<ImmediateSafety, BilingualLabel>> = {
  safe_now: { vi: 'Hiện đang an toàn', en: 'Safe now' },
  unsafe_now: { vi: 'Đang gặp nguy hiểm', en: 'In danger now' },
  unknown: { vi: 'Chưa rõ', en: 'Not known' },
};

/**
 * A risk assessment against the configured checklist. The officer may raise the level the checklist
 * gives (professional judgement sees what a checklist misses) but never lower it.
 */
export function makeRiskAssessmentSchema(checklist: RiskChecklist, now: Date) {
  const codes = new Set(checklist.items.map((item) => item.code));
  return z
    .strictObject({
      assessedAt: IsoInstant,
      answers: z.record(z.string().max(64), z.boolean()),
      immediateSafety: z.enum(IMMEDIATE_SAFETY),
      safetyNote: optionalText(1000),
      levelOverride: z.enum(RISK_LEVELS).optional(),
      overrideReason: optionalText(500),
    })
    .superRefine((input, ctx) => {
      if (isAfterNow(input.assessedAt, now)) addIssue(ctx, ['assessedAt'], 'datetime_in_future');
      for (const code of Object.keys(input.answers)) {
        if (!codes.has(code)) addIssue(ctx, ['answers', code], 'risk_item_unknown');
      }
      if (input.levelOverride !== undefined) {
        const computed = assessRisk(input.answers, checklist).level;
        if (compareRiskLevels(input.levelOverride, computed) < 0) addIssue(ctx, ['levelOverride'], 'risk_override_lower');
        if (input.levelOverride !== computed && !input.overrideReason) addIssue(ctx, ['overrideReason'], 'risk_override_reason_required');
      }
    }, WHEN_FIELDS_VALID);
}
export type RiskAssessmentCreate = z.infer<ReturnType<typeof makeRiskAssessmentSchema>>;

export const CONSENT_GIVERS = ['survivor', 'parent_or_guardian'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

export const CONSENT_GIVER_LABELS: Readonly<Record<ConsentGiver, BilingualLabel>> = {
  survivor: { vi: 'Người bị bạo lực', en: 'The survivor' },
  parent_or_guardian: { vi: 'Cha, mẹ hoặc người giám hộ', en: 'Parent or guardian' },
};

/** How the survivor agreed to be contacted; some channels are unsafe when the perpetrator reads the phone. */
export const CONTACT_CHANNELS = ['phone_call', 'sms', 'messaging_app', 'home_visit', 'via_trusted_person', 'at_office'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const CONTACT_CHANNEL_LABELS: Readonly<Record<ContactChannel, BilingualLabel>> = {
  phone_call: { vi: 'Gọi điện thoại', en: 'Phone call' },
  sms: { vi: 'Tin nhắn SMS', en: 'Text message' },
  messaging_app: { vi: 'Ứng dụng nhắn tin (Zalo …)', en: 'Messaging app (Zalo …)' },
  home_visit: { vi: 'Đến nhà', en: 'Home visit' },
  via_trusted_person: { vi: 'Qua người tin cậy', en: 'Through a trusted person' },
  at_office: { vi: 'Tại trụ sở', en: 'At the office' },
};

/** Sự đồng ý sau khi được thông tin đầy đủ: each use of the survivor's data is agreed to separately. */
export function makeConsentSchema(now: Date) {
  return z
    .strictObject({
      obtainedAt: IsoInstant,
      givenBy: z.enum(CONSENT_GIVERS),
      guardianRelationship: optionalText(60),
      /** The survivor was told what each choice means and that refusing does not stop the help. */
      informed: z.literal(true, { message: issue('consent_not_informed') }),
      storeData: z.boolean(),
      contact: z.boolean(),
      contactChannels: z.array(z.enum(CONTACT_CHANNELS)).max(CONTACT_CHANNELS.length).default([]),
      /** Service types the survivor agreed their information may be shared with. */
      shareWith: z.array(z.enum(SUPPORT_SERVICE_TYPES)).max(SUPPORT_SERVICE_TYPES.length).default([]),
      /** Language the consent was explained in, when not Vietnamese. */
      language: optionalText(40),
      note: optionalText(1000),
    })
    .superRefine((input, ctx) => {
      if (isAfterNow(input.obtainedAt, now)) addIssue(ctx, ['obtainedAt'], 'datetime_in_future');
      if (input.givenBy === 'parent_or_guardian' && !input.guardianRelationship) {
        addIssue(ctx, ['guardianRelationship'], 'consent_guardian_relationship_required');
      }
      if (input.contact && input.contactChannels.length === 0) addIssue(ctx, ['contactChannels'], 'consent_channel_required');
      if (!input.contact && input.contactChannels.length > 0) addIssue(ctx, ['contactChannels'], 'consent_channels_without_contact');
      if (hasDuplicates(input.contactChannels)) addIssue(ctx, ['contactChannels'], 'duplicate_items');
      if (hasDuplicates(input.shareWith)) addIssue(ctx, ['shareWith'], 'duplicate_items');
    }, WHEN_FIELDS_VALID);
}
export type ConsentCreate = z.infer<ReturnType<typeof makeConsentSchema>>;

export const REFERRAL_URGENCIES = ['routine', 'urgent', 'emergency'] as const;
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

export const REFERRAL_URGENCY_LABELS: Readonly<Record<ReferralUrgency, BilingualLabel>> = {
  routine: { vi: 'Thông thường', en: 'Routine' },
  urgent: { vi: 'Khẩn', en: 'Urgent' },
  emergency: { vi: 'Cấp cứu, ngay lập tức', en: 'Emergency' },
};

/** The only grounds for referring without consent (DOMAIN.md §4), decided by a supervisor. */
export const CONSENT_EXCEPTION_REASONS = ['child_at_risk', 'threat_to_life'] as const;
export type ConsentExceptionReason = (typeof CONSENT_EXCEPTION_REASONS)[number];

export const CONSENT_EXCEPTION_REASON_LABELS: Readonly<Record<ConsentExceptionReason, BilingualLabel>> = {
  child_at_risk: { vi: 'Trẻ em có nguy cơ bị tổn hại', en: 'A child at risk' },
  threat_to_life: { vi: 'Có nguy cơ đe dọa tính mạng', en: 'A threat to life' },
};

export function makeReferralSchema(now: Date) {
  return z
    .strictObject({
      serviceType: z.enum(SUPPORT_SERVICE_TYPES),
      providerId: Id,
      urgency: z.enum(REFERRAL_URGENCIES),
      referredAt: IsoInstant,
      /** The consent record that covers this service type. */
      consentId: Id.optional(),
      consentException: z
        .strictObject({
          reason: z.enum(CONSENT_EXCEPTION_REASONS),
          /** The supervisor who decided the exception. */
          approvedBy: Id,
          note: text(1000),
        })
        .optional(),
      note: optionalText(1000),
    })
    .superRefine((input, ctx) => {
      if (isAfterNow(input.referredAt, now)) addIssue(ctx, ['referredAt'], 'datetime_in_future');
      if (input.consentId === undefined && input.consentException === undefined) addIssue(ctx, ['consentId'], 'referral_consent_required');
      if (input.consentId !== undefined && input.consentException !== undefined) addIssue(ctx, ['consentException'], 'referral_consent_and_exception');
    }, WHEN_FIELDS_VALID);
}
export type ReferralCreate = z.infer<ReturnType<typeof makeReferralSchema>>;

/**
 * Whether a referral to a service type may go ahead: the survivor agreed to share with that type, or a
 * supervisor recorded an exception. The schema only checks that one of them is named; this checks content.
 */
export function isReferralAllowed(
  serviceType: SupportServiceType,
  consent: { shareWith: readonly SupportServiceType[] } | null | undefined,
  exception: { reason: ConsentExceptionReason } | null | undefined,
): boolean {
  return exception != null || (consent?.shareWith.includes(serviceType) ?? false);
}

/** A protection measure; terms with a legal maximum are checked against `limits`. */
export function makeProtectionMeasureSchema(now: Date, limits: readonly MeasureLimit[] = DEFAULT_MEASURE_LIMITS) {
  return z
    .strictObject({
      type: z.enum(PROTECTION_MEASURE_TYPES),
      issuer: z.enum(MEASURE_ISSUERS),
      status: z.enum(MEASURE_STATUSES).default('in_effect'),
      decisionNumber: optionalText(60),
      requestedAt: IsoInstant.optional(),
      decidedAt: IsoInstant.optional(),
      startsAt: IsoInstant,
      endsAt: IsoInstant.optional(),
      note: optionalText(1000),
    })
    .superRefine((input, ctx) => {
      if (input.requestedAt !== undefined && isAfterNow(input.requestedAt, now)) addIssue(ctx, ['requestedAt'], 'datetime_in_future');
      if (input.decidedAt !== undefined && isAfterNow(input.decidedAt, now)) addIssue(ctx, ['decidedAt'], 'datetime_in_future');
      if (input.requestedAt !== undefined && input.decidedAt !== undefined && instantMs(input.decidedAt) < instantMs(input.requestedAt)) {
        addIssue(ctx, ['decidedAt'], 'measure_decided_before_request');
      }
      if (input.decidedAt !== undefined && instantMs(input.startsAt) < instantMs(input.decidedAt)) {
        addIssue(ctx, ['startsAt'], 'measure_starts_before_decision');
      }
      if (input.endsAt === undefined) {
        if (measureNeedsEnd(input.type, limits)) addIssue(ctx, ['endsAt'], 'measure_end_required');
        // Without an end only the issuer can be checked: a zero-length term never exceeds a maximum.
        const problem = checkMeasureDuration(input.type, input.issuer, input.startsAt, input.startsAt, limits);
        if (problem !== null) addIssue(ctx, ['issuer'], problem);
        return;
      }
      const problem = checkMeasureDuration(input.type, input.issuer, input.startsAt, input.endsAt, limits);
      if (problem !== null) addIssue(ctx, [problem === 'measure_issuer_not_allowed' ? 'issuer' : 'endsAt'], problem);
    }, WHEN_FIELDS_VALID);
}
export type ProtectionMeasureCreate = z.infer<ReturnType<typeof makeProtectionMeasureSchema>>;

export const FOLLOW_UP_METHODS = ['home_visit', 'phone_call', 'office_visit', 'via_service_provider', 'other'] as const;
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number];

export const FOLLOW_UP_METHOD_LABELS: Readonly<Record<FollowUpMethod, BilingualLabel>> = {
  home_visit: { vi: 'Thăm tại nhà', en: 'Home visit' },
  phone_call: { vi: 'Gọi điện thoại', en: 'Phone call' },
  office_visit: { vi: 'Gặp tại trụ sở', en: 'Office visit' },
  via_service_provider: { vi: 'Qua cơ sở cung cấp dịch vụ', en: 'Through a service provider' },
  other: { vi: 'Cách khác', en: 'Other' },
};

export const SURVIVOR_SAFETY = ['yes', 'no', 'unknown'] as const;
export type SurvivorSafety = (typeof SURVIVOR_SAFETY)[number];

export const SURVIVOR_SAFETY_LABELS: Readonly<Record<SurvivorSafety, BilingualLabel>> = {
  yes: { vi: 'An toàn', en: 'Safe' },
  no: { vi: 'Không an toàn', en: 'Not safe' },
  unknown: { vi: 'Chưa rõ', en: 'Not known' },
};

/** Theo dõi, thăm hỏi sau hỗ trợ. */
export function makeFollowUpSchema(now: Date) {
  return z
    .strictObject({
      contactedAt: IsoInstant,
      method: z.enum(FOLLOW_UP_METHODS),
      survivorSafe: z.enum(SURVIVOR_SAFETY),
      violenceRecurred: z.boolean(),
      /** Needs found at this follow-up, to plan further support. */
      newNeeds: z.array(z.enum(SUPPORT_SERVICE_TYPES)).max(SUPPORT_SERVICE_TYPES.length).default([]),
      note: optionalText(2000),
      nextFollowUpOn: IsoDate.optional(),
    })
    .superRefine((input, ctx) => {
      if (isAfterNow(input.contactedAt, now)) addIssue(ctx, ['contactedAt'], 'datetime_in_future');
      if (hasDuplicates(input.newNeeds)) addIssue(ctx, ['newNeeds'], 'duplicate_items');
      if (input.nextFollowUpOn !== undefined && input.nextFollowUpOn <= vietnamDateOf(input.contactedAt)) {
        addIssue(ctx, ['nextFollowUpOn'], 'follow_up_next_before_visit');
      }
    }, WHEN_FIELDS_VALID);
}
export type FollowUpCreate = z.infer<ReturnType<typeof makeFollowUpSchema>>;

export const CaseNoteCreate = z.strictObject({
  body: text(4000),
});
export type CaseNoteCreate = z.infer<typeof CaseNoteCreate>;

/**
 * A change of status. Whether the move is allowed from the current status is `canTransition`'s job on
 * the server, which knows the current status; this checks what must come with the move.
 */
export const CaseStatusChange = z
  .strictObject({
    to: z.enum(CASE_STATUSES),
    closureReason: z.enum(CLOSURE_REASONS).optional(),
    note: optionalText(1000),
  })
  .superRefine((input, ctx) => {
    if (input.to === 'closed') {
      if (input.closureReason === undefined) addIssue(ctx, ['closureReason'], 'closure_reason_required');
      else if (CLOSURE_REASONS_NEEDING_NOTE.includes(input.closureReason) && !input.note) addIssue(ctx, ['note'], 'closure_note_required');
    } else if (input.closureReason !== undefined) {
      addIssue(ctx, ['closureReason'], 'closure_reason_unexpected');
    }
    // "reported" is reached only by reopening a closed case.
    if (input.to === 'reported' && !input.note) addIssue(ctx, ['note'], 'reopen_note_required');
  }, WHEN_FIELDS_VALID);
export type CaseStatusChange = z.infer<typeof CaseStatusChange>;
