// For administrators: accounts and addresses that crossed the threshold of refused requests (probing),
// and the sign-in locks in force, each of which can be lifted (audited).
import type { ProbingAlert, SignInLock } from '@binhan/domain';
import { Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/query-error';
import { formatDateTime } from '../../lib/format';
import { auditKeys, liftLock, listLocks, listProbingAlerts } from './audit-api';

function useAlertSubject() {
  const { t } = useTranslation();
  return (alert: ProbingAlert) => {
    if (alert.kind === 'user') return alert.username ?? alert.subject;
    return alert.subject.startsWith('report-') ? t('audit.security.publicForm') : t('audit.security.address', { address: alert.subject });
  };
}

function LockRow({ lock }: { lock: SignInLock }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const lift = useMutation({
    mutationFn: () => liftLock(lock.key),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('audit.security.lifted') });
      await queryClient.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
  const what = t(`audit.security.lockKinds.${lock.kind}`, { username: lock.username ?? '', address: lock.address ?? '' });
  return (
    <List.Item>
      <Group gap="xs" wrap="wrap">
        <Text size="sm">{t('audit.security.lockLine', { what, failures: lock.failures, until: formatDateTime(lock.lockedUntil) })}</Text>
        <Button size="compact-xs" variant="default" onClick={() => lift.mutate()} loading={lift.isPending}>
          {t('audit.security.lift')}
        </Button>
      </Group>
      {lift.isError && <QueryError error={lift.error} />}
    </List.Item>
  );
}

export function SecurityPanel() {
  const { t } = useTranslation();
  const subject = useAlertSubject();
  const alerts = useQuery({ queryKey: [...auditKeys.all, 'probing-alerts'], queryFn: ({ signal }) => listProbingAlerts(signal) });
  const locks = useQuery({ queryKey: [...auditKeys.all, 'locks'], queryFn: ({ signal }) => listLocks(signal) });
  const alertItems = alerts.data ?? [];
  const lockItems = locks.data ?? [];
  if (alerts.isError) return <QueryError error={alerts.error} onRetry={() => void alerts.refetch()} />;
  if (locks.isError) return <QueryError error={locks.error} onRetry={() => void locks.refetch()} />;
  if (alertItems.length === 0 && lockItems.length === 0) return null;
  return (
    <Stack gap="sm" mb="md" data-testid="security-panel">
      {alertItems.length > 0 && (
        <Card withBorder padding="sm">
          <Title order={2} size="h5">{t('audit.security.alertsTitle', { count: alertItems.length })}</Title>
          <Text size="sm" c="dimmed" mb="xs">{t('audit.security.alertsIntro')}</Text>
          <List size="sm">
            {alertItems.map((alert) => (
              <List.Item key={`${alert.kind}-${alert.subject}-${alert.windowStart}`}>
                {t('audit.security.alertLine', { who: subject(alert), count: alert.refusals, at: formatDateTime(alert.windowStart) })}
              </List.Item>
            ))}
          </List>
        </Card>
      )}
      {lockItems.length > 0 && (
        <Card withBorder padding="sm">
          <Title order={2} size="h5" mb="xs">{t('audit.security.locksTitle', { count: lockItems.length })}</Title>
          <List size="sm">
            {lockItems.map((lock) => <LockRow key={lock.key} lock={lock} />)}
          </List>
        </Card>
      )}
    </Stack>
  );
}
