// Who may see a perpetrator: the record's unit (commune of residence) is in the user's area, or at least
// one linked incident belongs to a case in it. Incidents of other areas stay hidden and are only counted.
import type { FastifyRequest } from 'fastify';
import type { ExpressionBuilder } from 'kysely';
import { roleCan, type Action, type Role } from '@binhan/domain';
import type { Database, PerpetratorTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { authorize } from '../../http/access.js';
import { Forbidden, NotFound } from '../../http/errors.js';

export interface PerpetratorViewer {
  id: string;
  role: Role;
  unitId: string | null;
  isUnscoped: boolean;
  unitScope: ReadonlySet<string>;
}

export async function viewerOf(request: FastifyRequest): Promise<PerpetratorViewer> {
  const actor = await request.loadActor();
  return { id: actor.id, role: actor.role, unitId: actor.unitId, isUnscoped: actor.isUnscoped === true, unitScope: actor.unitScope };
}

export function scopeIds(viewer: PerpetratorViewer): string[] {
  return viewer.unitScope.size > 0 ? [...viewer.unitScope] : ['-'];
}

export function inScope(viewer: PerpetratorViewer, unitId: string | null): boolean {
  return viewer.isUnscoped || (unitId !== null && viewer.unitScope.has(unitId));
}

/** The SQL condition "this perpetrator is visible to the viewer", on a query over `perpetrators`. */
export function visibleTo(eb: ExpressionBuilder<Database, 'perpetrators'>, viewer: PerpetratorViewer) {
  const ids = scopeIds(viewer);
  return eb.or([
    eb('perpetrators.unit_id', 'in', ids),
    eb.exists(eb.selectFrom('perpetrator_links').select('perpetrator_links.id')
      .whereRef('perpetrator_links.perpetrator_id', '=', 'perpetrators.id').where('perpetrator_links.unit_id', 'in', ids)),
  ]);
}

export async function isVisible(deps: AppDeps, viewer: PerpetratorViewer, row: PerpetratorTable): Promise<boolean> {
  if (inScope(viewer, row.unit_id)) return true;
  const link = await deps.db.selectFrom('perpetrator_links').select('id').where('perpetrator_id', '=', row.id)
    .where('unit_id', 'in', scopeIds(viewer)).executeTakeFirst();
  return link !== undefined;
}

/** The perpetrator, if it exists (else 404) and the user holds the action and may see it (else 403). */
export async function perpetratorInScope(request: FastifyRequest, id: string, action: Action) {
  const deps = request.server.deps;
  const viewer = await viewerOf(request);
  authorize(request, action);
  const row = await deps.db.selectFrom('perpetrators').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound();
  if (!(await isVisible(deps, viewer, row))) throw new Forbidden('UNIT_OUT_OF_SCOPE');
  return { row, viewer };
}

export function canIdentify(viewer: PerpetratorViewer): boolean {
  return roleCan(viewer.role, 'cases.identify');
}

export function canWrite(viewer: PerpetratorViewer): boolean {
  return roleCan(viewer.role, 'cases.write');
}
