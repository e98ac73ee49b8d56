// Home panel for case readers: how many open cases wait, which are overdue, which are due soon, each a
// link to its case (codes only, never names).
import type { CaseListItem } from '@binhan/domain';
import { Anchor, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../../components/query-error';
import { formatNumber } from '../../../lib/format';
import { caseKeys, listCases } from '../cases-api';
import { DueBadge, RiskBadge } from '../case-badges';

const OVERDUE = { status: 'open', overdue: 'true', sort: 'due_asc', pageSize: 5 } as const;
// A case still within its time limit was detected within the longest limit (a day by default), so it
// is among the latest detected; those already past their limit are in the overdue list above.
const RECENT = { status: 'open', sort: 'detected_desc', pageSize: 50 } as const;

function CaseLine({ item }: { item: CaseListItem }) {
  return (
    <Group justify="space-between" gap="xs" wrap="wrap">
      <Anchor component={Link} to={`/cases/${item.id}`} fw={600} size="sm">
        {item.code}
      </Anchor>
      <Group gap={4}>
        <RiskBadge level={item.riskLevel} size="sm" />
        <DueBadge item={item} size="sm" />
      </Group>
    </Group>
  );
}

export function DueCasesPanel() {
  const { t } = useTranslation();
  const overdue = useQuery({ queryKey: caseKeys.list(OVERDUE), queryFn: ({ signal }) => listCases(OVERDUE, signal), refetchInterval: 60_000 });
  const open = useQuery({ queryKey: caseKeys.list(RECENT), queryFn: ({ signal }) => listCases(RECENT, signal), refetchInterval: 60_000 });
  const dueSoon = (open.data?.items ?? [])
    .filter((item) => item.firstInterventionAt === null && !item.isOverdue)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
    .slice(0, 5);

  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('cases.home.title')}
        </Title>
        <Anchor component={Link} to="/cases?status=open&sort=due_asc" size="sm">
          {t('cases.home.all')}
        </Anchor>
      </Group>
      {(overdue.isError || open.isError) && <QueryError error={overdue.error ?? open.error} onRetry={() => void Promise.all([overdue.refetch(), open.refetch()])} />}
      {overdue.isPending || open.isPending ? (
        <Loader size="sm" aria-label={t('app.loading')} />
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={2} spacing="sm">
            <Anchor component={Link} to="/cases?status=open&overdue=true&sort=due_asc" underline="never">
              <Text size="xl" fw={800} c={(overdue.data?.total ?? 0) > 0 ? 'red.8' : undefined}>
                {formatNumber(overdue.data?.total ?? 0)}
              </Text>
              <Text size="sm">{t('cases.home.overdueCount')}</Text>
            </Anchor>
            <Anchor component={Link} to="/cases?status=open" underline="never">
              <Text size="xl" fw={800}>
                {formatNumber(open.data?.total ?? 0)}
              </Text>
              <Text size="sm">{t('cases.home.openCount')}</Text>
            </Anchor>
          </SimpleGrid>
          {(overdue.data?.items.length ?? 0) > 0 && (
            <Stack gap={6}>
              <Text size="sm" fw={700} c="red.8">
                {t('cases.home.overdue')}
              </Text>
              {overdue.data?.items.map((item) => <CaseLine key={item.id} item={item} />)}
            </Stack>
          )}
          {dueSoon.length > 0 && (
            <Stack gap={6}>
              <Text size="sm" fw={700}>
                {t('cases.home.dueSoon')}
              </Text>
              {dueSoon.map((item) => <CaseLine key={item.id} item={item} />)}
            </Stack>
          )}
          {(overdue.data?.items.length ?? 0) === 0 && dueSoon.length === 0 && <Text size="sm" c="dimmed">{t('cases.home.nothingDue')}</Text>}
        </Stack>
      )}
    </Card>
  );
}
