// What the perpetrator API answers. Lists, pages and search results never carry the identity; only the
// audited reveal does. Incidents of cases the user may not see are counted, never shown.
import { z } from 'zod';
import { UnitRef } from '../schemas/auth.js';
import { ETHNICITY_CODES, PERSON_SEXES } from '../cases/identity.js';
import { CASE_STATUSES, MEASURE_ISSUERS, MEASURE_STATUSES } from '../cases/life-cycle.js';
import { PERPETRATOR_RELATIONSHIPS } from '../cases/schemas.js';
import { IndicatorValue, PersonRef } from '../cases/views.js';
import { GBVIMS_TYPES, VIOLENCE_ACTS, VIOLENCE_FORMS } from '../cases/violence.js';
import { SUBSTANCE_USE, WEAPON_ACCESS } from './identity.js';
import { CRITICISM_CONDITIONS, T2_HANDLING_KINDS } from './rules.js';
import {
  COUNSELLING_ATTENDANCE, COUNSELLING_TOPICS, CRIMINAL_STAGES, PERPETRATOR_MEASURE_STATUSES, PERPETRATOR_MEASURE_TYPES,
} from './schemas.js';

export const PerpetratorListItem = z.object({
  id: z.string(),
  /** Mã đối tượng, e.g. "NG-02176-2026-0003": how officers refer to a record without a name. */
  code: z.string(),
  unit: UnitRef,
  sex: z.enum(PERSON_SEXES),
  /** Age today, from the recorded birth year; null when unknown. */
  ageYears: z.number().nullable(),
  substanceUse: z.enum(SUBSTANCE_USE),
  weaponAccess: z.enum(WEAPON_ACCESS),
  /** Linked incidents the user may see, and those of cases outside the user's area (counted only). */
  incidentCount: z.number(),
  hiddenIncidentCount: z.number(),
  /** Linked to two or more incidents, anywhere. */
  isRepeat: z.boolean(),
  lastIncidentAt: z.string().nullable(),
  counselled: z.boolean(),
  counsellingCount: z.number(),
  /** Types of measures recorded and not cancelled. */
  measureTypes: z.array(z.enum(PERPETRATOR_MEASURE_TYPES)),
  /** At least one attended counselling session or a measure not cancelled. */
  handled: z.boolean(),
});
export type PerpetratorListItem = z.infer<typeof PerpetratorListItem>;

export const PerpetratorList = z.object({ items: z.array(PerpetratorListItem), total: z.number(), page: z.number(), pageSize: z.number() });
export type PerpetratorList = z.infer<typeof PerpetratorList>;

/** A match of an identity search in a record the user may not see: no id, no unit, only how it matched. */
export const PerpetratorElsewhere = z.object({
  matchedBy: z.array(z.enum(['cccd', 'phone', 'name_year'])),
  /** Opaque, valid for 2 hours, for this user only: lets intake link the incident to that record. */
  linkToken: z.string(),
});
export type PerpetratorElsewhere = z.infer<typeof PerpetratorElsewhere>;

export const PerpetratorSearchResult = z.object({
  items: z.array(PerpetratorListItem),
  elsewhere: z.array(PerpetratorElsewhere),
});
export type PerpetratorSearchResult = z.infer<typeof PerpetratorSearchResult>;

export const PerpetratorIncidentView = z.object({
  linkId: z.string(),
  incidentId: z.string(),
  caseId: z.string(),
  caseCode: z.string(),
  caseStatus: z.enum(CASE_STATUSES),
  /** The case's commune. */
  unit: UnitRef,
  /** Where the incident happened. */
  incidentUnit: UnitRef,
  occurredAt: z.string(),
  relationship: z.enum(PERPETRATOR_RELATIONSHIPS),
  acts: z.array(z.enum(VIOLENCE_ACTS)),
  forms: z.array(z.enum(VIOLENCE_FORMS)),
  gbvimsType: z.enum(GBVIMS_TYPES),
});
export type PerpetratorIncidentView = z.infer<typeof PerpetratorIncidentView>;

/** Reference to a case, given only when the user may see that case. */
const CaseRef = z.object({ caseId: z.string(), caseCode: z.string(), incidentId: z.string() }).nullable();

export const CounsellingView = z.object({
  id: z.string(),
  heldOn: z.string(),
  counsellor: z.string(),
  topic: z.enum(COUNSELLING_TOPICS),
  topicNote: z.string().nullable(),
  attendance: z.enum(COUNSELLING_ATTENDANCE),
  /** Only for users who may identify and whose area holds the session's unit. */
  outcome: z.string().nullable(),
  unit: UnitRef,
  case: CaseRef,
  canEdit: z.boolean(),
  createdBy: PersonRef.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CounsellingView = z.infer<typeof CounsellingView>;

export const MEASURE_WARNINGS = ['criticism_rule_not_met'] as const;
export type MeasureWarning = (typeof MEASURE_WARNINGS)[number];

export const PerpetratorMeasureView = z.object({
  id: z.string(),
  type: z.enum(PERPETRATOR_MEASURE_TYPES),
  decidedOn: z.string(),
  decidingBody: z.enum(MEASURE_ISSUERS),
  decidingBodyNote: z.string().nullable(),
  status: z.enum(PERPETRATOR_MEASURE_STATUSES),
  decisionNumber: z.string().nullable(),
  fineVnd: z.number().nullable(),
  criminalStage: z.enum(CRIMINAL_STAGES).nullable(),
  /** Description (type "other") and outcome: as the counselling outcome. */
  description: z.string().nullable(),
  outcome: z.string().nullable(),
  ruleOverrideReason: z.string().nullable(),
  unit: UnitRef,
  case: CaseRef,
  /** No-contact order: the case's protection measure it is (shared, not copied); null when not visible. */
  protectionMeasure: z.object({
    id: z.string(),
    issuer: z.enum(MEASURE_ISSUERS),
    status: z.enum(MEASURE_STATUSES),
    startsAt: z.string(),
    endsAt: z.string().nullable(),
    isActive: z.boolean(),
  }).nullable(),
  /** Not cancelled, and (for a no-contact order) still active, or not completed yet. */
  isCurrent: z.boolean(),
  warnings: z.array(z.enum(MEASURE_WARNINGS)),
  canEdit: z.boolean(),
  createdBy: PersonRef.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PerpetratorMeasureView = z.infer<typeof PerpetratorMeasureView>;

export const CriticismRuleView = z.object({
  applies: z.boolean(),
  onDate: z.string(),
  windowStart: z.string(),
  reasons: z.array(z.object({ condition: z.enum(CRITICISM_CONDITIONS), met: z.boolean().nullable(), count: z.number().optional() })),
});

export const PerpetratorDetail = z.object({
  id: z.string(),
  code: z.string(),
  unit: UnitRef,
  sex: z.enum(PERSON_SEXES),
  ageYears: z.number().nullable(),
  isAdult: z.boolean().nullable(),
  ethnicityCode: z.enum(ETHNICITY_CODES).nullable(),
  substanceUse: z.enum(SUBSTANCE_USE),
  weaponAccess: z.enum(WEAPON_ACCESS),
  isRepeat: z.boolean(),
  totalIncidents: z.number(),
  /** Linked incidents the user may see, oldest first. */
  incidents: z.array(PerpetratorIncidentView),
  /** Linked incidents of cases outside the user's area: how many, nothing else. */
  hiddenIncidentCount: z.number(),
  counselling: z.array(CounsellingView),
  measures: z.array(PerpetratorMeasureView),
  /** Community criticism checked for today over all the person's records. */
  criticismRule: CriticismRuleView,
  canIdentify: z.boolean(),
  canEdit: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PerpetratorDetail = z.infer<typeof PerpetratorDetail>;

export const PerpetratorIdentityView = z.object({
  fullName: z.string(),
  otherNames: z.array(z.string()),
  sex: z.enum(PERSON_SEXES),
  dateOfBirth: z.string().nullable(),
  ageYears: z.number().nullable(),
  ethnicityCode: z.string().nullable(),
  cccd: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  villageId: z.string().nullable(),
  occupation: z.string().nullable(),
});
export type PerpetratorIdentityView = z.infer<typeof PerpetratorIdentityView>;

/** A perpetrator linked to an incident of a case, for the case page. */
export const CasePerpetratorView = z.object({
  perpetratorId: z.string(),
  code: z.string(),
  linkId: z.string(),
  incidentId: z.string(),
  relationship: z.enum(PERPETRATOR_RELATIONSHIPS),
  sex: z.enum(PERSON_SEXES),
  ageYears: z.number().nullable(),
  substanceUse: z.enum(SUBSTANCE_USE),
  weaponAccess: z.enum(WEAPON_ACCESS),
  isRepeat: z.boolean(),
  totalIncidents: z.number(),
  counselled: z.boolean(),
  lastCounsellingOn: z.string().nullable(),
  /** Measures not cancelled and still running (a no-contact order until its end). */
  currentMeasures: z.array(PerpetratorMeasureView),
  criticismApplies: z.boolean(),
});
export type CasePerpetratorView = z.infer<typeof CasePerpetratorView>;

export const CasePerpetratorList = z.object({ items: z.array(CasePerpetratorView) });

const RatioView = z.object({ numerator: z.number(), denominator: z.number() });

export const T2Value = IndicatorValue.extend({
  bySex: z.record(z.enum(PERSON_SEXES), RatioView),
  byMeasure: z.record(z.enum(T2_HANDLING_KINDS), z.number()),
  byRepeat: z.object({ repeat: RatioView, first: RatioView }),
});
export type T2Value = z.infer<typeof T2Value>;

/**
 * A link to a perpetrator recorded by another commune, waiting for that commune's consent. The record's
 * commune sees its own record's code and who asks; the asking commune sees only its own case, never the
 * record, until the link is approved.
 */
export const PerpetratorLinkRequestView = z.object({
  id: z.string(),
  /** incoming: my area holds the record and decides; outgoing: my area asked. */
  direction: z.enum(['incoming', 'outgoing']),
  status: z.enum(['pending', 'approved', 'declined']),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  requestingUnit: z.object({ id: z.string(), name: z.string() }),
  /** The incident's day (Vietnam). */
  occurredOn: z.string(),
  relationship: z.string(),
  perpetrator: z.object({ id: z.string(), code: z.string() }).nullable(),
  case: z.object({ id: z.string(), code: z.string() }).nullable(),
  canDecide: z.boolean(),
});
export type PerpetratorLinkRequestView = z.infer<typeof PerpetratorLinkRequestView>;
export const PerpetratorLinkRequestList = z.object({ items: z.array(PerpetratorLinkRequestView) });
export type PerpetratorLinkRequestList = z.infer<typeof PerpetratorLinkRequestList>;
export const PerpetratorLinkRequestQuery = z.strictObject({ status: z.enum(['pending', 'all']).default('pending') });
export const PerpetratorLinkRequestDecision = z.strictObject({ decision: z.enum(['approve', 'decline']) });
export type PerpetratorLinkRequestDecision = z.infer<typeof PerpetratorLinkRequestDecision>;
