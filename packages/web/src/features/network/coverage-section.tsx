// Network coverage per commune for a period: members, core members, villages without a member,
// communication activities and activities per member. Communes as they were on the period's last day.
import { Card, Center, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { CoverageRow } from '@binhan/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/date-field';
import { QueryError } from '../../components/query-error';
import { formatNumber, isIsoDate, todayIso } from '../../lib/format';
import { useCoverage } from './network-api';

function VillagesWithout({ row }: { row: CoverageRow }) {
  const { t } = useTranslation();
  if (row.villages === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('network.coverage.noVillages')}
      </Text>
    );
  }
  if (row.villagesWithoutMember.length === 0) {
    return (
      <Text size="sm" c="teal.8">
        {t('network.coverage.noneMissing')} ({row.villages})
      </Text>
    );
  }
  return (
    <Text size="sm" c="orange.9">
      {row.villagesWithoutMember.map((v) => v.name).join(', ')} ({row.villagesWithoutMember.length}/{row.villages})
    </Text>
  );
}

/** On a phone each commune is a card: nine columns do not fit a 360-pixel screen. */
function CoverageCard({ row }: { row: CoverageRow }) {
  const { t } = useTranslation();
  const line = (label: string, value: string) => (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm">{label}</Text>
      <Text size="sm" fw={600}>
        {value}
      </Text>
    </Group>
  );
  return (
    <Card withBorder padding="sm" data-testid="coverage-card">
      <Stack gap={4}>
        <Title order={3} size="h5">
          {row.unit.name}
        </Title>
        {line(t('network.coverage.members'), `${formatNumber(row.activeMembers)}/${formatNumber(row.members)} ${t('network.coverage.active').toLocaleLowerCase('vi')}`)}
        {line(t('network.coverage.core'), formatNumber(row.coreMembers))}
        {line(t('network.coverage.activities'), `${formatNumber(row.activities)} (${t('network.coverage.activitiesLed').toLocaleLowerCase('vi')}: ${formatNumber(row.activitiesLed)})`)}
        {line(t('network.coverage.perMember'), row.activitiesPerMember === null ? '—' : row.activitiesPerMember.toLocaleString('vi-VN'))}
        {row.trustedAddresses !== null && line(t('network.coverage.trusted'), formatNumber(row.trustedAddresses))}
        <Text size="sm">{t('network.coverage.villagesWithout')}:</Text>
        <VillagesWithout row={row} />
      </Stack>
    </Card>
  );
}

export function CoverageSection({ unitId }: { unitId: string | null }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const today = todayIso();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const valid = isIsoDate(from) && isIsoDate(to);
  const coverage = useCoverage({ unitId: unitId ?? undefined, from, to }, valid);
  const rows = coverage.data?.rows ?? [];
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((total, r) => total + pick(r), 0);
  // Trusted addresses are counted only for those who manage them (the server sends null otherwise).
  const showTrusted = rows.some((r) => r.trustedAddresses !== null);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" maw={560}>
        <DateField label={t('network.coverage.from')} value={from} onChange={setFrom} />
        <DateField label={t('network.coverage.to')} value={to} onChange={setTo} />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('network.coverage.unitsOfPeriod')}
      </Text>
      {coverage.isPending && valid && (
        <Center py="lg">
          <Loader aria-label={t('app.loading')} />
        </Center>
      )}
      {coverage.isError && <QueryError error={coverage.error} onRetry={() => void coverage.refetch()} />}
      {coverage.data && rows.length === 0 && <Text c="dimmed">{t('network.coverage.empty')}</Text>}
      {rows.length > 0 && isPhone && (
        <Stack gap="sm">
          {rows.map((r) => (
            <CoverageCard key={r.unit.id} row={r} />
          ))}
        </Stack>
      )}
      {rows.length > 0 && !isPhone && (
        <Table.ScrollContainer minWidth={820}>
          <Table striped withTableBorder verticalSpacing="xs" data-testid="coverage-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('network.coverage.commune')}</Table.Th>
                <Table.Th ta="right">{t('network.coverage.members')}</Table.Th>
                <Table.Th ta="right">{t('network.coverage.active')}</Table.Th>
                <Table.Th ta="right">{t('network.coverage.core')}</Table.Th>
                <Table.Th>{t('network.coverage.villagesWithout')}</Table.Th>
                <Table.Th ta="right">{t('network.coverage.activities')}</Table.Th>
                <Table.Th ta="right">{t('network.coverage.activitiesLed')}</Table.Th>
                <Table.Th ta="right">{t('network.coverage.perMember')}</Table.Th>
                {showTrusted && <Table.Th ta="right">{t('network.coverage.trusted')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.unit.id}>
                  <Table.Td fw={600}>{r.unit.name}</Table.Td>
                  <Table.Td ta="right">{formatNumber(r.members)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(r.activeMembers)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(r.coreMembers)}</Table.Td>
                  <Table.Td>
                    <VillagesWithout row={r} />
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(r.activities)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(r.activitiesLed)}</Table.Td>
                  <Table.Td ta="right">{r.activitiesPerMember === null ? '—' : r.activitiesPerMember.toLocaleString('vi-VN')}</Table.Td>
                  {showTrusted && <Table.Td ta="right">{formatNumber(r.trustedAddresses ?? 0)}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
            {rows.length > 1 && (
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th>{t('network.coverage.total')}</Table.Th>
                  <Table.Th ta="right">{formatNumber(sum((r) => r.members))}</Table.Th>
                  <Table.Th ta="right">{formatNumber(sum((r) => r.activeMembers))}</Table.Th>
                  <Table.Th ta="right">{formatNumber(sum((r) => r.coreMembers))}</Table.Th>
                  <Table.Th>{formatNumber(sum((r) => r.villagesWithoutMember.length))}/{formatNumber(sum((r) => r.villages))}</Table.Th>
                  <Table.Th ta="right">{formatNumber(sum((r) => r.activities))}</Table.Th>
                  <Table.Th ta="right">{formatNumber(sum((r) => r.activitiesLed))}</Table.Th>
                  <Table.Th ta="right">{sum((r) => r.activeMembers) === 0 ? '—' : (Math.round((sum((r) => r.activitiesLed) / sum((r) => r.activeMembers)) * 10) / 10).toLocaleString('vi-VN')}</Table.Th>
                  {showTrusted && <Table.Th ta="right">{formatNumber(sum((r) => r.trustedAddresses ?? 0))}</Table.Th>}
                </Table.Tr>
              </Table.Tfoot>
            )}
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
