// The list of communication activities: filters (unit with its area across mergers, period, format,
// campaign), the total reached, export to Excel, and the way to record or import activities. A table on
// a computer, cards on a phone.
import { OUTREACH_CAMPAIGNS, OUTREACH_FORMATS } from '@binhan/domain';
import { Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../app/session/session-context';
import { CommittedDateField } from '../../components/date-field';
import { PageHeader } from '../../components/page-header';
import { Pager } from '../../components/pager';
import { QueryError } from '../../components/query-error';
import { errorText, withQuery } from '../../lib/api';
import { formatDate, formatNumber } from '../../lib/format';
import { UnitSelect } from '../admin-units/unit-select';
import { pickCode, useLocale } from '../cases/case-labels';
import { ACTIVITY_UNIT_KINDS, campaignLabel, campaignOptions, formatLabel, formatOptions } from './labels';
import { downloadFile, useActivities, type ActivityFilters } from './outreach-api';

function useFilters() {
  const [params, setParams] = useSearchParams();
  const filters: ActivityFilters = {
    unitId: params.get('unitId') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    format: pickCode(OUTREACH_FORMATS, params.get('format')),
    campaign: pickCode(OUTREACH_CAMPAIGNS, params.get('campaign')),
  };
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const set = (key: keyof ActivityFilters | 'page', value: string | null | undefined) => {
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      if (value) next.set(key, value);
      else next.delete(key);
      if (key !== 'page') next.delete('page');
      return next;
    }, { replace: true });
  };
  return { filters, page, set, clear: () => setParams(new URLSearchParams(), { replace: true }) };
}

export function ActivitiesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { can, me } = useSession();
  const { filters, page, set, clear } = useFilters();
  const activities = useActivities(filters, page);
  const [isExporting, setIsExporting] = useState(false);
  const isOwnOnly = me?.role === 'communicator';

  const exportList = async () => {
    setIsExporting(true);
    try {
      await downloadFile(withQuery('/api/outreach/activities/export', { ...filters }), `hoat-dong-truyen-thong.xlsx`);
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(error) });
    } finally {
      setIsExporting(false);
    }
  };

  return (
    <Stack gap="md">
      <PageHeader
        title={t('outreach.list.title')}
        intro={isOwnOnly ? t('outreach.list.introOwn') : t('outreach.list.intro')}
        actions={
          <>
            {can('outreach.write') && (
              <Button component={Link} to="/outreach/new">
                {t('outreach.list.create')}
              </Button>
            )}
            {can('outreach.write') && (
              <Button component={Link} to="/outreach/import" variant="default">
                {t('outreach.list.import')}
              </Button>
            )}
            <Button variant="default" onClick={() => void exportList()} loading={isExporting}>
              {t('outreach.list.export')}
            </Button>
          </>
        }
      />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
        <UnitSelect label={t('outreach.list.unit')} placeholder={t('outreach.list.unitAll')} value={filters.unitId ?? null} onChange={(v) => set('unitId', v)} kinds={ACTIVITY_UNIT_KINDS} includeEnded />
        <CommittedDateField label={t('outreach.list.from')} value={filters.from ?? ''} onCommit={(v) => set('from', v)} />
        <CommittedDateField label={t('outreach.list.to')} value={filters.to ?? ''} onCommit={(v) => set('to', v)} />
        <Select label={t('outreach.list.format')} placeholder={t('outreach.list.any')} data={formatOptions(locale)} value={filters.format ?? null} onChange={(v) => set('format', v)} clearable />
        <Select label={t('outreach.list.campaign')} placeholder={t('outreach.list.any')} data={campaignOptions(locale)} value={filters.campaign ?? null} onChange={(v) => set('campaign', v)} clearable />
      </SimpleGrid>
      <Group justify="space-between" gap="xs">
        {activities.data && (
          <Text size="sm" fw={600} data-testid="outreach-summary">
            {t('outreach.list.summary', { n: formatNumber(activities.data.total), people: formatNumber(activities.data.audienceTotal) })}
          </Text>
        )}
        <Button variant="subtle" size="xs" onClick={clear}>
          {t('common.clearFilters')}
        </Button>
      </Group>
      {activities.isError && <QueryError error={activities.error} onRetry={() => void activities.refetch()} />}
      {activities.data && activities.data.items.length === 0 && <Text c="dimmed">{t('outreach.list.empty')}</Text>}
      {activities.data && activities.data.items.length > 0 && (
        <>
          <Table.ScrollContainer minWidth={760} visibleFrom="sm">
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('outreach.list.date')}</Table.Th>
                  <Table.Th>{t('outreach.list.unit')}</Table.Th>
                  <Table.Th>{t('outreach.list.format')}</Table.Th>
                  <Table.Th>{t('outreach.list.topic')}</Table.Th>
                  <Table.Th ta="right">{t('outreach.list.audience')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {activities.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{formatDate(a.activityDate)}</Table.Td>
                    <Table.Td>{a.village ? `${a.unit.name} · ${a.village.name}` : a.unit.name}</Table.Td>
                    <Table.Td>{formatLabel(a.format, locale)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{a.topic}</Text>
                      <Group gap={4}>
                        {a.campaign && <Badge size="xs" variant="light">{campaignLabel(a.campaign, locale)}</Badge>}
                        {a.isImported && <Badge size="xs" variant="outline" color="gray">{t('outreach.list.imported')}</Badge>}
                        {a.countingBasis === 'including_repeat' && <Badge size="xs" variant="light" color="yellow">{t('outreach.list.repeat')}</Badge>}
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(a.audienceTotal)}</Table.Td>
                    <Table.Td>
                      <Button component={Link} to={`/outreach/${a.id}`} size="xs" variant="subtle">
                        {a.canEdit ? t('common.edit') : t('outreach.list.open')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Stack gap="xs" hiddenFrom="sm">
            {activities.data.items.map((a) => (
              <Card key={a.id} withBorder padding="sm" component={Link} to={`/outreach/${a.id}`}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {formatDate(a.activityDate)} · {a.unit.name}
                  </Text>
                  <Badge variant="light">{formatNumber(a.audienceTotal)}</Badge>
                </Group>
                <Text size="sm">{a.topic}</Text>
                <Text size="xs" c="dimmed">
                  {formatLabel(a.format, locale)}
                  {a.campaign ? ` · ${campaignLabel(a.campaign, locale)}` : ''}
                </Text>
              </Card>
            ))}
          </Stack>
          <Pager page={activities.data.page} pageSize={activities.data.pageSize} total={activities.data.total} onChange={(p) => set('page', String(p))} />
        </>
      )}
    </Stack>
  );
}
