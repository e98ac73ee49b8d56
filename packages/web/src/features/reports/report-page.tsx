// One periodic report: status and basis, the figures (read-only), the narrative (editable while a
// draft or returned), submission, the district's review, corrections after approval, consolidation,
// downloads and history.
import { NARRATIVE_SECTIONS, type NarrativeSection, type PeriodicReportView, type ReportNarrative } from '@binhan/domain';
import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Textarea, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../app/session/session-context';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { errorText, isApiError } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { reportColumnLabel, reportIndicatorLabel, reportRowLabel, reportTableTitle, type ReportTableKey } from '@binhan/domain';
import { FiguresView } from './figures-view';
import { periodLabel, periodRange, STATUS_COLORS } from './report-labels';
import { downloadUrl, exportFiguresUrl, useDecideReport, useReport, useSaveNarrative, useSubmitReport } from './reports-api';

export function ReportPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const report = useReport(id);
  if (report.isPending) return <Loader aria-label={t('app.loading')} />;
  if (report.isError) return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  return <ReportBody report={report.data} />;
}

function ReportBody({ report }: { report: PeriodicReportView }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const title = `${t('reports.title')} — ${report.unit.name}, ${periodLabel(t, report.period)}`;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/reports?period=${report.period.code}`} size="sm">← {t('reports.back')}</Anchor>
      <PageHeader
        title={title}
        intro={periodRange(t, report.period)}
        actions={<Badge size="lg" color={STATUS_COLORS[report.status]} data-testid="report-status">{t(`reports.statuses.${report.status}`)}</Badge>}
      />
      {report.status === 'returned' && report.returnComment && (
        <Alert color="red" title={t('reports.returnedAlert')} data-testid="return-comment">{report.returnComment}</Alert>
      )}
      {report.status === 'approved' && (
        <Alert color="teal" title={t('reports.lockedAlert')}>{t('reports.lockedText')}</Alert>
      )}
      {report.corrections.length > 0 && <Corrections report={report} />}
      <Downloads report={report} canExport={can('reports.export')} />
      {report.consolidation && <Consolidation report={report} />}
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Title order={2} size="h4">{t('reports.figures')}</Title>
          <Text size="sm" c="dimmed">
            {report.status === 'approved'
              ? t('reports.basisApproved', { date: formatDate(report.decidedAt) })
              : report.level !== 'commune' && report.consolidation
                ? t('reports.basisDistrict', { approved: report.consolidation.approved, expected: report.consolidation.expected })
                : t('reports.basis', { from: formatDate(report.period.from), to: formatDate(report.period.to) })}
            {' '}{t('reports.figuresReadOnly')}
          </Text>
          <FiguresView figures={report.figures} />
        </Stack>
      </Paper>
      {/* A new version (saved, submitted, returned) starts the editor afresh from the stored text. */}
      <Narrative key={report.version} report={report} />
      {report.can.decide && <Review report={report} />}
      <History report={report} />
    </Stack>
  );
}

function Downloads({ report, canExport }: { report: PeriodicReportView; canExport: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap" data-testid="report-downloads">
      <Text fw={600} size="sm">{t('reports.downloads')}:</Text>
      <Button size="xs" variant="light" component="a" href={downloadUrl(report.id, 'xlsx')} download>{t('reports.downloadXlsx')}</Button>
      <Button size="xs" variant="light" component="a" href={downloadUrl(report.id, 'docx')} download>{t('reports.downloadDocx')}</Button>
      <Button size="xs" variant="light" component="a" href={downloadUrl(report.id, 'pdf')} download>{t('reports.downloadPdf')}</Button>
      {canExport && <Button size="xs" variant="outline" component="a" href={exportFiguresUrl(report.unit.id, report.period.code)} download>{t('reports.downloadDeid')}</Button>}
    </Group>
  );
}

function Corrections({ report }: { report: PeriodicReportView }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'vi';
  const label = (c: PeriodicReportView['corrections'][number]) => c.table === 'indicator'
    ? `${c.row}. ${reportIndicatorLabel(c.row, locale)} — ${t(`reports.${c.column as 'numerator' | 'denominator'}`)}`
    : `${reportTableTitle(c.table as ReportTableKey, locale)}: ${reportRowLabel(c.table as ReportTableKey, c.row, locale)} — ${reportColumnLabel(c.column, locale)}`;
  return (
    <Alert color="orange" title={t('reports.corrections')} data-testid="report-corrections">
      <Text size="sm" mb="xs">{t('reports.correctionsIntro')}</Text>
      <Table withTableBorder bg="white">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reports.correctionItem')}</Table.Th>
            <Table.Th ta="right">{t('reports.approvedValue')}</Table.Th>
            <Table.Th ta="right">{t('reports.currentValue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.corrections.map((c) => (
            <Table.Tr key={`${c.table}.${c.row}.${c.column}`}>
              <Table.Td>{label(c)}</Table.Td>
              <Table.Td ta="right">{c.approved ?? t('reports.notAvailable')}</Table.Td>
              <Table.Td ta="right" fw={700}>{c.current ?? t('reports.notAvailable')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Alert>
  );
}

function Consolidation({ report }: { report: PeriodicReportView }) {
  const { t } = useTranslation();
  const c = report.consolidation;
  if (!c) return null;
  return (
    <Paper withBorder p="md" data-testid="report-consolidation">
      <Title order={2} size="h4">{t('reports.consolidation')} ({c.approved}/{c.expected})</Title>
      <Text size="sm" c="dimmed" mb="xs">{t('reports.consolidationHint')}</Text>
      <Table striped>
        <Table.Tbody>
          {c.communes.map((x) => (
            <Table.Tr key={x.unit.id}>
              <Table.Td>{x.reportId ? <Anchor component={Link} to={`/reports/${x.reportId}`}>{x.unit.name}</Anchor> : x.unit.name}</Table.Td>
              <Table.Td><Badge color={STATUS_COLORS[x.status]} variant="light">{t(`reports.statuses.${x.status as 'draft'}`)}</Badge></Table.Td>
              <Table.Td>{formatDate(x.approvedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function Narrative({ report }: { report: PeriodicReportView }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ReportNarrative>(report.narrative);
  const [dirty, setDirty] = useState(false);
  const save = useSaveNarrative(report.id);
  const submit = useSubmitReport(report.id);
  const set = (key: NarrativeSection, value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setDirty(true);
  };
  const onError = (error: unknown) => notifications.show({ color: 'red', message: errorText(error), autoClose: isApiError(error) && error.code === 'PERIODIC_REPORT_STALE' ? false : 6000 });
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">{t('reports.narrative')}</Title>
        {report.can.edit && <Text size="sm" c="dimmed">{t('reports.narrativeHint')}</Text>}
        {NARRATIVE_SECTIONS.map((key) => report.can.edit ? (
          <Textarea key={key} label={t(`reports.sections.${key}`)} value={draft[key]} onChange={(e) => set(key, e.currentTarget.value)} autosize minRows={3} maxRows={14} maxLength={8000} data-testid={`narrative-${key}`} />
        ) : (
          <Stack key={key} gap={2}>
            <Text fw={600} size="sm">{t(`reports.sections.${key}`)}</Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={report.narrative[key] ? undefined : 'dimmed'}>{report.narrative[key] || t('reports.emptySection')}</Text>
          </Stack>
        ))}
        {report.can.edit && (
          <Group gap="sm">
            <Button
              variant="light"
              loading={save.isPending}
              disabled={!dirty}
              onClick={() => save.mutate({ narrative: draft, version: report.version }, {
                onSuccess: () => { setDirty(false); notifications.show({ color: 'teal', message: t('reports.saved') }); },
                onError,
              })}
            >
              {t('reports.save')}
            </Button>
            {report.can.submit && (
              <Button
                loading={submit.isPending}
                disabled={!report.period.ended}
                title={dirty ? t('reports.unsaved') : undefined}
                onClick={() => {
                  if (dirty) { notifications.show({ color: 'yellow', message: t('reports.unsaved') }); return; }
                  if (!window.confirm(t('reports.submitConfirm', { to: report.reportsTo ?? '' }))) return;
                  submit.mutate({ version: report.version }, { onSuccess: () => notifications.show({ color: 'teal', message: t('reports.submitted', { to: report.reportsTo ?? '' }) }), onError });
                }}
              >
                {t('reports.submit', { to: report.reportsTo ?? '' })}
              </Button>
            )}
            {!report.period.ended && <Text size="sm" c="dimmed">{t('reports.periodOpen', { to: formatDate(report.period.to) })}</Text>}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function Review({ report }: { report: PeriodicReportView }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const decide = useDecideReport(report.id);
  const send = (decision: 'approve' | 'return') => {
    if (decision === 'return' && comment.trim() === '') { setError(t('reports.commentHint')); return; }
    if (decision === 'approve' && !window.confirm(t('reports.approveConfirm'))) return;
    setError(null);
    decide.mutate({ decision, version: report.version, ...(comment.trim() ? { comment: comment.trim() } : {}) }, {
      onSuccess: () => { setComment(''); notifications.show({ color: 'teal', message: decision === 'approve' ? t('reports.approvedDone') : t('reports.returned') }); },
      onError: (e) => notifications.show({ color: 'red', message: errorText(e), autoClose: false }),
    });
  };
  return (
    <Paper withBorder p="md" data-testid="report-review">
      <Stack gap="sm">
        <Title order={2} size="h4">{t('reports.review')}</Title>
        {report.level === 'commune' && (
          <Textarea label={t('reports.comment')} description={t('reports.commentHint')} value={comment} onChange={(e) => { setComment(e.currentTarget.value); setError(null); }} error={error} autosize minRows={2} maxLength={2000} data-testid="review-comment" />
        )}
        <Group gap="sm">
          {report.level === 'commune' && <Button color="red" variant="light" loading={decide.isPending && decide.variables.decision === 'return'} onClick={() => send('return')}>{t('reports.returnAction')}</Button>}
          <Button color="teal" loading={decide.isPending && decide.variables.decision === 'approve'} onClick={() => send('approve')}>{report.level !== 'commune' ? t('reports.approveDistrict') : t('reports.approve')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function History({ report }: { report: PeriodicReportView }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">{t('reports.history')}</Title>
      <Timeline bulletSize={14} lineWidth={2}>
        {report.history.map((h, i) => (
          <Timeline.Item key={i} title={t(`reports.events.${h.kind as 'drafted'}`)}>
            <Text size="xs" c="dimmed">{formatDateTime(h.at)}{h.actor ? ` — ${h.actor.displayName}` : ''}</Text>
            {h.comment && <Text size="sm">{h.comment}</Text>}
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}
