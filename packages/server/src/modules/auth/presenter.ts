// The signed-in user as the web app sees it: no secret, no hash, only what the app needs.
import { actionsOf, type Me, type Role, type SessionStage } from '@binhan/domain';
import type { AppDeps } from '../../deps.js';
import { sessionEndsAt, type SessionRow, type UserRow } from './sessions.js';

export async function unitRef(deps: AppDeps, unitId: string | null) {
  if (unitId === null) return null;
  const unit = await deps.db.selectFrom('admin_units').select(['id', 'code', 'name', 'kind']).where('id', '=', unitId).executeTakeFirst();
  return unit ?? null;
}

export function isTotpRequired(deps: AppDeps, role: string): boolean {
  return deps.config.totpRoles.includes(role as Role);
}

export async function presentMe(deps: AppDeps, user: UserRow, session: SessionRow): Promise<Me> {
  const role = user.role as Role;
  const stage = session.stage as SessionStage;
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role,
    unit: await unitRef(deps, user.unit_id),
    organisation: user.organisation,
    locale: user.locale === 'en' ? 'en' : 'vi',
    totpEnabled: Number(user.totp_enabled) === 1,
    totpRequired: isTotpRequired(deps, role),
    stage,
    // Until sign-in is complete the session may do nothing but finish it.
    permissions: stage === 'active' ? actionsOf(role) : [],
    sessionExpiresAt: sessionEndsAt(session, deps.config.sessionIdleMinutes).toISOString(),
  };
}
