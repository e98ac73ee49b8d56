import { z } from 'zod';
import { ROLES } from '../roles.js';
import { Id, optionalText, PageQuery, text } from './common.js';
import { UnitRef, Username } from './auth.js';

export const UserCreate = z.strictObject({
  username: Username,
  displayName: text(120),
  role: z.enum(ROLES),
  unitId: Id,
  /** Organisation of a service provider (health station, police, legal aid …) or the user's office. */
  organisation: optionalText(200),
  locale: z.enum(['vi', 'en']).default('vi'),
  /** For a service provider's staff: the directory entry whose referrals they receive. */
  providerId: Id.optional(),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserUpdate = z.strictObject({
  displayName: text(120).optional(),
  role: z.enum(ROLES).optional(),
  unitId: Id.optional(),
  organisation: optionalText(200).nullable(),
  isDisabled: z.boolean().optional(),
  providerId: Id.nullable().optional(),
});
export type UserUpdate = z.infer<typeof UserUpdate>;

export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  unitId: Id.optional(),
  status: z.enum(['active', 'disabled', 'all']).default('all'),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unit: UnitRef.nullable(),
  organisation: z.string().nullable(),
  isDisabled: z.boolean(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
  providerId: z.string().nullable(),
});
export type UserView = z.infer<typeof UserView>;

export const UserList = z.object({ items: z.array(UserView), total: z.number(), page: z.number(), pageSize: z.number() });

/** Answer to creating a user or resetting a password: the one-time password, shown once. */
export const TemporaryPassword = z.object({ user: UserView, temporaryPassword: z.string() });
