import { z } from 'zod';
import { UNIT_KINDS } from '../admin-units.js';
import { Id, IsoDate, text } from './common.js';

/** GSO codes are digits (2 for a province, 3 for a district, 5 for a commune); villages may use local codes. */
export const UnitCode = z.string().trim().min(2).max(20).regex(/^[0-9A-Za-z._-]+$/, { message: 'unit_code_format' });

export const UnitView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parentId: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  successors: z.array(z.object({ id: z.string(), isPart: z.boolean() })),
  predecessors: z.array(z.object({ id: z.string(), isPart: z.boolean() })),
});
export type UnitView = z.infer<typeof UnitView>;

export const UnitListQuery = z.strictObject({
  /** Only units valid on this date (from ≤ date ≤ to); omitted: every generation. */
  validOn: IsoDate.optional().describe('Only units valid on this date (yyyy-mm-dd); omitted: every generation'),
  /** The former name of validOn, still accepted. */
  at: IsoDate.optional().describe('Same as validOn (former name)'),
});

export const UnitCreate = z.strictObject({
  code: UnitCode,
  name: text(120),
  kind: z.enum(UNIT_KINDS),
  parentId: Id,
  validFrom: IsoDate,
});
export type UnitCreate = z.infer<typeof UnitCreate>;

export const UnitUpdate = z.strictObject({
  name: text(120).optional(),
  validTo: IsoDate.nullable().optional(),
});
export type UnitUpdate = z.infer<typeof UnitUpdate>;

/**
 * A merger: the source units stop existing the day before `effectiveDate` and their area goes into the
 * target, an existing unit or a new one created here.
 */
export const MergerInput = z.strictObject({
  effectiveDate: IsoDate,
  sources: z.array(z.strictObject({ id: Id, isPart: z.boolean().default(false) })).min(1).max(50),
  target: z.union([
    z.strictObject({ existingId: Id }),
    z.strictObject({ code: UnitCode, name: text(120), kind: z.enum(UNIT_KINDS), parentId: Id }),
  ]),
});
export type MergerInput = z.infer<typeof MergerInput>;

export const UnitMapping = z.object({
  unit: UnitView,
  at: z.string(),
  holders: z.array(z.object({ unit: UnitView, isPart: z.boolean() })),
});
