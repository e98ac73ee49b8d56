// Second step of sign-in for accounts with two-factor authentication.
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session/session-context';
import { AuthLayout } from './auth-layout';
import { TotpForm } from './totp-form';

export function TotpPage() {
  const { t } = useTranslation();
  const { setMe, signOut } = useSession();
  return (
    <AuthLayout title={t('auth.totpTitle')} onSignOut={() => void signOut()}>
      <TotpForm onResult={(result) => setMe(result.me)} />
    </AuthLayout>
  );
}
