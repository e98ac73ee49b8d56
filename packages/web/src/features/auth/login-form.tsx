// Username and password. Used by the sign-in page and by the "session expired" dialog, where the
// username is fixed to the person whose page is open.
import { LoginInput, type LoginResult } from '@binhan/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/form-error';
import type { ApiIssue } from '../../lib/api';
import { applyServerIssues, fieldError, zodMessages } from '../../lib/form-errors';
import { login } from './auth-api';

interface Props {
  fixedUsername?: string;
  onResult: (result: LoginResult) => void;
}

export function LoginForm({ fixedUsername, onResult }: Props) {
  const { t } = useTranslation();
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const form = useForm({
    resolver: zodResolver(LoginInput, zodMessages),
    defaultValues: { username: fixedUsername ?? '', password: '' },
  });
  const mutation = useMutation({
    mutationFn: login,
    onSuccess: onResult,
    onError: (error) => {
      setLeftover(applyServerIssues(error, form.setError, ['username', 'password']));
      form.setValue('password', '');
      form.setFocus('password');
    },
  });
  const { errors } = form.formState;

  return (
    <form
      noValidate
      onSubmit={(event) => void form.handleSubmit((values) => {
        setLeftover([]);
        mutation.mutate(values);
      })(event)}
    >
      <Stack gap="sm">
        <FormError error={mutation.error} leftover={leftover} withTitle={false} />
        <TextInput
          label={t('auth.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          readOnly={fixedUsername !== undefined}
          variant={fixedUsername !== undefined ? 'filled' : 'default'}
          required
          error={fieldError(errors.username)}
          {...form.register('username')}
        />
        <PasswordInput
          label={t('auth.password')}
          autoComplete="current-password"
          required
          data-autofocus={fixedUsername !== undefined ? true : undefined}
          error={fieldError(errors.password)}
          {...form.register('password')}
        />
        <Button type="submit" loading={mutation.isPending} fullWidth mt="xs">
          {t('auth.signIn')}
        </Button>
      </Stack>
    </form>
  );
}
