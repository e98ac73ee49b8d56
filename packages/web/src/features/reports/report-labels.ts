// Labels of periods and statuses, shared by the list and the report page.
import type { PeriodView } from '@binhan/domain';
import type { TFunction } from 'i18next';
import { formatDate } from '../../lib/format';

export function periodLabel(t: TFunction, period: Pick<PeriodView, 'kind' | 'year'>): string {
  return t(`reports.kinds.${period.kind as 'H1' | 'H2' | 'Y'}`, { year: period.year });
}

export function periodRange(t: TFunction, period: Pick<PeriodView, 'from' | 'to'>): string {
  return t('reports.periodRange', { from: formatDate(period.from), to: formatDate(period.to) });
}

export const STATUS_COLORS: Record<string, string> = { not_started: 'gray', draft: 'blue', submitted: 'orange', returned: 'red', approved: 'teal' };
