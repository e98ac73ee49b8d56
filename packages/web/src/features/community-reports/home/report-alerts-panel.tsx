// Home panel for officers who triage community reports: untriaged reports with someone in danger now
// (first, in red) or a child involved, each a link to the report, with how long it has waited.
import { Anchor, Badge, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../../components/query-error';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { minutesText } from '../report-badges';
import { useQueueCounts, useReportAlerts } from '../reports-api';

export function ReportAlertsPanel() {
  const { t } = useTranslation();
  const alerts = useReportAlerts(true);
  const counts = useQueueCounts(true);
  const hasAlerts = (alerts.data?.length ?? 0) > 0;
  return (
    <Card withBorder padding="md" data-testid="report-alerts-panel" style={hasAlerts ? { borderColor: 'var(--mantine-color-red-6)', borderWidth: 2 } : undefined}>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h4">
          {t('communityReports.home.title')}
        </Title>
        <Anchor component={Link} to="/community-reports" size="sm">
          {t('communityReports.home.all')}
        </Anchor>
      </Group>
      {counts.data && counts.data.new > 0 && (
        <Anchor component={Link} to="/community-reports" size="sm" fw={600} display="block" mb="xs">
          {t('communityReports.home.newCount', { n: formatNumber(counts.data.new) })}
        </Anchor>
      )}
      {alerts.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {alerts.isError && <QueryError error={alerts.error} onRetry={() => void alerts.refetch()} />}
      {alerts.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('communityReports.home.none')}
        </Text>
      )}
      {alerts.data && alerts.data.length > 0 && (
        <Stack gap={8} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {alerts.data.slice(0, 20).map((alert) => (
            <li key={alert.reportId}>
              <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
                <Stack gap={0} style={{ flex: '1 1 12rem' }}>
                  <Anchor component={Link} to={`/community-reports/${alert.reportId}`} fw={700} size="sm" ff="monospace">
                    {alert.reference}
                  </Anchor>
                  <Text size="sm">
                    {alert.unit.name} · {formatDateTime(alert.receivedAt)}
                  </Text>
                </Stack>
                <Stack gap={2} align="flex-end">
                  <Badge color={alert.kind === 'in_danger' ? 'red' : 'grape'} variant="filled">
                    {t(`communityReports.home.kinds.${alert.kind}`)}
                  </Badge>
                  <Text size="xs" c="red.8" fw={600}>
                    {t('communityReports.home.waiting', { duration: minutesText(alert.waitingMinutes) })}
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
