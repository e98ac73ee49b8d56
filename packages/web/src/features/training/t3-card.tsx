// Indicator T3 for the chosen unit and period: the share of focal points on the roster who completed a
// GBV course, and who is not yet trained, so the district can invite them. No roster: said in words.
import { Alert, Card, Group, List, Loader, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/date-field';
import { QueryError } from '../../components/query-error';
import { formatNumber, isIsoDate, todayIso } from '../../lib/format';
import { unitLabel } from '../admin-units/unit-label';
import { percent } from './shared';
import { useT3 } from './training-api';

/** Plan 85/KH-UBND of Na Rì was issued on 24/05/2017: courses count from then by default. */
const PLAN_START = '2017-05-24';

export function T3Card({ unitId }: { unitId: string | null }) {
  const { t } = useTranslation();
  const today = todayIso();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [trainedFrom, setTrainedFrom] = useState(PLAN_START);
  const valid = isIsoDate(from) && isIsoDate(to) && (trainedFrom === '' || isIsoDate(trainedFrom));
  const t3 = useT3({ unitId: unitId ?? undefined, from, to, trainedFrom: trainedFrom === '' ? undefined : trainedFrom }, valid);
  const data = t3.data;
  return (
    <Card withBorder padding="md" data-testid="t3-card">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">
            {t('training.t3.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('training.t3.target')}
          </Text>
        </div>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <DateField label={t('training.t3.from')} value={from} onChange={setFrom} />
          <DateField label={t('training.t3.to')} value={to} onChange={setTo} />
          <DateField label={t('training.t3.trainedFrom')} description={t('training.t3.trainedFromHint')} value={trainedFrom} onChange={setTrainedFrom} />
        </SimpleGrid>
        {t3.isError && <QueryError error={t3.error} onRetry={() => void t3.refetch()} />}
        {t3.isPending && valid && <Loader size="sm" aria-label={t('app.loading')} />}
        {data && (
          <Stack gap="xs">
            {data.value === null ? (
              <Alert color="gray" data-testid="t3-value">
                {t('training.t3.noRoster')}
              </Alert>
            ) : (
              <>
                <Group gap="sm" align="baseline">
                  <Text fz={32} fw={700} data-testid="t3-value">
                    {percent(data.value)}
                  </Text>
                  <Text size="sm">{t('training.t3.value', { numerator: formatNumber(data.numerator), denominator: formatNumber(data.denominator) })}</Text>
                </Group>
                <Progress value={data.value} color={data.value >= 100 ? 'teal' : data.value >= 70 ? 'blue' : 'orange'} aria-hidden />
              </>
            )}
            {data.untrained !== null && data.denominator > 0 && (
              data.untrained.length === 0 ? (
                <Text size="sm" c="teal.8">
                  {t('training.t3.allTrained')}
                </Text>
              ) : (
                <details>
                  <summary style={{ cursor: 'pointer', fontWeight: 600 }}>{t('training.t3.untrained', { count: data.untrained.length })}</summary>
                  <Text size="xs" c="dimmed" mt={4}>
                    {t('training.t3.untrainedHint')}
                  </Text>
                  <List size="sm" mt={4} spacing={2} data-testid="t3-untrained">
                    {data.untrained.map((u) => (
                      <List.Item key={u.postingId}>
                        <Text span fw={600} size="sm">
                          {u.fullName}
                        </Text>
                        <Text span size="sm" c="dimmed">
                          {' '}— {u.position}, {unitLabel(u.unit)}
                        </Text>
                      </List.Item>
                    ))}
                  </List>
                </details>
              )
            )}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
