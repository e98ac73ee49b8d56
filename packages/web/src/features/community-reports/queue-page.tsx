// "Tin báo cộng đồng": the queue of community reports in the officer's area. The server orders it —
// someone in danger now first, then a child involved, then the newest — and filters by status (untriaged
// by default), urgency, commune and reference. Rows never carry the description or the reporter's contact.
import {
  COMMUNE_LEVEL_KINDS,
  REPORT_CONCERN_LABELS,
  REPORT_OCCURRED_WHEN_LABELS,
  REPORT_STATUS_LABELS,
  REPORT_STATUSES,
  type ReportListItem,
} from '@binhan/domain';
import { Badge, Button, Card, Center, Checkbox, Grid, Group, Loader, NativeSelect, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback, useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session/session-context';
import { PageHeader } from '../../components/page-header';
import { Pager } from '../../components/pager';
import { QueryError } from '../../components/query-error';
import { formatDateTime, formatNumber, todayIso } from '../../lib/format';
import { pageParam, useUrlFilters } from '../../lib/url-filters';
import { UnitSelect } from '../admin-units/unit-select';
import { useUnits } from '../admin-units/units-api';
import { labelOf, pickCode, useLocale } from '../cases/case-labels';
import { ChildInvolvedBadge, InDangerBadge, ReportStatusBadge, timeSinceText } from './report-badges';
import { QUEUE_PAGE_SIZE, useReportQueue, type QueueFilters, type QueueStatus } from './reports-api';

const STATUS_FILTERS = [...REPORT_STATUSES, 'all'] as const;

/** Filters live in the address (?status=all&urgent=true …) so Back and a shared link keep them; nothing here identifies anyone. */
const parseQueueFilters = (params: URLSearchParams): QueueFilters => ({
  status: pickCode(STATUS_FILTERS, params.get('status')) ?? 'new',
  urgent: params.get('urgent') === 'true',
  unitId: params.get('unitId'),
  reference: params.get('reference') ?? '',
  page: pageParam(params),
});
const QUEUE_FILTER_DEFAULTS = { status: 'new' } as const;
const useQueueFilters = () => useUrlFilters(parseQueueFilters, QUEUE_FILTER_DEFAULTS);

export function ReportCard({ item }: { item: ReportListItem }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const concerns = item.concerns.map((code) => labelOf(REPORT_CONCERN_LABELS, code, locale));
  const since = timeSinceText(item);
  const urgent = item.status === 'new' && (item.inDangerNow === 'yes' || item.childInvolved === 'yes');
  return (
    <Card
      withBorder
      padding="sm"
      component={Link}
      to={`/community-reports/${item.id}`}
      aria-label={[
        t('communityReports.queue.open', { reference: item.reference }),
        item.inDangerNow === 'yes' ? t('communityReports.badges.inDanger') : '',
        item.childInvolved === 'yes' ? t('communityReports.badges.child') : '',
        labelOf(REPORT_STATUS_LABELS, item.status, locale),
      ].filter(Boolean).join(', ')}
      data-testid="report-card"
      style={{ borderLeft: `4px solid var(--mantine-color-${urgent ? (item.inDangerNow === 'yes' ? 'red-7' : 'grape-7') : item.status === 'new' ? 'orange-3' : 'gray-3'})` }}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={700} ff="monospace" style={{ whiteSpace: 'nowrap' }}>
            {item.reference}
          </Text>
          <ReportStatusBadge status={item.status} />
        </Group>
        {(item.inDangerNow === 'yes' || item.childInvolved === 'yes') && (
          <Group gap={6}>
            {item.inDangerNow === 'yes' && <InDangerBadge />}
            {item.childInvolved === 'yes' && <ChildInvolvedBadge />}
          </Group>
        )}
        <Text size="sm" fw={600} style={{ wordBreak: 'break-word' }}>
          {concerns.length > 0 ? concerns.join('; ') : t('communityReports.queue.noConcern')}
        </Text>
        <Text size="sm">
          {item.village ? `${item.village.name}, ${item.unit.name}` : item.unit.name} · {labelOf(REPORT_OCCURRED_WHEN_LABELS, item.occurredWhen, locale)}
        </Text>
        <Group gap="xs" justify="space-between" wrap="wrap">
          <Text size="xs" c="dimmed">
            {t('communityReports.receivedAt', { at: formatDateTime(item.receivedAt) })}
            {item.channel === 'staff' ? ` · ${t('communityReports.badges.staff')}` : ''}
            {item.hasContact ? ` · ${t('communityReports.badges.contact')}` : ''}
          </Text>
          {since && (
            <Text size="xs" fw={item.status === 'new' ? 700 : 400} c={item.status === 'new' ? (urgent ? 'red.8' : 'orange.9') : 'dimmed'}>
              {since}
            </Text>
          )}
        </Group>
        {item.case && (
          <Text size="xs" c="dimmed">
            {t('communityReports.queue.case', { code: item.case.code })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function StatusFilter({ value, onChange }: { value: QueueStatus; onChange: (value: QueueStatus) => void }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const data = STATUS_FILTERS.map((status) => ({ value: status, label: t(`communityReports.queue.statuses.${status}`) }));
  const change = (next: string) => onChange(pickCode(STATUS_FILTERS, next) ?? 'new');
  if (isPhone) return <NativeSelect label={t('communityReports.queue.statusLabel')} value={value} onChange={(event) => change(event.currentTarget.value)} data={data} />;
  return <SegmentedControl aria-label={t('communityReports.queue.statusLabel')} value={value} onChange={change} data={data} />;
}

export function QueuePage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [filters, setFilters] = useQueueFilters();
  const queue = useReportQueue(filters);
  const units = useUnits(todayIso());
  const communeCount = (units.data ?? []).filter((u) => COMMUNE_LEVEL_KINDS.includes(u.kind)).length;
  const [reference, setReference] = useState(filters.reference);
  const commitReference = useDebouncedCallback((value: string) => setFilters({ reference: value }), 400);
  const counts = queue.data?.counts;

  return (
    <Stack gap="md" maw={960}>
      <PageHeader
        title={t('communityReports.queue.title')}
        intro={t('communityReports.queue.intro')}
        actions={
          can('community_reports.submit') && (
            <>
              <Button component={Link} to="/send-report" variant="light">
                {t('communityReports.queue.submit')}
              </Button>
              <Button component={Link} to="/my-reports" variant="subtle">
                {t('nav.myReports')}
              </Button>
            </>
          )
        }
      />
      {counts && (
        <Group gap="xs" aria-live="polite">
          <Badge size="lg" variant="outline" color="orange">
            {t('communityReports.queue.counts', { n: formatNumber(counts.new) })}
          </Badge>
          {counts.newInDanger > 0 && (
            <Badge size="lg" color="red">
              {t('communityReports.queue.countsInDanger', { n: formatNumber(counts.newInDanger) })}
            </Badge>
          )}
          {counts.newChild > 0 && (
            <Badge size="lg" color="grape">
              {t('communityReports.queue.countsChild', { n: formatNumber(counts.newChild) })}
            </Badge>
          )}
        </Group>
      )}
      <StatusFilter value={filters.status} onChange={(status) => setFilters({ status })} />
      <Grid gap="sm" align="flex-end">
        {communeCount > 1 && (
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <UnitSelect
              label={t('communityReports.queue.commune')}
              placeholder={t('communityReports.queue.allCommunes')}
              kinds={COMMUNE_LEVEL_KINDS}
              clearable
              value={filters.unitId}
              onChange={(value) => setFilters({ unitId: value })}
            />
          </Grid.Col>
        )}
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput
            label={t('communityReports.queue.referenceLabel')}
            placeholder={t('communityReports.queue.referencePlaceholder')}
            value={reference}
            maxLength={20}
            autoCapitalize="characters"
            onChange={(event) => {
              setReference(event.currentTarget.value);
              commitReference(event.currentTarget.value);
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: communeCount > 1 ? 3 : 8 }}>
          <Checkbox label={t('communityReports.queue.urgentOnly')} checked={filters.urgent} onChange={(event) => setFilters({ urgent: event.currentTarget.checked })} mb={8} />
        </Grid.Col>
      </Grid>
      {queue.isError && <QueryError error={queue.error} onRetry={() => void queue.refetch()} />}
      {queue.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} />
        </Center>
      ) : (
        queue.data && (
          <div aria-busy={queue.isFetching}>
            {queue.data.items.length === 0 ? (
              <Text c="dimmed" py="lg">
                {filters.status === 'new' && !filters.urgent && filters.reference === '' && filters.unitId === null ? t('communityReports.queue.emptyNew') : t('communityReports.queue.empty')}
              </Text>
            ) : (
              <Stack gap="xs">
                {queue.data.items.map((item) => (
                  <ReportCard key={item.id} item={item} />
                ))}
              </Stack>
            )}
            <Pager page={filters.page} pageSize={QUEUE_PAGE_SIZE} total={queue.data.total} onChange={(page) => setFilters({ page })} />
          </div>
        )
      )}
    </Stack>
  );
}
