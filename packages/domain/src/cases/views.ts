// What the case API answers and the small inputs its routes take besides the intake schemas. Lists and
// case pages never carry the survivor's identity; only the audited reveal answer does.
import { z } from 'zod';
import { UNITS_VIEWS } from '../attribution.js';
import { Id, IsoDate, optionalText, PageQuery } from '../schemas/common.js';
import { UnitRef } from '../schemas/auth.js';
import { ETHNICITY_CODES, PERSON_SEXES, ageOn } from './identity.js';
import { CASE_STATUSES, CLOSURE_REASONS, DETECTION_SOURCES, SUPPORT_SERVICE_TYPES } from './life-cycle.js';
import { RISK_LEVELS } from './risk.js';
import { INJURY_LEVELS, IsoInstant, PLACE_TYPES, PERPETRATOR_RELATIONSHIPS, IMMEDIATE_SAFETY } from './schemas.js';
import { CASE_CONTEXTS, GBVIMS_TYPES, VIOLENCE_ACTS, VIOLENCE_FORMS } from './violence.js';

/** Age groups that reports count survivors by; kept instead of the birth date outside the identity. */
export const AGE_GROUPS = ['0_5', '6_15', '16_17', '18_29', '30_44', '45_59', '60_plus', 'unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export function ageGroupOf(age: number | null): AgeGroup {
  if (age === null) return 'unknown';
  if (age <= 5) return '0_5';
  if (age <= 15) return '6_15';
  if (age <= 17) return '16_17';
  if (age <= 29) return '18_29';
  if (age <= 44) return '30_44';
  if (age <= 59) return '45_59';
  return '60_plus';
}

/** Age at a date from a birth date, or the age given at intake. */
export function ageAt(person: { dateOfBirth?: string | undefined; ageYears?: number | undefined }, onDate: string): number | null {
  if (person.dateOfBirth !== undefined) return ageOn(person.dateOfBirth, onDate);
  return person.ageYears ?? null;
}

export const PersonRef = z.object({ id: z.string(), displayName: z.string() });

export const CaseListItem = z.object({
  id: z.string(),
  code: z.string(),
  unit: UnitRef,
  status: z.enum(CASE_STATUSES),
  riskLevel: z.enum(RISK_LEVELS).nullable(),
  isChild: z.boolean(),
  detectedAt: z.string(),
  /** When the first intervention is due (by the first assessment's level, or the unassessed limit). */
  dueAt: z.string(),
  firstInterventionAt: z.string().nullable(),
  isOverdue: z.boolean(),
  assignedOfficer: PersonRef.nullable(),
  forms: z.array(z.enum(VIOLENCE_FORMS)),
});
export type CaseListItem = z.infer<typeof CaseListItem>;

export const CaseList = z.object({ items: z.array(CaseListItem), total: z.number(), page: z.number(), pageSize: z.number() });

export const CaseListQuery = PageQuery.extend({
  unitId: Id.optional(),
  status: z.enum([...CASE_STATUSES, 'open']).optional(),
  risk: z.enum(RISK_LEVELS).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  assignedToMe: z.enum(['true', 'false']).optional(),
  /** Detection date range, Vietnamese calendar days. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  form: z.enum(VIOLENCE_FORMS).optional(),
  /** A case code or its beginning ("02176-2026"). */
  code: z.string().trim().max(40).regex(/^[0-9A-Za-z-]*$/).optional(),
  sort: z.enum(['detected_desc', 'detected_asc', 'due_asc']).default('detected_desc'),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

/** Search by identity goes in a POST body, so names and numbers never appear in URLs or logs. */
export const CaseIdentitySearch = z
  .strictObject({
    name: z.string().trim().max(120).optional(),
    phone: z.string().trim().max(20).optional(),
    cccd: z.string().trim().max(20).optional(),
  })
  .refine((v) => Boolean(v.name || v.phone || v.cccd), { message: 'search_term_required', path: ['name'] });
export type CaseIdentitySearch = z.infer<typeof CaseIdentitySearch>;

/** The intake wizard asks this before creating a case: same name and birth year, same phone, same CCCD. */
export const DuplicateCheck = z.strictObject({
  fullName: z.string().trim().min(1).max(120),
  dateOfBirth: IsoDate.optional(),
  ageYears: z.number().int().min(0).max(120).optional(),
  detectedAt: IsoInstant.optional(),
  phone: z.string().trim().max(20).optional(),
  cccd: z.string().trim().max(20).optional(),
});
export type DuplicateCheck = z.infer<typeof DuplicateCheck>;

export const FirstInterventionInput = z.strictObject({
  at: IsoInstant,
  note: optionalText(2000),
});
export type FirstInterventionInput = z.infer<typeof FirstInterventionInput>;

export const ServiceGivenInput = z.strictObject({
  serviceType: z.enum(SUPPORT_SERVICE_TYPES),
  givenAt: IsoInstant,
  providerName: optionalText(200),
  outcome: optionalText(2000),
});
export type ServiceGivenInput = z.infer<typeof ServiceGivenInput>;

export const AssignInput = z.strictObject({ officerId: Id.nullable() });
export type AssignInput = z.infer<typeof AssignInput>;

export const IncidentView = z.object({
  id: z.string(),
  occurredAt: z.string(),
  placeType: z.enum(PLACE_TYPES),
  unit: UnitRef,
  acts: z.array(z.enum(VIOLENCE_ACTS)),
  forms: z.array(z.enum(VIOLENCE_FORMS)),
  gbvimsType: z.enum(GBVIMS_TYPES),
  gbvimsSuggested: z.enum(GBVIMS_TYPES).nullable(),
  context: z.enum(CASE_CONTEXTS),
  injuries: z.enum(INJURY_LEVELS),
  reportedToPolice: z.boolean(),
  /** Sex, age and relationship of each perpetrator; shown only to roles that may see identities. */
  perpetrators: z.array(z.object({ sex: z.enum(PERSON_SEXES), ageYears: z.number().optional(), relationship: z.enum(PERPETRATOR_RELATIONSHIPS), perpetratorId: z.string().optional() })).nullable(),
  narrative: z.string().nullable(),
  overrideReason: z.string().nullable(),
});
export type IncidentView = z.infer<typeof IncidentView>;

export const RiskAssessmentView = z.object({
  id: z.string(),
  assessedAt: z.string(),
  assessedBy: PersonRef.nullable(),
  score: z.number(),
  level: z.enum(RISK_LEVELS),
  answers: z.record(z.string(), z.boolean()),
  immediateSafety: z.enum(IMMEDIATE_SAFETY),
});
export type RiskAssessmentView = z.infer<typeof RiskAssessmentView>;

export const CaseDetail = CaseListItem.extend({
  village: UnitRef.nullable(),
  detectionSource: z.enum(DETECTION_SOURCES),
  receivedBy: PersonRef.nullable(),
  closureReason: z.enum(CLOSURE_REASONS).nullable(),
  firstRiskLevel: z.enum(RISK_LEVELS).nullable(),
  hasServiceOrReferral: z.boolean(),
  survivor: z.object({
    sex: z.enum(PERSON_SEXES),
    ageGroup: z.enum(AGE_GROUPS),
    ethnicityCode: z.enum(ETHNICITY_CODES).nullable(),
    hasDisability: z.boolean(),
  }),
  incidents: z.array(IncidentView),
  riskAssessments: z.array(RiskAssessmentView),
  /** Whether this user may reveal the survivor's identity (an audited act). */
  canIdentify: z.boolean(),
  canEdit: z.boolean(),
  allowedTransitions: z.array(z.enum(CASE_STATUSES)),
  /** A closure asked for by the commune officer, waiting for the district focal point. */
  closureRequest: z.object({ requestedAt: z.string(), requestedBy: PersonRef.nullable(), reason: z.enum(CLOSURE_REASONS).nullable() }).nullable(),
  /** The safety plan agreed with the survivor (stored encrypted); only for roles that work on cases, else null. */
  safetyPlan: z.string().nullable(),
  /** The date of the next planned follow-up (yyyy-mm-dd). */
  nextFollowUpOn: z.string().nullable(),
  version: z.number(),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const SurvivorIdentityView = z.object({
  fullName: z.string(),
  otherNames: z.array(z.string()),
  sex: z.enum(PERSON_SEXES),
  dateOfBirth: z.string().nullable(),
  ageYears: z.number().nullable(),
  ethnicityCode: z.string().nullable(),
  disabilities: z.array(z.string()).nullable(),
  cccd: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  villageId: z.string().nullable(),
  maritalStatus: z.string().nullable(),
});
export type SurvivorIdentityView = z.infer<typeof SurvivorIdentityView>;

export const TimelineEntry = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  actor: PersonRef.nullable(),
  details: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const IndicatorQuery = z.strictObject({
  unitId: Id.optional(),
  from: IsoDate,
  to: IsoDate,
  /**
   * "then": the unit's own records (units of that year); "today": the records that moved into today's unit.
   * Default: today's units for a unit that exists today, the units of that year for one that ended.
   */
  units: z.enum(UNITS_VIEWS).optional(),
});
export type IndicatorQuery = z.infer<typeof IndicatorQuery>;

export const IndicatorValue = z.object({
  code: z.string(),
  numerator: z.number(),
  denominator: z.number(),
  /** Percent, or null when nothing was detected in the period (never shown as 0%). */
  value: z.number().nullable(),
  from: z.string(),
  to: z.string(),
  unitId: z.string().nullable(),
});
export type IndicatorValue = z.infer<typeof IndicatorValue>;

export const ProviderInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  serviceTypes: z.array(z.enum(SUPPORT_SERVICE_TYPES)).min(1).max(SUPPORT_SERVICE_TYPES.length),
  unitId: Id,
  /** Units whose people it serves (and everything inside them). */
  unitsServed: z.array(Id).min(1).max(100),
  address: optionalText(300),
  phone: optionalText(40),
  hours: optionalText(200),
  languages: z.array(z.string().trim().min(1).max(40)).max(10).default(['Tiếng Việt']),
  isPublic: z.boolean().default(false),
  isActive: z.boolean().default(true),
});
export type ProviderInput = z.infer<typeof ProviderInput>;

export const ProviderView = z.object({
  id: z.string(),
  name: z.string(),
  serviceTypes: z.array(z.enum(SUPPORT_SERVICE_TYPES)),
  unit: UnitRef,
  unitsServed: z.array(UnitRef),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  hours: z.string().nullable(),
  languages: z.array(z.string()),
  isPublic: z.boolean(),
  isActive: z.boolean(),
});
export type ProviderView = z.infer<typeof ProviderView>;

export const ProviderListQuery = z.strictObject({
  serviceType: z.enum(SUPPORT_SERVICE_TYPES).optional(),
  /** Only providers serving this unit (a case's commune). */
  servesUnitId: Id.optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

export const ConsentView = z.object({
  id: z.string(),
  obtainedAt: z.string(),
  obtainedBy: PersonRef.nullable(),
  givenBy: z.string(),
  storeData: z.boolean(),
  contact: z.boolean(),
  contactChannels: z.array(z.string()),
  shareWith: z.array(z.enum(SUPPORT_SERVICE_TYPES)),
  withdrawnAt: z.string().nullable(),
});
export type ConsentView = z.infer<typeof ConsentView>;

export const REFERRAL_STATUSES = ['sent', 'accepted', 'declined', 'completed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const ReferralView = z.object({
  id: z.string(),
  caseId: z.string(),
  caseCode: z.string(),
  provider: z.object({ id: z.string(), name: z.string() }),
  serviceType: z.enum(SUPPORT_SERVICE_TYPES),
  urgency: z.string(),
  referredAt: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  respondedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** Sent and not answered within the response limit. */
  noResponse: z.boolean(),
  consentBasis: z.enum(['consent', 'exception']),
  /** What the provider was given: only what consent allowed. Present for the provider and the case team. */
  shared: z.object({
    fullName: z.string().nullable(),
    sex: z.string(),
    ageGroup: z.string(),
    commune: z.string(),
    phone: z.string().nullable(),
    contactChannels: z.array(z.string()),
    note: z.string().nullable(),
  }).nullable(),
  responseNote: z.string().nullable(),
});
export type ReferralView = z.infer<typeof ReferralView>;

export const ReferralResponse = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('accept'), note: optionalText(1000) }),
  z.strictObject({ action: z.literal('decline'), note: z.string().trim().min(1).max(1000) }),
  z.strictObject({ action: z.literal('complete'), note: optionalText(2000) }),
]);
export type ReferralResponse = z.infer<typeof ReferralResponse>;

export const ConsentWithdrawal = z.strictObject({ note: optionalText(1000) });

/** One agreed action of a support plan: what, who does it, by when. */
export const SupportPlanAction = z.strictObject({
  description: z.string().trim().min(1).max(500),
  owner: z.string().trim().min(1).max(120),
  dueOn: IsoDate,
  done: z.boolean().default(false),
});

export const SupportPlanInput = z.strictObject({
  /** Support the survivor needs, by service type. */
  needs: z.array(z.enum(SUPPORT_SERVICE_TYPES)).max(SUPPORT_SERVICE_TYPES.length),
  actions: z.array(SupportPlanAction).min(1).max(30),
  /** The safety plan: where to go, whom to call, signals agreed (kept encrypted). */
  safetyPlan: optionalText(4000),
});
export type SupportPlanInput = z.infer<typeof SupportPlanInput>;

export const SUPPORT_PLAN_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;

export const SupportPlanDecision = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('approve'), note: optionalText(1000) }),
  z.strictObject({ decision: z.literal('return'), note: z.string().trim().min(1).max(1000) }),
]);
export type SupportPlanDecision = z.infer<typeof SupportPlanDecision>;

export const SupportPlanView = z.object({
  id: z.string(),
  version: z.number(),
  status: z.enum(SUPPORT_PLAN_STATUSES),
  needs: z.array(z.enum(SUPPORT_SERVICE_TYPES)),
  /** Actions and safety plan: only for roles that may see identities. */
  actions: z.array(z.object({ description: z.string(), owner: z.string(), dueOn: z.string(), done: z.boolean() })).nullable(),
  safetyPlan: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: PersonRef.nullable(),
  decisionNote: z.string().nullable(),
  overdueActions: z.number(),
});
export type SupportPlanView = z.infer<typeof SupportPlanView>;
