// Plans, indicators and targets as data (DOMAIN.md §1–2): input schemas for the API and the admin page,
// and the views the dashboard answers with.
import { z } from 'zod';
import { Id, IsoDate, optionalText, text } from '../schemas/common.js';
import { INDICATOR_STATUSES } from './status.js';
import { MEASURE_KEYS } from './measures.js';
import { UNITS_VIEWS, type UnitsView } from '../attribution.js';

export const TARGET_KINDS = ['percent', 'count'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

const Year = z.coerce.number().int().min(2000).max(2100);

export const PlanInput = z.strictObject({
  /** The document number, e.g. 85/KH-UBND. */
  code: z.string().trim().min(1).max(40).regex(/^[0-9A-Za-zÀ-ỹĐđ./\-–_ ]+$/u, { message: 'invalid_format' }),
  titleVi: text(500),
  titleEn: optionalText(500),
  /** The issuing body as written on the document ("UBND huyện Na Rì"). */
  issuer: text(200),
  issuingUnitId: Id.nullable().optional(),
  issuedOn: IsoDate,
  fromYear: Year,
  toYear: Year,
  visionYear: Year.nullable().optional(),
  description: optionalText(2000),
});
export type PlanInput = z.infer<typeof PlanInput>;

/** Indicator codes: T1…T5 for the headline ones, any short code for a custom one. */
export const IndicatorCode = z.string().trim().min(1).max(20).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'invalid_format' });

export const PlanIndicatorInput = z.strictObject({
  code: IndicatorCode,
  nameVi: text(300),
  nameEn: text(300),
  definitionVi: text(2000),
  definitionEn: text(2000),
  numeratorKey: z.enum(MEASURE_KEYS),
  /** Required for a percentage; a count indicator is its numerator alone. */
  denominatorKey: z.enum(MEASURE_KEYS).nullable().optional(),
  targetKind: z.enum(TARGET_KINDS),
  sortOrder: z.number().int().min(0).max(999).optional(),
});
export type PlanIndicatorInput = z.infer<typeof PlanIndicatorInput>;

export const TargetEntry = z.strictObject({
  year: Year,
  unitId: Id,
  /** Null removes the target. */
  value: z.number().min(0).max(1_000_000_000).nullable(),
});
export type TargetEntry = z.infer<typeof TargetEntry>;

export const TargetsInput = z.strictObject({
  targets: z.array(TargetEntry).min(1).max(2000),
});
export type TargetsInput = z.infer<typeof TargetsInput>;

/** Split a target set on a unit (the district) into targets for the communes of that year. */
export const TargetSplitInput = z.strictObject({
  year: Year,
  unitId: Id,
  /** Keep commune targets already set (default) or overwrite them. */
  overwrite: z.boolean().optional(),
});
export type TargetSplitInput = z.infer<typeof TargetSplitInput>;

export const PlanIndicatorView = z.object({
  id: z.string(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  definitionVi: z.string(),
  definitionEn: z.string(),
  numeratorKey: z.enum(MEASURE_KEYS),
  denominatorKey: z.enum(MEASURE_KEYS).nullable(),
  targetKind: z.enum(TARGET_KINDS),
  sortOrder: z.number(),
  /** Whether the modules behind its numerator and denominator are installed. */
  available: z.boolean(),
});
export type PlanIndicatorView = z.infer<typeof PlanIndicatorView>;

export const UnitBrief = z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string(), validFrom: z.string(), validTo: z.string().nullable() });
export type UnitBrief = z.infer<typeof UnitBrief>;

export const TargetView = z.object({
  indicatorId: z.string(),
  year: z.number(),
  unit: UnitBrief,
  value: z.number(),
});
export type TargetView = z.infer<typeof TargetView>;

export const PlanSummary = z.object({
  id: z.string(),
  code: z.string(),
  titleVi: z.string(),
  titleEn: z.string().nullable(),
  issuer: z.string(),
  issuingUnit: UnitBrief.nullable(),
  issuedOn: z.string(),
  fromYear: z.number(),
  toYear: z.number(),
  visionYear: z.number().nullable(),
  description: z.string().nullable(),
  indicatorCount: z.number(),
  updatedAt: z.string(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export const PlanDetail = PlanSummary.extend({
  indicators: z.array(PlanIndicatorView),
  targets: z.array(TargetView),
});
export type PlanDetail = z.infer<typeof PlanDetail>;

/** The two views of places through time (attribution.ts). */
export const COMPARISON_UNITS = UNITS_VIEWS;
export type ComparisonUnits = UnitsView;

export const DashboardQuery = z.strictObject({
  planId: Id,
  unitId: Id.optional(),
  fromYear: Year,
  toYear: Year,
  /**
   * Communes compared as they were in the year shown (each with its own records), or today's communes with
   * the records that moved into them. Default: today's units for a unit that exists today, else that year's.
   */
  units: z.enum(COMPARISON_UNITS).optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

const Status = z.enum(INDICATOR_STATUSES);

export const IndicatorCell = z.object({
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** Percent for a percentage, the count for a count; null when not available or the denominator is 0. */
  value: z.number().nullable(),
  available: z.boolean(),
  target: z.number().nullable(),
  expected: z.number().nullable(),
  status: Status,
});
export type IndicatorCell = z.infer<typeof IndicatorCell>;

export const DashboardIndicator = z.object({
  indicator: PlanIndicatorView,
  /** The modules that are not installed yet (the reason for "not available"). */
  missingModules: z.array(z.string()),
  /** The last year of the chosen period, against that year's target. */
  year: z.number(),
  current: IndicatorCell,
  /** The whole chosen period taken together (first day of the first year to the last day of the last). */
  period: IndicatorCell.omit({ target: true, expected: true, status: true }),
  goal: z.object({ year: z.number(), value: z.number() }).nullable(),
  baseline: z.object({ year: z.number(), value: z.number() }).nullable(),
  trend: z.array(IndicatorCell.extend({ year: z.number() })),
  communes: z.array(IndicatorCell.extend({
    unit: UnitBrief,
    /** Today's commune covers only part of an older one's area: its older figures are shared with a neighbour. */
    partial: z.boolean(),
  })),
});
export type DashboardIndicator = z.infer<typeof DashboardIndicator>;

export const DashboardView = z.object({
  plan: PlanSummary,
  unit: UnitBrief.nullable(),
  fromYear: z.number(),
  toYear: z.number(),
  units: z.enum(COMPARISON_UNITS),
  /** ISO instant the figures were computed at (live, from the records). */
  computedAt: z.string(),
  indicators: z.array(DashboardIndicator),
});
export type DashboardView = z.infer<typeof DashboardView>;

export const DrilldownQuery = z.strictObject({
  planId: Id,
  indicatorId: Id,
  unitId: Id,
  year: Year,
  /** The view the drill-down follows: the unit's own records, or the records moved into today's unit (default as the dashboard's). */
  units: z.enum(COMPARISON_UNITS).optional(),
});
export type DrilldownQuery = z.infer<typeof DrilldownQuery>;

export const DrilldownView = z.object({
  indicator: PlanIndicatorView,
  unit: UnitBrief,
  year: z.number(),
  from: z.string(),
  to: z.string(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  value: z.number().nullable(),
  available: z.boolean(),
  /** The denominator broken down by why each record counts or not; counts only. */
  breakdown: z.array(z.object({ key: z.string(), count: z.number(), inNumerator: z.boolean() })),
  /** The records behind the value, for roles that may read them; null for counts-only roles. */
  items: z.array(z.object({
    id: z.string(),
    code: z.string(),
    detectedAt: z.string(),
    riskLevel: z.string().nullable(),
    firstInterventionAt: z.string().nullable(),
    hasServiceOrReferral: z.boolean(),
    reason: z.string(),
    inNumerator: z.boolean(),
  })).nullable(),
  /** Where the records can be listed in the app, for roles that may read them. */
  listPath: z.string().nullable(),
});
export type DrilldownView = z.infer<typeof DrilldownView>;
