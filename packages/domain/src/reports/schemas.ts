// API shapes of periodic reports: the list, the report page, drafting, the district's decision.
import { z } from 'zod';
import { Id } from '../schemas/common.js';
import { toNfc } from '../text.js';
import { ReportFigures } from './figures.js';
import { PERIOD_CODE_PATTERN } from './periods.js';

export const PERIODIC_REPORT_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type PeriodicReportStatus = (typeof PERIODIC_REPORT_STATUSES)[number];

export const PERIODIC_REPORT_LEVELS = ['commune', 'district', 'province'] as const;
export type PeriodicReportLevel = (typeof PERIODIC_REPORT_LEVELS)[number];

/** The narrative's sections, in the order an official report (báo cáo) sets them out. */
export const NARRATIVE_SECTIONS = ['situation', 'results', 'difficulties', 'proposals'] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];

export const NARRATIVE_MAX = 8000;

const section = z.string().max(NARRATIVE_MAX).transform((v) => toNfc(v.replace(/\r\n/g, '\n').trim()));
export const ReportNarrative = z.strictObject({
  situation: section.default(''),
  results: section.default(''),
  difficulties: section.default(''),
  proposals: section.default(''),
});
export type ReportNarrative = z.infer<typeof ReportNarrative>;

/** The narrative as the API returns it (no input transforms, so the response serialiser can encode it). */
export const ReportNarrativeView = z.object({ situation: z.string(), results: z.string(), difficulties: z.string(), proposals: z.string() });

export const PeriodCode = z.string().regex(PERIOD_CODE_PATTERN, { message: 'invalid_format' });

export const PeriodicReportCreate = z.strictObject({ unitId: Id, period: PeriodCode });
export type PeriodicReportCreate = z.infer<typeof PeriodicReportCreate>;

export const PeriodicReportSave = z.strictObject({ narrative: ReportNarrative, version: z.number().int().min(1) });
export type PeriodicReportSave = z.infer<typeof PeriodicReportSave>;

export const PeriodicReportDecision = z.strictObject({
  decision: z.enum(['approve', 'return']),
  comment: z.string().trim().max(2000).transform(toNfc).optional(),
  version: z.number().int().min(1),
});
export type PeriodicReportDecision = z.infer<typeof PeriodicReportDecision>;

export const PeriodicReportListQuery = z.strictObject({
  period: PeriodCode,
  status: z.enum([...PERIODIC_REPORT_STATUSES, 'not_started', 'all']).default('all'),
});
export type PeriodicReportListQuery = z.infer<typeof PeriodicReportListQuery>;

export const ReportDownloadQuery = z.strictObject({ format: z.enum(['xlsx', 'docx', 'pdf']) });
export const ExportQuery = z.strictObject({ unitId: Id, period: PeriodCode, format: z.enum(['xlsx', 'csv']).default('xlsx') });
export type ExportQuery = z.infer<typeof ExportQuery>;

const UnitRef = z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() });
const PersonRef = z.object({ id: z.string(), displayName: z.string() });

export const PeriodView = z.object({ code: z.string(), kind: z.string(), year: z.number(), from: z.string(), to: z.string(), ended: z.boolean() });
export type PeriodView = z.infer<typeof PeriodView>;

export const ReportPeriodsView = z.object({
  periods: z.array(PeriodView),
  /** The latest period that has ended: the one to report on now. */
  current: z.string().nullable(),
  smallCellThreshold: z.number(),
});
export type ReportPeriodsView = z.infer<typeof ReportPeriodsView>;

export const PeriodicReportListItem = z.object({
  id: z.string().nullable(),
  unit: UnitRef,
  level: z.enum(PERIODIC_REPORT_LEVELS),
  period: z.string(),
  status: z.enum([...PERIODIC_REPORT_STATUSES, 'not_started']),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** Figures changed in the live records since approval. */
  hasCorrections: z.boolean(),
});
export type PeriodicReportListItem = z.infer<typeof PeriodicReportListItem>;

export const PeriodicReportList = z.object({ period: PeriodView, items: z.array(PeriodicReportListItem) });
export type PeriodicReportList = z.infer<typeof PeriodicReportList>;

export const FigureChangeView = z.object({ table: z.string(), row: z.string(), column: z.string(), approved: z.number().nullable(), current: z.number().nullable() });

export const ReportEventView = z.object({
  at: z.string(), kind: z.string(), actor: PersonRef.nullable(), comment: z.string().nullable(),
});

export const ConsolidationView = z.object({
  communes: z.array(z.object({ unit: UnitRef, reportId: z.string().nullable(), status: z.string(), approvedAt: z.string().nullable() })),
  approved: z.number(),
  expected: z.number(),
});

export const PeriodicReportView = z.object({
  id: z.string(),
  unit: UnitRef,
  level: z.enum(PERIODIC_REPORT_LEVELS),
  /** Where the report goes in its period ("huyện Na Rì" until 30/6/2025, "tỉnh Thái Nguyên" after); null for a province. */
  reportsTo: z.string().nullable(),
  period: PeriodView,
  status: z.enum(PERIODIC_REPORT_STATUSES),
  version: z.number(),
  narrative: ReportNarrativeView,
  /** What the report shows: the approved snapshot once approved, the live figures before. */
  figures: ReportFigures,
  /** Live figures now; equal to `figures` before approval. */
  currentFigures: ReportFigures,
  /** After approval: where the live records now differ from the approved figures (corrections). */
  corrections: z.array(FigureChangeView),
  consolidation: ConsolidationView.nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: PersonRef.nullable(),
  returnComment: z.string().nullable(),
  history: z.array(ReportEventView),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: z.object({ edit: z.boolean(), submit: z.boolean(), decide: z.boolean() }),
});
export type PeriodicReportView = z.infer<typeof PeriodicReportView>;
