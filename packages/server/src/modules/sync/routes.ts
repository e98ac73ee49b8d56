// Sync of the work done offline, and the field edits of a case with visible conflicts: the queued
// operations of a device (POST /api/sync), the conflicts waiting for a choice and the choice itself, and
// the online edit of a case's details, which meets the same conflict rule.
import { z } from 'zod';
import {
  CaseDetail, CaseDetailsEdit, ConflictResolution, Id, IdParams, SyncBatch, SyncBatchResult, SyncConflictView, roleCan,
} from '@binhan/domain';
import { requires } from '../../http/access.js';
import { Conflict, Forbidden, NotFound } from '../../http/errors.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { newId } from '../../lib/ids.js';
import { caseInScope } from '../cases/case-access.js';
import { loadCaseRow, presentCase } from '../cases/queries.js';
import { applyDetails, presentConflicts, resolveConflict } from './details.js';
import { SyncRunner } from './operations.js';

/** The 409 of a details edit lists the conflicts (the fields without conflict were applied). */
const ConflictErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    conflicts: z.array(SyncConflictView).optional(),
  }),
});
const ConflictQuery = z.strictObject({ caseId: Id.optional() });

/** POST /api/sync's own body limit: up to 200 operations, intakes with narratives among them. */
export const SYNC_BODY_LIMIT = 8 * 1024 * 1024;

export async function syncRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;
  const tags = ['sync'];
  const limits = deps.config.caseSettings.timeLimits;

  app.post('/api/sync', {
    config: { access: requires('offline.use') },
    // A batch of intakes with their narratives outgrows the 1 MB every other route accepts.
    bodyLimit: SYNC_BODY_LIMIT,
    schema: {
      tags, summary: 'Send the operations queued offline; each is re-checked like its online route, in order, and a repeated operation id is the same write',
      body: SyncBatch, response: { 200: SyncBatchResult, ...errorResponses },
    },
  }, async (request) => new SyncRunner(deps, request).runBatch(request.body));

  app.patch('/api/cases/:id/details', {
    config: { access: requires('cases.write'), syncKind: 'case.details' },
    schema: {
      tags: ['cases'], summary: 'Edit the village, safety plan or next follow-up date, each from the value it started from; a field changed meanwhile on the server becomes a conflict (409) and the others apply',
      params: IdParams, body: CaseDetailsEdit, response: { 200: CaseDetail, ...errorResponses, 409: ConflictErrorBody },
    },
  }, async (request) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.write');
    // An online edit carries its client op id when sent with X-Client-Op-Id (its conflicts then answer a
    // later sync of the same op); without one, its conflicts carry an id made here.
    const outcome = await applyDetails(deps, request, row, request.body, actor.id, { opId: request.syncReceipt?.opId ?? newId() });
    if (outcome.conflicts.length > 0) {
      const error = new Conflict('SYNC_CONFLICT');
      error.extra = { conflicts: outcome.conflicts };
      throw error;
    }
    const fresh = await loadCaseRow(deps.db, row.id);
    if (!fresh) throw new NotFound();
    return presentCase(deps, fresh, actor.role, limits);
  });

  app.get('/api/sync/conflicts', {
    config: { access: requires('offline.use') },
    schema: { tags, summary: 'Open conflicts on the cases I may work on, oldest first', querystring: ConflictQuery, response: { 200: z.object({ items: z.array(SyncConflictView) }), ...errorResponses } },
  }, async (request) => {
    const actor = await request.loadActor();
    // Communicators and trainers work offline too, but on no case: they have no conflicts to see.
    if (!roleCan(actor.role, 'cases.write')) return { items: [] };
    let q = deps.db.selectFrom('sync_conflicts').innerJoin('cases', 'cases.id', 'sync_conflicts.case_id').selectAll('sync_conflicts').where('sync_conflicts.status', '=', 'open');
    if (!actor.isUnscoped) q = q.where('cases.unit_id', 'in', actor.unitScope.size > 0 ? [...actor.unitScope] : ['-']);
    if (request.query.caseId) q = q.where('sync_conflicts.case_id', '=', request.query.caseId);
    const rows = await q.orderBy('sync_conflicts.created_at').orderBy('sync_conflicts.id').limit(500).execute();
    return { items: await presentConflicts(deps, rows) };
  });

  app.post('/api/sync/conflicts/:id/resolve', {
    config: { access: requires('cases.write') },
    schema: {
      tags, params: IdParams, body: ConflictResolution, response: { 200: SyncConflictView, ...errorResponses, 409: ConflictErrorBody },
      summary: 'Choose the device’s or the server’s value of a conflicting field (audited, without the values); if the field changed again meanwhile, choosing the device’s value answers 409 SYNC_CONFLICT with the new conflict, which replaces this one',
    },
  }, async (request) => {
    const conflict = await deps.db.selectFrom('sync_conflicts').selectAll().where('id', '=', request.params.id).executeTakeFirst();
    if (!conflict) throw new NotFound();
    // A conflict on a case outside the user's area does not exist for them.
    const scoped = await caseInScope(request, conflict.case_id, 'cases.write').catch((error: unknown) => {
      if (error instanceof Forbidden) throw new NotFound();
      throw error;
    });
    const replaced = await resolveConflict(deps, request, scoped.row, conflict, request.body.choice, scoped.actor.id);
    if (replaced.length > 0) {
      const error = new Conflict('SYNC_CONFLICT');
      error.extra = { conflicts: replaced };
      throw error;
    }
    const fresh = await deps.db.selectFrom('sync_conflicts').selectAll().where('id', '=', conflict.id).executeTakeFirstOrThrow();
    const [view] = await presentConflicts(deps, [fresh]);
    if (!view) throw new NotFound();
    return view;
  });
}
