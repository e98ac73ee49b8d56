// Opening a case from a community report: the intake wizard at /cases/new?report=<id> starts filled in
// from the report — commune, village, when it reached the commune, the suggested detection source, and an
// account built from what was reported — and, on save, the case is opened through the report so the
// report is marked "Đã lập hồ sơ" in the same step. A report already triaged is not used again.
import { REPORT_CONCERN_LABELS, REPORT_OCCURRED_WHEN_LABELS, REPORT_STATUS_LABELS, type ReportDetail } from '@binhan/domain';
import { Alert, Anchor, Group, Loader, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import i18n from 'i18next';
import { useEffect, useRef } from 'react';
import type { UseFormReset } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api';
import { formatTime, todayIso } from '../../lib/format';
import { labelOf, useLocale, type Locale } from '../cases/case-labels';
import { joinVietnam } from '../cases/case-time';
import { emptyIncident } from '../cases/incident/incident-draft';
import type { CaseDraft } from '../cases/intake/intake-draft';
import { ChildInvolvedBadge, InDangerBadge } from './report-badges';
import { reportKeys, useReport } from './reports-api';

const NARRATIVE_MAX = 4000;

/** The account of what happened, as the reporter told it: the reported acts, when, where, then their own words. */
export function narrativeFromReport(report: ReportDetail, locale: Locale): string {
  const t = i18n.getFixedT(locale);
  const lines: string[] = [];
  if (report.concerns.length > 0) {
    lines.push(t('communityReports.intake.narrativeConcerns', { concerns: report.concerns.map((c) => labelOf(REPORT_CONCERN_LABELS, c, locale)).join('; ') }));
  }
  lines.push(t('communityReports.intake.narrativeWhen', { when: labelOf(REPORT_OCCURRED_WHEN_LABELS, report.occurredWhen, locale) }));
  if (report.placeNote) lines.push(t('communityReports.intake.narrativePlace', { place: report.placeNote }));
  if (report.inDangerNow === 'yes') lines.push(t('communityReports.intake.narrativeDanger'));
  if (report.childInvolved === 'yes') lines.push(t('communityReports.intake.narrativeChild'));
  const text = report.description ? `${lines.join('\n')}\n\n${report.description}` : lines.join('\n');
  return text.slice(0, NARRATIVE_MAX);
}

/** The intake draft filled in from the report; what the report cannot say (the survivor) stays empty. */
export function draftFromReport(report: ReportDetail, base: CaseDraft, locale: Locale): CaseDraft {
  const received = new Date(report.receivedAt);
  const detectedAt = Number.isNaN(received.getTime()) ? base.detectedAt : joinVietnam(todayIso(received), formatTime(report.receivedAt));
  return {
    ...base,
    unitId: report.unit.id,
    villageId: report.village?.id ?? '',
    detectedAt,
    detectionSource: report.suggestedDetectionSource,
    detectionSourceNote: '',
    receivedByNote: i18n.getFixedT(locale)('communityReports.intake.receivedByNote', { reference: report.reference }),
    firstIncident: {
      ...emptyIncident(detectedAt),
      // The reporter's "when" is rarely a time on the clock: the officer corrects it on step 3.
      occurredAtApproximate: report.occurredWhen !== 'happening_now',
      narrative: narrativeFromReport(report, locale),
    },
  };
}

/**
 * For the intake page: the report named in the address (if any), the form filled from it once it has
 * loaded, the id to open the case through (null when there is none or it was already triaged), and the
 * notice shown above the wizard.
 */
export function useIntakeFromReport(reset: UseFormReset<CaseDraft>, base: () => CaseDraft) {
  const [params] = useSearchParams();
  const locale = useLocale();
  const requested = params.get('report');
  const report = useReport(requested);
  const queryClient = useQueryClient();
  const applied = useRef<string | null>(null);
  const data = report.data;
  const openable = data !== undefined && data.status === 'new';

  useEffect(() => {
    if (!data || !openable || applied.current === data.id) return;
    applied.current = data.id;
    // On a slow link the officer may have begun typing: what they changed is kept, the rest is filled in.
    reset(draftFromReport(data, base(), locale), { keepDirtyValues: true });
  }, [data, openable, reset, base, locale]);

  const notice = requested === null ? null : <IntakeReportNotice query={report} openable={openable} />;
  /** Someone triaged the report while this form was open: reload it, so the notice says so and links to it. */
  const handleError = (error: unknown) => {
    if (isApiError(error) && error.code === 'REPORT_ALREADY_TRIAGED') void queryClient.invalidateQueries({ queryKey: reportKeys.all });
  };
  return { reportId: openable ? data.id : null, notice, handleError };
}

function IntakeReportNotice({ query, openable }: { query: ReturnType<typeof useReport>; openable: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (query.isPending) {
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">{t('communityReports.intake.loading')}</Text>
      </Group>
    );
  }
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const r = query.data;
  if (!openable) {
    return (
      <Alert color="yellow" role="alert">
        {t('communityReports.intake.notOpenable', { reference: r.reference, status: labelOf(REPORT_STATUS_LABELS, r.status, locale) })}{' '}
        <Anchor component={Link} to={`/community-reports/${r.id}`}>
          {t('communityReports.detail.title', { reference: r.reference })}
        </Anchor>
      </Alert>
    );
  }
  return (
    <Alert color="blue" title={t('communityReports.intake.fromReport', { reference: r.reference })} data-testid="intake-from-report">
      <Text size="sm">{t('communityReports.intake.fromReportText')}</Text>
      {(r.inDangerNow === 'yes' || r.childInvolved === 'yes') && (
        <Group gap={6} mt="xs">
          {r.inDangerNow === 'yes' && <InDangerBadge />}
          {r.childInvolved === 'yes' && <ChildInvolvedBadge />}
        </Group>
      )}
    </Alert>
  );
}
