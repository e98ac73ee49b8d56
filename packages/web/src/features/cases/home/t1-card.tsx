// Indicator T1 for this year so far, in the user's scope: survivors who received timely support.
// "No cases" is said in words, never as 0 %.
import { Card, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber, todayIso } from '../../../lib/format';
import { useT1 } from '../cases-api';

const percent = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

export function T1Card() {
  const { t } = useTranslation();
  const today = todayIso();
  const from = `${today.slice(0, 4)}-01-01`;
  const t1 = useT1(from, today, true);
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">
        {t('cases.home.t1Period', { year: today.slice(0, 4) })}
      </Text>
      {t1.isPending ? (
        <Loader size="sm" aria-label={t('app.loading')} />
      ) : t1.isError ? (
        <Text size="sm" c="red.8">
          {t('errors.loadFailed')}
        </Text>
      ) : (
        <Text fw={700} data-testid="t1-value">
          {t1.data.value === null
            ? t('cases.home.t1None')
            : t('cases.home.t1', { numerator: formatNumber(t1.data.numerator), denominator: formatNumber(t1.data.denominator), percent: percent.format(t1.data.value) })}
        </Text>
      )}
    </Card>
  );
}
