// Badges of the community-report screens: the report's status, "đang gặp nguy hiểm", child involved,
// and how long a report has waited (or how long it took to be triaged).
import { REPORT_STATUS_LABELS, type ReportStatus, type YesNoUnsure } from '@binhan/domain';
import { Badge, type BadgeProps } from '@mantine/core';
import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import { labelOf, useLocale } from '../cases/case-labels';
import { formatDuration } from '../cases/case-time';

const STATUS_COLOURS: Readonly<Record<ReportStatus, string>> = { new: 'orange', case_opened: 'teal', linked: 'blue', closed: 'gray' };

export function ReportStatusBadge({ status, ...props }: { status: ReportStatus } & BadgeProps) {
  const locale = useLocale();
  return (
    <Badge color={STATUS_COLOURS[status]} variant={status === 'new' ? 'outline' : 'light'} {...props}>
      {labelOf(REPORT_STATUS_LABELS, status, locale)}
    </Badge>
  );
}

export function InDangerBadge(props: BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="filled" {...props}>
      {t('communityReports.badges.inDanger')}
    </Badge>
  );
}

export function ChildInvolvedBadge(props: BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color="grape" variant="filled" {...props}>
      {t('communityReports.badges.child')}
    </Badge>
  );
}

/** "Có", "Không", "Không rõ". */
export function yesNoText(value: YesNoUnsure): string {
  return i18n.t(`communityReports.yesNo.${value}`);
}

/** Whole minutes as "2 giờ 5 phút". */
export function minutesText(minutes: number): string {
  return formatDuration(minutes * 60_000);
}

/** "Chờ xử lý 2 giờ 5 phút" while new, "Xử lý sau 45 phút" once triaged. */
export function timeSinceText(item: { waitingMinutes: number | null; triageMinutes: number | null }): string | null {
  if (item.triageMinutes !== null) return i18n.t('communityReports.triagedAfter', { duration: minutesText(item.triageMinutes) });
  if (item.waitingMinutes !== null) return i18n.t('communityReports.waiting', { duration: minutesText(item.waitingMinutes) });
  return null;
}
