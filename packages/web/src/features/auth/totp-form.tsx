// Second sign-in step: the 6-digit code from the authenticator app, or a one-time recovery code.
import { TotpEnrolConfirm, TotpInput, type LoginResult } from '@binhan/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/form-error';
import { fieldError, zodMessages } from '../../lib/form-errors';
import { verifyTotp } from './auth-api';

const RecoveryInput = TotpInput.options[1];

export function TotpForm({ onResult }: { onResult: (result: LoginResult) => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'code' | 'recovery'>('code');
  return (
    <Stack gap="sm">
      {mode === 'code' ? <CodeForm onResult={onResult} /> : <RecoveryForm onResult={onResult} />}
      <Anchor component="button" type="button" size="sm" onClick={() => setMode(mode === 'code' ? 'recovery' : 'code')}>
        {mode === 'code' ? t('auth.useRecoveryCode') : t('auth.useTotpCode')}
      </Anchor>
    </Stack>
  );
}

function CodeForm({ onResult }: { onResult: (result: LoginResult) => void }) {
  const { t } = useTranslation();
  const form = useForm({ resolver: zodResolver(TotpEnrolConfirm, zodMessages), defaultValues: { code: '' } });
  const mutation = useMutation({
    mutationFn: verifyTotp,
    onSuccess: onResult,
    onError: () => {
      form.setValue('code', '');
      form.setFocus('code');
    },
  });
  return (
    <form noValidate onSubmit={(event) => void form.handleSubmit((values) => mutation.mutate(values))(event)}>
      <Stack gap="sm">
        <Text size="sm">{t('auth.totpIntro')}</Text>
        <FormError error={mutation.error} withTitle={false} />
        <OneTimeCodeInput label={t('auth.totpCode')} data-autofocus error={fieldError(form.formState.errors.code)} {...form.register('code', { setValueAs: digitsOnly })} />
        <Button type="submit" loading={mutation.isPending} fullWidth>
          {t('auth.verify')}
        </Button>
      </Stack>
    </form>
  );
}

function RecoveryForm({ onResult }: { onResult: (result: LoginResult) => void }) {
  const { t } = useTranslation();
  const form = useForm({ resolver: zodResolver(RecoveryInput, zodMessages), defaultValues: { recoveryCode: '' } });
  const mutation = useMutation({ mutationFn: verifyTotp, onSuccess: onResult });
  return (
    <form noValidate onSubmit={(event) => void form.handleSubmit((values) => mutation.mutate(values))(event)}>
      <Stack gap="sm">
        <Text size="sm">{t('auth.recoveryIntro')}</Text>
        <FormError error={mutation.error} withTitle={false} />
        <TextInput
          label={t('auth.recoveryCode')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          data-autofocus
          error={fieldError(form.formState.errors.recoveryCode)}
          {...form.register('recoveryCode')}
        />
        <Button type="submit" loading={mutation.isPending} fullWidth>
          {t('auth.verify')}
        </Button>
      </Stack>
    </form>
  );
}

function digitsOnly(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\D/g, '') : '';
}

/** A single field for a 6-digit code: numeric keyboard on phones, autofill from SMS/authenticator apps. */
export const OneTimeCodeInput = TextInput.withProps({
  inputMode: 'numeric',
  autoComplete: 'one-time-code',
  maxLength: 7,
  required: true,
  styles: { input: { letterSpacing: '0.3em', fontSize: '1.25rem', fontVariantNumeric: 'tabular-nums' } },
});
