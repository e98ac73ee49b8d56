// Where each sign-in stage is completed. A session that is not yet active can only open its stage page.
import type { SessionStage } from '@binhan/domain';

export const STAGE_PATHS: Record<SessionStage, string> = {
  totp: '/login/totp',
  password_change: '/login/password',
  totp_enrol: '/login/two-factor',
  active: '/',
};
