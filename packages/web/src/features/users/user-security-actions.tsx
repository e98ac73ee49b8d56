// Disable/enable, reset password, reset two-factor: each asks first, because each locks someone out of
// their work until an administrator or the person acts again.
import type { UserView } from '@binhan/domain';
import { Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../components/confirm-button';
import { resetUserPassword, resetUserTotp, updateUser, type TemporaryPasswordResult } from './users-api';

interface Props {
  user: UserView;
  onChanged: (user: UserView) => void;
  onTemporaryPassword: (result: TemporaryPasswordResult) => void;
}

export function UserSecurityActions({ user, onChanged, onTemporaryPassword }: Props) {
  const { t } = useTranslation();
  const name = user.displayName;
  return (
    <Stack gap="xs" align="flex-start">
      <ConfirmButton
        variant="light"
        color="orange"
        label={t('users.resetPassword')}
        message={t('users.resetPasswordConfirm', { name })}
        onConfirm={async () => {
          const result = await resetUserPassword(user.id);
          onChanged(result.user);
          onTemporaryPassword(result);
        }}
      />
      {user.totpEnabled && (
        <ConfirmButton
          variant="light"
          color="orange"
          label={t('users.resetTotp')}
          message={t('users.resetTotpConfirm', { name })}
          onConfirm={async () => {
            onChanged(await resetUserTotp(user.id));
            notifications.show({ color: 'teal', message: t('users.totpWasReset') });
          }}
        />
      )}
      {user.isDisabled ? (
        <ConfirmButton
          variant="light"
          color="teal"
          label={t('users.enable')}
          message={t('users.enableConfirm', { name })}
          onConfirm={async () => {
            onChanged(await updateUser(user.id, { isDisabled: false }));
            notifications.show({ color: 'teal', message: t('users.enabled') });
          }}
        />
      ) : (
        <ConfirmButton
          variant="light"
          color="red"
          label={t('users.disable')}
          message={t('users.disableConfirm', { name })}
          onConfirm={async () => {
            onChanged(await updateUser(user.id, { isDisabled: true }));
            notifications.show({ color: 'teal', message: t('users.disabled') });
          }}
        />
      )}
    </Stack>
  );
}
