// What lies behind one commune's value: the denominator broken down by why each record counts or not,
// and — for roles that may read cases — the cases themselves with a link to the case list. Statisticians
// see the counts only.
import { RISK_LEVEL_LABELS, type RiskLevel, type TargetKind } from '@binhan/domain';
import { Alert, Anchor, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/query-error';
import { formatDateTime } from '../../lib/format';
import { formatCount, formatIndicator } from './format';
import { useDrilldown } from './plans-api';

interface Props {
  planId: string;
  indicator: { id: string; code: string; targetKind: TargetKind };
  unit: { id: string; name: string } | null;
  year: number;
  /** The dashboard's view, so the drill-down lists the records its figure counted. */
  units: 'then' | 'today';
  onClose: () => void;
}

type ReasonKey = 'counted' | 'no_service' | 'late' | 'no_intervention' | 'with_service' | 'detected' | 'in_numerator' | 'not_in_numerator';

export function DrilldownModal({ planId, indicator, unit, year, units, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const query = useDrilldown(planId, indicator.id, unit?.id ?? '-', year, units, unit !== null);
  const data = query.data;
  const reason = (key: string) => t(`plans.drill.reasons.${key as ReasonKey}`, { defaultValue: key });
  return (
    <Modal opened={unit !== null} onClose={onClose} size="xl" title={unit ? t('plans.drill.title', { indicator: indicator.code, unit: unit.name, year }) : ''}>
      {query.isPending ? (
        <Loader size="sm" aria-label={t('app.loading')} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : data && !data.available ? (
        <Alert color="gray">{t('plans.drill.notAvailable')}</Alert>
      ) : data ? (
        <Stack gap="sm" data-testid="drilldown">
          <Group gap="lg">
            <Text fz={24} fw={700}>{formatIndicator(data.value, indicator.targetKind)}</Text>
            <Text size="sm">
              {t('plans.card.numerator')}: <b>{formatCount(data.numerator)}</b>
              {data.denominator !== null && <> · {t('plans.card.denominator')}: <b>{formatCount(data.denominator)}</b></>}
            </Text>
          </Group>
          <Text size="sm" fw={600}>{t('plans.drill.breakdown')}</Text>
          {data.breakdown.length === 0 ? (
            <Text size="sm" c="dimmed">{t('plans.drill.empty')}</Text>
          ) : (
            <Table fz="sm" striped data-testid="drilldown-breakdown">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('plans.drill.reason')}</Table.Th>
                  <Table.Th ta="right">{t('plans.drill.count')}</Table.Th>
                  <Table.Th>{t('plans.drill.inNumerator')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.breakdown.map((b) => (
                  <Table.Tr key={b.key}>
                    <Table.Td>{reason(b.key)}</Table.Td>
                    <Table.Td ta="right">{formatCount(b.count)}</Table.Td>
                    <Table.Td>{b.inNumerator ? t('plans.drill.yes') : t('plans.drill.no')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {data.items === null ? (
            <Alert color="blue" variant="light">{t('plans.drill.countsOnly')}</Alert>
          ) : (
            <>
              <Group justify="space-between">
                <Text size="sm" fw={600}>{t('plans.drill.items')}</Text>
                {data.listPath && <Anchor component={Link} to={data.listPath} size="sm">{t('plans.drill.openList')}</Anchor>}
              </Group>
              {data.denominator !== null && data.items.length < data.denominator && (
                <Text size="xs" c="dimmed">{t('plans.drill.truncated', { shown: data.items.length, total: data.denominator })}</Text>
              )}
              <div className="table-scroll">
                <Table fz="xs" striped data-testid="drilldown-items">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('plans.drill.code')}</Table.Th>
                      <Table.Th>{t('plans.drill.detectedAt')}</Table.Th>
                      <Table.Th>{t('plans.drill.risk')}</Table.Th>
                      <Table.Th>{t('plans.drill.firstIntervention')}</Table.Th>
                      <Table.Th>{t('plans.drill.reason')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((item) => (
                      <Table.Tr key={item.id}>
                        <Table.Td><Anchor component={Link} to={`/cases/${item.id}`} size="xs">{item.code}</Anchor></Table.Td>
                        <Table.Td>{formatDateTime(item.detectedAt)}</Table.Td>
                        <Table.Td>{item.riskLevel ? RISK_LEVEL_LABELS[item.riskLevel as RiskLevel][i18n.language === 'en' ? 'en' : 'vi'] : '—'}</Table.Td>
                        <Table.Td>{formatDateTime(item.firstInterventionAt)}</Table.Td>
                        <Table.Td>{reason(item.reason)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </div>
            </>
          )}
        </Stack>
      ) : null}
    </Modal>
  );
}
