// Route guards. Not signed in → sign-in page (remembering where the user was going); signed in but
// not finished → the page of the missing step; missing permission → a plain "no access" page.
import type { Action, SessionStage } from '@binhan/domain';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { MessagePage } from '../../components/message-page';
import { useTranslation } from 'react-i18next';
import { useSession } from './session-context';
import { STAGE_PATHS } from './stages';

export function RequireActiveSession({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (me === null) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (me.stage !== 'active') return <Navigate to={STAGE_PATHS[me.stage]} replace />;
  return children;
}

export function RequireStage({ stage, children }: { stage: SessionStage; children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  // The page the user first asked for travels through every sign-in step and is opened at the end.
  const state = location.state as { from?: string } | null;
  if (me === null) return <Navigate to="/login" replace state={state} />;
  if (me.stage === 'active') return <Navigate to={state?.from ?? '/'} replace />;
  if (me.stage !== stage) return <Navigate to={STAGE_PATHS[me.stage]} replace state={state} />;
  return children;
}

export function RequirePermission({ action }: { action: Action }) {
  const { t } = useTranslation();
  const { can } = useSession();
  if (!can(action)) return <MessagePage title={t('errors.forbiddenTitle')} message={t('errors.forbidden')} />;
  return <Outlet />;
}
