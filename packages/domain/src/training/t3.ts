// Indicator T3 of DOMAIN.md §2: of the gender-equality focal points (cán bộ kiêm nhiệm công tác bình
// đẳng giới) on the roster during a period, the share who completed at least one GBV training course in
// the plan period; with the list of those not yet trained, so the district can invite them.
import { isGbvTopic, type TrainingTopic } from './labels.js';

/** A posting on the roster. One person may hold several postings (they change posts); T3 counts people. */
export interface T3Posting {
  id: string;
  /** The same for every posting of one person. */
  personId: string;
  /** First day of the posting (yyyy-mm-dd). */
  fromDate: string;
  /** Last day of the posting, or null while it lasts. */
  toDate: string | null;
}

/** A completed course of one person: the course's topic and its last day. */
export interface T3Completion {
  personId: string;
  completedOn: string;
  topic: TrainingTopic;
}

/** Calendar dates in Vietnam, both included (yyyy-mm-dd). */
export interface T3Period {
  from: string;
  to: string;
}

export interface T3Options {
  /**
   * First day from which a completed course counts (the plan period's start). Defaults to the period's
   * start: a course completed before the plan does not count for it.
   */
  trainedFrom?: string;
}

export interface T3Result<P extends T3Posting> {
  numerator: number;
  denominator: number;
  /** Percent; null when nobody was on the roster in the period (not "0 % trained"). */
  value: number | null;
  /** For each person not yet trained, their latest posting active in the period. */
  untrained: P[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(value: string, what: string): void {
  if (!DATE.test(value)) throw new RangeError(`${what} is not a date yyyy-mm-dd: ${value}`);
}

/** Whether a posting overlaps the period (a posting ending on the period's first day still counts). */
export function isPostingActiveIn(posting: Pick<T3Posting, 'fromDate' | 'toDate'>, period: T3Period): boolean {
  return posting.fromDate <= period.to && (posting.toDate === null || posting.toDate >= period.from);
}

/** T3 for the postings of one unit's area and a period. The one place the indicator is computed. */
export function computeT3<P extends T3Posting>(
  postings: readonly P[],
  completions: readonly T3Completion[],
  period: T3Period,
  options: T3Options = {},
): T3Result<P> {
  checkDate(period.from, 'period start');
  checkDate(period.to, 'period end');
  if (period.to < period.from) throw new RangeError('the period must not end before it starts');
  const trainedFrom = options.trainedFrom ?? period.from;
  checkDate(trainedFrom, 'plan start');

  // The latest posting of each person active in the period.
  const people = new Map<string, P>();
  for (const posting of postings) {
    if (!isPostingActiveIn(posting, period)) continue;
    const previous = people.get(posting.personId);
    if (!previous || posting.fromDate > previous.fromDate) people.set(posting.personId, posting);
  }
  const trained = new Set<string>();
  for (const c of completions) {
    if (isGbvTopic(c.topic) && c.completedOn >= trainedFrom && c.completedOn <= period.to) trained.add(c.personId);
  }
  let numerator = 0;
  const untrained: P[] = [];
  for (const [personId, posting] of people) {
    if (trained.has(personId)) numerator += 1;
    else untrained.push(posting);
  }
  const denominator = people.size;
  return { numerator, denominator, value: denominator === 0 ? null : (numerator / denominator) * 100, untrained };
}

/** Average gain of the knowledge test (after − before) over attendees with both scores; null without any. */
export function averageScoreGain(scores: ReadonlyArray<{ before: number | null; after: number | null }>): number | null {
  const gains = scores.filter((s) => s.before !== null && s.after !== null).map((s) => (s.after as number) - (s.before as number));
  if (gains.length === 0) return null;
  return Math.round((gains.reduce((a, b) => a + b, 0) / gains.length) * 10) / 10;
}

/** Every calendar day of a course, first to last (yyyy-mm-dd). */
export function courseDays(startDate: string, endDate: string): string[] {
  checkDate(startDate, 'course start');
  checkDate(endDate, 'course end');
  const days: string[] = [];
  const day = new Date(`${startDate}T00:00:00Z`);
  const end = new Date(`${endDate}T00:00:00Z`);
  while (day <= end && days.length < 366) {
    days.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return days;
}
