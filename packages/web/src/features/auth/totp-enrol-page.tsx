// Two-factor enrolment: scan the QR code (or type the secret), confirm with a code, then save the
// recovery codes. Required for some roles at first sign-in; others come here from their account page
// (to turn it on, or to move it to another phone), where the current password was asked first.
import { TotpEnrolConfirm, type Me } from '@binhan/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import { Anchor, Button, Center, Code, List, Loader, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { useSession } from '../../app/session/session-context';
import { STAGE_PATHS } from '../../app/session/stages';
import { FormError } from '../../components/form-error';
import { PasswordConfirmForm } from '../../components/password-confirm';
import { QueryError } from '../../components/query-error';
import { fieldError, zodMessages } from '../../lib/form-errors';
import { confirmTotpEnrolment, ENROLMENT_KEY, startTotpEnrolment, type EnrolConfirmResult, type TotpEnrolment } from './auth-api';
import { AuthLayout } from './auth-layout';
import { QrCode } from './qr-code';
import { RecoveryCodesPanel } from './recovery-codes-panel';
import { OneTimeCodeInput } from './totp-form';

export function TotpEnrolPage() {
  const { t } = useTranslation();
  const { me, setMe, signOut } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Kept here, not in the session, until the user confirms the codes are saved: the session becomes
  // active on confirmation and would otherwise leave this page before the codes were written down.
  const [confirmed, setConfirmed] = useState<EnrolConfirmResult | null>(null);
  const isSignInStep = me?.stage === 'totp_enrol';
  // A query rather than an effect: React's strict mode mounts twice, and two enrolment calls would
  // replace the secret the user is scanning. At the sign-in step it is fetched at once; from an active
  // session only with the current password: the account page puts the answer here, and when this page
  // is opened directly or reloaded it asks for the password itself.
  const enrolment = useQuery({
    queryKey: ENROLMENT_KEY,
    queryFn: () => startTotpEnrolment(),
    enabled: isSignInStep,
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });

  if (me === null) return <Navigate to="/login" replace />;
  // Moving two-factor to another phone starts on the account page; without a secret there is nothing to show.
  const isAllowed = isSignInStep || (me.stage === 'active' && (!me.totpEnabled || enrolment.data !== undefined || confirmed !== null));
  if (!isAllowed) return <Navigate to={me.stage === 'active' ? '/account' : STAGE_PATHS[me.stage]} replace />;

  const finish = (result: EnrolConfirmResult) => {
    queryClient.removeQueries({ queryKey: ENROLMENT_KEY });
    setMe(result.me);
    const next = result.me.stage !== 'active' ? STAGE_PATHS[result.me.stage] : isSignInStep ? '/' : '/account';
    void navigate(next, { replace: true });
  };

  return (
    <AuthLayout title={t('auth.enrolTitle')} onSignOut={isSignInStep ? () => void signOut() : undefined}>
      {confirmed !== null ? (
        <RecoveryCodesPanel codes={confirmed.recoveryCodes} username={me.username} onContinue={() => finish(confirmed)} />
      ) : isSignInStep || enrolment.data !== undefined ? (
        <EnrolmentSteps me={me} enrolment={enrolment} onConfirmed={setConfirmed} />
      ) : (
        <PasswordConfirmForm
          message={t('account.setupNext')}
          submitLabel={t('common.continue')}
          onConfirm={async (currentPassword) => queryClient.setQueryData(ENROLMENT_KEY, await startTotpEnrolment(currentPassword))}
        />
      )}
      {!isSignInStep && confirmed === null && (
        <Anchor component={Link} to="/account" size="sm">
          {t('auth.backToAccount')}
        </Anchor>
      )}
    </AuthLayout>
  );
}

interface StepsProps {
  me: Me;
  enrolment: UseQueryResult<TotpEnrolment>;
  onConfirmed: (result: EnrolConfirmResult) => void;
}

function EnrolmentSteps({ me, enrolment, onConfirmed }: StepsProps) {
  const { t } = useTranslation();
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
