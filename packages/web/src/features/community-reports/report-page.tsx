// One community report, for triage: what was reported (the reporter's own words are shown as plain text,
// whatever they contain), how to reach the reporter safely, and the three ways to handle it — open a case
// through the intake filled in from the report, link it to an existing case, or close it with a reason.
// Once triaged, the outcome and the time from receipt to triage.
import {
  REPORT_CHANNEL_LABELS,
  REPORT_CLOSE_REASON_LABELS,
  REPORT_CONCERN_LABELS,
  REPORT_CONTACT_WAY_LABELS,
  REPORT_OCCURRED_WHEN_LABELS,
  REPORTER_RELATION_LABELS,
  type ReportDetail,
} from '@binhan/domain';
import { Alert, Anchor, Button, Card, Center, Group, List, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../app/session/session-context';
import { DetailRow } from '../../components/detail-row';
import { QueryError } from '../../components/query-error';
import { formatDateTime } from '../../lib/format';
import { labelOf, useLocale } from '../cases/case-labels';
import { CloseReportModal, LinkReportModal } from './triage-modals';
import { ChildInvolvedBadge, InDangerBadge, minutesText, ReportStatusBadge, yesNoText } from './report-badges';
import { useReport } from './reports-api';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder padding="sm" component="section" aria-label={title} data-testid={testId}>
      <Title order={2} size="h5" mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function Rows({ children }: { children: ReactNode }) {
  return (
    <Table variant="vertical" layout="fixed" withRowBorders={false} verticalSpacing={4}>
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
}

/** The reporter's words: plain text with its line breaks, never markup. */
function PlainText({ children }: { children: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="report-description">
      {children}
    </Text>
  );
}

function WhatSection({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const place = [report.village?.name, report.unit.name].filter(Boolean).join(', ');
  return (
    <Section title={t('communityReports.detail.what')}>
      <Stack gap="sm">
        <div>
          <Text size="sm" fw={600}>
            {t('communityReports.detail.concerns')}
          </Text>
          {report.concerns.length > 0 ? (
            <List size="sm" spacing={2}>
              {report.concerns.map((code) => (
                <List.Item key={code}>{labelOf(REPORT_CONCERN_LABELS, code, locale)}</List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm" c="dimmed">
              {t('communityReports.detail.notGiven')}
            </Text>
          )}
        </div>
        <div>
          <Text size="sm" fw={600}>
            {t('communityReports.detail.description')}
          </Text>
          {report.description ? (
            <PlainText>{report.description}</PlainText>
          ) : (
            <Text size="sm" c="dimmed">
              {t('communityReports.detail.noDescription')}
            </Text>
          )}
        </div>
        <Rows>
          <DetailRow label={t('communityReports.detail.when')} value={labelOf(REPORT_OCCURRED_WHEN_LABELS, report.occurredWhen, locale)} />
          <DetailRow label={t('communityReports.detail.where')} value={place} />
          {report.placeNote && <DetailRow label={t('communityReports.detail.placeNote')} value={report.placeNote} />}
          <DetailRow label={t('communityReports.detail.inDangerNow')} value={yesNoText(report.inDangerNow)} />
          <DetailRow label={t('communityReports.detail.childInvolved')} value={yesNoText(report.childInvolved)} />
          <DetailRow label={t('communityReports.detail.channel')} value={labelOf(REPORT_CHANNEL_LABELS, report.channel, locale)} />
          {report.submittedBy && <DetailRow label={t('communityReports.detail.submittedBy')} value={report.submittedBy.displayName} />}
          <DetailRow label={t('communityReports.reference')} value={report.reference} />
        </Rows>
      </Stack>
    </Section>
  );
}

function ReporterSection({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const c = report.contact;
  const none = t('communityReports.detail.notGiven');
  return (
    <Section title={t('communityReports.detail.reporter')}>
      <Stack gap="xs">
        <Rows>
          <DetailRow label={t('communityReports.detail.relation')} value={report.reporterRelation ? labelOf(REPORTER_RELATION_LABELS, report.reporterRelation, locale) : none} />
          {c && (
            <>
              <DetailRow label={t('communityReports.detail.contactName')} value={c.name ?? none} />
              <DetailRow label={t('communityReports.detail.contactPhone')} value={c.phone ? <Anchor href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>{c.phone}</Anchor> : none} />
              <DetailRow label={t('communityReports.detail.contactWays')} value={c.ways.length > 0 ? c.ways.map((w) => labelOf(REPORT_CONTACT_WAY_LABELS, w, locale)).join('; ') : none} />
              <DetailRow label={t('communityReports.detail.contactSafeTime')} value={c.safeTime ?? none} />
              {c.note && <DetailRow label={t('communityReports.detail.contactNote')} value={c.note} />}
            </>
          )}
        </Rows>
        {c ? (
          <Alert color="yellow" variant="light" p="xs">
            <Text size="sm">{t('communityReports.detail.contactWarning')}</Text>
          </Alert>
        ) : (
          <Text size="sm" c="dimmed">
            {t('communityReports.detail.anonymous')}
          </Text>
        )}
      </Stack>
    </Section>
  );
}

function TriageResult({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { can } = useSession();
  const triage = report.triage;
  if (!triage) return null;
  return (
    <Section title={t('communityReports.detail.triaged')} testId="report-triage">
      <Rows>
        <DetailRow label={t('communityReports.detail.outcome')} value={t(`communityReports.detail.outcomes.${triage.outcome}`)} />
        {report.case && (
          <DetailRow
            label={t('communityReports.detail.linkedCase')}
            value={
              can('cases.read') ? (
                <Anchor component={Link} to={`/cases/${report.case.id}`} fw={600}>
                  {report.case.code}
                </Anchor>
              ) : (
                report.case.code
              )
            }
          />
        )}
        {triage.closeReason && <DetailRow label={t('communityReports.detail.closeReason')} value={labelOf(REPORT_CLOSE_REASON_LABELS, triage.closeReason, locale)} />}
        {triage.note && <DetailRow label={t('communityReports.detail.note')} value={triage.note} />}
        <DetailRow label={t('communityReports.detail.triagedAt')} value={formatDateTime(triage.at)} />
        <DetailRow label={t('communityReports.detail.triagedBy')} value={triage.by.displayName} />
        {report.triageMinutes !== null && <DetailRow label={t('communityReports.detail.triageTime')} value={<Text span fw={700} size="sm">{minutesText(report.triageMinutes)}</Text>} />}
      </Rows>
    </Section>
  );
}

function TriageActions({ report, onLink, onClose }: { report: ReportDetail; onLink: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  if (!can('community_reports.triage')) {
    return (
      <Text size="sm" c="dimmed">
        {t('communityReports.detail.noTriageRight')}
      </Text>
    );
  }
  return (
    <Section title={t('communityReports.detail.triageTitle')} testId="report-triage-actions">
      <Text size="sm" mb="sm">
        {t('communityReports.detail.triageIntro')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {can('cases.write') && (
          <Stack gap={4}>
            <Button component={Link} to={`/cases/new?report=${encodeURIComponent(report.id)}`}>
              {t('communityReports.detail.openCase')}
            </Button>
            <Text size="xs" c="dimmed">
              {t('communityReports.detail.openCaseHint')}
            </Text>
          </Stack>
        )}
        <Stack gap={4}>
          <Button variant="light" onClick={onLink}>
            {t('communityReports.detail.link')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('communityReports.detail.linkHint')}
          </Text>
        </Stack>
        <Stack gap={4}>
          <Button variant="default" color="red" onClick={onClose}>
            {t('communityReports.detail.close')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('communityReports.detail.closeHint')}
          </Text>
        </Stack>
      </SimpleGrid>
    </Section>
  );
}

export function ReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const report = useReport(id);
  const [dialog, setDialog] = useState<'link' | 'close' | null>(null);

  if (report.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (report.isError) return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  const r = report.data;
  const isNew = r.status === 'new';

  return (
    <Stack gap="md" maw={900}>
      <Anchor component={Link} to="/community-reports" size="sm">
        {t('communityReports.detail.back')}
      </Anchor>
      <Stack gap={6}>
        <Group gap="sm" wrap="wrap" align="center">
          <Title order={1} size="h2">
            {t('communityReports.detail.title', { reference: r.reference })}
          </Title>
          <ReportStatusBadge status={r.status} size="lg" />
        </Group>
        <Group gap={6} wrap="wrap">
          {r.inDangerNow === 'yes' && <InDangerBadge size="lg" />}
          {r.childInvolved === 'yes' && <ChildInvolvedBadge size="lg" />}
        </Group>
        <Text size="sm" c="dimmed">
          {t('communityReports.receivedAt', { at: formatDateTime(r.receivedAt) })}
          {isNew && r.waitingMinutes !== null && (
            <Text span fw={700} c="orange.9" size="sm">
              {' · '}
              {t('communityReports.detail.waitingSince', { duration: minutesText(r.waitingMinutes) })}
            </Text>
          )}
        </Text>
      </Stack>
      {isNew && r.inDangerNow === 'yes' && (
        <Alert color="red" variant="filled" title={t('communityReports.detail.dangerAlertTitle')} role="alert">
          {t('communityReports.detail.dangerAlert')}{' '}
          <Anchor href="tel:113" c="white" fw={800} underline="always">
            113
          </Anchor>
        </Alert>
      )}
      {isNew && r.childInvolved === 'yes' && (
        <Alert color="grape" title={t('communityReports.detail.childAlertTitle')}>
          <Text size="sm">
            {t('communityReports.detail.childAlert')}{' '}
            <Anchor href="tel:111" fw={700}>
              111
            </Anchor>
          </Text>
        </Alert>
      )}
      {isNew ? <TriageActions report={r} onLink={() => setDialog('link')} onClose={() => setDialog('close')} /> : <TriageResult report={r} />}
      <WhatSection report={r} />
      <ReporterSection report={r} />
      {dialog === 'link' && <LinkReportModal report={r} onClose={() => setDialog(null)} />}
      {dialog === 'close' && <CloseReportModal report={r} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
