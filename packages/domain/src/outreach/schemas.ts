// Input and output shapes of communication activities and population figures, shared by the server's
// routes and the web forms.
import { z } from 'zod';
import { UNITS_VIEWS } from '../attribution.js';
import { Id, IsoDate, optionalText, text } from '../schemas/common.js';
import { AUDIENCE_GROUPS, COUNTING_BASES, OUTREACH_CAMPAIGNS, OUTREACH_FORMATS, OUTREACH_LANGUAGES } from './codes.js';

/** A head count: a whole number of people, never negative. */
export const HeadCount = z.number().int().min(0).max(1_000_000);

export const AudienceCount = z.strictObject({
  group: z.enum(AUDIENCE_GROUPS),
  female: HeadCount,
  male: HeadCount,
  /** People counted without their sex being noted (a loudspeaker broadcast, a crowd). */
  unknownSex: HeadCount,
});
export type AudienceCount = z.infer<typeof AudienceCount>;

export const MaterialLine = z.strictObject({
  name: text(200),
  quantity: z.number().int().min(0).max(10_000_000),
});
export type MaterialLine = z.infer<typeof MaterialLine>;

export const OutreachActivityInput = z.strictObject({
  activityDate: IsoDate,
  unitId: Id,
  villageId: Id.nullable().default(null),
  format: z.enum(OUTREACH_FORMATS),
  topic: text(300),
  language: z.enum(OUTREACH_LANGUAGES),
  /** The language's name when "other" is chosen. */
  languageOther: optionalText(100),
  materials: z.array(MaterialLine).max(20).default([]),
  /** A member of the communicators' network who led the activity. */
  facilitatorMemberId: Id.nullable().default(null),
  campaign: z.enum(OUTREACH_CAMPAIGNS).nullable().default(null),
  campaignNote: optionalText(200),
  countingBasis: z.enum(COUNTING_BASES),
  audiences: z.array(AudienceCount).min(1).max(AUDIENCE_GROUPS.length),
  /** About the activity, never about a person. */
  note: optionalText(2000),
}).superRefine((value, ctx) => {
  const seen = new Set<string>();
  value.audiences.forEach((a, index) => {
    if (seen.has(a.group)) ctx.addIssue({ code: 'custom', path: ['audiences', index, 'group'], message: 'audience_group_repeated' });
    seen.add(a.group);
  });
  if (value.audiences.every((a) => a.female + a.male + a.unknownSex === 0)) {
    ctx.addIssue({ code: 'custom', path: ['audiences'], message: 'audience_empty' });
  }
  if (value.language === 'other' && !value.languageOther) {
    ctx.addIssue({ code: 'custom', path: ['languageOther'], message: 'required' });
  }
});
export type OutreachActivityInput = z.input<typeof OutreachActivityInput>;
export type OutreachActivityData = z.output<typeof OutreachActivityInput>;

const OutreachUnitRef = z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() });

export const OutreachActivityView = z.object({
  id: z.string(),
  activityDate: z.string(),
  unit: OutreachUnitRef,
  village: OutreachUnitRef.nullable(),
  format: z.enum(OUTREACH_FORMATS),
  topic: z.string(),
  language: z.enum(OUTREACH_LANGUAGES),
  languageOther: z.string().nullable(),
  materials: z.array(z.object({ name: z.string(), quantity: z.number() })),
  facilitatorMemberId: z.string().nullable(),
  campaign: z.enum(OUTREACH_CAMPAIGNS).nullable(),
  campaignNote: z.string().nullable(),
  countingBasis: z.enum(COUNTING_BASES),
  audiences: z.array(AudienceCount),
  audienceTotal: z.number(),
  note: z.string().nullable(),
  /** Whether the activity came from a workbook import. */
  isImported: z.boolean(),
  createdBy: z.object({ id: z.string(), displayName: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Whether the signed-in user may change it. */
  canEdit: z.boolean(),
});
export type OutreachActivityView = z.infer<typeof OutreachActivityView>;

/** Warnings given when an activity is saved: it is saved, the user is told. */
export const OUTREACH_WARNINGS = ['audience_exceeds_population', 'audience_exceeds_plausible_maximum', 'campaign_outside_window'] as const;
export type OutreachWarning = (typeof OUTREACH_WARNINGS)[number];

export const SavedActivity = z.object({
  activity: OutreachActivityView,
  warnings: z.array(z.object({ code: z.enum(OUTREACH_WARNINGS), message: z.string() })),
});
export type SavedActivity = z.infer<typeof SavedActivity>;

export const OutreachListQuery = z.strictObject({
  unitId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  format: z.enum(OUTREACH_FORMATS).optional(),
  campaign: z.enum(OUTREACH_CAMPAIGNS).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type OutreachListQuery = z.input<typeof OutreachListQuery>;

export const OutreachListItem = OutreachActivityView.pick({
  id: true, activityDate: true, unit: true, village: true, format: true, topic: true, language: true, campaign: true,
  countingBasis: true, audienceTotal: true, isImported: true, canEdit: true,
});
export type OutreachListItem = z.infer<typeof OutreachListItem>;

export const OutreachList = z.object({
  items: z.array(OutreachListItem),
  total: z.number(),
  /** The audience of every matching activity, not only this page. */
  audienceTotal: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type OutreachList = z.infer<typeof OutreachList>;

/** One population figure: a unit, a year and a group, by sex where known, with where it comes from. */
export const PopulationFigureInput = z.strictObject({
  unitId: Id,
  group: z.enum(AUDIENCE_GROUPS),
  total: HeadCount,
  female: HeadCount.nullable().default(null),
  male: HeadCount.nullable().default(null),
  source: text(300),
}).superRefine((value, ctx) => {
  if ((value.female ?? 0) + (value.male ?? 0) > value.total) ctx.addIssue({ code: 'custom', path: ['total'], message: 'population_sex_exceeds_total' });
});
export type PopulationFigureInput = z.input<typeof PopulationFigureInput>;

export const Year = z.coerce.number().int().min(2000).max(2100);

/** The grid's save: figures to set, and cells emptied (figures to remove). */
export const PopulationGridSave = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  figures: z.array(PopulationFigureInput).max(2000),
  removals: z.array(z.strictObject({ unitId: Id, group: z.enum(AUDIENCE_GROUPS) })).max(2000).default([]),
});
export type PopulationGridSave = z.input<typeof PopulationGridSave>;

export const PopulationFigureView = z.object({
  unitId: z.string(),
  group: z.enum(AUDIENCE_GROUPS),
  total: z.number(),
  female: z.number().nullable(),
  male: z.number().nullable(),
  source: z.string(),
  updatedAt: z.string(),
});
export type PopulationFigureView = z.infer<typeof PopulationFigureView>;

export const PopulationGrid = z.object({
  year: z.number(),
  /** The rows of the grid: the units of that year inside the chosen unit's area. */
  units: z.array(OutreachUnitRef),
  figures: z.array(PopulationFigureView),
});
export type PopulationGrid = z.infer<typeof PopulationGrid>;

export const PopulationQuery = z.strictObject({ unitId: Id.optional(), year: Year });

/** A rejected row of an imported workbook: where, and why, in words the user understands. */
export const ImportRejection = z.object({ row: z.number(), column: z.string(), message: z.string() });
export type ImportRejection = z.infer<typeof ImportRejection>;

export const IMPORT_STATUSES = ['validating', 'validated', 'failed', 'imported'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const ImportView = z.object({
  id: z.string(),
  status: z.enum(IMPORT_STATUSES),
  year: z.number(),
  fileName: z.string().nullable(),
  totalRows: z.number(),
  processedRows: z.number(),
  validRows: z.number(),
  /** Rows refused, with the reason; at most the first 1,000 are listed. */
  rejectedRows: z.number(),
  rejections: z.array(ImportRejection),
  warnings: z.array(ImportRejection),
  activitiesFound: z.number(),
  importedActivities: z.number(),
  /** Why the file could not be read at all (not a workbook, no data sheet). */
  failure: z.string().nullable(),
});
export type ImportView = z.infer<typeof ImportView>;

export const ImportCommit = z.strictObject({
  /** Import the valid rows of a file that has rejected rows; without it such a file imports nothing. */
  onlyValidRows: z.boolean().default(false),
});

export const ReachQuery = z.strictObject({
  unitId: Id.optional(),
  year: Year.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /**
   * See the year in the units of that year ("then") or in today's units. Default: today's units for a unit
   * that exists today, the units of that year for one that has ended.
   */
  units: z.enum(UNITS_VIEWS).optional(),
});
export type ReachQuery = z.input<typeof ReachQuery>;
