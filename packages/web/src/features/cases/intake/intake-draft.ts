// The intake draft: everything typed in the four steps, held in memory only (identities never go to
// browser storage), its conversion to CaseCreate, and which step shows which field.
import { makeSurvivorIdentitySchema, type DuplicateCheck } from '@binhan/domain';
import type { FieldPath } from 'react-hook-form';
import { blank, numberOrUndefined } from '../draft-resolver';
import { emptyIncident, INCIDENT_FIELDS, isIncidentField, perpetratorFieldPath, toIncidentInput, type IncidentDraft } from '../incident/incident-draft';

export interface SurvivorDraft {
  fullName: string;
  otherNames: string;
  sex: string;
  birthMode: 'date' | 'age';
  dateOfBirth: string;
  ageYears: string;
  ethnicityCode: string;
  /** Whether disability was asked about: not asked, none, or the kinds below. */
  disabilityAnswer: 'unasked' | 'none' | 'yes';
  disabilities: string[];
  cccd: string;
  phone: string;
  address: string;
  maritalStatus: string;
}

export interface CaseDraft {
  unitId: string;
  villageId: string;
  detectedAt: string;
  detectionSource: string;
  detectionSourceNote: string;
  receivedByNote: string;
  survivor: SurvivorDraft;
  firstIncident: IncidentDraft;
}

export const INTAKE_STEPS = ['detection', 'survivor', 'incident', 'perpetrators', 'review'] as const;
export type IntakeStep = (typeof INTAKE_STEPS)[number];

export function emptyCaseDraft(unitId: string, now: string): CaseDraft {
  return {
    unitId,
    villageId: '',
    detectedAt: now,
    detectionSource: '',
    detectionSourceNote: '',
    receivedByNote: '',
    survivor: {
      fullName: '',
      otherNames: '',
      sex: '',
      birthMode: 'date',
      dateOfBirth: '',
      ageYears: '',
      ethnicityCode: '',
      disabilityAnswer: 'unasked',
      disabilities: [],
      cccd: '',
      phone: '',
      address: '',
      maritalStatus: '',
    },
    firstIncident: emptyIncident(),
  };
}

export function toSurvivorInput(s: SurvivorDraft) {
  const other = blank(s.otherNames);
  return {
    fullName: s.fullName,
    otherNames: other === undefined ? undefined : [other],
    sex: blank(s.sex),
    dateOfBirth: s.birthMode === 'date' ? blank(s.dateOfBirth) : undefined,
    ageYears: s.birthMode === 'age' ? numberOrUndefined(s.ageYears) : undefined,
    ethnicityCode: blank(s.ethnicityCode),
    disabilities: s.disabilityAnswer === 'unasked' ? undefined : s.disabilityAnswer === 'none' ? [] : s.disabilities,
    cccd: blank(s.cccd),
    phone: blank(s.phone),
    address: blank(s.address),
    maritalStatus: blank(s.maritalStatus),
  };
}

export function toCaseCreateInput(draft: CaseDraft) {
  return {
    unitId: blank(draft.unitId),
    villageId: blank(draft.villageId),
    detectedAt: draft.detectedAt,
    detectionSource: blank(draft.detectionSource),
    detectionSourceNote: blank(draft.detectionSourceNote),
    receivedByNote: blank(draft.receivedByNote),
    survivor: toSurvivorInput(draft.survivor),
    firstIncident: toIncidentInput(draft.firstIncident, draft.unitId),
  };
}

/** "Tên gọi khác" is one field in the form, a list in the API; a perpetrator's identity issues sit on its entry. */
export function intakeFieldPath(path: string): string {
  return perpetratorFieldPath(path.replace(/^survivor\.otherNames\.\d+$/, 'survivor.otherNames'));
}

const DETECTION_FIELDS = ['unitId', 'villageId', 'detectedAt', 'detectionSource', 'detectionSourceNote', 'receivedByNote'];
const SURVIVOR_FIELDS = ['fullName', 'otherNames', 'sex', 'dateOfBirth', 'ageYears', 'ethnicityCode', 'disabilities', 'cccd', 'phone', 'address', 'maritalStatus'];

/** The step that shows a field, or null when no step does (the issue is listed in the error box). */
export function stepOfPath(path: string): IntakeStep | null {
  if (DETECTION_FIELDS.includes(path)) return 'detection';
  if (path.startsWith('survivor.')) return SURVIVOR_FIELDS.includes(path.slice('survivor.'.length)) ? 'survivor' : null;
  if (path.startsWith('firstIncident.')) {
    const rest = path.slice('firstIncident.'.length);
    if (!isIncidentField(rest)) return null;
    return rest.startsWith('perpetrators.') ? 'perpetrators' : 'incident';
  }
  return null;
}

/** The fields to check before leaving a step. */
export const STEP_FIELDS: Readonly<Record<IntakeStep, readonly FieldPath<CaseDraft>[]>> = {
  detection: ['unitId', 'villageId', 'detectedAt', 'detectionSource', 'detectionSourceNote', 'receivedByNote'],
  survivor: ['survivor'],
  incident: [...INCIDENT_FIELDS.map((name) => `firstIncident.${name}` as const), 'firstIncident.occurredAtApproximate', 'firstIncident.reportedToPolice'],
  perpetrators: ['firstIncident.perpetrators'],
  review: [],
};

/** What the duplicate check sends, normalised by the same schema as the intake (phone, CCCD), or null when the survivor step is not valid. */
export function duplicateCheckOf(draft: CaseDraft): DuplicateCheck | null {
  const parsed = makeSurvivorIdentitySchema(new Date()).safeParse(toSurvivorInput(draft.survivor));
  if (!parsed.success) return null;
  const s = parsed.data;
  return { fullName: s.fullName, dateOfBirth: s.dateOfBirth, ageYears: s.ageYears, detectedAt: draft.detectedAt || undefined, phone: s.phone, cccd: s.cccd };
}
