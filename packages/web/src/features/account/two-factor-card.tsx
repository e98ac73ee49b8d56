// Two-factor status; set it up, or replace the recovery codes (shown once, like at enrolment).
import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/session/session-context';
import { ConfirmButton } from '../../components/confirm-button';
import { RecoveryCodesPanel } from '../auth/recovery-codes-panel';
import { regenerateRecoveryCodes } from './account-api';

export function TwoFactorCard() {
  const { t } = useTranslation();
  const me = useMe();
  const [codes, setCodes] = useState<string[] | null>(null);

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="two-factor-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="two-factor-title">
          {t('account.twoFactorTitle')}
        </Title>
        <Text size="sm">{me.totpEnabled ? t('account.twoFactorOn') : t('account.twoFactorOff')}</Text>
        {!me.totpEnabled && (
          <div>
            <Button component={Link} to="/login/two-factor">
              {t('account.twoFactorSetup')}
            </Button>
          </div>
        )}
        {me.totpEnabled && codes === null && (
          <div>
            <ConfirmButton
              variant="light"
              color="orange"
              label={t('account.regenerate')}
              message={t('account.regenerateConfirm')}
              onConfirm={async () => setCodes((await regenerateRecoveryCodes()).recoveryCodes)}
            />
          </div>
        )}
        {codes !== null && (
          <RecoveryCodesPanel codes={codes} username={me.username} onContinue={() => setCodes(null)} continueLabel={t('common.close')} />
        )}
      </Stack>
    </Card>
  );
}
