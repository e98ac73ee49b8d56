// "Báo cáo định kỳ": the reports of a period for every unit of the user's area, with their status, and
// the de-identified exports. A statistician sees only the exports.
import { COMMUNE_LEVEL_KINDS } from '@binhan/domain';
import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMe, useSession } from '../../app/session/session-context';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { errorText } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { UnitSelect } from '../admin-units/unit-select';
import { periodLabel, periodRange, STATUS_COLORS } from './report-labels';
import { exportFiguresUrl, exportIncidentsUrl, useCreateReport, useReportList, useReportPeriods } from './reports-api';

const STATUS_FILTERS = ['all', 'not_started', 'draft', 'submitted', 'returned', 'approved'] as const;

export function ReportsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const periods = useReportPeriods();
  const period = params.get('period') ?? periods.data?.current ?? periods.data?.periods[0]?.code ?? null;
  const status = params.get('status') ?? 'all';
  const canRead = can('reports.read');
  const list = useReportList(period, status, canRead);
  const create = useCreateReport();
  const selected = periods.data?.periods.find((p) => p.code === period);
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const start = (unitId: string) => {
    if (!period) return;
    create.mutate({ unitId, period }, {
      onSuccess: ({ id }) => {
        notifications.show({ color: 'teal', message: t('reports.created') });
        void navigate(`/reports/${id}`);
      },
      onError: (error) => notifications.show({ color: 'red', message: errorText(error) }),
    });
  };

  return (
    <>
      <PageHeader title={t('reports.title')} intro={t('reports.intro')} />
      {periods.isError && <QueryError error={periods.error} onRetry={() => void periods.refetch()} />}
      <Group align="flex-end" gap="sm" mb="sm" wrap="wrap">
        <Select
          label={t('reports.period')}
          data={(periods.data?.periods ?? []).map((p) => ({ value: p.code, label: `${periodLabel(t, p)} (${periodRange(t, p)})` }))}
          value={period}
          onChange={(v) => setParam('period', v)}
          allowDeselect={false}
          w={420}
          maw="100%"
          data-testid="report-period"
        />
        {canRead && (
          <Select
            label={t('reports.status')}
            data={STATUS_FILTERS.map((s) => ({ value: s, label: s === 'all' ? t('reports.statusAll') : t(`reports.statuses.${s}`) }))}
            value={status}
            onChange={(v) => setParam('status', v === 'all' ? null : v)}
            allowDeselect={false}
            w={220}
          />
        )}
      </Group>
      {selected && !selected.ended && <Alert color="yellow" mb="sm">{t('reports.periodOpen', { to: formatDate(selected.to) })}</Alert>}

      {canRead && (list.isPending ? (
        <Loader aria-label={t('app.loading')} />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Text c="dimmed">{t('reports.none')}</Text>
      ) : (
        <Paper withBorder className="table-scroll" mb="lg">
          <Table striped highlightOnHover data-testid="reports-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reports.unit')}</Table.Th>
                <Table.Th>{t('reports.level')}</Table.Th>
                <Table.Th>{t('reports.status')}</Table.Th>
                <Table.Th>{t('reports.submittedAt')}</Table.Th>
                <Table.Th>{t('reports.decidedAt')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((item) => {
                const mayStart = item.level !== 'commune' ? can('reports.approve') : can('reports.draft');
                return (
                  <Table.Tr key={item.unit.id} data-testid={`report-row-${item.unit.code}`}>
                    <Table.Td>{item.id ? <Anchor component={Link} to={`/reports/${item.id}`}>{item.unit.name}</Anchor> : item.unit.name}</Table.Td>
                    <Table.Td>{t(`reports.levels.${item.level}`)}</Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        <Badge color={STATUS_COLORS[item.status]} variant="light">{t(`reports.statuses.${item.status}`)}</Badge>
                        {item.hasCorrections && <Badge color="orange" variant="outline">{t('reports.corrected')}</Badge>}
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatDate(item.submittedAt)}</Table.Td>
                    <Table.Td>{formatDate(item.decidedAt)}</Table.Td>
                    <Table.Td ta="right">
                      {item.id ? (
                        <Button size="xs" variant="light" component={Link} to={`/reports/${item.id}`}>{t('reports.open')}</Button>
                      ) : mayStart ? (
                        <Button size="xs" onClick={() => start(item.unit.id)} loading={create.isPending && create.variables.unitId === item.unit.id}>{t('reports.create')}</Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      ))}
      {period && periods.data && <ExportsPanel period={period} threshold={periods.data.smallCellThreshold} units={canRead ? list.data?.items.map((i) => i.unit) ?? [] : null} />}
    </>
  );
}

/** `units`: the units of the user's report list (their area); null to pick from every unit (a statistician of the district). */
function ExportsPanel({ period, threshold, units }: { period: string; threshold: number; units: Array<{ id: string; name: string; code: string }> | null }) {
  const { t } = useTranslation();
  const me = useMe();
  const [unitId, setUnitId] = useState<string | null>(me.unit?.id ?? null);
  return (
    <Paper withBorder p="md" data-testid="exports-panel">
      <Stack gap="sm">
        <Title order={2} size="h4">{t('reports.exportsTitle')}</Title>
        <Text size="sm" c="dimmed">{t('reports.exportsIntro', { max: threshold - 1, threshold })}</Text>
        <Group align="flex-end" gap="sm" wrap="wrap">
          {units ? (
            <Select label={t('reports.unit')} placeholder={t('reports.chooseUnit')} data={units.map((u) => ({ value: u.id, label: `${u.name} (${u.code})` }))} value={unitId} onChange={setUnitId} w={320} maw="100%" />
          ) : (
            <UnitSelect label={t('reports.unit')} placeholder={t('reports.chooseUnit')} value={unitId} onChange={setUnitId} kinds={['province', 'district', ...COMMUNE_LEVEL_KINDS]} includeEnded w={320} maw="100%" />
          )}
          <Button component="a" variant="light" href={unitId ? exportFiguresUrl(unitId, period) : undefined} disabled={!unitId} download>{t('reports.exportFigures')}</Button>
          <Button component="a" variant="light" href={unitId ? exportIncidentsUrl(unitId, period, 'xlsx') : undefined} disabled={!unitId} download>{t('reports.exportIncidents')}</Button>
          <Button component="a" variant="subtle" href={unitId ? exportIncidentsUrl(unitId, period, 'csv') : undefined} disabled={!unitId} download>{t('reports.exportIncidentsCsv')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
