// New password with confirmation, validated by the same schema as the server. Asks for the current
// password only when the user is already signed in (the account page), not at first sign-in.
import { LoginInput, PasswordChangeInput, PASSWORD_MIN_LENGTH, type LoginResult } from '@binhan/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session/session-context';
import { FormError } from '../../components/form-error';
import type { ApiIssue } from '../../lib/api';
import { applyServerIssues, fieldError, zodMessages } from '../../lib/form-errors';
import { changePassword } from './auth-api';

/** The server's schema plus a confirmation field; the current password is required only when asked for. */
function passwordFormSchema(askCurrent: boolean) {
  return PasswordChangeInput.extend({ confirmPassword: LoginInput.shape.password }).superRefine((values, ctx) => {
    if (askCurrent && (values.currentPassword ?? '') === '') {
      ctx.addIssue({ code: 'custom', path: ['currentPassword'], message: 'required' });
    }
    if (values.newPassword !== values.confirmPassword) {
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'password_mismatch' });
    }
  });
}

interface Props {
  askCurrent: boolean;
  submitLabel: string;
  onDone: (result: LoginResult) => void;
}

export function NewPasswordForm({ askCurrent, submitLabel, onDone }: Props) {
  const { t } = useTranslation();
  const { meta } = useSession();
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const schema = useMemo(() => passwordFormSchema(askCurrent), [askCurrent]);
  const form = useForm({
    resolver: zodResolver(schema, zodMessages),
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: (result) => {
      form.reset();
      onDone(result);
    },
    onError: (error) => setLeftover(applyServerIssues(error, form.setError, ['currentPassword', 'newPassword'])),
  });
  const { errors } = form.formState;
  const minLength = meta?.passwordMinLength ?? PASSWORD_MIN_LENGTH;

  return (
    <form
      noValidate
      onSubmit={(event) => void form.handleSubmit((values) => {
        setLeftover([]);
        mutation.mutate(askCurrent ? { currentPassword: values.currentPassword, newPassword: values.newPassword } : { newPassword: values.newPassword });
      })(event)}
    >
      <Stack gap="sm">
        <FormError error={mutation.error} leftover={leftover} />
        {askCurrent && (
          <PasswordInput
            label={t('auth.currentPassword')}
            autoComplete="current-password"
            required
            error={fieldError(errors.currentPassword)}
            {...form.register('currentPassword')}
          />
        )}
        <PasswordInput
          label={t('auth.newPassword')}
          autoComplete="new-password"
          required
          description={t('auth.passwordHint', { min: minLength })}
          error={fieldError(errors.newPassword)}
          {...form.register('newPassword')}
        />
        <PasswordInput
          label={t('auth.confirmPassword')}
          autoComplete="new-password"
          required
          error={fieldError(errors.confirmPassword)}
          {...form.register('confirmPassword')}
        />
        <Button type="submit" loading={mutation.isPending} mt="xs">
          {submitLabel}
        </Button>
        {mutation.isSuccess && (
          <Text size="sm" c="teal.8" role="status">
            {t('account.passwordChanged')}
          </Text>
        )}
      </Stack>
    </form>
  );
}
