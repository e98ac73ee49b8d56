// Sign-in. Once signed in, the session's stage decides where to go next; an active session returns to
// the page that sent the user here.
import { Text } from '@mantine/core';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session/session-context';
import { STAGE_PATHS } from '../../app/session/stages';
import { AuthLayout } from './auth-layout';
import { LoginForm } from './login-form';

export function LoginPage() {
  const { t } = useTranslation();
  const { me, setMe } = useSession();
  const location = useLocation();
  if (me !== null) {
    const from = (location.state as { from?: string } | null)?.from;
    const target = me.stage === 'active' ? (from ?? '/') : STAGE_PATHS[me.stage];
    return <Navigate to={target} replace state={location.state} />;
  }
  return (
    <AuthLayout title={t('auth.signInTitle')}>
      <Text size="sm" c="dimmed">
        {t('auth.signInIntro')}
      </Text>
      <LoginForm onResult={(result) => setMe(result.me)} />
    </AuthLayout>
  );
}
