// Survivor identity of DOMAIN.md §9: the GSO list of 54 ethnic groups, the structure of the citizen ID
// (CCCD) checked against birth date and sex, and the schema of the identity entered at intake.
import { z } from 'zod';
import { isValidCccd, normaliseMobile } from '../identity.js';
import { Id, IsoDate, optionalText, text } from '../schemas/common.js';
import type { BilingualLabel } from './labels.js';
import type { CaseIssueKey } from './messages.js';
import { addIssue, hasDuplicates, WHEN_FIELDS_VALID } from './refine.js';
import { vietnamDateOf } from './time.js';

export interface Ethnicity extends BilingualLabel {
  code: string;
  /** Other names people use, so a search for them finds the group. */
  otherNames?: readonly string[];
}

/**
 * The 54 ethnic groups with the codes of the GSO list (Decision 121-TCTK/PPCĐ, 2/3/1979), spelled as
 * the list spells them; "Mông" is the name in current use for code 08 (the 1979 list writes "HMông").
 */
export const ETHNICITIES = [
  { code: '01', vi: 'Kinh', en: 'Kinh' },
  { code: '02', vi: 'Tày', en: 'Tay' },
  { code: '03', vi: 'Thái', en: 'Thai' },
  { code: '04', vi: 'Hoa', en: 'Hoa (ethnic Chinese)' },
  { code: '05', vi: 'Khơ-me', en: 'Khmer' },
  { code: '06', vi: 'Mường', en: 'Muong' },
  { code: '07', vi: 'Nùng', en: 'Nung' },
  { code: '08', vi: 'Mông', en: 'Hmong', otherNames: ['HMông', 'H’Mông'] },
  { code: '09', vi: 'Dao', en: 'Dao' },
  { code: '10', vi: 'Gia-rai', en: 'Jarai' },
  { code: '11', vi: 'Ngái', en: 'Ngai' },
  { code: '12', vi: 'Ê-đê', en: 'Ede' },
  { code: '13', vi: 'Ba-na', en: 'Bahnar' },
  { code: '14', vi: 'Xơ-đăng', en: 'Xo Dang (Sedang)' },
  { code: '15', vi: 'Sán Chay', en: 'San Chay', otherNames: ['Cao Lan', 'Sán Chỉ'] },
  { code: '16', vi: 'Cơ-ho', en: 'Co Ho (Koho)' },
  { code: '17', vi: 'Chăm', en: 'Cham' },
  { code: '18', vi: 'Sán Dìu', en: 'San Diu' },
  { code: '19', vi: 'Hrê', en: 'Hre' },
  { code: '20', vi: 'Mnông', en: 'Mnong' },
  { code: '21', vi: 'Ra-glai', en: 'Raglai' },
  { code: '22', vi: 'Xtiêng', en: 'Stieng' },
  { code: '23', vi: 'Bru-Vân Kiều', en: 'Bru-Van Kieu' },
  { code: '24', vi: 'Thổ', en: 'Tho' },
  { code: '25', vi: 'Giáy', en: 'Giay' },
  { code: '26', vi: 'Cơ-tu', en: 'Co Tu (Katu)' },
  { code: '27', vi: 'Gié-Triêng', en: 'Gie Trieng' },
  { code: '28', vi: 'Mạ', en: 'Ma' },
  { code: '29', vi: 'Khơ-mú', en: 'Kho Mu (Khmu)' },
  { code: '30', vi: 'Co', en: 'Co' },
  { code: '31', vi: 'Tà-ôi', en: 'Ta Oi' },
  { code: '32', vi: 'Chơ-ro', en: 'Cho Ro' },
  { code: '33', vi: 'Kháng', en: 'Khang' },
  { code: '34', vi: 'Xinh-mun', en: 'Xinh Mun' },
  { code: '35', vi: 'Hà Nhì', en: 'Ha Nhi' },
  { code: '36', vi: 'Chu-ru', en: 'Chu Ru' },
  { code: '37', vi: 'Lào', en: 'Lao' },
  { code: '38', vi: 'La Chí', en: 'La Chi' },
  { code: '39', vi: 'La Ha', en: 'La Ha' },
  { code: '40', vi: 'Phù Lá', en: 'Phu La' },
  { code: '41', vi: 'La Hủ', en: 'La Hu' },
  { code: '42', vi: 'Lự', en: 'Lu' },
  { code: '43', vi: 'Lô Lô', en: 'Lo Lo' },
  { code: '44', vi: 'Chứt', en: 'Chut' },
  { code: '45', vi: 'Mảng', en: 'Mang' },
  { code: '46', vi: 'Pà Thẻn', en: 'Pa Then' },
  { code: '47', vi: 'Cơ Lao', en: 'Co Lao', otherNames: ['Cờ Lao'] },
  { code: '48', vi: 'Cống', en: 'Cong' },
  { code: '49', vi: 'Bố Y', en: 'Bo Y' },
  { code: '50', vi: 'Si La', en: 'Si La' },
  { code: '51', vi: 'Pu Péo', en: 'Pu Peo' },
  { code: '52', vi: 'Brâu', en: 'Brau' },
  { code: '53', vi: 'Ơ Đu', en: 'O Du' },
  { code: '54', vi: 'Rơ-măm', en: 'Ro Mam' },
] as const satisfies readonly Ethnicity[];

export type EthnicityCode = (typeof ETHNICITIES)[number]['code'];
export const ETHNICITY_CODES = ETHNICITIES.map((e) => e.code) as [EthnicityCode, ...EthnicityCode[]];

export function ethnicityByCode(code: string): Ethnicity | undefined {
  return ETHNICITIES.find((e) => e.code === code);
}

export const PERSON_SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type PersonSex = (typeof PERSON_SEXES)[number];

export const PERSON_SEX_LABELS: Readonly<Record<PersonSex, BilingualLabel>> = {
  female: { vi: 'Nữ', en: 'Female' },
  male: { vi: 'Nam', en: 'Male' },
  other: { vi: 'Khác', en: 'Other' },
  unknown: { vi: 'Không rõ', en: 'Unknown' },
};

export const MARITAL_STATUSES = ['single', 'married', 'cohabiting', 'separated', 'divorced', 'widowed', 'unknown'] as const;
export type MaritalStatus = (typeof MARITAL_STATUSES)[number];

export const MARITAL_STATUS_LABELS: Readonly<Record<MaritalStatus, BilingualLabel>> = {
  single: { vi: 'Chưa kết hôn', en: 'Never married' },
  married: { vi: 'Đã kết hôn', en: 'Married' },
  cohabiting: { vi: 'Chung sống như vợ chồng', en: 'Living together as a couple' },
  separated: { vi: 'Ly thân', en: 'Separated' },
  divorced: { vi: 'Đã ly hôn', en: 'Divorced' },
  widowed: { vi: 'Góa', en: 'Widowed' },
  unknown: { vi: 'Không rõ', en: 'Unknown' },
};

/** The forms of disability of the Law on Persons with Disabilities (51/2010/QH12), Art. 3(1). */
export const DISABILITY_TYPES = ['mobility', 'hearing_speech', 'vision', 'neuro_psychiatric', 'intellectual', 'other'] as const;
export type DisabilityType = (typeof DISABILITY_TYPES)[number];

export const DISABILITY_TYPE_LABELS: Readonly<Record<DisabilityType, BilingualLabel>> = {
  mobility: { vi: 'Khuyết tật vận động', en: 'Physical (mobility)' },
  hearing_speech: { vi: 'Khuyết tật nghe, nói', en: 'Hearing or speech' },
  vision: { vi: 'Khuyết tật nhìn', en: 'Vision' },
  neuro_psychiatric: { vi: 'Khuyết tật thần kinh, tâm thần', en: 'Neurological or psychosocial' },
  intellectual: { vi: 'Khuyết tật trí tuệ', en: 'Intellectual' },
  other: { vi: 'Khuyết tật khác', en: 'Other' },
};

/**
 * Birth-province codes of the CCCD: the GSO codes of the 63 provinces before the 2025 merger, with a
 * leading 0. Merged provinces kept one of these codes, so the set still covers every card.
 */
export const CCCD_PROVINCE_CODES: ReadonlySet<string> = new Set([
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025',
  '026', '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048',
  '049', '051', '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075',
  '077', '079', '080', '082', '083', '084', '086', '087', '089', '091', '092', '093', '094', '095', '096',
]);

export interface CccdParts {
  provinceCode: string;
  sex: 'female' | 'male';
  birthYear: number;
}

/**
 * Read a CCCD: digits 1–3 birth province, digit 4 century and sex (0/1: 1900s male/female, 2/3: 2000s),
 * digits 5–6 the last two digits of the birth year. Digits 4–9 stand for the 22nd–24th centuries, which
 * no living person is born in, so they make the number invalid. Null when the number is not valid.
 */
export function parseCccd(cccd: string): CccdParts | null {
  if (!isValidCccd(cccd) || !CCCD_PROVINCE_CODES.has(cccd.slice(0, 3))) return null;
  const centuryDigit = Number(cccd[3]);
  if (centuryDigit > 3) return null;
  return {
    provinceCode: cccd.slice(0, 3),
    sex: centuryDigit % 2 === 0 ? 'male' : 'female',
    birthYear: (centuryDigit < 2 ? 1900 : 2000) + Number(cccd.slice(4, 6)),
  };
}

export type CccdIssue = Extract<CaseIssueKey, 'cccd_format' | 'cccd_province' | 'cccd_century' | 'cccd_birth_year_mismatch' | 'cccd_sex_mismatch'>;

/**
 * Check a CCCD on its own and against a birth date and sex when they are known. A sex of "other" or
 * "unknown" is not compared: the card only knows male and female.
 */
export function checkCccd(cccd: string, dateOfBirth?: string, sex?: PersonSex): CccdIssue | null {
  if (!isValidCccd(cccd)) return 'cccd_format';
  if (!CCCD_PROVINCE_CODES.has(cccd.slice(0, 3))) return 'cccd_province';
  const parts = parseCccd(cccd);
  if (parts === null) return 'cccd_century';
  if (dateOfBirth !== undefined && Number(dateOfBirth.slice(0, 4)) !== parts.birthYear) return 'cccd_birth_year_mismatch';
  if ((sex === 'female' || sex === 'male') && sex !== parts.sex) return 'cccd_sex_mismatch';
  return null;
}

/** Whole years of age on a date (both yyyy-mm-dd); someone born on 29/02 turns a year older on 01/03. */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Survivors under this age follow the child-protection path (hotline 111). DOMAIN.md uses 18, the UN
 * Convention's age, although the Law on Children counts children only up to 16.
 */
export const CHILD_AGE_LIMIT = 18;

/**
 * Whether a survivor is a child on a date: from the birth date, else from the age given at intake.
 * Null when neither is known, so a screen can ask instead of assuming an adult.
 */
export function isChild(person: { dateOfBirth?: string | null; ageYears?: number | null }, onDate: string, ageLimit = CHILD_AGE_LIMIT): boolean | null {
  if (person.dateOfBirth) return ageOn(person.dateOfBirth, onDate) < ageLimit;
  if (typeof person.ageYears === 'number') return person.ageYears < ageLimit;
  return null;
}

const issue = (key: CaseIssueKey) => key;

/** A CCCD as typed: spaces and dots removed, then exactly 12 digits. */
export const CccdInput = z
  .string()
  .trim()
  .max(20)
  .transform((value) => value.replace(/[\s.]/g, ''))
  .pipe(z.string().regex(/^\d{12}$/, { message: issue('cccd_format') }));

/** A Vietnamese mobile number, stored as 10 digits starting with 0 (+84 and 84 accepted). */
export const MobilePhoneInput = z
  .string()
  .trim()
  .max(20)
  .transform((value, ctx) => {
    const phone = normaliseMobile(value);
    if (phone === null) {
      ctx.addIssue({ code: 'custom', message: issue('phone_format') });
      return z.NEVER;
    }
    return phone;
  });

/** The survivor's identity at intake. `now` is the caller's clock, so a birth date in the future is refused. */
export function makeSurvivorIdentitySchema(now: Date) {
  const today = vietnamDateOf(now.toISOString());
  return z
    .strictObject({
      fullName: text(120),
      otherNames: z.array(text(120)).max(5).optional(),
      sex: z.enum(PERSON_SEXES),
      dateOfBirth: IsoDate.optional(),
      /** When the birth date is not known: age in years at detection, as the survivor or reporter gives it. */
      ageYears: z.number().int().min(0).max(120).optional(),
      ethnicityCode: z.enum(ETHNICITY_CODES).optional(),
      /** Absent: not asked; empty: no disability. */
      disabilities: z.array(z.enum(DISABILITY_TYPES)).max(DISABILITY_TYPES.length).optional(),
      cccd: CccdInput.optional(),
      phone: MobilePhoneInput.optional(),
      address: optionalText(300),
      villageId: Id.optional(),
      maritalStatus: z.enum(MARITAL_STATUSES).optional(),
    })
    .superRefine((person, ctx) => {
      if (person.dateOfBirth !== undefined && person.dateOfBirth > today) addIssue(ctx, ['dateOfBirth'], 'birth_in_future');
      if (person.dateOfBirth !== undefined && person.ageYears !== undefined) addIssue(ctx, ['ageYears'], 'dob_and_age_both');
      if (person.disabilities !== undefined && hasDuplicates(person.disabilities)) addIssue(ctx, ['disabilities'], 'duplicate_items');
      if (person.cccd !== undefined) {
        const problem = checkCccd(person.cccd, person.dateOfBirth, person.sex);
        if (problem !== null) addIssue(ctx, ['cccd'], problem);
      }
    }, WHEN_FIELDS_VALID);
}
export type SurvivorIdentityInput = z.infer<ReturnType<typeof makeSurvivorIdentitySchema>>;
