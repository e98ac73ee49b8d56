// Indicator T2 for this year so far, in the user's scope: perpetrators identified in the period who were
// counselled or handled, with the numerator and denominator, and the split by repeat and by sex.
// "Nobody identified" is said in words, never as 0 %.
import { Card, Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber, todayIso } from '../../lib/format';
import { useT2 } from './perpetrators-api';

const percent = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

export function T2Card() {
  const { t } = useTranslation();
  const today = todayIso();
  const from = `${today.slice(0, 4)}-01-01`;
  const t2 = useT2(from, today);
  const ratio = (r: { numerator: number; denominator: number }) => ({ numerator: formatNumber(r.numerator), denominator: formatNumber(r.denominator) });
  return (
    <Card withBorder padding="md" data-testid="t2-card">
      <Text size="sm" c="dimmed">
        {t('perpetrators.t2.period', { year: today.slice(0, 4) })}
      </Text>
      {t2.isPending ? (
        <Loader size="sm" aria-label={t('app.loading')} />
      ) : t2.isError ? (
        <Text size="sm" c="red.8">
          {t('errors.loadFailed')}
        </Text>
      ) : (
        <>
          <Text fw={700} data-testid="t2-value">
            {t2.data.value === null ? t('perpetrators.t2.none') : t('perpetrators.t2.value', { ...ratio(t2.data), percent: percent.format(t2.data.value) })}
          </Text>
          {t2.data.denominator > 0 && (
            <Group gap="lg" mt={4} style={{ rowGap: 2 }}>
              <Text size="sm">{[t('perpetrators.t2.repeat', ratio(t2.data.byRepeat.repeat)), t('perpetrators.t2.first', ratio(t2.data.byRepeat.first))].join(' · ')}</Text>
              <Text size="sm">{[t('perpetrators.t2.male', ratio(t2.data.bySex.male)), t('perpetrators.t2.female', ratio(t2.data.bySex.female))].join(' · ')}</Text>
            </Group>
          )}
          <Text size="xs" c="dimmed" mt={4}>
            {t('perpetrators.t2.target')}
          </Text>
        </>
      )}
    </Card>
  );
}
