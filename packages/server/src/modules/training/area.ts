// Unit-area helpers shared by the training and network modules: which units a list covers (the chosen
// unit's area across mergers, limited to the user's scope), unit references, and today's date in Vietnam.
import type { FastifyRequest } from 'fastify';
import { compareVietnamese, vietnamDateOf, type Action, type UnitGraph } from '@binhan/domain';
import { authorize } from '../../http/access.js';
import { NotFound } from '../../http/errors.js';
import { nowIso } from '../../lib/clock.js';

export interface UnitRefView {
  id: string;
  code: string;
  name: string;
  kind: string;
}

export function unitRef(graph: UnitGraph, id: string): UnitRefView {
  const u = graph.get(id);
  return { id, code: u?.code ?? '', name: u?.name ?? '', kind: u?.kind ?? '' };
}

/**
 * The units a list or a figure covers: the chosen unit's area (scopeOf: descendants and the units merged
 * into it) within what the user may see; without a unit, the user's whole scope; null means every unit.
 */
export async function areaUnits(request: FastifyRequest, action: Action, unitId: string | undefined): Promise<string[] | null> {
  const actor = await request.loadActor();
  const graph = await request.server.deps.units.graph();
  if (unitId !== undefined) {
    if (!graph.get(unitId)) throw new NotFound('UNIT_NOT_FOUND');
    authorize(request, action, { unitId }, actor);
    const area = [...graph.scopeOf(unitId)];
    return actor.isUnscoped ? area : area.filter((id) => actor.unitScope.has(id));
  }
  if (actor.isUnscoped) return null;
  return [...actor.unitScope];
}

/** Non-empty list for an `in` clause (an empty scope matches nothing). */
export function inList(ids: readonly string[]): string[] {
  return ids.length > 0 ? [...ids] : ['-'];
}

/** The districts whose area holds the unit, joined: an attendee of a course must come from there. */
export function districtAreaOf(graph: UnitGraph, unitId: string): Set<string> {
  const area = new Set<string>();
  for (const unit of graph.byId.values()) {
    if (unit.kind !== 'district') continue;
    const scope = graph.scopeOf(unit.id);
    if (scope.has(unitId)) for (const id of scope) area.add(id);
  }
  // A unit outside every district (a province-level body): its own area.
  return area.size > 0 ? area : graph.scopeOf(unitId);
}

export function todayInVietnam(): string {
  return vietnamDateOf(nowIso());
}

/**
 * Vietnamese order of people's names: by given name (the last word), then the whole name, as lists of
 * people are ordered in Vietnam.
 */
export function compareNames(a: string, b: string): number {
  const given = (name: string) => name.trim().split(/\s+/).pop() ?? '';
  return compareVietnamese(given(a), given(b)) || compareVietnamese(a, b);
}

