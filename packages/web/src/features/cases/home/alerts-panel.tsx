// "Cần xử lý": what needs doing now on the user's cases — first interventions, a chairman's no-contact
// decision, no-contact orders about to end, unanswered referrals — overdue in red, due soon in orange,
// each a link to its case (codes only).
import { Anchor, Badge, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../../components/query-error';
import { formatDateTime } from '../../../lib/format';
import { useAlerts } from '../services-api';

export function AlertsPanel() {
  const { t } = useTranslation();
  const alerts = useAlerts(true);
  return (
    <Card withBorder padding="md" data-testid="alerts-panel">
      <Title order={2} size="h4" mb="sm">
        {t('cases.alerts.title')}
      </Title>
      {alerts.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {alerts.isError && <QueryError error={alerts.error} onRetry={() => void alerts.refetch()} />}
      {alerts.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('cases.alerts.none')}
        </Text>
      )}
      {alerts.data && alerts.data.length > 0 && (
        <Stack gap={8} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {alerts.data.slice(0, 20).map((alert) => (
            <li key={`${alert.kind}:${alert.caseId}:${alert.dueAt}`}>
              <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
                <Stack gap={0} style={{ flex: '1 1 12rem' }}>
                  <Anchor component={Link} to={`/cases/${alert.caseId}`} fw={600} size="sm">
                    {alert.caseCode}
                  </Anchor>
                  <Text size="sm">{t(`cases.alerts.kinds.${alert.kind}`)}</Text>
                </Stack>
                <Stack gap={2} align="flex-end">
                  <Badge color={alert.severity === 'overdue' ? 'red' : 'orange'} variant={alert.severity === 'overdue' ? 'filled' : 'light'}>
                    {t(`cases.alerts.severity.${alert.severity}`)}
                  </Badge>
                  <Text size="xs" c={alert.severity === 'overdue' ? 'red.8' : 'dimmed'}>
                    {t('cases.alerts.dueAt', { at: formatDateTime(alert.dueAt) })}
                  </Text>
                </Stack>
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </Card>
  );
}
