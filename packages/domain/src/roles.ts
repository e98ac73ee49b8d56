// Roles of DOMAIN.md §3. Every user has exactly one role and one administrative unit that scopes it.

export const ROLES = [
  'system_admin',
  'district_leader',
  'district_focal_point',
  'commune_officer',
  'service_provider',
  'communicator',
  'trainer',
  'statistician',
] as const;

export type Role = (typeof ROLES)[number];

/**
 * Roles that can see survivor identities (directly or through break-glass) or manage other accounts,
 * and so must use two-factor sign-in unless the deployment configures otherwise.
 */
export const DEFAULT_TOTP_ROLES: readonly Role[] = [
  'system_admin',
  'district_leader',
  'district_focal_point',
  'commune_officer',
  'service_provider',
];

/** The unit level a role normally works at; used to check that a user's unit fits the role. */
export const ROLE_UNIT_LEVEL: Record<Role, 'any' | 'district' | 'commune'> = {
  system_admin: 'any',
  district_leader: 'district',
  district_focal_point: 'district',
  commune_officer: 'commune',
  service_provider: 'any',
  communicator: 'any',
  trainer: 'any',
  statistician: 'any',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
