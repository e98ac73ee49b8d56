// The one declarative access policy. Every API route names an action; a request is refused unless the
// user's role holds that action and, for unit-scoped resources, the resource lies inside the user's scope.
import type { Role } from './roles.js';

export const ACTIONS = [
  'self.read', // own profile, sessions, password and two-factor settings
  'units.read',
  'units.manage', // add villages and units, rename, record mergers
  'users.read',
  'users.manage', // create, disable, reset password and two-factor, change role
  'audit.read',
  'audit.verify',
  'cases.read', // case lists and pages, without the survivor's identity
  'cases.write', // intake and every change to a case
  'cases.identify', // reveal a survivor's identity, search by name or phone, duplicate checks (audited)
  'cases.assign', // assign a case to an officer
  'indicators.read', // indicator values (aggregates)
  'providers.read', // the service directory
  'providers.manage', // add and change directory entries
  'referrals.respond', // a provider's inbox: accept, decline, complete referrals addressed to it
] as const;

export type Action = (typeof ACTIONS)[number];

const GRANTS: Record<Role, readonly Action[]> = {
  system_admin: ['self.read', 'units.read', 'units.manage', 'users.read', 'users.manage', 'audit.read', 'audit.verify', 'providers.read', 'providers.manage'],
  // Leaders see cases without identities; identities only through a later, audited break-glass.
  district_leader: ['self.read', 'units.read', 'users.read', 'cases.read', 'indicators.read', 'providers.read'],
  district_focal_point: ['self.read', 'units.read', 'users.read', 'cases.read', 'cases.write', 'cases.identify', 'cases.assign', 'indicators.read', 'providers.read', 'providers.manage'],
  commune_officer: ['self.read', 'units.read', 'cases.read', 'cases.write', 'cases.identify', 'indicators.read', 'providers.read'],
  service_provider: ['self.read', 'units.read', 'providers.read', 'referrals.respond'],
  communicator: ['self.read', 'units.read'],
  trainer: ['self.read', 'units.read'],
  statistician: ['self.read', 'units.read', 'indicators.read'],
};

export interface Actor {
  role: Role;
  /** Ids of the administrative units this user may act on (their unit, its descendants and its area across mergers). */
  unitScope: ReadonlySet<string>;
  /** System administrators act across all units. */
  isUnscoped?: boolean;
}

export interface ScopedResource {
  unitId: string | null;
}

/** Whether the role holds the action at all (used for navigation and the framework check). */
export function roleCan(role: Role, action: Action): boolean {
  return GRANTS[role].includes(action);
}

/** Whether the actor may perform the action on the resource: role grant first, then unit scope. */
export function can(actor: Actor, action: Action, resource?: ScopedResource): boolean {
  if (!roleCan(actor.role, action)) return false;
  if (resource === undefined || actor.isUnscoped === true || actor.role === 'system_admin') return true;
  return resource.unitId !== null && actor.unitScope.has(resource.unitId);
}

export function actionsOf(role: Role): Action[] {
  return [...GRANTS[role]];
}
