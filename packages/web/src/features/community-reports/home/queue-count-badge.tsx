// The number of untriaged community reports beside "Tin báo cộng đồng" in the navigation: red when
// someone is in danger now or a child is involved, so an urgent report is seen from any page.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format';
import { useQueueCounts } from '../reports-api';

export function QueueCountBadge() {
  const { t } = useTranslation();
  const counts = useQueueCounts(true);
  const c = counts.data;
  if (!c || c.new === 0) return null;
  const urgent = c.newInDanger > 0 || c.newChild > 0;
  return (
    <Badge size="sm" circle={c.new < 10} color={urgent ? 'red' : 'orange'} variant={urgent ? 'filled' : 'light'} aria-label={t('communityReports.home.newCount', { n: formatNumber(c.new) })}>
      {formatNumber(c.new)}
    </Badge>
  );
}
