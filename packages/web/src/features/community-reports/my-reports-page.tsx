// "Tin báo tôi đã gửi": the reports this user filed and where each stands — waiting, case opened, linked
// or closed — newest first. Nothing of the case behind a report is shown: a communicator reads no case.
import { REPORT_CONCERN_LABELS, type MySubmission } from '@binhan/domain';
import { Button, Card, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { Pager } from '../../components/pager';
import { QueryError } from '../../components/query-error';
import { formatDateTime } from '../../lib/format';
import { labelOf, useLocale } from '../cases/case-labels';
import { ChildInvolvedBadge, InDangerBadge, ReportStatusBadge } from './report-badges';
import { MINE_PAGE_SIZE, useMySubmissions } from './reports-api';

function SubmissionCard({ item }: { item: MySubmission }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const concerns = item.concerns.map((code) => labelOf(REPORT_CONCERN_LABELS, code, locale));
  return (
    <Card withBorder padding="sm" data-testid="my-report" component="li">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={700} ff="monospace">
            {item.reference}
          </Text>
          <ReportStatusBadge status={item.status} />
        </Group>
        {(item.inDangerNow === 'yes' || item.childInvolved === 'yes') && (
          <Group gap={6}>
            {item.inDangerNow === 'yes' && <InDangerBadge size="sm" />}
            {item.childInvolved === 'yes' && <ChildInvolvedBadge size="sm" />}
          </Group>
        )}
        {concerns.length > 0 && (
          <Text size="sm" style={{ wordBreak: 'break-word' }}>
            {concerns.join('; ')}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {item.unit.name} · {t('communityReports.mine.sentAt')} {formatDateTime(item.receivedAt)}
        </Text>
        <Text size="xs" c={item.triagedAt ? 'dimmed' : 'orange.9'} fw={item.triagedAt ? 400 : 600}>
          {item.triagedAt ? t('communityReports.mine.triagedAt', { at: formatDateTime(item.triagedAt) }) : t('communityReports.mine.notYet')}
        </Text>
      </Stack>
    </Card>
  );
}

export function MyReportsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const mine = useMySubmissions(page);
  return (
    <Stack gap="md" maw={760}>
      <PageHeader
        title={t('communityReports.mine.title')}
        intro={t('communityReports.mine.intro')}
        actions={
          <Button component={Link} to="/send-report">
            {t('communityReports.queue.submit')}
          </Button>
        }
      />
      {mine.isError && <QueryError error={mine.error} onRetry={() => void mine.refetch()} />}
      {mine.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} />
        </Center>
      ) : (
        mine.data && (
          <div aria-busy={mine.isFetching}>
            {mine.data.items.length === 0 ? (
              <Text c="dimmed" py="lg">
                {t('communityReports.mine.empty')}
              </Text>
            ) : (
              <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {mine.data.items.map((item) => (
                  <SubmissionCard key={item.id} item={item} />
                ))}
              </Stack>
            )}
            <Pager page={page} pageSize={MINE_PAGE_SIZE} total={mine.data.total} onChange={setPage} />
          </div>
        )
      )}
    </Stack>
  );
}
