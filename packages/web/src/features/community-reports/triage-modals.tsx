// Triage dialogs of a community report: link it to an existing case (found by its code, or picked among
// the commune's recent open cases) or close it with a reason — a written note where the reason alone says
// too little. If another officer triaged the report first, the page is refreshed and says so.
import {
  errorMessage,
  REPORT_CLOSE_REASON_LABELS,
  REPORT_CLOSE_REASONS,
  REPORT_CLOSE_REASONS_NEEDING_NOTE,
  ReportCloseInput,
  reportCloseIssues,
  type CaseListItem,
  type ReportDetail,
} from '@binhan/domain';
import { Button, Card, Group, Loader, Modal, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/form-error';
import { QueryError } from '../../components/query-error';
import { isApiError, type ApiIssue } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { caseKeys, listCases } from '../cases/cases-api';
import { RiskBadge, StatusBadge } from '../cases/case-badges';
import { labelOptions, useLocale } from '../cases/case-labels';
import { applyDraftIssues, blank, draftResolver } from '../cases/draft-resolver';
import { SelectField, TextAreaField } from '../cases/form-fields';
import { closeReport, linkReport, reportKeys } from './reports-api';
import { FormActions } from '../../components/form-actions';

/** After a triage (or a refusal because someone else triaged first), every view of reports is stale. */
function useAfterTriage(report: ReportDetail, onClose: () => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return {
    saved: (updated: ReportDetail, message: string) => {
      queryClient.setQueryData(reportKeys.detail(report.id), updated);
      void queryClient.invalidateQueries({ queryKey: reportKeys.all, predicate: (q) => q.queryKey[1] !== 'detail' });
      notifications.show({ color: 'teal', message });
      onClose();
    },
    /** True when the error was "already triaged": the page reloads the report and the dialog closes. */
    alreadyTriaged: (error: unknown): boolean => {
      if (!isApiError(error) || error.code !== 'REPORT_ALREADY_TRIAGED') return false;
      void queryClient.invalidateQueries({ queryKey: reportKeys.all });
      notifications.show({ color: 'yellow', message: t('communityReports.alreadyTriaged') });
      onClose();
      return true;
    },
  };
}

function dialogProps(isPhone: boolean | undefined, onClose: () => void, title: string) {
  return { opened: true, onClose, title, fullScreen: isPhone === true, closeOnClickOutside: false, size: 'lg' } as const;
}

function CaseChoice({ item }: { item: CaseListItem }) {
  const { t } = useTranslation();
  return (
    <Radio.Card value={item.id} p="xs" radius="sm" aria-label={t('communityReports.linkModal.pick', { code: item.code })}>
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Radio.Indicator mt={2} />
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Text fw={700} size="sm">
              {item.code}
            </Text>
            <Group gap={4}>
              <RiskBadge level={item.riskLevel} size="sm" />
              <StatusBadge status={item.status} size="sm" />
            </Group>
          </Group>
          <Text size="xs" c="dimmed">
            {item.unit.name} · {t('cases.list.detected', { at: formatDateTime(item.detectedAt) })}
          </Text>
        </Stack>
      </Group>
    </Radio.Card>
  );
}

export function LinkReportModal({ report, onClose }: { report: ReportDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const [code, setCode] = useState('');
  const [searched] = useDebouncedValue(code.trim().replace(/[^0-9A-Za-z-]/g, ''), 350);
  const [caseId, setCaseId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [mustPick, setMustPick] = useState(false);
  const after = useAfterTriage(report, onClose);
  // Without a code: the commune's latest open cases, where a report about a known case most often belongs.
  const query = searched === '' ? { unitId: report.unit.id, status: 'open', sort: 'detected_desc', pageSize: 10 } : { code: searched, sort: 'detected_desc', pageSize: 10 };
  const cases = useQuery({ queryKey: caseKeys.list(query), queryFn: ({ signal }) => listCases(query, signal) });
  const chosen = cases.data?.items.find((item) => item.id === caseId);
  const mutation = useMutation({
    mutationFn: () => linkReport(report.id, { caseId: caseId ?? '', note: blank(note) }),
    networkMode: 'always',
    onSuccess: (updated) => after.saved(updated, t('communityReports.linkModal.saved', { code: updated.case?.code ?? chosen?.code ?? '' })),
    onError: (error) => void after.alreadyTriaged(error),
  });
  const caseIssue = isApiError(mutation.error) ? mutation.error.issues.find((issue) => issue.path === 'caseId')?.message : undefined;

  return (
    <Modal {...dialogProps(isPhone, onClose, t('communityReports.linkModal.title'))} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (caseId === null) {
            setMustPick(true);
            return;
          }
          mutation.mutate();
        }}
      >
        <Stack gap="md">
          <FormError error={mutation.error} />
          <TextInput
            label={t('communityReports.linkModal.codeLabel')}
            description={t('communityReports.linkModal.codeHint')}
            value={code}
            maxLength={40}
            onChange={(event) => setCode(event.currentTarget.value)}
            data-autofocus
          />
          <Radio.Group
            label={searched === '' ? t('communityReports.linkModal.recent', { commune: report.unit.name }) : t('communityReports.linkModal.results')}
            value={caseId}
            onChange={(value) => {
              setCaseId(value);
              setMustPick(false);
            }}
            error={mustPick ? t('communityReports.linkModal.mustPick') : caseIssue}
          >
            <Stack gap={6} mt={6}>
              {cases.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
              {cases.isError && <QueryError error={cases.error} onRetry={() => void cases.refetch()} />}
              {cases.data?.items.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('communityReports.linkModal.none')}
                </Text>
              )}
              {cases.data?.items.map((item) => <CaseChoice key={item.id} item={item} />)}
            </Stack>
          </Radio.Group>
          {chosen && (
            <Card withBorder padding="xs" bg="var(--mantine-color-teal-0)">
              <Text size="sm" fw={600}>
                {t('communityReports.linkModal.chosen', { code: chosen.code })}
              </Text>
            </Card>
          )}
          <Textarea label={t('communityReports.linkModal.note')} value={note} maxLength={1000} autosize minRows={2} onChange={(event) => setNote(event.currentTarget.value)} />
          <FormActions onCancel={onClose} pending={mutation.isPending} submitLabel={t('communityReports.linkModal.confirm')} />
        </Stack>
      </form>
    </Modal>
  );
}

interface CloseDraft {
  reason: string;
  note: string;
}

/** The server's rule, worded in the user's language: some reasons need a note. */
function closeSchema(locale: 'vi' | 'en') {
  return ReportCloseInput.superRefine((input, ctx) => {
    for (const issue of reportCloseIssues(input)) ctx.addIssue({ code: 'custom', path: [issue.path], message: errorMessage(locale, issue.code) });
  });
}

export function CloseReportModal({ report, onClose }: { report: ReportDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const after = useAfterTriage(report, onClose);
  const form = useForm<CloseDraft, unknown, ReportCloseInput>({
    resolver: draftResolver(() => closeSchema(locale), (d) => ({ reason: blank(d.reason), note: blank(d.note) })),
    defaultValues: { reason: '', note: '' },
    mode: 'onChange',
  });
  const reason = useWatch({ control: form.control, name: 'reason' });
  const noteRequired = (REPORT_CLOSE_REASONS_NEEDING_NOTE as readonly string[]).includes(reason);
  const mutation = useMutation({
    mutationFn: (input: ReportCloseInput) => closeReport(report.id, input),
    networkMode: 'always',
    onSuccess: (updated) => after.saved(updated, t('communityReports.closeModal.saved')),
    onError: (error) => {
      if (after.alreadyTriaged(error)) return;
      setLeftover(applyDraftIssues(error, form.setError, (path) => path === 'reason' || path === 'note').leftover);
    },
  });
  const submit = form.handleSubmit((input) => {
    setLeftover([]);
    mutation.mutate(input);
  });

  return (
    <Modal {...dialogProps(isPhone, onClose, t('communityReports.closeModal.title'))} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <FormProvider {...form}>
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Stack gap="md">
            <FormError error={mutation.error} leftover={leftover} />
            <SelectField name="reason" label={t('communityReports.closeModal.reason')} required data={labelOptions(REPORT_CLOSE_REASON_LABELS, REPORT_CLOSE_REASONS, locale)} />
            <TextAreaField
              name="note"
              label={t('communityReports.closeModal.note')}
              description={t('communityReports.closeModal.noteHint')}
              required={noteRequired}
              maxLength={1000}
              minRows={3}
            />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red" loading={mutation.isPending}>
                {t('communityReports.closeModal.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </FormProvider>
    </Modal>
  );
}
