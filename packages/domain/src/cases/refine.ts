// Helpers for the cross-field rules of the case schemas: when they run, how they report an issue, and
// duplicate detection. Internal to the case module; not exported from its index.
import type { z } from 'zod';
import type { CaseIssueKey } from './messages.js';

/**
 * Zod 4 runs refinements even after non-aborting issues (a bad format, a too-long text), so a rule
 * comparing two fields could see a value that is not an instant. Cross-field rules therefore run only
 * once every field is valid; the user fixes the fields first, then sees what does not fit together.
 */
export const WHEN_FIELDS_VALID: z.core.$ZodSuperRefineParams = { when: (payload) => payload.issues.length === 0 };

export function addIssue(ctx: z.RefinementCtx, path: (string | number)[], key: CaseIssueKey): void {
  ctx.addIssue({ code: 'custom', path, message: key });
}

export function hasDuplicates(values: readonly unknown[]): boolean {
  return new Set(values).size !== values.length;
}
