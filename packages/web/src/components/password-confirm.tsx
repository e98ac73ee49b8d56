// "Enter your current password to confirm" before a change to how the account is protected (recovery
// codes, two-factor). A wrong password is shown under the field, as the server words it; anything else
// (too many tries, no connection) above it.
import { RecoveryCodesInput } from '@binhan/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session/session-context';
import { isApiError, type ApiIssue } from '../lib/api';
import { applyServerIssues, fieldError, zodMessages } from '../lib/form-errors';
import { FormError } from './form-error';

// The server's own rule for a confirming password (required, not too long).
const PasswordConfirmInput = RecoveryCodesInput;

interface FormProps {
  message?: ReactNode;
  submitLabel: string;
  /** Does the protected action with the password; throws the server's error when it is refused. */
  onConfirm: (currentPassword: string) => Promise<unknown>;
  onCancel?: () => void;
}

export function PasswordConfirmForm({ message, submitLabel, onConfirm, onCancel }: FormProps) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const form = useForm({ resolver: zodResolver(PasswordConfirmInput, zodMessages), defaultValues: { currentPassword: '' } });
  const mutation = useMutation({
    mutationFn: onConfirm,
    onError: (error) => {
      setLeftover(applyServerIssues(error, form.setError, ['currentPassword']));
      form.setValue('currentPassword', '');
      form.setFocus('currentPassword');
    },
  });
  // With a single field, an error that already sits under it is not repeated in a box above.
  const isOnlyFieldError = isApiError(mutation.error) && mutation.error.issues.length > 0 && leftover.length === 0;

  return (
    <form
      noValidate
      onSubmit={(event) => void form.handleSubmit((values) => {
        setLeftover([]);
        mutation.mutate(values.currentPassword);
      })(event)}
    >
      <Stack gap="sm">
        {message !== undefined && <Text size="sm">{message}</Text>}
        {!isOnlyFieldError && <FormError error={mutation.error} leftover={leftover} withTitle={false} />}
        {/* Lets password managers tell which account the password belongs to. */}
        {me !== null && <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />}
        <PasswordInput
          label={t('account.confirmPasswordLabel')}
          autoComplete="current-password"
          required
          data-autofocus
          error={fieldError(form.formState.errors.currentPassword)}
          // Mantine's PasswordInput does not mark its inner input itself.
          aria-invalid={form.formState.errors.currentPassword ? true : undefined}
          {...form.register('currentPassword')}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={mutation.isPending}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={mutation.isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface ModalProps extends Omit<FormProps, 'onCancel'> {
  opened: boolean;
  title: string;
  onClose: () => void;
}

/** The same form in a small dialog; closing it forgets what was typed. */
export function PasswordConfirmModal({ opened, title, onClose, ...formProps }: ModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <PasswordConfirmForm {...formProps} onCancel={onClose} />
    </Modal>
  );
}
