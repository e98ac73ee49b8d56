// Who sees and changes which communication activity: a communicator only what they recorded; everyone
// else with the outreach actions, the activities of their area (commune officers their commune, district
// roles the district, through the unit graph across mergers).
import type { FastifyRequest } from 'fastify';
import type { SelectQueryBuilder } from 'kysely';
import type { Action, Actor } from '@binhan/domain';
import type { Database, OutreachActivityTable } from '../../db/schema.js';
import { authorize } from '../../http/access.js';
import { Forbidden, NotFound } from '../../http/errors.js';

export type OutreachActor = Actor & { id: string };

export function isOwnOnly(actor: OutreachActor): boolean {
  return actor.role === 'communicator';
}

/** Limit a query on outreach_activities to what the actor may see. */
export function visibleTo<O>(q: SelectQueryBuilder<Database, 'outreach_activities', O>, actor: OutreachActor): SelectQueryBuilder<Database, 'outreach_activities', O> {
  if (isOwnOnly(actor)) return q.where('outreach_activities.created_by', '=', actor.id);
  if (actor.isUnscoped) return q;
  const scope = [...actor.unitScope];
  return q.where('outreach_activities.unit_id', 'in', scope.length > 0 ? scope : ['-']);
}

/** Whether the actor may change this activity (the role's grant is checked by the route). */
export function canChange(actor: OutreachActor, row: Pick<OutreachActivityTable, 'unit_id' | 'created_by'>): boolean {
  if (isOwnOnly(actor)) return row.created_by === actor.id && actor.unitScope.has(row.unit_id);
  return actor.isUnscoped === true || actor.unitScope.has(row.unit_id);
}

/** The activity, if it exists (else 404) and the actor may read (or change) it (else 403). */
export async function activityFor(request: FastifyRequest, id: string, action: Extract<Action, 'outreach.read' | 'outreach.write'>) {
  const actor = await request.loadActor();
  const row = await request.server.deps.db.selectFrom('outreach_activities').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound();
  if (isOwnOnly(actor)) {
    if (row.created_by !== actor.id) throw new Forbidden('OUTREACH_NOT_OWN');
    if (action === 'outreach.write') authorize(request, action, { unitId: row.unit_id }, actor);
  } else {
    authorize(request, action, { unitId: row.unit_id }, actor);
  }
  return { row, actor };
}
