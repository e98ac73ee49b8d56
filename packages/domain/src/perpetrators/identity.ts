// A perpetrator's record as intake and the perpetrator page enter it (DOMAIN.md §5): the identity,
// protected like a survivor's, and the risk factors that stay readable (substance use, access to a
// weapon). Also the fields an incident's perpetrator entry adds to link a record. This file imports
// only the survivor identity helpers, so the case schemas can import it without a cycle.
import { z } from 'zod';
import { Id, IsoDate, optionalText, text } from '../schemas/common.js';
import { CccdInput, ETHNICITY_CODES, MobilePhoneInput, PERSON_SEXES, checkCccd } from '../cases/identity.js';
import type { BilingualLabel } from '../cases/labels.js';
import { WHEN_FIELDS_VALID } from '../cases/refine.js';
import type { PerpetratorIssueKey } from './messages.js';

export const SUBSTANCE_USE = ['none', 'alcohol', 'drugs', 'alcohol_and_drugs', 'unknown'] as const;
export type SubstanceUse = (typeof SUBSTANCE_USE)[number];

export const SUBSTANCE_USE_LABELS: Readonly<Record<SubstanceUse, BilingualLabel>> = {
  none: { vi: 'Không sử dụng', en: 'None' },
  alcohol: { vi: 'Thường xuyên uống rượu, bia', en: 'Alcohol' },
  drugs: { vi: 'Sử dụng ma túy', en: 'Drugs' },
  alcohol_and_drugs: { vi: 'Rượu, bia và ma túy', en: 'Alcohol and drugs' },
  unknown: { vi: 'Chưa rõ', en: 'Not known' },
};

export const WEAPON_ACCESS = ['no', 'yes', 'unknown'] as const;
export type WeaponAccess = (typeof WEAPON_ACCESS)[number];

export const WEAPON_ACCESS_LABELS: Readonly<Record<WeaponAccess, BilingualLabel>> = {
  no: { vi: 'Không', en: 'No' },
  yes: { vi: 'Có (dao, súng kíp, vũ khí tự chế …)', en: 'Yes (knife, homemade gun …)' },
  unknown: { vi: 'Chưa rõ', en: 'Not known' },
};

export function addPerpetratorIssue(ctx: z.RefinementCtx, path: (string | number)[], key: PerpetratorIssueKey): void {
  ctx.addIssue({ code: 'custom', path, message: key });
}

/**
 * The perpetrator's identity. Birth date or age: the age is the age at the incident, as the survivor or
 * a neighbour gives it. Whether the birth date lies after the incident is checked with the incident.
 */
export const PerpetratorIdentityInput = z
  .strictObject({
    fullName: text(120),
    otherNames: z.array(text(120)).max(5).optional(),
    sex: z.enum(PERSON_SEXES),
    dateOfBirth: IsoDate.optional(),
    ageYears: z.number().int().min(0).max(120).optional(),
    ethnicityCode: z.enum(ETHNICITY_CODES).optional(),
    cccd: CccdInput.optional(),
    phone: MobilePhoneInput.optional(),
    address: optionalText(300),
    /** Village of residence (a village of the record's unit). */
    villageId: Id.optional(),
    occupation: optionalText(120),
  })
  .superRefine((person, ctx) => {
    if (person.dateOfBirth !== undefined && person.ageYears !== undefined) ctx.addIssue({ code: 'custom', path: ['ageYears'], message: 'dob_and_age_both' });
    if (person.cccd !== undefined) {
      const problem = checkCccd(person.cccd, person.dateOfBirth, person.sex);
      if (problem !== null) ctx.addIssue({ code: 'custom', path: ['cccd'], message: problem });
    }
  }, WHEN_FIELDS_VALID);
export type PerpetratorIdentityInput = z.infer<typeof PerpetratorIdentityInput>;

/** A new perpetrator record: identity, commune of residence and risk factors. */
export const NewPerpetratorInput = z.strictObject({
  identity: PerpetratorIdentityInput,
  /** Commune (or village) of residence; defaults to the case's commune. */
  unitId: Id.optional(),
  substanceUse: z.enum(SUBSTANCE_USE).default('unknown'),
  weaponAccess: z.enum(WEAPON_ACCESS).default('unknown'),
});
export type NewPerpetratorInput = z.infer<typeof NewPerpetratorInput>;

/**
 * How an incident's perpetrator entry points at a record: an existing perpetrator the user can see
 * (`perpetratorId`), one found "elsewhere" by an identity search (`linkToken`, opaque and short-lived),
 * or a new record (`newPerpetrator`). None of them: the entry stays a description only (sex, age,
 * relationship), as before records existed.
 */
export const PerpetratorLinkFields = {
  perpetratorId: Id.optional(),
  linkToken: z.string().min(16).max(2000).optional(),
  newPerpetrator: NewPerpetratorInput.optional(),
};

/** The rules an entry with link fields must follow; `at` is the entry's path. */
export function checkPerpetratorEntry(
  entry: { sex: string; perpetratorId?: string | undefined; linkToken?: string | undefined; newPerpetrator?: NewPerpetratorInput | undefined },
  occurredOn: string | null,
  ctx: z.RefinementCtx,
  at: (string | number)[],
): void {
  const chosen = [entry.perpetratorId, entry.linkToken, entry.newPerpetrator].filter((v) => v !== undefined).length;
  if (chosen > 1) addPerpetratorIssue(ctx, [...at, 'perpetratorId'], 'perpetrator_link_one_way');
  const identity = entry.newPerpetrator?.identity;
  if (identity === undefined) return;
  if (identity.sex !== entry.sex) addPerpetratorIssue(ctx, [...at, 'newPerpetrator', 'identity', 'sex'], 'perpetrator_sex_mismatch');
  if (occurredOn !== null && identity.dateOfBirth !== undefined && identity.dateOfBirth > occurredOn) {
    ctx.addIssue({ code: 'custom', path: [...at, 'newPerpetrator', 'identity', 'dateOfBirth'], message: 'birth_after_incident' });
  }
}
