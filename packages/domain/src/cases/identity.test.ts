import { describe, expect, it } from 'vitest';
import {
  ageOn,
  CCCD_PROVINCE_CODES,
  CccdInput,
  checkCccd,
  DISABILITY_TYPE_LABELS,
  DISABILITY_TYPES,
  ETHNICITIES,
  ETHNICITY_CODES,
  ethnicityByCode,
  isChild,
  makeSurvivorIdentitySchema,
  MARITAL_STATUS_LABELS,
  MARITAL_STATUSES,
  MobilePhoneInput,
  parseCccd,
  PERSON_SEX_LABELS,
  PERSON_SEXES,
} from './identity.js';

const now = new Date('2025-03-08T03:00:00Z');
const schema = makeSurvivorIdentitySchema(now);
const issues = (value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the GSO list of ethnic groups', () => {
  it('has 54 groups coded 01 to 54 in order', () => {
    expect(ETHNICITIES).toHaveLength(54);
    expect(ETHNICITY_CODES).toEqual(Array.from({ length: 54 }, (_, i) => String(i + 1).padStart(2, '0')));
  });

  it('spells the names of the GSO list', () => {
    const byCode = (code: string) => ethnicityByCode(code)?.vi;
    expect(byCode('01')).toBe('Kinh');
    expect(byCode('02')).toBe('Tày');
    expect(byCode('03')).toBe('Thái');
    expect(byCode('05')).toBe('Khơ-me');
    expect(byCode('07')).toBe('Nùng');
    expect(byCode('08')).toBe('Mông');
    expect(byCode('09')).toBe('Dao');
    expect(byCode('10')).toBe('Gia-rai');
    expect(byCode('23')).toBe('Bru-Vân Kiều');
    expect(byCode('52')).toBe('Brâu');
    expect(byCode('53')).toBe('Ơ Đu');
    expect(byCode('54')).toBe('Rơ-măm');
    expect(ethnicityByCode('55')).toBeUndefined();
  });

  it('keeps the old name HMông findable', () => {
    expect(ethnicityByCode('08')?.otherNames).toContain('HMông');
  });

  it('has unique, trimmed, NFC names in both languages', () => {
    const vi = ETHNICITIES.map((e) => e.vi);
    expect(new Set(vi).size).toBe(54);
    for (const e of ETHNICITIES) {
      expect(e.vi).toBe(e.vi.normalize('NFC').trim());
      expect(e.en.length).toBeGreaterThan(0);
    }
  });
});

describe('CCCD', () => {
  it('knows the 63 birth-province codes', () => {
    expect(CCCD_PROVINCE_CODES.size).toBe(63);
    expect(CCCD_PROVINCE_CODES.has('006')).toBe(true); // Bắc Kạn
    expect(CCCD_PROVINCE_CODES.has('019')).toBe(true); // Thái Nguyên
    expect(CCCD_PROVINCE_CODES.has('003')).toBe(false);
  });

  it('reads province, sex and birth year', () => {
    expect(parseCccd('006190012345')).toEqual({ provinceCode: '006', sex: 'female', birthYear: 1990 });
    expect(parseCccd('001003012345')).toEqual({ provinceCode: '001', sex: 'male', birthYear: 1903 });
    expect(parseCccd('019207012345')).toEqual({ provinceCode: '019', sex: 'male', birthYear: 2007 });
    expect(parseCccd('019312012345')).toEqual({ provinceCode: '019', sex: 'female', birthYear: 2012 });
    expect(parseCccd('019412012345')).toBeNull();
    expect(parseCccd('12345')).toBeNull();
  });

  it('checks the format, the province and the century digit', () => {
    expect(checkCccd('00619001234')).toBe('cccd_format');
    expect(checkCccd('0061900123456')).toBe('cccd_format');
    expect(checkCccd('00619001234a')).toBe('cccd_format');
    expect(checkCccd('003190012345')).toBe('cccd_province');
    for (const digit of '456789') expect(checkCccd(`006${digit}90012345`)).toBe('cccd_century');
    for (const digit of '0123') expect(checkCccd(`006${digit}90012345`)).toBeNull();
  });

  it('compares the birth year, century included, with the date of birth', () => {
    expect(checkCccd('006190012345', '1990-07-15')).toBeNull();
    expect(checkCccd('006190012345', '1991-07-15')).toBe('cccd_birth_year_mismatch');
    expect(checkCccd('006190012345', '2090-07-15')).toBe('cccd_birth_year_mismatch');
    expect(checkCccd('006307012345', '2007-01-01')).toBeNull();
  });

  it('compares the sex only when it is female or male', () => {
    expect(checkCccd('006190012345', undefined, 'female')).toBeNull();
    expect(checkCccd('006190012345', undefined, 'male')).toBe('cccd_sex_mismatch');
    expect(checkCccd('006290012345', undefined, 'female')).toBe('cccd_sex_mismatch');
    expect(checkCccd('006190012345', undefined, 'other')).toBeNull();
    expect(checkCccd('006190012345', undefined, 'unknown')).toBeNull();
  });

  it('accepts a number typed with spaces or dots', () => {
    expect(CccdInput.parse(' 006 190 012 345 ')).toBe('006190012345');
    expect(CccdInput.parse('006.190.012.345')).toBe('006190012345');
    expect(CccdInput.safeParse('006-190-012-345').success).toBe(false);
  });
});

describe('MobilePhoneInput', () => {
  it('normalises +84 and separators', () => {
    expect(MobilePhoneInput.parse('+84 912 345 678')).toBe('0912345678');
    expect(MobilePhoneInput.parse('0381.234.567')).toBe('0381234567');
  });

  it('refuses landlines and wrong prefixes with a key', () => {
    for (const bad of ['0209123456', '0112345678', '091234567', 'abc']) {
      const result = MobilePhoneInput.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('phone_format');
    }
  });
});

describe('age and the child flag', () => {
  it('counts whole years', () => {
    expect(ageOn('2007-03-08', '2025-03-07')).toBe(17);
    expect(ageOn('2007-03-08', '2025-03-08')).toBe(18);
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
    expect(ageOn('2008-02-29', '2025-03-01')).toBe(17);
  });

  it('flags survivors under 18, from the birth date first, then the age', () => {
    expect(isChild({ dateOfBirth: '2007-03-09' }, '2025-03-08')).toBe(true);
    expect(isChild({ dateOfBirth: '2007-03-08' }, '2025-03-08')).toBe(false);
    expect(isChild({ ageYears: 17 }, '2025-03-08')).toBe(true);
    expect(isChild({ ageYears: 18 }, '2025-03-08')).toBe(false);
    expect(isChild({ dateOfBirth: '2000-01-01', ageYears: 10 }, '2025-03-08')).toBe(false);
    expect(isChild({}, '2025-03-08')).toBeNull();
    expect(isChild({ dateOfBirth: null, ageYears: null }, '2025-03-08')).toBeNull();
  });

  it('takes another age limit when asked', () => {
    expect(isChild({ ageYears: 16 }, '2025-03-08', 16)).toBe(false);
  });
});

describe('survivor identity schema', () => {
  const minimal = { fullName: 'Hoàng Thị Mai', sex: 'female' };

  it('needs only a name and a sex', () => {
    expect(issues(minimal)).toEqual([]);
    expect(issues({ sex: 'female' })).toHaveLength(1);
    expect(issues({ fullName: '   ', sex: 'female' })).toHaveLength(1);
    expect(issues({ fullName: 'x'.repeat(121), sex: 'female' })).toHaveLength(1);
  });

  it('accepts and normalises a full record', () => {
    const parsed = schema.parse({
      fullName: '  Hoàng Thị Mai '.normalize('NFD'),
      otherNames: ['Mai'],
      sex: 'female',
      dateOfBirth: '1990-07-15',
      ethnicityCode: '02',
      disabilities: ['vision'],
      cccd: '006 190 012345',
      phone: '+84912345678',
      address: 'Bản Cạu',
      villageId: '00000000-0000-4000-8000-000000000001',
      maritalStatus: 'married',
    });
    expect(parsed.fullName).toBe('Hoàng Thị Mai');
    expect(parsed.cccd).toBe('006190012345');
    expect(parsed.phone).toBe('0912345678');
  });

  it('refuses unknown fields, codes and sexes', () => {
    expect(issues({ ...minimal, nickname: 'x' })).toHaveLength(1);
    expect(issues({ ...minimal, ethnicityCode: '55' })).toHaveLength(1);
    expect(issues({ ...minimal, sex: 'f' })).toHaveLength(1);
    expect(issues({ ...minimal, maritalStatus: 'engaged' })).toHaveLength(1);
  });

  it('takes a birth date or an age, not both, and no birth date after today', () => {
    expect(issues({ ...minimal, ageYears: 34 })).toEqual([]);
    expect(issues({ ...minimal, dateOfBirth: '1990-07-15', ageYears: 34 })).toEqual(['ageYears: dob_and_age_both']);
    expect(issues({ ...minimal, dateOfBirth: '2025-03-08' })).toEqual([]);
    expect(issues({ ...minimal, dateOfBirth: '2025-03-09' })).toEqual(['dateOfBirth: birth_in_future']);
    expect(issues({ ...minimal, ageYears: -1 })).toHaveLength(1);
    expect(issues({ ...minimal, ageYears: 12.5 })).toHaveLength(1);
  });

  it('checks the CCCD against the birth date and the sex', () => {
    expect(issues({ ...minimal, cccd: '006190012345', dateOfBirth: '1991-01-01' })).toEqual(['cccd: cccd_birth_year_mismatch']);
    expect(issues({ ...minimal, cccd: '006090012345' })).toEqual(['cccd: cccd_sex_mismatch']);
    expect(issues({ ...minimal, cccd: '003190012345' })).toEqual(['cccd: cccd_province']);
    expect(issues({ ...minimal, cccd: '12345' })).toEqual(['cccd: cccd_format']);
  });

  it('refuses a bad phone and repeated disabilities', () => {
    expect(issues({ ...minimal, phone: '12345' })).toEqual(['phone: phone_format']);
    expect(issues({ ...minimal, disabilities: ['vision', 'vision'] })).toEqual(['disabilities: duplicate_items']);
    expect(issues({ ...minimal, disabilities: [] })).toEqual([]);
  });
});

describe('code lists', () => {
  it('label every code in both languages', () => {
    for (const s of PERSON_SEXES) expect(PERSON_SEX_LABELS[s].vi.length).toBeGreaterThan(0);
    for (const m of MARITAL_STATUSES) expect(MARITAL_STATUS_LABELS[m].vi.length).toBeGreaterThan(0);
    for (const d of DISABILITY_TYPES) expect(DISABILITY_TYPE_LABELS[d].vi).toMatch(/^Khuyết tật/);
  });
});
