// Two-factor enrolment: scan the QR code (or type the secret), confirm with a code, then save the
// recovery codes. Required for some roles at first sign-in; others may come here from their account page.
import { TotpEnrolConfirm, type Me } from '@binhan/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Center, Code, List, Loader, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { useSession } from '../../app/session/session-context';
import { STAGE_PATHS } from '../../app/session/stages';
import { FormError } from '../../components/form-error';
import { QueryError } from '../../components/query-error';
import { fieldError, zodMessages } from '../../lib/form-errors';
import { confirmTotpEnrolment, startTotpEnrolment, type EnrolConfirmResult } from './auth-api';
import { AuthLayout } from './auth-layout';
import { QrCode } from './qr-code';
import { RecoveryCodesPanel } from './recovery-codes-panel';
import { OneTimeCodeInput } from './totp-form';

const ENROLMENT_KEY = ['totp-enrolment'];

export function TotpEnrolPage() {
  const { t } = useTranslation();
  const { me, setMe, signOut } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Kept here, not in the session, until the user confirms the codes are saved: the session becomes
  // active on confirmation and would otherwise leave this page before the codes were written down.
  const [confirmed, setConfirmed] = useState<EnrolConfirmResult | null>(null);

  if (me === null) return <Navigate to="/login" replace />;
  const isAllowed = me.stage === 'totp_enrol' || (me.stage === 'active' && (!me.totpEnabled || confirmed !== null));
  if (!isAllowed) return <Navigate to={me.stage === 'active' ? '/account' : STAGE_PATHS[me.stage]} replace />;

  const finish = (result: EnrolConfirmResult) => {
    queryClient.removeQueries({ queryKey: ENROLMENT_KEY });
    setMe(result.me);
    void navigate(result.me.stage === 'active' ? '/' : STAGE_PATHS[result.me.stage], { replace: true });
  };

  return (
    <AuthLayout title={t('auth.enrolTitle')} onSignOut={me.stage === 'active' ? undefined : () => void signOut()}>
      {confirmed === null ? (
        <EnrolmentSteps me={me} onConfirmed={setConfirmed} />
      ) : (
        <RecoveryCodesPanel codes={confirmed.recoveryCodes} username={me.username} onContinue={() => finish(confirmed)} />
      )}
    </AuthLayout>
  );
}

function EnrolmentSteps({ me, onConfirmed }: { me: Me; onConfirmed: (result: EnrolConfirmResult) => void }) {
  const { t } = useTranslation();
  // A query rather than an effect: React's strict mode mounts twice, and two enrolment calls would
  // replace the secret the user is scanning.
  const enrolment = useQuery({ queryKey: ENROLMENT_KEY, queryFn: startTotpEnrolment, staleTime: Infinity, gcTime: Infinity, retry: false });
  const form = useForm({ resolver: zodResolver(TotpEnrolConfirm, zodMessages), defaultValues: { code: '' } });
  const mutation = useMutation({ mutationFn: (code: string) => confirmTotpEnrolment(code), onSuccess: onConfirmed });

  if (enrolment.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (enrolment.isError) return <QueryError error={enrolment.error} onRetry={() => void enrolment.refetch()} />;

  const groupedSecret = enrolment.data.secret.replace(/\s+/g, '').match(/.{1,4}/g)?.join(' ') ?? enrolment.data.secret;
  return (
    <Stack gap="md">
      <Text size="sm">{t('auth.signedInAs', { username: me.username })}</Text>
      <Text size="sm">{t('auth.enrolIntro')}</Text>
      <List type="ordered" size="sm" spacing="xs">
        <List.Item>{t('auth.enrolStep1')}</List.Item>
        <List.Item>{t('auth.enrolStep2')}</List.Item>
        <List.Item>{t('auth.enrolStep3')}</List.Item>
      </List>
      <Center>
        <QrCode value={enrolment.data.otpauthUrl} label={t('auth.qrAlt')} />
      </Center>
      <Stack gap={4}>
        <Text size="sm" fw={600} id="totp-secret-label">
          {t('auth.secretLabel')}
        </Text>
        <Code block fz="md" aria-labelledby="totp-secret-label" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', letterSpacing: '0.08em' }}>
          {groupedSecret}
        </Code>
        <Text size="xs" c="dimmed">
          {t('auth.secretNote')}
        </Text>
      </Stack>
      <form noValidate onSubmit={(event) => void form.handleSubmit((values) => mutation.mutate(values.code))(event)}>
        <Stack gap="sm">
          <FormError error={mutation.error} />
          <OneTimeCodeInput
            label={t('auth.totpCode')}
            error={fieldError(form.formState.errors.code)}
            {...form.register('code', { setValueAs: (value: unknown) => (typeof value === 'string' ? value.replace(/\D/g, '') : '') })}
          />
          <Button type="submit" loading={mutation.isPending}>
            {t('auth.enrolConfirm')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
