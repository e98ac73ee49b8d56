// The user's own sessions: device, address, last activity; end any other session, or all of them.
import { Badge, Card, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { confirmSignOut, wipeOnSignOut } from '../offline/offline-sync';
import { useSession } from '../../app/session/session-context';
import { ConfirmButton } from '../../components/confirm-button';
import { QueryError } from '../../components/query-error';
import { formatDateTime } from '../../lib/format';
import { listSessions, logoutEverywhere, revokeSession, sessionKeys } from './account-api';
import { describeDevice } from './describe-device';

export function SessionsCard() {
  const { t } = useTranslation();
  const { setMe } = useSession();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: sessionKeys.all, queryFn: listSessions });

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="sessions-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="sessions-title">
          {t('account.sessionsTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('account.sessionsIntro')}
        </Text>
        {sessions.isPending && (
          <Center py="md">
            <Loader size="sm" aria-label={t('app.loading')} />
          </Center>
        )}
        {sessions.isError && <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />}
        {sessions.data?.map((session) => (
          <Card key={session.id} withBorder padding="sm" bg={session.isCurrent ? 'teal.0' : undefined}>
            <Group justify="space-between" align="flex-start" gap="xs">
              <Stack gap={2} style={{ minWidth: 0, flex: '1 1 200px' }}>
                <Group gap="xs">
                  <Text fw={600} size="sm" title={session.userAgent ?? undefined}>
                    {describeDevice(session.userAgent)}
                  </Text>
                  {session.isCurrent && (
                    <Badge color="teal" size="sm">
                      {t('account.current')}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  IP {session.ipAddress ?? '—'} · {t('account.lastSeen')}: {formatDateTime(session.lastSeenAt)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('account.signedInAt')}: {formatDateTime(session.createdAt)}
                </Text>
              </Stack>
              {!session.isCurrent && (
                <ConfirmButton
                  size="compact-sm"
                  variant="light"
                  color="red"
                  label={t('account.revoke')}
                  message={`${t('account.revokeConfirm')} (${describeDevice(session.userAgent)})`}
                  onConfirm={async () => {
                    await revokeSession(session.id);
                    notifications.show({ color: 'teal', message: t('account.revoked') });
                    await queryClient.invalidateQueries({ queryKey: sessionKeys.all });
                  }}
                />
              )}
            </Group>
          </Card>
        ))}
        <div>
          <ConfirmButton
            variant="outline"
            color="red"
            label={t('account.logoutAll')}
            message={t('account.logoutAllConfirm')}
            onConfirm={async () => {
              if (!(await confirmSignOut())) return;
              await logoutEverywhere();
              await wipeOnSignOut();
              setMe(null);
            }}
          />
        </div>
      </Stack>
    </Card>
  );
}
