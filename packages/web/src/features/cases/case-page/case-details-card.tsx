// Theo dõi và an toàn: the survivor's village (thôn/bản), the safety plan agreed with her and the date of
// the next follow-up. An edit sends only the fields that changed, each with the value it started from, so
// a change someone else saved meanwhile is never overwritten: the server keeps both and asks for a choice.
import { IsoDate, Id, VILLAGE_LEVEL_KINDS, matchesVietnamese, sortVietnamese, type CaseDetail, type CaseDetailsEdit, type FieldEdit } from '@binhan/domain';
import { Modal, Select, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormProvider, useController, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useSession } from '../../../app/session/session-context';
import { FormActions } from '../../../components/form-actions';
import { FormError } from '../../../components/form-error';
import { isApiError, type ApiIssue } from '../../../lib/api';
import { fieldError } from '../../../lib/form-errors';
import { formatDate, todayIso } from '../../../lib/format';
import { useUnits } from '../../admin-units/units-api';
import { editCaseDetails, syncKeys } from '../../sync/sync-api';
import { caseKeys } from '../cases-api';
import { applyDraftIssues, blank, draftResolver } from '../draft-resolver';
import { DateFieldBound, TextAreaField } from '../form-fields';
import { Line, SectionFrame } from './section-card';

interface DetailsDraft {
  villageId: string;
  safetyPlan: string;
  nextFollowUpOn: string;
}

const DetailsInput = z.strictObject({
  villageId: Id.nullable(),
  safetyPlan: z.string().trim().max(4000).nullable(),
  nextFollowUpOn: IsoDate.nullable(),
});
type DetailsInput = z.infer<typeof DetailsInput>;

const FIELDS = ['villageId', 'safetyPlan', 'nextFollowUpOn'] as const;

/** The values as the page showed them when the dialog opened: what each edit starts from. */
function shownValues(detail: CaseDetail): DetailsInput {
  return { villageId: detail.village?.id ?? null, safetyPlan: detail.safetyPlan, nextFollowUpOn: detail.nextFollowUpOn };
}

export function CaseDetailsCard({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const canWrite = detail.canEdit && can('cases.write') && detail.status !== 'closed';
  const title = t('sync.details.title');
  return (
    <SectionFrame title={title} testId="case-details-card" actionLabel={t('sync.details.edit')} onAction={canWrite ? () => setOpen(true) : undefined}>
      <Stack gap={6}>
        <Line label={t('sync.details.village')}>{detail.village?.name ?? t('sync.details.notSet')}</Line>
        <Line label={t('sync.details.nextFollowUpOn')}>{detail.nextFollowUpOn ? formatDate(detail.nextFollowUpOn) : t('sync.details.notSet')}</Line>
        <div>
          <Text size="sm" fw={600}>
            {t('sync.details.safetyPlan')}:
          </Text>
          <Text size="sm" data-testid="safety-plan" c={detail.safetyPlan ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {detail.safetyPlan ?? (detail.canEdit ? t('sync.details.notSet') : t('sync.details.hidden'))}
          </Text>
        </div>
      </Stack>
      {open && <DetailsModal detail={detail} onClose={() => setOpen(false)} />}
    </SectionFrame>
  );
}

function VillageField({ communeId, label, emptyLabel }: { communeId: string; label: string; emptyLabel: string }) {
  const { t } = useTranslation();
  const units = useUnits(todayIso());
  const { field, fieldState } = useController<DetailsDraft, 'villageId'>({ name: 'villageId' });
  const villages = sortVietnamese((units.data ?? []).filter((u) => VILLAGE_LEVEL_KINDS.includes(u.kind) && u.parentId === communeId), (u) => u.name);
  // A village that is no longer listed today stays choosable, so the dialog never hides the current value.
  const current = field.value !== '' && !villages.some((v) => v.id === field.value) ? (units.data ?? []).find((u) => u.id === field.value) : undefined;
  const options = [...villages, ...(current ? [current] : [])];
  return (
    <Select
      label={label}
      placeholder={options.length === 0 ? emptyLabel : t('cases.select.choose')}
      data={options.map((v) => ({ value: v.id, label: v.name }))}
      value={field.value === '' ? null : field.value}
      onChange={(value) => field.onChange(value ?? '')}
      onBlur={field.onBlur}
      searchable
      clearable
      disabled={options.length === 0}
      filter={({ options: list, search }) => list.filter((option) => 'label' in option && matchesVietnamese(option.label, search))}
      error={fieldError(fieldState.error)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

function DetailsModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const queryClient = useQueryClient();
  // Snapshot when the dialog opens: the edit names these as the values it started from.
  const [start] = useState(() => ({ values: shownValues(detail), version: detail.version }));
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const [unchanged, setUnchanged] = useState(false);
  const form = useForm<DetailsDraft, unknown, DetailsInput>({
    resolver: draftResolver(
      () => DetailsInput,
      (d) => ({ villageId: blank(d.villageId) ?? null, safetyPlan: blank(d.safetyPlan.trim()) ?? null, nextFollowUpOn: blank(d.nextFollowUpOn) ?? null }),
    ),
    defaultValues: { villageId: start.values.villageId ?? '', safetyPlan: start.values.safetyPlan ?? '', nextFollowUpOn: start.values.nextFollowUpOn ?? '' },
  });
  const mutation = useMutation({
    mutationFn: (edit: CaseDetailsEdit) => editCaseDetails(detail.id, edit),
    networkMode: 'always',
    onSuccess: (result) => {
      queryClient.setQueryData(caseKeys.detail(detail.id), result);
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      notifications.show({ color: 'teal', message: t('sync.details.saved') });
      onClose();
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'SYNC_CONFLICT') {
        // The other fields were saved; the conflicts wait above the card for the user's choice.
        void queryClient.invalidateQueries({ queryKey: caseKeys.all });
        void queryClient.invalidateQueries({ queryKey: syncKeys.all });
        notifications.show({ color: 'orange', message: t('sync.details.conflict'), autoClose: 10_000 });
        onClose();
        return;
      }
      setLeftover(applyDraftIssues(error, form.setError, (path) => (FIELDS as readonly string[]).includes(path), (path) => path.replace(/^changes\.(\w+)\.to$/, '$1')).leftover);
    },
  });
  const submit = form.handleSubmit((input) => {
    setLeftover([]);
    const changes: Partial<Record<(typeof FIELDS)[number], FieldEdit>> = {};
    for (const field of FIELDS) {
      if (input[field] !== start.values[field]) changes[field] = { from: start.values[field], to: input[field] };
    }
    if (Object.keys(changes).length === 0) {
      setUnchanged(true);
      return;
    }
    setUnchanged(false);
    mutation.mutate({ baseVersion: start.version, changes });
  });
  return (
    <Modal opened onClose={onClose} title={t('sync.details.modalTitle')} size="lg" fullScreen={isPhone} closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <FormProvider {...form}>
        <form noValidate onSubmit={(event) => void submit(event)} data-testid="case-details-form">
          <Stack gap="md">
            <FormError error={mutation.error} leftover={leftover} />
            {unchanged && (
              <Text size="sm" c="dimmed" role="status">
                {t('sync.details.unchanged')}
              </Text>
            )}
            <VillageField communeId={detail.unit.id} label={t('sync.details.village')} emptyLabel={t('sync.details.villageNone')} />
            <TextAreaField name="safetyPlan" label={t('sync.details.safetyPlan')} description={t('sync.details.safetyPlanHint')} autosize minRows={3} maxRows={12} maxLength={4000} />
            <DateFieldBound name="nextFollowUpOn" label={t('sync.details.nextFollowUpOn')} />
            <FormActions onCancel={onClose} pending={mutation.isPending} />
          </Stack>
        </form>
      </FormProvider>
    </Modal>
  );
}
