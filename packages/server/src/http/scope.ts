// Where a user's figures come from: the units they may see, and the attribution of a unit's area in a view
// (DOMAIN.md §11). Every figure route and the dashboard build their area here, so the time-aware geography
// has one entry point.
import { Attribution, attributionOf, isValidAt, type Actor, type UnitGraph, type UnitsView } from '@binhan/domain';
import { todayInVietnam } from '../lib/clock.js';

/** The units a user's figures may draw on: null for those who see every unit. */
export function visibleUnits(actor: Actor): ReadonlySet<string> | null {
  return actor.isUnscoped === true || actor.role === 'system_admin' ? null : actor.unitScope;
}

/**
 * The area a figure route counts: the unit asked for, else the user's own unit; null for a user who sees
 * every unit and asked for none (every record counts).
 */
export function indicatorArea(graph: UnitGraph, actor: Actor & { unitId: string | null }, unitId: string | undefined, view?: UnitsView): Attribution | null {
  const id = unitId ?? (visibleUnits(actor) === null ? null : actor.unitId);
  if (id === null) return visibleUnits(actor) === null ? null : new Attribution(graph, '-', 'then', todayInVietnam(), new Set());
  return attributionFor(graph, id, view, actor);
}

/**
 * The view a figure follows when none is asked for: today's units for a unit that exists today (its history
 * moved into it), the units of that year for a unit that has ended (its own records).
 */
export function defaultView(graph: UnitGraph, unitId: string): UnitsView {
  const unit = graph.get(unitId);
  return unit && isValidAt(unit, todayInVietnam()) ? 'today' : 'then';
}

/** The attribution of a unit's area in a view (default: defaultView), limited to what the user may see. */
export function attributionFor(graph: UnitGraph, unitId: string, view: UnitsView | undefined, actor: Actor): Attribution {
  return attributionOf(graph, unitId, view ?? defaultView(graph, unitId), todayInVietnam(), visibleUnits(actor));
}

