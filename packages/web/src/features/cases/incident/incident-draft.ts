// An incident as typed (vụ việc bạo lực): the draft of the intake's third step and of "add incident",
// and its conversion to the API's input.
import { classifyGbvims, GBVIMS_TYPES, type GbvimsType } from '@binhan/domain';
import { blank, numberOrUndefined } from '../draft-resolver';

/** How an entry names its person: a new record, a record already there (here or elsewhere), or no record. */
export type PerpetratorMode = 'new' | 'existing' | 'unknown';

export interface NewPerpetratorDraft {
  identity: {
    fullName: string;
    otherNames: string;
    dateOfBirth: string;
    ethnicityCode: string;
    cccd: string;
    phone: string;
    address: string;
    occupation: string;
  };
  substanceUse: string;
  weaponAccess: string;
}

export interface PerpetratorDraft {
  sex: string;
  /** Age at the incident; also gives a new record its birth year when no birth date is known. */
  ageYears: string;
  relationship: string;
  mode: PerpetratorMode;
  /** A record the user may see (from a search or the duplicate check) … */
  perpetratorId: string;
  /** … or a record elsewhere, through the opaque token the search gave. */
  linkToken: string;
  /** What was chosen, to show it: the record's code, or how the record elsewhere matched. */
  chosenLabel: string;
  newPerpetrator: NewPerpetratorDraft;
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
  return (INCIDENT_FIELDS as readonly string[]).includes(path) || PERPETRATOR_FIELD.test(path);
}

const PERPETRATOR_FIELD =
  /^perpetrators\.\d+\.(sex|ageYears|relationship|perpetratorId|newPerpetrator\.(substanceUse|weaponAccess|identity\.(fullName|otherNames|dateOfBirth|ethnicityCode|cccd|phone|address|occupation)))$/;

/**
 * Where the form shows an issue of a perpetrator entry: the identity's sex and age are the entry's own
 * fields, "other names" is one field for a list, and a refused link token is shown by the chooser.
 */
export function perpetratorFieldPath(path: string): string {
  return path
    .replace(/(perpetrators\.\d+)\.newPerpetrator\.identity\.(sex|ageYears)$/, '$1.$2')
    .replace(/(perpetrators\.\d+\.newPerpetrator\.identity\.otherNames)\.\d+$/, '$1')
    .replace(/(perpetrators\.\d+)\.linkToken$/, '$1.perpetratorId');
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

export const emptyNewPerpetrator = (): NewPerpetratorDraft => ({
  identity: { fullName: '', otherNames: '', dateOfBirth: '', ethnicityCode: '', cccd: '', phone: '', address: '', occupation: '' },
  substanceUse: 'unknown',
  weaponAccess: 'unknown',
});

export const emptyPerpetrator = (mode: PerpetratorMode = 'new'): PerpetratorDraft => ({
  sex: '',
  ageYears: '',
  relationship: '',
  mode,
  perpetratorId: '',
  linkToken: '',
  chosenLabel: '',
  newPerpetrator: emptyNewPerpetrator(),
});

/** The identity a new record is given; its sex is the entry's. */
export function toNewPerpetratorInput(draft: NewPerpetratorDraft, sex: string) {
  const i = draft.identity;
  const other = blank(i.otherNames);
  return {
    identity: {
      fullName: i.fullName,
      otherNames: other === undefined ? undefined : [other],
      sex: blank(sex),
      dateOfBirth: blank(i.dateOfBirth),
      ethnicityCode: blank(i.ethnicityCode),
      cccd: blank(i.cccd),
      phone: blank(i.phone),
      address: blank(i.address),
      occupation: blank(i.occupation),
    },
    substanceUse: blank(draft.substanceUse),
    weaponAccess: blank(draft.weaponAccess),
  };
}

/**
 * The link fields of an entry. "Existing" with nothing chosen sends an empty id, which the schema
 * refuses under the chooser, so the officer is told to choose before leaving the step.
 */
export function toPerpetratorLink(p: Pick<PerpetratorDraft, 'mode' | 'perpetratorId' | 'linkToken' | 'newPerpetrator' | 'sex'>) {
  if (p.mode === 'existing') return p.linkToken !== '' ? { linkToken: p.linkToken } : { perpetratorId: p.perpetratorId };
  if (p.mode === 'new') return { newPerpetrator: toNewPerpetratorInput(p.newPerpetrator, p.sex) };
  return {};
}

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
    perpetrators: draft.perpetrators.map((p) => ({ sex: blank(p.sex), ageYears: numberOrUndefined(p.ageYears), relationship: blank(p.relationship), ...toPerpetratorLink(p) })),
    narrative: blank(draft.narrative),
  };
}
