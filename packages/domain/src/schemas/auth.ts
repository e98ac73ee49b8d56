import { z } from 'zod';
import { ROLES } from '../roles.js';
import { ACTIONS } from '../policy.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9._-]+$/, { message: 'username_format' });

export const LoginInput = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type LoginInput = z.infer<typeof LoginInput>;

/**
 * What a session still has to do before it is fully signed in: verify the second factor, replace a
 * one-time password, or enrol two-factor authentication.
 */
export const SESSION_STAGES = ['totp', 'password_change', 'totp_enrol', 'active'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

export const TotpInput = z.union([
  z.strictObject({ code: z.string().trim().regex(/^\d{6}$/, { message: 'totp_format' }) }),
  z.strictObject({ recoveryCode: z.string().trim().min(8).max(32) }),
]);
export type TotpInput = z.infer<typeof TotpInput>;

export const PasswordChangeInput = z.strictObject({
  /** Required when an active user changes their password; not asked at the first sign-in. */
  currentPassword: z.string().max(PASSWORD_MAX_LENGTH).optional(),
  newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
});
export type PasswordChangeInput = z.infer<typeof PasswordChangeInput>;

/** From an active session, replacing the second factor needs the current password. */
export const TotpEnrolStartInput = z.strictObject({ currentPassword: z.string().max(PASSWORD_MAX_LENGTH).optional() });
export type TotpEnrolStartInput = z.infer<typeof TotpEnrolStartInput>;
export const TotpEnrolStart = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const RecoveryCodesInput = z.strictObject({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH) });
export type RecoveryCodesInput = z.infer<typeof RecoveryCodesInput>;
export const TotpEnrolConfirm = z.strictObject({ code: z.string().trim().regex(/^\d{6}$/, { message: 'totp_format' }) });
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

export const UnitRef = z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() });

export const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unit: UnitRef.nullable(),
  organisation: z.string().nullable(),
  locale: z.enum(['vi', 'en']),
  totpEnabled: z.boolean(),
  totpRequired: z.boolean(),
  stage: z.enum(SESSION_STAGES),
  permissions: z.array(z.enum(ACTIONS)),
  sessionExpiresAt: z.string(),
});
export type Me = z.infer<typeof Me>;

export const LoginResult = z.object({ stage: z.enum(SESSION_STAGES), me: Me });
export type LoginResult = z.infer<typeof LoginResult>;

export const SessionSummary = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  isCurrent: z.boolean(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const LocaleInput = z.strictObject({ locale: z.enum(['vi', 'en']) });

/** A sign-in lock in force, as administrators see it (issue 14, item 5). */
export const SignInLock = z.object({
  key: z.string(),
  /** pair: a username from one address; account: a username from everywhere; address: every username from one address; totp: second-factor codes. */
  kind: z.enum(['pair', 'account', 'address', 'totp', 'other']),
  username: z.string().nullable(),
  address: z.string().nullable(),
  failures: z.number(),
  lockedUntil: z.string(),
});
export type SignInLock = z.infer<typeof SignInLock>;
export const SignInLockList = z.object({ items: z.array(SignInLock) });
export type SignInLockList = z.infer<typeof SignInLockList>;
export const LiftLockInput = z.strictObject({ key: z.string().trim().min(1).max(200) });
