// Rules of Law 13/2022/QH15 about handling a perpetrator, and indicator T2 of DOMAIN.md §2. Pure
// functions over plain records: the server loads the records, these decide.
import type { BilingualLabel } from '../cases/labels.js';
import { ageOn, type PersonSex, PERSON_SEXES } from '../cases/identity.js';
import { instantMs, vietnamDateOf } from '../cases/time.js';
import { PERPETRATOR_MEASURE_TYPES, type PerpetratorMeasureStatus, type PerpetratorMeasureType } from './schemas.js';

export interface CriticismSettings {
  adultAge: number;
  windowMonths: number;
  minActs: number;
}

/**
 * Góp ý, phê bình trong cộng đồng dân cư (Law 13/2022 Art. 32(1)): an adult (18+) who either (a) committed two
 * or more violent acts within 12 months without being sanctioned for them, or (b) was administratively
 * sanctioned for domestic violence and then committed violence again.
 */
export const DEFAULT_CRITICISM_SETTINGS: CriticismSettings = { adultAge: 18, windowMonths: 12, minActs: 2 };

export const CRITICISM_CONDITIONS = ['adult', 'repeated_acts', 'not_sanctioned', 'violent_after_sanction'] as const;
export type CriticismCondition = (typeof CRITICISM_CONDITIONS)[number];

export const CRITICISM_CONDITION_LABELS: Readonly<Record<CriticismCondition, BilingualLabel>> = {
  adult: { vi: 'Từ đủ 18 tuổi trở lên', en: 'Aged 18 or over' },
  repeated_acts: { vi: 'Có từ 2 hành vi bạo lực trở lên trong 12 tháng', en: 'Two or more violent acts within 12 months' },
  not_sanctioned: { vi: 'Chưa bị xử phạt vi phạm hành chính hoặc truy cứu trách nhiệm hình sự', en: 'Not administratively sanctioned or prosecuted' },
  violent_after_sanction: {
    vi: 'Hoặc: đã bị xử phạt vi phạm hành chính mà tiếp tục có hành vi bạo lực gia đình',
    en: 'Or: administratively sanctioned and then violent again',
  },
};

export interface CriticismFacts {
  dateOfBirth?: string | null;
  birthYear?: number | null;
  /** Every incident linked to the person (ISO instants), whoever may see them: the law looks at the person. */
  incidentsAt: readonly string[];
  measures: ReadonlyArray<{ type: PerpetratorMeasureType; decidedOn: string; status: PerpetratorMeasureStatus }>;
}

export interface CriticismReason {
  condition: CriticismCondition;
  /** null: not known from the records (age not recorded, or only the birth year and it is the 18th year). */
  met: boolean | null;
  /** repeated_acts: the acts counted in the window; not_sanctioned: the sanctions found in it; violent_after_sanction: acts after the first sanction. */
  count?: number;
}

export interface CriticismRule {
  applies: boolean;
  /** The day the rule was checked for and the start of its 12-month window (yyyy-mm-dd, Vietnam). */
  onDate: string;
  windowStart: string;
  reasons: CriticismReason[];
}

function minusMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 - months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

function isAdult(facts: CriticismFacts, onDate: string, adultAge: number): boolean | null {
  if (facts.dateOfBirth) return ageOn(facts.dateOfBirth, onDate) >= adultAge;
  if (typeof facts.birthYear === 'number') {
    const years = Number(onDate.slice(0, 4)) - facts.birthYear;
    if (years > adultAge) return true;
    if (years < adultAge) return false;
    return null;
  }
  return null;
}

/**
 * Whether community criticism (Law 13/2022 Art. 32(1)) fits the person on a day: an adult who either
 * (a) has at least two violent acts in the 12 months up to that day (both ends included) and no
 * administrative sanction or criminal proceedings (not cancelled) decided in that window, or (b) has an
 * administrative sanction (not cancelled) decided on or before that day and a violent act after the day
 * of that decision, up to that day.
 */
export function criticismRule(facts: CriticismFacts, onDate: string, settings: CriticismSettings = DEFAULT_CRITICISM_SETTINGS): CriticismRule {
  const windowStart = minusMonths(onDate, settings.windowMonths);
  const inWindow = (date: string) => date >= windowStart && date <= onDate;
  const acts = facts.incidentsAt.filter((at) => inWindow(vietnamDateOf(at))).length;
  const sanctions = facts.measures.filter((m) => (m.type === 'administrative_sanction' || m.type === 'criminal_proceedings') && m.status !== 'cancelled' && inWindow(m.decidedOn)).length;
  const adult = isAdult(facts, onDate, settings.adultAge);
  const firstSanction = facts.measures
    .filter((m) => m.type === 'administrative_sanction' && m.status !== 'cancelled' && m.decidedOn <= onDate)
    .map((m) => m.decidedOn).sort()[0];
  const actsAfterSanction = firstSanction === undefined ? 0 : facts.incidentsAt.map(vietnamDateOf).filter((day) => day > firstSanction && day <= onDate).length;
  const reasons: CriticismReason[] = [
    { condition: 'adult', met: adult },
    { condition: 'repeated_acts', met: acts >= settings.minActs, count: acts },
    { condition: 'not_sanctioned', met: sanctions === 0, count: sanctions },
    { condition: 'violent_after_sanction', met: actsAfterSanction > 0, count: actsAfterSanction },
  ];
  const [, repeated, notSanctioned, afterSanction] = reasons as [CriticismReason, CriticismReason, CriticismReason, CriticismReason];
  const applies = adult === true && ((repeated.met === true && notSanctioned.met === true) || afterSanction.met === true);
  return { applies, onDate, windowStart, reasons };
}

/** What counts as handling for T2: an attended counselling session, or a measure not cancelled. */
export type T2HandlingKind = 'counselling' | PerpetratorMeasureType;
export const T2_HANDLING_KINDS = ['counselling', ...PERPETRATOR_MEASURE_TYPES] as const satisfies readonly T2HandlingKind[];

/** One perpetrator record, as the T2 computation needs it. One record per person: the caller deduplicates. */
export interface T2PerpetratorRecord {
  sex: PersonSex;
  /**
   * Every linked incident (ISO instants), with whether it lies in the unit asked for; `key` (the link's id)
   * breaks ties between incidents at the same instant, so every area picks the same latest incident.
   */
  incidents: ReadonlyArray<{ occurredAt: string; inUnit: boolean; key?: string }>;
  /** Qualifying handling only (attended sessions, measures not cancelled), with its date (yyyy-mm-dd). */
  handling: ReadonlyArray<{ kind: T2HandlingKind; on: string }>;
}

export interface T2Period {
  start: string;
  end: string;
}

export interface Ratio {
  numerator: number;
  denominator: number;
}

export interface T2Result extends Ratio {
  /** Percent; null when no perpetrator was identified in the period. */
  value: number | null;
  bySex: Record<PersonSex, Ratio>;
  /** Perpetrators of the denominator handled by each kind (one person may count under several). */
  byMeasure: Record<T2HandlingKind, number>;
  /** Repeat: linked to two or more incidents that happened before the period's end, in any unit. */
  byRepeat: { repeat: Ratio; first: Ratio };
}

/**
 * T2 for one unit and period. Denominator: perpetrators (records, each counted once) linked to at least
 * one incident of a case of the unit that happened in the period (start included, end excluded).
 * Numerator: those with at least one attended counselling session or one measure not cancelled, dated on
 * or after the day of their first such incident (handling of earlier violence does not count for new
 * violence). The one place the indicator is computed.
 */
export function computeT2(records: readonly T2PerpetratorRecord[], period: T2Period): T2Result {
  const start = instantMs(period.start);
  const end = instantMs(period.end);
  if (!(start < end)) throw new RangeError('the period must end after it starts');
  const ratio = (): Ratio => ({ numerator: 0, denominator: 0 });
  const bySex = Object.fromEntries(PERSON_SEXES.map((s) => [s, ratio()])) as Record<PersonSex, Ratio>;
  const byMeasure = Object.fromEntries(T2_HANDLING_KINDS.map((k) => [k, 0])) as Record<T2HandlingKind, number>;
  const byRepeat = { repeat: ratio(), first: ratio() };
  const total = ratio();
  for (const record of records) {
    // A perpetrator belongs to the unit of their latest incident in the period, where they are being dealt
    // with now (DOMAIN.md §11: one unit per record), so the communes' counts add up to the area's even when
    // one person acted in two communes. Handling counts from the first incident of the period.
    let first: number | null = null;
    let latest: { at: number; key: string; inUnit: boolean } | null = null;
    for (const i of record.incidents) {
      const at = instantMs(i.occurredAt);
      if (at < start || at >= end) continue;
      const key = i.key ?? '';
      if (first === null || at < first) first = at;
      if (latest === null || at > latest.at || (at === latest.at && key > latest.key)) latest = { at, key, inUnit: i.inUnit };
    }
    if (first === null || latest === null || !latest.inUnit) continue;
    const firstDay = vietnamDateOf(new Date(first).toISOString());
    const qualifying = record.handling.filter((h) => h.on >= firstDay);
    const handled = qualifying.length > 0;
    const isRepeat = record.incidents.filter((i) => instantMs(i.occurredAt) < end).length >= 2;
    for (const r of [total, bySex[record.sex], isRepeat ? byRepeat.repeat : byRepeat.first]) {
      r.denominator += 1;
      if (handled) r.numerator += 1;
    }
    for (const kind of new Set(qualifying.map((h) => h.kind))) byMeasure[kind] += 1;
  }
  return { ...total, value: total.denominator === 0 ? null : (total.numerator / total.denominator) * 100, bySex, byMeasure, byRepeat };
}
