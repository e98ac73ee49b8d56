import type { Role, UserView } from '@binhan/domain';
import type { UserRow } from '../auth/sessions.js';

export interface UnitRefRow {
  id: string;
  code: string;
  name: string;
  kind: string;
}

/** A staff account as administrators see it: never the hash, the TOTP secret or recovery codes. */
export function presentUser(user: UserRow, unit: UnitRefRow | null): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role as Role,
    unit,
    organisation: user.organisation,
    isDisabled: Number(user.is_disabled) === 1,
    totpEnabled: Number(user.totp_enabled) === 1,
    mustChangePassword: Number(user.must_change_password) === 1,
    lastSignInAt: user.last_sign_in_at,
    createdAt: user.created_at,
    providerId: user.provider_id ?? null,
  };
}
