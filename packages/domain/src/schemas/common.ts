// Building blocks shared by every schema: limits on every text field, dates, ids.
import { z } from 'zod';
import { toNfc } from '../text.js';

/** A trimmed, NFC-normalised single-line text with a length limit. */
export const text = (max: number, min = 1) =>
  z.string().trim().min(min).max(max).transform(toNfc);

export const optionalText = (max: number) =>
  z.string().trim().max(max).transform(toNfc).optional();

/** ISO calendar date yyyy-mm-dd that exists (rejects 2021-02-30). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date_format' })
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, { message: 'date_invalid' });

export const Id = z.uuid();

export const PageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const IdParams = z.strictObject({ id: Id });
export type IdParams = z.infer<typeof IdParams>;

/** The standard error body of every 4xx and 5xx answer. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const OkBody = z.object({ ok: z.literal(true) });
