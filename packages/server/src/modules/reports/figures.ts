// Live figures of a unit's area for a reporting period, from the records themselves (no nightly batch).
// T1 comes from the one domain function computeT1; T2–T5 from the indicator registry, where a module
// that is not installed makes its indicator and tables "not available", never 0.
import {
  AGE_GROUPS, PERSON_SEXES, PROTECTION_MEASURE_TYPES, REPORT_INDICATORS, T2_HANDLING_KINDS, VIOLENCE_FORMS, computeT1, unavailableTable,
  type Attribution, type FigureTable, type IndicatorFigure, type ReportFigures, type ReportPeriod, type RiskLevel,
} from '@binhan/domain';
import type { AppDeps } from '../../deps.js';
import { vietnamDayEnd, vietnamDayStart } from '../cases/queries.js';
import { readInSlices } from '../../db/slices.js';
import { INDICATOR_REGISTRY, attributedCases, computeIndicator, isModuleAvailable } from '../indicators/registry.js';
import { loadT2 } from '../perpetrators/indicator.js';

/** Closure reasons that mean the record is not a survivor to count (same rule as the T1 route). */
const NOT_COUNTED = ['duplicate', 'not_violence'];

/** T2–T5 from the indicator registry: a module that is not installed gives "not available". */
async function registryIndicators(deps: AppDeps, area: Attribution, period: ReportPeriod): Promise<IndicatorFigure[]> {
  const result: IndicatorFigure[] = [];
  for (const code of ['T2', 'T3', 'T4', 'T5']) {
    if (!INDICATOR_REGISTRY[code]) continue;
    const r = await computeIndicator(deps, code, area, { from: period.from, to: period.to });
    result.push({ code, available: r.available, numerator: r.numerator, denominator: r.denominator, value: r.value });
  }
  return result;
}

/** Perpetrators identified in the period, handled or not by sex, and by kind of handling (T2's records). */
async function perpetratorTables(deps: AppDeps, area: Attribution, start: string, end: string): Promise<[FigureTable, FigureTable]> {
  if (!isModuleAvailable('perpetrators')) return [unavailableTable('perpetrators'), unavailableTable('perpetrator_handling')];
  const t2 = await loadT2(deps, { units: [...area.sourceUnits], inArea: (unitId) => area.includes(unitId) }, { start, end });
  return [
    {
      key: 'perpetrators', available: true, columns: [...PERSON_SEXES],
      rows: [
        { key: 'handled', values: PERSON_SEXES.map((sex) => t2.bySex[sex].numerator) },
        { key: 'not_handled', values: PERSON_SEXES.map((sex) => t2.bySex[sex].denominator - t2.bySex[sex].numerator) },
      ],
    },
    { key: 'perpetrator_handling', available: true, columns: ['count'], rows: T2_HANDLING_KINDS.map((kind) => ({ key: kind, values: [t2.byMeasure[kind]] })) },
  ];
}

/** Training courses held in the area in the period, their participants, and focal points who completed one. */
async function trainingTable(deps: AppDeps, area: Attribution, period: ReportPeriod): Promise<FigureTable> {
  if (!isModuleAvailable('training')) return unavailableTable('trainings');
  const courses = (await readInSlices(area.sourceUnits, (part) => deps.db.selectFrom('training_courses').select(['id', 'unit_id', 'other_attendees'])
    .where('unit_id', 'in', part).where('start_date', '>=', period.from).where('start_date', '<=', period.to).execute()))
    .filter((c) => area.includes(c.unit_id));
  const attendees = await readInSlices(courses.map((c) => c.id), (part) => deps.db.selectFrom('course_attendees').select(['kind', 'ref_id', 'completed']).where('course_id', 'in', part).execute());
  const others = courses.reduce((sum, c) => sum + (JSON.parse(c.other_attendees) as Array<{ female?: number; male?: number }>)
    .reduce((a, g) => a + Number(g.female ?? 0) + Number(g.male ?? 0), 0), 0);
  const trained = new Set(attendees.filter((a) => a.kind === 'focal_point' && Number(a.completed) === 1).map((a) => a.ref_id));
  return {
    key: 'trainings', available: true, columns: ['count'],
    rows: [{ key: 'courses', values: [courses.length] }, { key: 'participants', values: [attendees.length + others] }, { key: 'focal_points_trained', values: [trained.size] }],
  };
}

/** Communication activities held in the area in the period and the people they reached (as recorded). */
async function activityTable(deps: AppDeps, area: Attribution, period: ReportPeriod): Promise<FigureTable> {
  if (!isModuleAvailable('outreach')) return unavailableTable('activities');
  const rows = (await readInSlices(area.sourceUnits, (part) => deps.db.selectFrom('outreach_activities').select(['unit_id', 'village_id', 'audience_total'])
    .where('unit_id', 'in', part).where('activity_date', '>=', period.from).where('activity_date', '<=', period.to).execute()))
    .filter((r) => area.includes(r.unit_id, r.village_id));
  const reached = rows.reduce((sum, r) => sum + Number(r.audience_total), 0);
  return { key: 'activities', available: true, columns: ['count'], rows: [{ key: 'activities', values: [rows.length] }, { key: 'people_reached', values: [reached] }] };
}

/**
 * The live figures of an area for a period. A report counts the records of its period in the units as they
 * stood at the period's end (each record in one unit: DOMAIN.md §11), so the communes' reports add up to
 * the district's.
 */
export async function liveFigures(deps: AppDeps, area: Attribution, period: ReportPeriod): Promise<ReportFigures> {
  const start = vietnamDayStart(period.from);
  const end = vietnamDayEnd(period.to);
  const db = deps.db;
  const counted = await attributedCases(deps, area, period.from, period.to);
  const ids = counted.map((c) => c.id);
  const cases = await readInSlices(ids, (part) => db.selectFrom('cases')
    .select(['id', 'detected_at', 'first_risk_level', 'first_intervention_at', 'has_service_or_referral', 'is_child']).where('id', 'in', part).execute());
  const incidents = await readInSlices(ids, (part) => db.selectFrom('incidents').select(['case_id', 'forms']).where('case_id', 'in', part).execute());
  const survivors = await readInSlices(ids, (part) => db.selectFrom('survivors').select(['sex', 'age_group']).where('case_id', 'in', part).execute());
  // Measures begun in the period, on any case of the area still counted (whenever it was detected).
  const measures = (await readInSlices(area.sourceUnits, (part) => db.selectFrom('protection_measures').innerJoin('cases', 'cases.id', 'protection_measures.case_id')
    .select(['protection_measures.type', 'protection_measures.status', 'cases.unit_id', 'cases.village_id'])
    .where('cases.unit_id', 'in', part).where('protection_measures.starts_at', '>=', start).where('protection_measures.starts_at', '<', end)
    .where((eb) => eb.or([eb('cases.closure_reason', 'is', null), eb('cases.closure_reason', 'not in', NOT_COUNTED)]))
    .execute())).filter((m) => area.includes(m.unit_id, m.village_id));

  const t1 = computeT1(cases.map((r) => ({
    detectedAt: r.detected_at,
    riskLevel: r.first_risk_level as RiskLevel | null,
    firstInterventionAt: r.first_intervention_at,
    hasServiceOrReferral: Number(r.has_service_or_referral) === 1,
  })), { start, end }, deps.config.caseSettings.timeLimits);

  // Forms per case: the union over its incidents.
  const formsOf = new Map<string, Set<string>>();
  for (const incident of incidents) {
    const set = formsOf.get(incident.case_id) ?? new Set<string>();
    for (const form of JSON.parse(incident.forms) as string[]) set.add(form);
    formsOf.set(incident.case_id, set);
  }
  const childOf = new Map(cases.map((c) => [c.id, Number(c.is_child) === 1]));
  const byForm: FigureTable = {
    key: 'cases_by_form', available: true, columns: ['cases', 'children'],
    rows: [...VIOLENCE_FORMS, 'all'].map((form) => {
      const ids = cases.filter((c) => form === 'all' || formsOf.get(c.id)?.has(form)).map((c) => c.id);
      return { key: form, values: [ids.length, ids.filter((id) => childOf.get(id)).length] };
    }),
  };
  const victims: FigureTable = {
    key: 'victims_by_sex_age', available: true, columns: [...PERSON_SEXES],
    rows: AGE_GROUPS.map((group) => ({
      key: group,
      values: PERSON_SEXES.map((sex) => survivors.filter((s) => s.age_group === group && s.sex === sex).length),
    })),
  };
  const measureTable: FigureTable = {
    key: 'measures', available: true, columns: ['applied', 'breached'],
    rows: PROTECTION_MEASURE_TYPES.map((type) => {
      const of = measures.filter((m) => m.type === type);
      return {
        key: type,
        values: [of.filter((m) => m.status !== 'requested').length, of.filter((m) => m.status === 'breached').length],
      };
    }),
  };

  const extra = await registryIndicators(deps, area, period);
  const [perpetrators, handling] = await perpetratorTables(deps, area, start, end);
  const trainings = await trainingTable(deps, area, period);
  const activities = await activityTable(deps, area, period);
  const indicators = REPORT_INDICATORS.map((code): IndicatorFigure => {
    if (code === 'T1') return { code, available: true, numerator: t1.numerator, denominator: t1.denominator, value: t1.value };
    return extra.find((i) => i.code === code) ?? { code, available: false, numerator: null, denominator: null, value: null };
  });
  return {
    from: period.from, to: period.to, indicators,
    tables: [byForm, victims, measureTable, perpetrators, handling, trainings, activities],
  };
}
