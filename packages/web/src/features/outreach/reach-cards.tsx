// Cards of indicators T4 and T5: the rate with its numerator and denominator, or "no population
// figure" in words (never 0 %), the counting basis, and the warnings about repeat counting.
import type { ReachResult } from '@binhan/domain';
import { Badge, Card, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber, todayIso } from '../../lib/format';
import { useLocale } from '../cases/case-labels';
import { groupLabel } from './labels';
import { useReach, type ReachAnswer, type ReachFilters } from './outreach-api';

const percentFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
export const formatPercent = (value: number) => `${percentFormat.format(value)}%`;

function useReachValueText() {
  const { t } = useTranslation();
  return (r: ReachResult): string =>
    r.value === null || r.denominator === null
      ? t('outreach.reach.noPopulation')
      : t('outreach.reach.value', { percent: formatPercent(r.value), numerator: formatNumber(r.numerator), denominator: formatNumber(r.denominator) });
}

export function ReachCard({ code, data, isPending }: { code: 'T4' | 'T5'; data: ReachAnswer | undefined; isPending: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const valueText = useReachValueText();
  const title = code === 'T4' ? t('outreach.reach.t4') : t('outreach.reach.t5');
  const target = code === 'T4' ? t('outreach.reach.t4Target') : t('outreach.reach.t5Target');
  return (
    <Card withBorder padding="md" data-testid={`reach-${code.toLowerCase()}`}>
      <Stack gap={6}>
        <Text size="sm" c="dimmed">{title}</Text>
        {isPending || !data ? (
          <Loader size="sm" aria-label={t('app.loading')} />
        ) : (
          <>
            <Group gap="xs" align="baseline">
              <Text fw={700} size="lg" data-testid={`reach-${code.toLowerCase()}-value`}>
                {valueText(data)}
              </Text>
              <Badge variant="light" color="gray">{target}</Badge>
            </Group>
            {data.status === 'no_population_figure' && (
              <Text size="sm">{t('outreach.reach.noPopulationHint', { reached: formatNumber(data.reached) })}</Text>
            )}
            {data.missingPopulationUnits.length > 0 && data.missingPopulationUnits.length <= 8 && (
              <Text size="xs" c="dimmed">{t('outreach.reach.missingUnits', { units: data.missingPopulationUnits.map((u) => u.name).join(', ') })}</Text>
            )}
            <Text size="xs" c="dimmed">
              {t('outreach.reach.activities', { n: formatNumber(data.activities) })} · {t('outreach.reach.basis', { newPeople: formatNumber(data.basis.newPeople), repeat: formatNumber(data.basis.includingRepeat) })}
            </Text>
            {data.warnings.includes('reach_exceeds_population') && <Text size="sm" c="orange.8">⚠ {t('outreach.reach.reachExceeds')}</Text>}
            {data.warnings.includes('population_missing_for_some_groups') && (
              <Text size="xs" c="orange.8">{t('outreach.reach.partial', { groups: data.missingGroups.map((g) => groupLabel(g, locale)).join(', ') })}</Text>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}

/** T4 and T5 of this year in the user's area, for the home page. */
export function ReachCards() {
  const filters: ReachFilters = { year: Number(todayIso().slice(0, 4)), units: 'today' };
  const t4 = useReach('T4', filters);
  const t5 = useReach('T5', filters);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <ReachCard code="T4" data={t4.data} isPending={t4.isPending} />
      <ReachCard code="T5" data={t5.data} isPending={t5.isPending} />
    </SimpleGrid>
  );
}
