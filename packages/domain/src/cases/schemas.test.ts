import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ISSUE_MESSAGES } from '../i18n/errors.js';
import { DEFAULT_RISK_CHECKLIST } from './risk.js';
import { isCaseIssueKey } from './messages.js';
import {
  CaseNoteCreate,
  CaseStatusChange,
  IsoInstant,
  isReferralAllowed,
  makeCaseCreateSchema,
  makeConsentSchema,
  makeFollowUpSchema,
  makeIncidentSchema,
  makeProtectionMeasureSchema,
  makeReferralSchema,
  makeRiskAssessmentSchema,
} from './schemas.js';

const now = new Date('2025-03-08T03:00:00Z');
const UNIT = '00000000-0000-4000-8000-000000000001';
const VILLAGE = '00000000-0000-4000-8000-000000000002';
const OTHER_ID = '00000000-0000-4000-8000-000000000003';

/** "path: message" of every issue; every message must be a key of one of the two catalogues. */
function issuesOf(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((i) => {
    const known = isCaseIssueKey(i.message) || i.message in ISSUE_MESSAGES.vi;
    return `${i.path.join('.')}: ${known ? i.message : `(${i.code})`}`;
  });
}

const incident = {
  occurredAt: '2025-03-07T20:00:00+07:00',
  placeType: 'shared_home',
  unitId: UNIT,
  acts: ['a', 'b'],
  gbvimsAnswers: { rape: false, sexual_assault: false, physical_assault: true },
  gbvimsType: 'physical_assault',
  context: 'intimate_partner',
  injuries: 'minor',
  reportedToPolice: false,
  perpetrators: [{ sex: 'male', ageYears: 38, relationship: 'husband' }],
};

const caseCreate = {
  unitId: UNIT,
  villageId: VILLAGE,
  detectedAt: '2025-03-08T08:30:00+07:00',
  detectionSource: 'village_head',
  survivor: { fullName: 'Hoàng Thị Mai', sex: 'female', dateOfBirth: '1990-07-15', ethnicityCode: '02', cccd: '006190012345' },
  firstIncident: incident,
};

describe('IsoInstant', () => {
  it('needs a time zone', () => {
    expect(IsoInstant.safeParse('2025-03-08T08:30:00+07:00').success).toBe(true);
    expect(IsoInstant.safeParse('2025-03-08T01:30:00Z').success).toBe(true);
    expect(issuesOf(IsoInstant, '2025-03-08T08:30:00')).toEqual([': datetime_format']);
    expect(issuesOf(IsoInstant, '2025-03-08')).toEqual([': datetime_format']);
    expect(issuesOf(IsoInstant, '2025-02-30T08:30:00Z')).toEqual([': datetime_format']);
  });
});

describe('CaseCreate', () => {
  const schema = makeCaseCreateSchema(now);

  it('accepts a complete intake and fills defaults', () => {
    const parsed = schema.parse(caseCreate);
    expect(parsed.firstIncident.occurredAtApproximate).toBe(false);
    expect(parsed.survivor.cccd).toBe('006190012345');
  });

  it('refuses a detection in the future, allowing a few minutes of clock skew', () => {
    expect(issuesOf(schema, { ...caseCreate, detectedAt: '2025-03-08T03:04:59Z' })).toEqual([]);
    expect(issuesOf(schema, { ...caseCreate, detectedAt: '2025-03-08T03:05:01Z' })).toEqual(['detectedAt: datetime_in_future']);
  });

  it('refuses an incident after its detection', () => {
    const late = { ...incident, occurredAt: '2025-03-08T08:31:00+07:00' };
    expect(issuesOf(schema, { ...caseCreate, firstIncident: late })).toEqual(['firstIncident.occurredAt: incident_after_detection']);
    const same = { ...incident, occurredAt: '2025-03-08T08:30:00+07:00' };
    expect(issuesOf(schema, { ...caseCreate, firstIncident: same })).toEqual([]);
  });

  it('refuses a birth date after the incident, comparing dates in Vietnam time', () => {
    const baby = { fullName: 'Bé Nông Thị Hà', sex: 'female', dateOfBirth: '2025-03-08' };
    // 20:00 on 7/3 in Vietnam: the day before the birth date.
    expect(issuesOf(schema, { ...caseCreate, survivor: baby })).toEqual(['survivor.dateOfBirth: birth_after_incident']);
    const sameDay = { ...incident, occurredAt: '2025-03-08T01:00:00+07:00' };
    expect(issuesOf(schema, { ...caseCreate, survivor: baby, firstIncident: sameDay })).toEqual([]);
  });

  it('needs a note when the source is "other"', () => {
    expect(issuesOf(schema, { ...caseCreate, detectionSource: 'other' })).toEqual(['detectionSourceNote: detection_source_note_required']);
    expect(issuesOf(schema, { ...caseCreate, detectionSource: 'other', detectionSourceNote: 'Cán bộ tư pháp xã' })).toEqual([]);
  });

  it('reports field problems first, at their nested path', () => {
    const bad = { ...caseCreate, survivor: { ...caseCreate.survivor, fullName: '' }, detectedAt: '2030-01-01T00:00:00Z' };
    expect(issuesOf(schema, bad)).toEqual(['survivor.fullName: (too_small)']);
    expect(issuesOf(schema, { ...caseCreate, detectedAt: 'soon' })).toEqual(['detectedAt: datetime_format']);
  });

  it('checks the survivor’s CCCD against her birth date', () => {
    const survivor = { ...caseCreate.survivor, dateOfBirth: '1991-07-15' };
    expect(issuesOf(schema, { ...caseCreate, survivor })).toEqual(['survivor.cccd: cccd_birth_year_mismatch']);
  });

  it('refuses unknown fields and an unknown detection source', () => {
    expect(issuesOf(schema, { ...caseCreate, status: 'closed' })).toHaveLength(1);
    expect(issuesOf(schema, { ...caseCreate, detectionSource: 'rumour' })).toHaveLength(1);
  });
});

describe('IncidentCreate', () => {
  const schema = makeIncidentSchema(now);

  it('accepts an incident later than the case’s detection (violence can recur)', () => {
    expect(issuesOf(schema, { ...incident, occurredAt: '2025-03-08T09:00:00+07:00' })).toEqual([]);
  });

  it('refuses an incident in the future', () => {
    expect(issuesOf(schema, { ...incident, occurredAt: '2025-03-09T00:00:00+07:00' })).toEqual(['occurredAt: datetime_in_future']);
  });

  it('needs at least one known act, each once', () => {
    expect(issuesOf(schema, { ...incident, acts: [] })).toEqual(['acts: (too_small)']);
    expect(issuesOf(schema, { ...incident, acts: ['f'] })).toEqual(['acts.0: (invalid_value)']);
    expect(issuesOf(schema, { ...incident, acts: ['a', 'a'] })).toEqual(['acts: duplicate_items']);
    expect(issuesOf(schema, { ...incident, acts: ['dd', 'q'] })).toEqual([]);
  });

  it('needs a reason when the officer overrides the classifier', () => {
    expect(issuesOf(schema, { ...incident, gbvimsType: 'psychological_abuse' })).toEqual(['gbvimsOverrideReason: gbvims_override_reason_required']);
    expect(issuesOf(schema, { ...incident, gbvimsType: 'psychological_abuse', gbvimsOverrideReason: '   ' })).toEqual([
      'gbvimsOverrideReason: gbvims_override_reason_required',
    ]);
    expect(issuesOf(schema, { ...incident, gbvimsType: 'psychological_abuse', gbvimsOverrideReason: 'Đánh nhẹ, chủ yếu là đe dọa' })).toEqual([]);
  });

  it('needs a type, with a reason, even when the classifier found nothing', () => {
    expect(issuesOf(schema, { ...incident, gbvimsAnswers: {}, gbvimsType: null })).toEqual(['gbvimsType: (invalid_value)']);
    expect(issuesOf(schema, { ...incident, gbvimsAnswers: {} })).toEqual(['gbvimsOverrideReason: gbvims_override_reason_required']);
    expect(issuesOf(schema, { ...incident, gbvimsAnswers: {}, gbvimsOverrideReason: 'Người bị bạo lực không muốn trả lời' })).toEqual([]);
  });

  it('refuses unknown classifier questions and perpetrator fields', () => {
    expect(issuesOf(schema, { ...incident, gbvimsAnswers: { trafficking: true } }).length).toBeGreaterThan(0);
    expect(issuesOf(schema, { ...incident, perpetrators: [{ sex: 'male', relationship: 'husband', name: 'A' }] })).toHaveLength(1);
    expect(issuesOf(schema, { ...incident, perpetrators: [] })).toEqual([]);
  });
});

describe('RiskAssessmentCreate', () => {
  const schema = makeRiskAssessmentSchema(DEFAULT_RISK_CHECKLIST, now);
  const base = { assessedAt: '2025-03-08T09:00:00+07:00', answers: { threat_to_kill: true }, immediateSafety: 'unsafe_now' };

  it('accepts answers on the checklist', () => {
    expect(issuesOf(schema, base)).toEqual([]);
  });

  it('refuses items not on the checklist', () => {
    expect(issuesOf(schema, { ...base, answers: { ghosts: true } })).toEqual(['answers.ghosts: risk_item_unknown']);
  });

  it('lets the officer raise the level with a reason, never lower it', () => {
    // threat_to_kill alone scores 4: medium.
    expect(issuesOf(schema, { ...base, levelOverride: 'high' })).toEqual(['overrideReason: risk_override_reason_required']);
    expect(issuesOf(schema, { ...base, levelOverride: 'high', overrideReason: 'Đã có tiền án cố ý gây thương tích' })).toEqual([]);
    expect(issuesOf(schema, { ...base, levelOverride: 'low', overrideReason: 'x' })).toEqual(['levelOverride: risk_override_lower']);
    expect(issuesOf(schema, { ...base, levelOverride: 'medium' })).toEqual([]);
  });

  it('refuses an assessment in the future', () => {
    expect(issuesOf(schema, { ...base, assessedAt: '2025-03-09T09:00:00+07:00' })).toEqual(['assessedAt: datetime_in_future']);
  });
});

describe('ConsentCreate', () => {
  const schema = makeConsentSchema(now);
  const base = {
    obtainedAt: '2025-03-08T09:00:00+07:00',
    givenBy: 'survivor',
    informed: true,
    storeData: true,
    contact: true,
    contactChannels: ['home_visit'],
    shareWith: ['health_care', 'legal_aid'],
  };

  it('accepts an informed consent', () => {
    expect(issuesOf(schema, base)).toEqual([]);
    expect(schema.parse({ ...base, contact: false, contactChannels: undefined, shareWith: undefined }).shareWith).toEqual([]);
  });

  it('needs the survivor to have been informed', () => {
    expect(issuesOf(schema, { ...base, informed: false })).toEqual(['informed: consent_not_informed']);
  });

  it('keeps the contact choice and its channels consistent', () => {
    expect(issuesOf(schema, { ...base, contactChannels: [] })).toEqual(['contactChannels: consent_channel_required']);
    expect(issuesOf(schema, { ...base, contact: false })).toEqual(['contactChannels: consent_channels_without_contact']);
    expect(issuesOf(schema, { ...base, contactChannels: ['sms', 'sms'] })).toEqual(['contactChannels: duplicate_items']);
  });

  it('needs the guardian’s relationship when a guardian consents for a child', () => {
    expect(issuesOf(schema, { ...base, givenBy: 'parent_or_guardian' })).toEqual(['guardianRelationship: consent_guardian_relationship_required']);
    expect(issuesOf(schema, { ...base, givenBy: 'parent_or_guardian', guardianRelationship: 'Mẹ' })).toEqual([]);
  });
});

describe('ReferralCreate', () => {
  const schema = makeReferralSchema(now);
  const base = { serviceType: 'legal_aid', providerId: OTHER_ID, urgency: 'urgent', referredAt: '2025-03-08T09:00:00+07:00' };

  it('needs a consent or an exception, not both', () => {
    expect(issuesOf(schema, base)).toEqual(['consentId: referral_consent_required']);
    expect(issuesOf(schema, { ...base, consentId: OTHER_ID })).toEqual([]);
    const exception = { reason: 'threat_to_life', approvedBy: UNIT, note: 'Đe dọa giết bằng dao' };
    expect(issuesOf(schema, { ...base, consentException: exception })).toEqual([]);
    expect(issuesOf(schema, { ...base, consentId: OTHER_ID, consentException: exception })).toEqual([
      'consentException: referral_consent_and_exception',
    ]);
  });

  it('allows a referral only to services the survivor agreed to, unless excepted', () => {
    expect(isReferralAllowed('legal_aid', { shareWith: ['legal_aid'] }, null)).toBe(true);
    expect(isReferralAllowed('police_protection', { shareWith: ['legal_aid'] }, null)).toBe(false);
    expect(isReferralAllowed('police_protection', null, { reason: 'child_at_risk' })).toBe(true);
    expect(isReferralAllowed('police_protection', undefined, undefined)).toBe(false);
  });
});

describe('ProtectionMeasureCreate', () => {
  const schema = makeProtectionMeasureSchema(now);
  const order = {
    type: 'no_contact',
    issuer: 'commune_chairman',
    decisionNumber: '12/QĐ-UBND',
    requestedAt: '2025-03-07T20:00:00+07:00',
    decidedAt: '2025-03-08T06:00:00+07:00',
    startsAt: '2025-03-08T06:00:00+07:00',
    endsAt: '2025-03-11T06:00:00+07:00',
  };

  it('accepts a chairman’s no-contact order of 3 days', () => {
    expect(issuesOf(schema, order)).toEqual([]);
    expect(schema.parse(order).status).toBe('in_effect');
  });

  it('refuses a longer term, a missing end and an issuer without power', () => {
    expect(issuesOf(schema, { ...order, endsAt: '2025-03-11T06:00:01+07:00' })).toEqual(['endsAt: measure_too_long']);
    expect(issuesOf(schema, { ...order, endsAt: undefined })).toEqual(['endsAt: measure_end_required']);
    expect(issuesOf(schema, { ...order, issuer: 'commune_police' })).toEqual(['issuer: measure_issuer_not_allowed']);
    expect(issuesOf(schema, { ...order, issuer: 'commune_police', endsAt: undefined })).toEqual([
      'endsAt: measure_end_required',
      'issuer: measure_issuer_not_allowed',
    ]);
  });

  it('allows a court order of 4 months', () => {
    expect(issuesOf(schema, { ...order, issuer: 'court', endsAt: '2025-07-08T06:00:00+07:00' })).toEqual([]);
    expect(issuesOf(schema, { ...order, issuer: 'court', endsAt: '2025-07-08T06:00:01+07:00' })).toEqual(['endsAt: measure_too_long']);
  });

  it('keeps request, decision and start in order', () => {
    expect(issuesOf(schema, { ...order, requestedAt: '2025-03-08T07:00:00+07:00' })).toEqual(['decidedAt: measure_decided_before_request']);
    expect(issuesOf(schema, { ...order, startsAt: '2025-03-08T05:00:00+07:00', endsAt: '2025-03-11T05:00:00+07:00' })).toEqual([
      'startsAt: measure_starts_before_decision',
    ]);
    expect(issuesOf(schema, { ...order, endsAt: '2025-03-08T05:00:00+07:00' })).toEqual(['endsAt: measure_end_before_start']);
  });

  it('accepts a measure without a legal term and without an end', () => {
    expect(issuesOf(schema, { type: 'medical_care', issuer: 'service_provider', startsAt: '2025-03-08T06:00:00+07:00' })).toEqual([]);
  });

  it('refuses a decision in the future', () => {
    expect(issuesOf(schema, { ...order, decidedAt: '2025-03-09T06:00:00+07:00', startsAt: '2025-03-09T06:00:00+07:00', endsAt: '2025-03-10T06:00:00+07:00' })).toEqual([
      'decidedAt: datetime_in_future',
    ]);
  });
});

describe('FollowUpCreate', () => {
  const schema = makeFollowUpSchema(now);
  const base = { contactedAt: '2025-03-08T09:00:00+07:00', method: 'home_visit', survivorSafe: 'yes', violenceRecurred: false };

  it('accepts a follow-up and plans the next one after it', () => {
    expect(issuesOf(schema, { ...base, nextFollowUpOn: '2025-03-15', newNeeds: ['economic_support'] })).toEqual([]);
    expect(issuesOf(schema, { ...base, nextFollowUpOn: '2025-03-08' })).toEqual(['nextFollowUpOn: follow_up_next_before_visit']);
    expect(issuesOf(schema, { ...base, newNeeds: ['education', 'education'] })).toEqual(['newNeeds: duplicate_items']);
  });
});

describe('CaseNoteCreate', () => {
  it('needs a body of at most 4000 characters', () => {
    expect(issuesOf(CaseNoteCreate, { body: 'Đã gọi điện, chị Mai an toàn.' })).toEqual([]);
    expect(issuesOf(CaseNoteCreate, { body: '  ' })).toEqual(['body: (too_small)']);
    expect(issuesOf(CaseNoteCreate, { body: 'x'.repeat(4001) })).toEqual(['body: (too_big)']);
  });
});

describe('CaseStatusChange', () => {
  it('needs a closure reason to close, and a note for vague reasons', () => {
    expect(issuesOf(CaseStatusChange, { to: 'closed' })).toEqual(['closureReason: closure_reason_required']);
    expect(issuesOf(CaseStatusChange, { to: 'closed', closureReason: 'safe_and_supported' })).toEqual([]);
    expect(issuesOf(CaseStatusChange, { to: 'closed', closureReason: 'other' })).toEqual(['note: closure_note_required']);
    expect(issuesOf(CaseStatusChange, { to: 'closed', closureReason: 'other', note: 'Gia đình chuyển vào Nam' })).toEqual([]);
  });

  it('needs a reason to reopen and no closure reason otherwise', () => {
    expect(issuesOf(CaseStatusChange, { to: 'reported' })).toEqual(['note: reopen_note_required']);
    expect(issuesOf(CaseStatusChange, { to: 'reported', note: 'Bạo lực tái diễn' })).toEqual([]);
    expect(issuesOf(CaseStatusChange, { to: 'assessed', closureReason: 'duplicate' })).toEqual(['closureReason: closure_reason_unexpected']);
  });
});
