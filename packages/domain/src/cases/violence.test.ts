import { describe, expect, it } from 'vitest';
import {
  CASE_CONTEXT_LABELS,
  CASE_CONTEXTS,
  classifyGbvims,
  formsOfActs,
  GBVIMS_QUESTIONS,
  GBVIMS_TYPE_LABELS,
  GBVIMS_TYPES,
  isViolenceAct,
  VIOLENCE_ACT_DEFINITIONS,
  VIOLENCE_ACTS,
  VIOLENCE_FORM_LABELS,
  VIOLENCE_FORMS,
} from './violence.js';

describe('the acts of Law 13/2022/QH15 Art. 3(1)', () => {
  it('has the 16 points in the law’s order, lettered with the Vietnamese alphabet', () => {
    expect(VIOLENCE_ACTS).toHaveLength(16);
    expect(VIOLENCE_ACTS.map((act) => VIOLENCE_ACT_DEFINITIONS[act].point).join('')).toBe('abcdđeghiklmnopq');
  });

  it('keeps ASCII codes, with đ coded dd', () => {
    for (const act of VIOLENCE_ACTS) expect(act).toMatch(/^[a-z]{1,2}$/);
    expect(VIOLENCE_ACT_DEFINITIONS.dd.point).toBe('đ');
  });

  it('quotes the law’s words', () => {
    expect(VIOLENCE_ACT_DEFINITIONS.a.text.vi).toBe('Hành hạ, ngược đãi, đánh đập, đe dọa hoặc hành vi cố ý khác xâm hại đến sức khỏe, tính mạng');
    expect(VIOLENCE_ACT_DEFINITIONS.i.text.vi).toBe('Cưỡng ép thực hiện hành vi quan hệ tình dục trái ý muốn của vợ hoặc chồng');
    expect(VIOLENCE_ACT_DEFINITIONS.m.text.vi).toBe('Cưỡng ép mang thai, phá thai, lựa chọn giới tính thai nhi');
    expect(VIOLENCE_ACT_DEFINITIONS.q.text.vi).toBe('Cưỡng ép thành viên gia đình ra khỏi chỗ ở hợp pháp trái pháp luật');
  });

  it('has texts in both languages, NFC-normalised, and at least one form for every act', () => {
    for (const act of VIOLENCE_ACTS) {
      const def = VIOLENCE_ACT_DEFINITIONS[act];
      for (const label of [def.text, def.short]) {
        expect(label.vi.length).toBeGreaterThan(0);
        expect(label.en.length).toBeGreaterThan(0);
        expect(label.vi).toBe(label.vi.normalize('NFC'));
      }
      expect(def.forms.length).toBeGreaterThan(0);
    }
  });

  it('recognises act codes', () => {
    expect(isViolenceAct('dd')).toBe(true);
    expect(isViolenceAct('đ')).toBe(false);
    expect(isViolenceAct('f')).toBe(false);
  });
});

describe('formsOfActs', () => {
  it('gives nothing for no acts', () => {
    expect(formsOfActs([])).toEqual([]);
  });

  it('derives the form of each kind of act', () => {
    expect(formsOfActs(['a'])).toEqual(['physical']);
    expect(formsOfActs(['b'])).toEqual(['mental']);
    expect(formsOfActs(['i'])).toEqual(['sexual']);
    expect(formsOfActs(['n'])).toEqual(['economic']);
    expect(formsOfActs(['o'])).toEqual(['economic']);
  });

  it('counts an act that harms in two ways under both forms', () => {
    expect(formsOfActs(['d'])).toEqual(['mental', 'economic']);
    expect(formsOfActs(['p'])).toEqual(['physical', 'mental']);
  });

  it('lists each form once, in the canonical order, whatever the order of the acts', () => {
    expect(formsOfActs(['n', 'i', 'b', 'a', 'b'])).toEqual(['physical', 'mental', 'sexual', 'economic']);
  });

  it('covers all four forms across the 16 acts', () => {
    expect(formsOfActs([...VIOLENCE_ACTS])).toEqual([...VIOLENCE_FORMS]);
  });

  it('uses another mapping when one is configured', () => {
    const custom = { ...VIOLENCE_ACT_DEFINITIONS, q: { forms: ['economic'] as const } };
    expect(formsOfActs(['q'], custom)).toEqual(['economic']);
  });

  it('labels every form with the glossary words', () => {
    expect(VIOLENCE_FORMS.map((f) => VIOLENCE_FORM_LABELS[f].vi)).toEqual(['Thể chất', 'Tinh thần', 'Tình dục', 'Kinh tế']);
  });
});

describe('classifyGbvims', () => {
  it('asks in the GBVIMS order', () => {
    expect(GBVIMS_TYPES).toEqual(['rape', 'sexual_assault', 'physical_assault', 'forced_marriage', 'denial_of_resources', 'psychological_abuse']);
  });

  it('returns null when nothing applies', () => {
    expect(classifyGbvims({})).toBeNull();
    expect(classifyGbvims({ rape: false, psychological_abuse: false })).toBeNull();
  });

  it('returns each type when only its question is answered yes', () => {
    for (const type of GBVIMS_TYPES) expect(classifyGbvims({ [type]: true })).toBe(type);
  });

  it('returns the first type that applies', () => {
    expect(classifyGbvims({ rape: true, physical_assault: true, psychological_abuse: true })).toBe('rape');
    expect(classifyGbvims({ psychological_abuse: true, physical_assault: true })).toBe('physical_assault');
    expect(classifyGbvims({ rape: false, sexual_assault: false, denial_of_resources: true, psychological_abuse: true })).toBe('denial_of_resources');
  });

  it('has a question and a label in both languages for every type', () => {
    for (const type of GBVIMS_TYPES) {
      expect(GBVIMS_QUESTIONS[type].vi).toMatch(/\?$/);
      expect(GBVIMS_QUESTIONS[type].en).toMatch(/\?$/);
      expect(GBVIMS_TYPE_LABELS[type].vi.length).toBeGreaterThan(0);
    }
  });
});

describe('case contexts', () => {
  it('lists the contexts apart from the types, with labels', () => {
    expect(CASE_CONTEXTS).toEqual(['domestic_violence', 'intimate_partner', 'family', 'workplace', 'school', 'community', 'online']);
    expect(CASE_CONTEXT_LABELS.domestic_violence.vi).toBe('Bạo lực gia đình');
    for (const c of CASE_CONTEXTS) expect(CASE_CONTEXT_LABELS[c].en.length).toBeGreaterThan(0);
  });
});
