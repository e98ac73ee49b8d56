// Badges shared by the case list, the case page and the home panel: risk level (coloured by level),
// status, the child flag, and the first-intervention deadline counting down live.
import { CASE_STATUS_LABELS, labelIn, RISK_LEVEL_LABELS, type CaseListItem, type CaseStatus, type RiskLevel } from '@binhan/domain';
import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDuration, useNow } from './case-time';
import { useLocale } from './case-labels';

export const RISK_COLOURS: Readonly<Record<RiskLevel, string>> = { low: 'teal', medium: 'yellow', high: 'orange', critical: 'red' };

export function RiskBadge({ level, ...props }: { level: RiskLevel | null } & BadgeProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (level === null) {
    return (
      <Badge color="gray" variant="outline" {...props}>
        {t('cases.risk.unassessed')}
      </Badge>
    );
  }
  return (
    <Badge color={RISK_COLOURS[level]} variant={level === 'low' || level === 'medium' ? 'light' : 'filled'} {...props}>
      {t('cases.risk.badge', { level: labelIn(RISK_LEVEL_LABELS, level, locale) })}
    </Badge>
  );
}

export function StatusBadge({ status, ...props }: { status: CaseStatus } & BadgeProps) {
  const locale = useLocale();
  return (
    <Badge color={status === 'closed' ? 'gray' : 'blue'} variant="light" {...props}>
      {labelIn(CASE_STATUS_LABELS, status, locale)}
    </Badge>
  );
}

export function ChildBadge(props: BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color="grape" variant="filled" {...props}>
      {t('cases.child')}
    </Badge>
  );
}

type DueFields = Pick<CaseListItem, 'dueAt' | 'firstInterventionAt' | 'isOverdue' | 'status'>;

/** "Quá hạn 1 giờ 5 phút" in red, "Còn 45 phút" in orange under two hours, nothing once done or closed. */
export function DueBadge({ item, ...props }: { item: DueFields } & BadgeProps) {
  const { t } = useTranslation();
  const now = useNow();
  if (item.firstInterventionAt !== null) {
    return (
      <Badge color="teal" variant="outline" {...props}>
        {t('cases.due.done')}
      </Badge>
    );
  }
  if (item.status === 'closed') return null;
  const left = new Date(item.dueAt).getTime() - now;
  if (item.isOverdue || left < 0) {
    return (
      <Badge color="red" variant="filled" {...props}>
        {t('cases.due.overdueBy', { duration: formatDuration(left) })}
      </Badge>
    );
  }
  return (
    <Badge color={left < 2 * 3_600_000 ? 'orange' : 'gray'} variant="light" {...props}>
      {t('cases.due.left', { duration: formatDuration(left) })}
    </Badge>
  );
}
