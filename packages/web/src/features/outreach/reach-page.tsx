// Indicators T4 and T5 for a unit and year, with the breakdown by commune in the units of that year or
// in today's units (an activity of Hữu Thác in 2018 counts for Trần Phú today).
import { Card, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session/session-context';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { formatDate, formatNumber, todayIso } from '../../lib/format';
import { UnitSelect } from '../admin-units/unit-select';
import { ACTIVITY_UNIT_KINDS } from './labels';
import { useReach, type ReachFilters } from './outreach-api';
import { formatPercent, ReachCard } from './reach-cards';

export function ReachPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const thisYear = Number(todayIso().slice(0, 4));
  const [unitId, setUnitId] = useState<string | null>(me?.unit?.id ?? null);
  const [year, setYear] = useState(thisYear);
  const [units, setUnits] = useState<'today' | 'then'>('today');
  const filters: ReachFilters = { unitId: unitId ?? undefined, year, units };
  const t4 = useReach('T4', filters);
  const t5 = useReach('T5', filters);
  const years = Array.from({ length: thisYear - 2016 }, (_, i) => String(thisYear - i));
  const rows = t5.data?.breakdown.map((row, index) => ({ unit: row.unit, t5: row.result, t4: t4.data?.breakdown[index]?.result })) ?? [];
  const cell = (r: { value: number | null; numerator: number; denominator: number | null; reached: number } | undefined) =>
    !r ? '' : r.value === null ? `${formatNumber(r.reached)} / —` : `${formatPercent(r.value)} (${formatNumber(r.numerator)}/${formatNumber(r.denominator ?? 0)})`;
  return (
    <Stack gap="md" maw={1100}>
      <PageHeader title={t('outreach.reach.title')} intro={t('outreach.reach.intro')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <UnitSelect label={t('outreach.reach.unit')} value={unitId} onChange={(v) => v && setUnitId(v)} kinds={ACTIVITY_UNIT_KINDS} includeEnded />
        <Select label={t('outreach.reach.year')} data={years} value={String(year)} onChange={(v) => v && setYear(Number(v))} allowDeselect={false} />
        <Stack gap={4}>
          <Text size="sm" fw={500}>{t('outreach.reach.unitsMode')}</Text>
          <SegmentedControl value={units} onChange={(v) => setUnits(v === 'then' ? 'then' : 'today')} data={[{ value: 'today', label: t('outreach.reach.unitsToday') }, { value: 'then', label: t('outreach.reach.unitsThen') }]} />
        </Stack>
      </SimpleGrid>
      {(t4.isError || t5.isError) && <QueryError error={t4.error ?? t5.error} onRetry={() => { void t4.refetch(); void t5.refetch(); }} />}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <ReachCard code="T4" data={t4.data} isPending={t4.isPending} />
        <ReachCard code="T5" data={t5.data} isPending={t5.isPending} />
      </SimpleGrid>
      {t5.data && rows.length > 1 && (
        <Card withBorder padding="sm">
          <Title order={2} size="h4" mb="xs">{t('outreach.reach.breakdownTitle', { date: formatDate(t5.data.unitsDate) })}</Title>
          <Table.ScrollContainer minWidth={560}>
            <Table striped data-testid="reach-breakdown">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('outreach.reach.unitColumn')}</Table.Th>
                  <Table.Th>{t('outreach.reach.t4Short')}</Table.Th>
                  <Table.Th>{t('outreach.reach.t5Short')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.unit.id}>
                    <Table.Td>{`${row.unit.name} (${row.unit.code})`}</Table.Td>
                    <Table.Td>{cell(row.t4)}</Table.Td>
                    <Table.Td>{cell(row.t5)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </Stack>
  );
}
