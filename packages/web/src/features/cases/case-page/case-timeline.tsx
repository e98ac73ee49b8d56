// The case's history, newest first: who did what and when, in words.
import { Alert, Center, Loader, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/query-error';
import { formatDateTime } from '../../../lib/format';
import { useTimeline } from '../cases-api';
import { useLocale } from '../case-labels';
import { timelineDetail, timelineTitle } from './timeline-text';

export function CaseTimeline({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const timeline = useTimeline(caseId);
  const entries = [...(timeline.data ?? [])].sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime());

  return (
    <section aria-labelledby="timeline-title">
      <Title order={2} size="h4" mb="sm" id="timeline-title">
        {t('cases.timeline.title')}
      </Title>
      {timeline.isError && <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />}
      {timeline.isPending ? (
        <Center py="md">
          <Loader size="sm" aria-label={t('app.loading')} />
        </Center>
      ) : entries.length === 0 ? (
        <Alert color="gray">{t('common.empty')}</Alert>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} data-testid="case-timeline">
          {entries.map((entry) => {
            const detail = timelineDetail(entry, locale);
            return (
              <Timeline.Item
                key={entry.id}
                title={entry.details.pending === true ? `${timelineTitle(entry)} · ${t('offline.pending')}` : timelineTitle(entry)}
                color={entry.details.pending === true ? 'orange' : entry.kind === 'identity_viewed' ? 'yellow' : undefined}
              >
                {detail !== '' && <Text size="sm">{detail}</Text>}
                {entry.note && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                    {entry.note}
                  </Text>
                )}
                <Text size="xs" c="dimmed" mt={2}>
                  {formatDateTime(entry.at)}
                  {entry.actor && ` · ${entry.actor.displayName}`}
                </Text>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </section>
  );
}
