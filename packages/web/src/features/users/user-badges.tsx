// Status of an account at a glance: disabled, two-factor, waiting for the first password change.
import type { UserView } from '@binhan/domain';
import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function UserBadges({ user }: { user: UserView }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {user.isDisabled ? (
        <Badge color="red" variant="light">
          {t('users.disabledBadge')}
        </Badge>
      ) : (
        <Badge color="teal" variant="light">
          {t('users.activeBadge')}
        </Badge>
      )}
      <Badge color={user.totpEnabled ? 'blue' : 'gray'} variant="outline" title={t('users.twoFactor')}>
        {`2FA: ${user.totpEnabled ? t('users.twoFactorOn') : t('users.twoFactorOff')}`}
      </Badge>
      {user.mustChangePassword && (
        <Badge color="yellow" variant="light">
          {t('users.mustChangePassword')}
        </Badge>
      )}
    </Group>
  );
}
