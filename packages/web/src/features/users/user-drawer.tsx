// One account: its details, the edit form for those who manage users, and the security actions.
import type { UserView } from '@binhan/domain';
import { Divider, Drawer, Stack, Table, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { UserBadges } from './user-badges';
import { UserEditForm } from './user-edit-form';
import { UserSecurityActions } from './user-security-actions';
import type { TemporaryPasswordResult } from './users-api';
import { DetailRow } from '../../components/detail-row';

interface Props {
  user: UserView | null;
  canManage: boolean;
  onClose: () => void;
  onChanged: (user: UserView) => void;
  onTemporaryPassword: (result: TemporaryPasswordResult) => void;
}

export function UserDrawer({ user, canManage, onClose, onChanged, onTemporaryPassword }: Props) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  return (
    <Drawer
      opened={user !== null}
      onClose={onClose}
      position="right"
      size={isPhone ? '100%' : 'md'}
      title={user ? t('users.editTitle', { username: user.username }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {user && (
        <Stack gap="md">
          <UserBadges user={user} />
          <Table variant="vertical" layout="fixed" withTableBorder>
            <Table.Tbody>
              <DetailRow label={t('users.displayName')} value={user.displayName} />
              <DetailRow label={t('users.role')} value={t(`roles.${user.role}`)} />
              <DetailRow label={t('users.unit')} value={user.unit ? `${user.unit.name} (${user.unit.code})` : '—'} />
              {user.organisation && <DetailRow label={t('users.organisation')} value={user.organisation} />}
              <DetailRow label={t('users.lastSignIn')} value={user.lastSignInAt ? formatDateTime(user.lastSignInAt) : t('users.never')} />
              <DetailRow label={t('users.createdAt')} value={formatDateTime(user.createdAt)} />
            </Table.Tbody>
          </Table>
          {canManage && (
            <>
              <Divider />
              <Title order={3} size="h5">
                {t('users.accountSection')}
              </Title>
              <UserEditForm key={user.id} user={user} onSaved={onChanged} />
              <Divider />
              <Title order={3} size="h5">
                {t('users.securitySection')}
              </Title>
              <UserSecurityActions user={user} onChanged={onChanged} onTemporaryPassword={onTemporaryPassword} />
            </>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
