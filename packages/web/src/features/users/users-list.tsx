// The users of one page: a table on wide screens, cards on phones (a 7-column table cannot be read at
// 360 px).
import type { UserView } from '@binhan/domain';
import { Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { UserBadges } from './user-badges';

interface Props {
  users: UserView[];
  canManage: boolean;
  onOpen: (user: UserView) => void;
}

function unitText(user: UserView): string {
  return user.unit ? `${user.unit.name} (${user.unit.code})` : '—';
}

export function UsersList({ users, canManage, onOpen }: Props) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const openLabel = canManage ? t('common.edit') : t('common.details');

  if (isPhone) {
    return (
      <Stack gap="xs">
        {users.map((user) => (
          <Card key={user.id} withBorder padding="sm">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Text fw={600}>{user.displayName}</Text>
                <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>
                  {user.username}
                </Text>
              </Stack>
              <Button size="compact-sm" variant="light" onClick={() => onOpen(user)} aria-label={`${openLabel}: ${user.displayName}`}>
                {openLabel}
              </Button>
            </Group>
            <Text size="sm" mt={6}>
              {t(`roles.${user.role}`)}
            </Text>
            <Text size="sm" c="dimmed">
              {unitText(user)}
            </Text>
            <Group mt={6}>
              <UserBadges user={user} />
            </Group>
            <Text size="xs" c="dimmed" mt={6}>
              {t('users.lastSignIn')}: {user.lastSignInAt ? formatDateTime(user.lastSignInAt) : t('users.never')}
            </Text>
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <div className="table-scroll">
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('users.displayName')}</Table.Th>
            <Table.Th scope="col">{t('users.role')}</Table.Th>
            <Table.Th scope="col">{t('users.unit')}</Table.Th>
            <Table.Th scope="col">{t('users.status')}</Table.Th>
            <Table.Th scope="col">{t('users.lastSignIn')}</Table.Th>
            <Table.Th scope="col">
              <span className="visually-hidden">{t('users.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Td>
                <Text fw={600} size="sm">
                  {user.displayName}
                </Text>
                <Text size="xs" c="dimmed">
                  {user.username}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`roles.${user.role}`)}</Text>
                {user.organisation && (
                  <Text size="xs" c="dimmed">
                    {user.organisation}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{unitText(user)}</Text>
              </Table.Td>
              <Table.Td>
                <UserBadges user={user} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{user.lastSignInAt ? formatDateTime(user.lastSignInAt) : t('users.never')}</Text>
              </Table.Td>
              <Table.Td>
                <Button size="compact-sm" variant="light" onClick={() => onOpen(user)} aria-label={`${openLabel}: ${user.displayName}`}>
                  {openLabel}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
