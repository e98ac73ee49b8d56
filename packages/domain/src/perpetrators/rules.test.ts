import { describe, expect, it } from 'vitest';
import { computeT2, criticismRule, type T2PerpetratorRecord } from './rules.js';
import { makeCounsellingSchema, makePerpetratorMeasureSchema, PerpetratorLinkInput } from './schemas.js';
import { PerpetratorIdentityInput } from './identity.js';
import { makeCaseCreateSchema } from '../cases/schemas.js';

// Period: calendar year 2025 in Vietnam time, as the server builds it (start included, end excluded).
const period = { start: '2024-12-31T17:00:00.000Z', end: '2025-12-31T17:00:00.000Z' };

const person = (over: Partial<T2PerpetratorRecord> = {}): T2PerpetratorRecord => ({ sex: 'male', incidents: [], handling: [], ...over });

describe('computeT2', () => {
  it('puts a person who acted in two communes in the commune of the latest incident, so the communes add up to the area', () => {
    // March in commune A, September in commune B; counselled in October (after the first incident).
    const at = (a: boolean, b: boolean) => person({
      incidents: [{ occurredAt: '2025-03-01T03:00:00.000Z', inUnit: a, key: 'l1' }, { occurredAt: '2025-09-01T03:00:00.000Z', inUnit: b, key: 'l2' }],
      handling: [{ kind: 'counselling', on: '2025-10-02' }],
    });
    const inA = computeT2([at(true, false)], period);
    const inB = computeT2([at(false, true)], period);
    const area = computeT2([at(true, true)], period);
    expect([inA.denominator, inB.denominator, area.denominator]).toEqual([0, 1, 1]);
    expect(inB.numerator).toBe(1);
    // In a period holding only the March incident, the person is commune A's.
    expect(computeT2([at(true, false)], { start: period.start, end: '2025-06-30T17:00:00.000Z' }).denominator).toBe(1);
  });

  it('counts a perpetrator whose incident happened at the very start of the period, not one just before it', () => {
    const result = computeT2([
      person({ incidents: [{ occurredAt: '2024-12-31T17:00:00.000Z', inUnit: true }] }),
      person({ incidents: [{ occurredAt: '2024-12-31T16:59:59.999Z', inUnit: true }] }),
    ], period);
    expect(result.denominator).toBe(1);
  });

  it('leaves out an incident at the end instant (01/01/2026 00:00 in Vietnam) and counts one a millisecond before', () => {
    const result = computeT2([
      person({ incidents: [{ occurredAt: '2025-12-31T17:00:00.000Z', inUnit: true }] }),
      person({ incidents: [{ occurredAt: '2025-12-31T16:59:59.999Z', inUnit: true }] }),
    ], period);
    expect(result.denominator).toBe(1);
  });

  it('counts each person once however many incidents they have in the period, and only incidents of the unit', () => {
    const result = computeT2([
      person({ incidents: [{ occurredAt: '2025-03-01T00:00:00Z', inUnit: true }, { occurredAt: '2025-06-01T00:00:00Z', inUnit: true }] }),
      person({ incidents: [{ occurredAt: '2025-03-01T00:00:00Z', inUnit: false }] }),
    ], period);
    expect(result.denominator).toBe(1);
  });

  it('counts as handled an attended session or a measure dated on or after the day of the first incident in the period', () => {
    const incidents = [{ occurredAt: '2025-03-01T20:00:00Z', inUnit: true }]; // 02/03/2025 in Vietnam
    const result = computeT2([
      person({ incidents, handling: [{ kind: 'counselling', on: '2025-03-02' }] }),
      person({ incidents, handling: [{ kind: 'community_criticism', on: '2026-01-15' }] }),
      person({ incidents, handling: [{ kind: 'counselling', on: '2025-03-01' }] }),
      person({ sex: 'female', incidents }),
    ], period);
    expect(result).toMatchObject({ numerator: 2, denominator: 4, value: 50 });
    expect(result.bySex.male).toEqual({ numerator: 2, denominator: 3 });
    expect(result.bySex.female).toEqual({ numerator: 0, denominator: 1 });
    expect(result.byMeasure.counselling).toBe(1);
    expect(result.byMeasure.community_criticism).toBe(1);
    expect(result.byMeasure.no_contact_order).toBe(0);
  });

  it('counts a person once per kind in the measure breakdown', () => {
    const result = computeT2([person({
      incidents: [{ occurredAt: '2025-03-01T00:00:00Z', inUnit: true }],
      handling: [{ kind: 'counselling', on: '2025-03-02' }, { kind: 'counselling', on: '2025-04-02' }, { kind: 'written_commitment', on: '2025-03-02' }],
    })], period);
    expect(result.byMeasure.counselling).toBe(1);
    expect(result.byMeasure.written_commitment).toBe(1);
    expect(result.numerator).toBe(1);
  });

  it('calls repeat a person with two incidents before the period end, in any unit, and not one whose second incident is later', () => {
    const result = computeT2([
      person({ incidents: [{ occurredAt: '2023-05-01T00:00:00Z', inUnit: false }, { occurredAt: '2025-05-01T00:00:00Z', inUnit: true }], handling: [{ kind: 'counselling', on: '2025-05-02' }] }),
      person({ incidents: [{ occurredAt: '2025-05-01T00:00:00Z', inUnit: true }, { occurredAt: '2026-02-01T00:00:00Z', inUnit: true }] }),
    ], period);
    expect(result.byRepeat).toEqual({ repeat: { numerator: 1, denominator: 1 }, first: { numerator: 0, denominator: 1 } });
  });

  it('answers null, not 0 %, when nobody was identified, and refuses an empty period', () => {
    expect(computeT2([], period)).toMatchObject({ numerator: 0, denominator: 0, value: null });
    expect(() => computeT2([], { start: period.end, end: period.start })).toThrow(RangeError);
  });
});

describe('criticismRule', () => {
  const acts = ['2025-01-10T03:00:00Z', '2025-09-01T03:00:00Z'];

  it('applies to an adult with two acts within 12 months and no sanction', () => {
    const rule = criticismRule({ dateOfBirth: '1980-01-01', incidentsAt: acts, measures: [] }, '2025-10-01');
    expect(rule.applies).toBe(true);
    expect(rule.windowStart).toBe('2024-10-01');
    expect(rule.reasons).toEqual([
      { condition: 'adult', met: true },
      { condition: 'repeated_acts', met: true, count: 2 },
      { condition: 'not_sanctioned', met: true, count: 0 },
      { condition: 'violent_after_sanction', met: false, count: 0 },
    ]);
  });

  it('does not apply with one act in the window (the other is more than 12 months before)', () => {
    const rule = criticismRule({ dateOfBirth: '1980-01-01', incidentsAt: ['2024-09-30T03:00:00Z', '2025-09-01T03:00:00Z'], measures: [] }, '2025-10-01');
    expect(rule.applies).toBe(false);
    expect(rule.reasons[1]).toEqual({ condition: 'repeated_acts', met: false, count: 1 });
  });

  it('counts an act exactly 12 months before the day', () => {
    expect(criticismRule({ birthYear: 1980, incidentsAt: ['2024-10-01T03:00:00Z', '2025-09-01T03:00:00Z'], measures: [] }, '2025-10-01').applies).toBe(true);
  });

  it('does not apply to someone sanctioned in the window for those acts (no act since), unless the sanction was cancelled', () => {
    const sanction = { type: 'administrative_sanction' as const, decidedOn: '2025-09-15', status: 'decided' as const };
    const rule = criticismRule({ birthYear: 1980, incidentsAt: acts, measures: [sanction] }, '2025-10-01');
    expect(rule.applies).toBe(false);
    expect(rule.reasons.slice(2)).toEqual([{ condition: 'not_sanctioned', met: false, count: 1 }, { condition: 'violent_after_sanction', met: false, count: 0 }]);
    expect(criticismRule({ birthYear: 1980, incidentsAt: acts, measures: [{ ...sanction, status: 'cancelled' }] }, '2025-10-01').applies).toBe(true);
    const prosecuted = { type: 'criminal_proceedings' as const, decidedOn: '2025-09-15', status: 'in_progress' as const };
    expect(criticismRule({ birthYear: 1980, incidentsAt: acts, measures: [prosecuted] }, '2025-10-01').applies).toBe(false);
  });

  it('applies (Art. 32(1)(b)) to an adult administratively sanctioned who is violent again, even once and after 12 months', () => {
    const sanction = { type: 'administrative_sanction' as const, decidedOn: '2024-03-01', status: 'completed' as const };
    const again = criticismRule({ birthYear: 1980, incidentsAt: ['2024-02-20T03:00:00Z', '2025-09-01T03:00:00Z'], measures: [sanction] }, '2025-10-01');
    expect(again.applies).toBe(true);
    expect(again.reasons.slice(1)).toEqual([
      { condition: 'repeated_acts', met: false, count: 1 },
      { condition: 'not_sanctioned', met: true, count: 0 },
      { condition: 'violent_after_sanction', met: true, count: 1 },
    ]);
    // Violence on the day of the decision or before it, a cancelled sanction, or a sanction decided later than the day: not this case.
    expect(criticismRule({ birthYear: 1980, incidentsAt: ['2024-03-01T03:00:00Z'], measures: [sanction] }, '2025-10-01').applies).toBe(false);
    expect(criticismRule({ birthYear: 1980, incidentsAt: ['2025-09-01T03:00:00Z'], measures: [{ ...sanction, status: 'cancelled' }] }, '2025-10-01').applies).toBe(false);
    expect(criticismRule({ birthYear: 1980, incidentsAt: ['2025-09-01T03:00:00Z'], measures: [{ ...sanction, decidedOn: '2025-10-02' }] }, '2025-10-01').applies).toBe(false);
    // A minor is never criticised in the community.
    expect(criticismRule({ dateOfBirth: '2010-01-01', incidentsAt: ['2025-09-01T03:00:00Z'], measures: [sanction] }, '2025-10-01').applies).toBe(false);
  });

  it('does not apply to a minor, and cannot tell adulthood from the birth year alone in the 18th year', () => {
    expect(criticismRule({ dateOfBirth: '2008-06-01', incidentsAt: acts, measures: [] }, '2025-10-01').reasons[0]).toEqual({ condition: 'adult', met: false });
    const unsure = criticismRule({ birthYear: 2007, incidentsAt: acts, measures: [] }, '2025-10-01');
    expect(unsure.reasons[0]).toEqual({ condition: 'adult', met: null });
    expect(unsure.applies).toBe(false);
    expect(criticismRule({ incidentsAt: acts, measures: [] }, '2025-10-01').reasons[0]?.met).toBeNull();
  });
});

describe('perpetrator schemas', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  const issues = (schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, value: unknown) =>
    schema.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}:${i.message}`) ?? [];

  it('refuses a commune chairman’s no-contact order longer than 3 days, as for the case’s measures', () => {
    const schema = makePerpetratorMeasureSchema(now);
    const base = { type: 'no_contact_order', decidedOn: '2026-02-01', decidingBody: 'commune_chairman', incidentId: '11111111-1111-4111-8111-111111111111' };
    expect(issues(schema, { ...base, noContact: { startsAt: '2026-02-01T08:00:00+07:00', endsAt: '2026-02-04T08:00:00+07:00' } })).toEqual([]);
    expect(issues(schema, { ...base, noContact: { startsAt: '2026-02-01T08:00:00+07:00', endsAt: '2026-02-04T08:01:00+07:00' } })).toEqual(['noContact.endsAt:measure_too_long']);
    expect(issues(schema, { ...base, decidingBody: 'commune_police', noContact: { startsAt: '2026-02-01T08:00:00+07:00', endsAt: '2026-02-02T08:00:00+07:00' } })).toEqual(['decidingBody:measure_issuer_not_allowed']);
    expect(issues(schema, base)).toEqual(['protectionMeasureId:perpetrator_no_contact_one_way']);
  });

  it('asks what each measure type needs', () => {
    const schema = makePerpetratorMeasureSchema(now);
    const base = { decidedOn: '2026-02-01', decidingBody: 'commune_police' };
    expect(issues(schema, { ...base, type: 'administrative_sanction', fineVnd: 1_000_000 })).toEqual(['decisionNumber:perpetrator_decision_number_required']);
    expect(issues(schema, { ...base, type: 'criminal_proceedings' })).toEqual(['criminalStage:perpetrator_stage_required']);
    expect(issues(schema, { ...base, type: 'written_commitment', fineVnd: 5 })).toEqual(['fineVnd:perpetrator_fine_only_sanction']);
    expect(issues(schema, { ...base, type: 'other' })).toEqual(['description:perpetrator_description_required']);
    expect(issues(schema, { ...base, type: 'written_commitment', decidedOn: '2026-03-02' })).toEqual(['decidedOn:perpetrator_date_in_future']);
  });

  it('checks counselling dates and the identity formats', () => {
    expect(issues(makeCounsellingSchema(now), { heldOn: '2026-03-02', counsellor: 'Hội LHPN xã', topic: 'anger_management', attendance: 'attended' })).toEqual(['heldOn:perpetrator_date_in_future']);
    expect(issues(PerpetratorIdentityInput, { fullName: 'Lý Văn Tài', sex: 'male', cccd: '12345' })).toEqual(['cccd:cccd_format']);
    expect(issues(PerpetratorIdentityInput, { fullName: 'Lý Văn Tài', sex: 'male', phone: '12345' })).toEqual(['phone:phone_format']);
    expect(issues(PerpetratorIdentityInput, { fullName: 'Lý Văn Tài', sex: 'male', cccd: '006085001234', dateOfBirth: '1986-01-01' })).toEqual(['cccd:cccd_birth_year_mismatch']);
  });

  it('takes one way of linking at a time', () => {
    const id = '11111111-1111-4111-8111-111111111111';
    expect(issues(PerpetratorLinkInput, { relationship: 'husband' })).toEqual(['perpetratorId:perpetrator_link_one_way']);
    expect(issues(PerpetratorLinkInput, { relationship: 'husband', perpetratorId: id, newPerpetrator: { identity: { fullName: 'A', sex: 'male' } } })).toEqual(['perpetratorId:perpetrator_link_one_way']);
    expect(issues(PerpetratorLinkInput, { relationship: 'husband', perpetratorId: id })).toEqual([]);
  });

  it('checks a new perpetrator at intake against the incident: sex and birth date', () => {
    const unit = '11111111-1111-4111-8111-111111111111';
    const intake = {
      unitId: unit, detectedAt: '2026-02-01T10:00:00+07:00', detectionSource: 'neighbour',
      survivor: { fullName: 'Nông Thị Mai', sex: 'female' },
      firstIncident: {
        occurredAt: '2026-02-01T08:00:00+07:00', placeType: 'shared_home', unitId: unit, acts: ['a'], gbvimsAnswers: { physical_assault: true, rape: false, sexual_assault: false },
        gbvimsType: 'physical_assault', context: 'intimate_partner', injuries: 'minor', reportedToPolice: false,
        perpetrators: [{ sex: 'female', relationship: 'husband', newPerpetrator: { identity: { fullName: 'Lý Văn Tài', sex: 'male', dateOfBirth: '2026-03-01' } } }],
      },
    };
    expect(issues(makeCaseCreateSchema(now), intake)).toEqual([
      'firstIncident.perpetrators.0.newPerpetrator.identity.sex:perpetrator_sex_mismatch',
      'firstIncident.perpetrators.0.newPerpetrator.identity.dateOfBirth:birth_after_incident',
    ]);
  });
});
