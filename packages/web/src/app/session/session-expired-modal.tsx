// Re-sign-in over the current page. The page underneath stays mounted, so forms keep what was typed;
// once signed in again the user simply submits again. The page is hidden behind a nearly opaque, blurred
// overlay meanwhile: whoever sits down at an unattended computer must not read the names on it.
import type { LoginResult, Me } from '@binhan/domain';
import { Anchor, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginForm } from '../../features/auth/login-form';
import { TotpForm } from '../../features/auth/totp-form';

interface Props {
  me: Me;
  onResumed: (me: Me) => void;
  onAbandon: () => void;
}

export function SessionExpiredModal({ me, onResumed, onAbandon }: Props) {
  const { t } = useTranslation();
  const [step, setStep] = useState<'password' | 'totp'>('password');

  const handleResult = (result: LoginResult) => {
    if (result.me.id !== me.id) {
      // Someone else signed in: the page underneath belongs to the previous person, start afresh.
      window.location.assign(import.meta.env.BASE_URL);
      return;
    }
    if (result.stage === 'totp') {
      setStep('totp');
      return;
    }
    if (result.stage === 'active') notifications.show({ color: 'teal', message: t('session.resumed') });
    else notifications.show({ color: 'yellow', message: t('session.mustFinishSteps') });
    onResumed(result.me);
  };

  return (
    <Modal
      opened
      onClose={() => undefined}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      zIndex={1000}
      overlayProps={{ color: '#0b2e2a', backgroundOpacity: 0.94, blur: 24 }}
      title={t('session.expiredTitle')}
      aria-describedby="session-expired-intro"
    >
      <Stack gap="md">
        <Text id="session-expired-intro" size="sm">
          {t('session.expiredIntro')}
        </Text>
        {step === 'password' ? <LoginForm fixedUsername={me.username} onResult={handleResult} /> : <TotpForm onResult={handleResult} />}
        <Anchor component="button" type="button" size="sm" onClick={onAbandon}>
          {t('session.goToSignIn')}
        </Anchor>
      </Stack>
    </Modal>
  );
}
