import { describe, expect, it } from 'vitest';
import { CourseInput, FocalPointInput, NetworkMemberInput } from './schemas.js';
import { averageScoreGain, computeT3, courseDays, isPostingActiveIn, type T3Completion, type T3Posting } from './t3.js';

const P2019 = { from: '2019-01-01', to: '2019-12-31' };
const posting = (id: string, personId: string, fromDate: string, toDate: string | null = null): T3Posting => ({ id, personId, fromDate, toDate });
const done = (personId: string, completedOn: string, topic: T3Completion['topic'] = 'gbv_prevention_response'): T3Completion => ({ personId, completedOn, topic });

describe('isPostingActiveIn', () => {
  it('counts a posting that touches the period on its first or last day', () => {
    expect(isPostingActiveIn(posting('a', 'x', '2018-01-01', '2019-01-01'), P2019)).toBe(true);
    expect(isPostingActiveIn(posting('a', 'x', '2019-12-31'), P2019)).toBe(true);
  });
  it('leaves out a posting that ended the day before or starts the day after', () => {
    expect(isPostingActiveIn(posting('a', 'x', '2018-01-01', '2018-12-31'), P2019)).toBe(false);
    expect(isPostingActiveIn(posting('a', 'x', '2020-01-01'), P2019)).toBe(false);
  });
});

describe('computeT3', () => {
  it('divides the people trained in a GBV course by the people on the roster in the period', () => {
    const result = computeT3(
      [posting('1', 'a', '2017-06-01'), posting('2', 'b', '2018-01-01'), posting('3', 'c', '2019-03-01'), posting('4', 'd', '2019-05-01')],
      [done('a', '2019-04-10'), done('b', '2019-06-01', 'domestic_violence'), done('c', '2019-07-01', 'gender_equality')],
      P2019,
    );
    expect(result).toMatchObject({ numerator: 2, denominator: 4, value: 50 });
    expect(result.untrained.map((p) => p.personId).sort()).toEqual(['c', 'd']);
  });

  it('answers null, not 0 %, when nobody is on the roster', () => {
    expect(computeT3([], [], P2019)).toEqual({ numerator: 0, denominator: 0, value: null, untrained: [] });
  });

  it('counts a course ending on the last day of the period, not one ending the day after', () => {
    const postings = [posting('1', 'a', '2019-01-01'), posting('2', 'b', '2019-01-01')];
    const result = computeT3(postings, [done('a', '2019-12-31'), done('b', '2020-01-01')], P2019);
    expect(result.numerator).toBe(1);
  });

  it('counts a course from the plan start when given, otherwise only from the period start', () => {
    const postings = [posting('1', 'a', '2017-01-01')];
    const completions = [done('a', '2018-05-20')];
    expect(computeT3(postings, completions, P2019).value).toBe(0);
    expect(computeT3(postings, completions, P2019, { trainedFrom: '2017-05-24' }).value).toBe(100);
  });

  it('counts a person who moved post once, with their latest posting in the untrained list', () => {
    const result = computeT3([posting('1', 'a', '2017-01-01', '2019-03-31'), posting('2', 'a', '2019-04-01')], [], P2019);
    expect(result.denominator).toBe(1);
    expect(result.untrained.map((p) => p.id)).toEqual(['2']);
  });

  it('refuses a period that ends before it starts or is not a date', () => {
    expect(() => computeT3([], [], { from: '2019-12-31', to: '2019-01-01' })).toThrow(RangeError);
    expect(() => computeT3([], [], { from: '2019-1-1', to: '2019-12-31' })).toThrow(RangeError);
  });
});

describe('course helpers', () => {
  it('averages the gain of attendees who sat both tests', () => {
    expect(averageScoreGain([{ before: 40, after: 75 }, { before: 60, after: 80 }, { before: null, after: 90 }])).toBe(27.5);
    expect(averageScoreGain([{ before: null, after: 90 }])).toBeNull();
  });
  it('lists every day of a course, across a month end', () => {
    expect(courseDays('2024-02-28', '2024-03-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });
});

describe('schemas', () => {
  const unitId = '0190f1d2-0000-7000-8000-000000000001';
  it('refuses a course that ends before it starts, on the end date', () => {
    const result = CourseInput.safeParse({ unitId, title: 'Lớp 1', topic: 'gbv_prevention_response', startDate: '2024-05-10', endDate: '2024-05-09', organiser: 'Phòng VH-XH' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['endDate', 'date_before_start']]);
  });
  it('refuses a posting ending before it starts and normalises a network member’s phone', () => {
    expect(FocalPointInput.safeParse({ unitId, fullName: 'A', position: 'B', sex: 'female', fromDate: '2020-01-02', toDate: '2020-01-01' }).success).toBe(false);
    const member = NetworkMemberInput.parse({ unitId, fullName: 'Lý Thị Mai', sex: 'female', languages: ['vi', 'dao'], kind: 'communicator', phone: '+84 912 345 678' });
    expect(member.phone).toBe('0912345678');
    expect(NetworkMemberInput.safeParse({ unitId, fullName: 'X', sex: 'male', languages: ['vi'], kind: 'communicator', phone: '12345' }).success).toBe(false);
  });
});
