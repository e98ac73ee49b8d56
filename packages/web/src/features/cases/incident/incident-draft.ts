// An incident as typed (vụ việc bạo lực): the draft of the intake's third step and of "add incident",
// and its conversion to the API's input.
import { classifyGbvims, GBVIMS_TYPES, type GbvimsType } from '@binhan/domain';
import { blank, numberOrUndefined } from '../draft-resolver';

export interface PerpetratorDraft {
  sex: string;
  ageYears: string;
  relationship: string;
}

export interface IncidentDraft {
  occurredAt: string;
  occurredAtApproximate: boolean;
  placeType: string;
  acts: string[];
  gbvimsAnswers: Partial<Record<GbvimsType, boolean>>;
  /** '' while the officer follows the classifier's proposal. */
  gbvimsType: string;
  gbvimsOverrideReason: string;
  context: string;
  injuries: string;
  reportedToPolice: boolean;
  perpetrators: PerpetratorDraft[];
  narrative: string;
}

/** Fields of the incident form, for placing server issues (perpetrators are matched by pattern). */
export const INCIDENT_FIELDS = [
  'occurredAt',
  'placeType',
  'acts',
  'gbvimsAnswers',
  'gbvimsType',
  'gbvimsOverrideReason',
  'context',
  'injuries',
  'narrative',
] as const;

export function isIncidentField(path: string): boolean {
  return (INCIDENT_FIELDS as readonly string[]).includes(path) || /^perpetrators\.\d+\.(sex|ageYears|relationship)$/.test(path);
}

export function emptyIncident(occurredAt = ''): IncidentDraft {
  return {
    occurredAt,
    occurredAtApproximate: false,
    placeType: '',
    acts: [],
    gbvimsAnswers: {},
    gbvimsType: '',
    gbvimsOverrideReason: '',
    context: 'domestic_violence',
    injuries: '',
    reportedToPolice: false,
    perpetrators: [],
    narrative: '',
  };
}

export const emptyPerpetrator = (): PerpetratorDraft => ({ sex: '', ageYears: '', relationship: '' });

/** The answers that were asked: up to and including the first "yes" (the classifier stops there). */
export function askedAnswers(answers: IncidentDraft['gbvimsAnswers']): Partial<Record<GbvimsType, boolean>> {
  const asked: Partial<Record<GbvimsType, boolean>> = {};
  for (const type of GBVIMS_TYPES) {
    const answer = answers[type];
    if (answer === undefined) break;
    asked[type] = answer;
    if (answer) break;
  }
  return asked;
}

/** The type that will be recorded: the officer's choice, else the classifier's proposal. */
export function chosenGbvimsType(draft: Pick<IncidentDraft, 'gbvimsAnswers' | 'gbvimsType'>): GbvimsType | null {
  return GBVIMS_TYPES.find((type) => type === draft.gbvimsType) ?? classifyGbvims(askedAnswers(draft.gbvimsAnswers));
}

export function toIncidentInput(draft: IncidentDraft, unitId: string) {
  return {
    occurredAt: draft.occurredAt,
    occurredAtApproximate: draft.occurredAtApproximate,
    placeType: blank(draft.placeType),
    unitId: blank(unitId),
    acts: draft.acts,
    gbvimsAnswers: askedAnswers(draft.gbvimsAnswers),
    gbvimsType: chosenGbvimsType(draft) ?? undefined,
    gbvimsOverrideReason: blank(draft.gbvimsOverrideReason),
    context: blank(draft.context),
    injuries: blank(draft.injuries),
    reportedToPolice: draft.reportedToPolice,
    perpetrators: draft.perpetrators.map((p) => ({ sex: blank(p.sex), ageYears: numberOrUndefined(p.ageYears), relationship: blank(p.relationship) })),
    narrative: blank(draft.narrative),
  };
}
