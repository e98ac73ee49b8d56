// Two-factor status; turn it on, move it to another phone, or replace the recovery codes (shown once,
// like at enrolment). Each of these first asks for the current password, so someone at an unattended
// computer cannot take over the second factor.
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../app/session/session-context';
import { PasswordConfirmModal } from '../../components/password-confirm';
import { ENROLMENT_KEY, startTotpEnrolment } from '../auth/auth-api';
import { RecoveryCodesPanel } from '../auth/recovery-codes-panel';
import { regenerateRecoveryCodes } from './account-api';

type Action = 'enrol' | 'regenerate';

export function TwoFactorCard() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [codes, setCodes] = useState<string[] | null>(null);
  // The last action stays set while the dialog closes, so its text does not change during the animation.
  const [action, setAction] = useState<Action>('enrol');
  const [isAsking, setIsAsking] = useState(false);
  const ask = (next: Action) => {
    setAction(next);
    setIsAsking(true);
  };

  const confirm = async (currentPassword: string) => {
    if (action === 'regenerate') {
      setCodes((await regenerateRecoveryCodes(currentPassword)).recoveryCodes);
      setIsAsking(false);
      return;
    }
    // The enrolment page shows this secret rather than asking the server for another.
    queryClient.setQueryData(ENROLMENT_KEY, await startTotpEnrolment(currentPassword));
    await navigate('/login/two-factor');
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="two-factor-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="two-factor-title">
          {t('account.twoFactorTitle')}
        </Title>
        <Text size="sm">{me.totpEnabled ? t('account.twoFactorOn') : t('account.twoFactorOff')}</Text>
        {!me.totpEnabled && (
          <div>
            <Button onClick={() => ask('enrol')}>{t('account.twoFactorSetup')}</Button>
          </div>
        )}
        {me.totpEnabled && codes === null && (
          <Group gap="xs">
            <Button variant="light" color="orange" onClick={() => ask('regenerate')}>
              {t('account.regenerate')}
            </Button>
            <Button variant="default" onClick={() => ask('enrol')}>
              {t('account.twoFactorReenrol')}
            </Button>
          </Group>
        )}
        {codes !== null && (
          <RecoveryCodesPanel codes={codes} username={me.username} onContinue={() => setCodes(null)} continueLabel={t('common.close')} />
        )}
      </Stack>
      <PasswordConfirmModal
        opened={isAsking}
        onClose={() => setIsAsking(false)}
        title={action === 'regenerate' ? t('account.regenerate') : me.totpEnabled ? t('account.twoFactorReenrol') : t('account.twoFactorSetup')}
        message={action === 'regenerate' ? t('account.regenerateConfirm') : me.totpEnabled ? t('account.reenrolNext') : t('account.setupNext')}
        submitLabel={action === 'regenerate' ? t('account.regenerate') : t('common.continue')}
        onConfirm={confirm}
      />
    </Card>
  );
}
