// What every route on one case starts with: the case, if it exists and lies in the user's area for the
// action; and the second check, with the real clock, of schemas whose rules compare with the present.
// Shared by the case routes and the modules that hang off a case (referrals, measures, follow-ups …).
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Action } from '@binhan/domain';
import { authorize } from '../../http/access.js';
import { Invalid, NotFound } from '../../http/errors.js';
import { fieldIssuesOf } from '../../http/error-handler.js';
import { loadCaseRow } from './queries.js';

/** Schemas whose rules compare with the present are checked again in the handler with the real clock. */
export const SCHEMA_TIME = new Date('9999-12-31T00:00:00Z');

export function recheck<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Invalid('VALIDATION_FAILED', {}, fieldIssuesOf(result.error));
  return result.data;
}

/** The case, if it exists (else 404) and lies in the user's area for this action (else 403). */
export async function caseInScope(request: FastifyRequest, id: string, action: Action) {
  const actor = await request.loadActor();
  const row = await loadCaseRow(request.server.deps.db, id);
  if (!row) throw new NotFound();
  authorize(request, action, { unitId: row.unit_id }, actor);
  return { row, actor };
}
