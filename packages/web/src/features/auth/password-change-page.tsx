// First sign-in with a one-time password: the user must choose their own before anything else.
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session/session-context';
import { AuthLayout } from './auth-layout';
import { NewPasswordForm } from './new-password-form';

export function PasswordChangePage() {
  const { t } = useTranslation();
  const { me, setMe, signOut } = useSession();
  return (
    <AuthLayout title={t('auth.passwordChangeTitle')} onSignOut={() => void signOut()}>
      {me && (
        <Text size="sm" c="dimmed">
          {t('auth.signedInAs', { username: me.username })}
        </Text>
      )}
      <Text size="sm">{t('auth.passwordChangeIntro')}</Text>
      <NewPasswordForm askCurrent={false} submitLabel={t('auth.setPassword')} onDone={(result) => setMe(result.me)} />
    </AuthLayout>
  );
}
