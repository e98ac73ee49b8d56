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
  'community_reports.read', // the staff queue of community reports for the user's area
  'community_reports.triage', // open a case from a report, link it to a case, or close it with a reason
  'community_reports.submit', // file a report from the staff app and follow one's own submissions
  'training.read', // roster of gender-equality focal points, training courses and attendance
  'training.manage', // change the roster, courses, attendance and test scores
  'outreach.read', // communication activities, population figures and the communicators' network
  'outreach.write', // record and import communication activities
  'population.manage', // enter and import population figures (denominators of T4 and T5)
  'network.manage', // add and change communicators and collaborators (their phones are protected)
  'plans.read', // plans, their indicators and targets (the definitions behind the dashboard)
  'plans.manage', // add and change plans, indicators and targets
  'reports.read', // periodic reports of the user's area: figures, narrative, status, downloads
  'reports.draft', // draft a unit's periodic report, write its narrative, submit it
  'reports.approve', // return a submitted report with a comment or approve it (locks its figures); consolidate the district's
  'reports.export', // de-identified exports with small cells suppressed (figures, GBVIMS-style incident list)
  'offline.use', // keep records on this device for work without a connection, and send queued changes (each re-checked)
] as const;

export type Action = (typeof ACTIONS)[number];

const GRANTS: Record<Role, readonly Action[]> = {
  system_admin: ['self.read', 'units.read', 'units.manage', 'users.read', 'users.manage', 'audit.read', 'audit.verify', 'providers.read', 'providers.manage', 'plans.read', 'plans.manage'],
  // Leaders see cases without identities; identities only through a later, audited break-glass.
  district_leader: ['self.read', 'units.read', 'users.read', 'cases.read', 'indicators.read', 'providers.read', 'training.read', 'outreach.read', 'plans.read', 'reports.read', 'reports.export'],
  district_focal_point: [
    'self.read', 'units.read', 'users.read', 'cases.read', 'cases.write', 'cases.identify', 'cases.assign', 'indicators.read', 'providers.read', 'providers.manage',
    'community_reports.read', 'community_reports.triage', 'community_reports.submit',
    'training.read', 'training.manage', 'outreach.read', 'outreach.write', 'population.manage', 'network.manage',
    'plans.read', 'plans.manage', 'reports.read', 'reports.draft', 'reports.approve', 'reports.export', 'offline.use',
  ],
  commune_officer: [
    'self.read', 'units.read', 'cases.read', 'cases.write', 'cases.identify', 'indicators.read', 'providers.read',
    'community_reports.read', 'community_reports.triage', 'community_reports.submit',
    'training.read', 'training.manage', 'outreach.read', 'outreach.write', 'network.manage', 'plans.read', 'reports.read', 'reports.draft', 'reports.export', 'offline.use',
  ],
  service_provider: ['self.read', 'units.read', 'providers.read', 'referrals.respond'],
  // Communicators record their activities and can report a suspected case, but read no case.
  communicator: ['self.read', 'units.read', 'community_reports.submit', 'outreach.read', 'outreach.write', 'offline.use'],
  trainer: ['self.read', 'units.read', 'training.read', 'training.manage', 'outreach.read', 'outreach.write', 'offline.use'],
  statistician: ['self.read', 'units.read', 'indicators.read', 'population.manage', 'plans.read', 'reports.export'],
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
