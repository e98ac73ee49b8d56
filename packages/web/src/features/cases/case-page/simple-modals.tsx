// The small actions on a case: first intervention (can thiệp lần đầu), a support service given, and a note.
import { CaseNoteCreate, FirstInterventionInput, ServiceGivenInput, SUPPORT_SERVICE_TYPE_LABELS, SUPPORT_SERVICE_TYPES, type CaseDetail } from '@binhan/domain';
import { Text } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { addNote, recordFirstIntervention, recordService } from '../cases-api';
import { labelOptions, useLocale } from '../case-labels';
import { nowInstant } from '../case-time';
import { blank, draftResolver } from '../draft-resolver';
import { DateTimeFieldBound, SelectField, TextAreaField, TextField } from '../form-fields';
import { ActionModal, useCaseMutation } from './action-modal';

interface Props {
  detail: CaseDetail;
  onClose: () => void;
}

export function FirstInterventionModal({ detail, onClose }: Props) {
  const { t } = useTranslation();
  const form = useForm<{ at: string; note: string }, unknown, FirstInterventionInput>({
    resolver: draftResolver(() => FirstInterventionInput, (d) => ({ at: d.at, note: blank(d.note) })),
    defaultValues: { at: nowInstant(), note: '' },
  });
  const action = useCaseMutation({
    caseId: detail.id,
    form,
    send: (input) => recordFirstIntervention(detail.id, input),
    isShown: (path) => path === 'at' || path === 'note',
    savedMessage: t('cases.firstIntervention.saved'),
    onDone: onClose,
  });
  return (
    <ActionModal form={form} action={action} onClose={onClose} title={t('cases.firstIntervention.title')} submitLabel={t('common.save')}>
      <Text size="sm" c="dimmed">
        {t('cases.firstIntervention.intro')}
      </Text>
      <DateTimeFieldBound name="at" label={t('cases.firstIntervention.at')} />
      <TextAreaField name="note" label={t('cases.firstIntervention.note')} description={t('cases.firstIntervention.noteHint')} minRows={3} />
    </ActionModal>
  );
}

interface ServiceDraft {
  serviceType: string;
  givenAt: string;
  providerName: string;
  outcome: string;
}

export function ServiceModal({ detail, onClose }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useForm<ServiceDraft, unknown, ServiceGivenInput>({
    resolver: draftResolver(
      () => ServiceGivenInput,
      (d) => ({ serviceType: blank(d.serviceType), givenAt: d.givenAt, providerName: blank(d.providerName), outcome: blank(d.outcome) }),
    ),
    defaultValues: { serviceType: '', givenAt: nowInstant(), providerName: '', outcome: '' },
  });
  const action = useCaseMutation({
    caseId: detail.id,
    form,
    send: (input) => recordService(detail.id, input),
    isShown: (path) => ['serviceType', 'givenAt', 'providerName', 'outcome'].includes(path),
    savedMessage: t('cases.service.saved'),
    onDone: onClose,
  });
  return (
    <ActionModal form={form} action={action} onClose={onClose} title={t('cases.service.title')} submitLabel={t('common.save')}>
      <SelectField name="serviceType" label={t('cases.service.type')} required data={labelOptions(SUPPORT_SERVICE_TYPE_LABELS, SUPPORT_SERVICE_TYPES, locale)} />
      <DateTimeFieldBound name="givenAt" label={t('cases.service.givenAt')} />
      <TextField name="providerName" label={t('cases.service.provider')} />
      <TextAreaField name="outcome" label={t('cases.service.outcome')} />
    </ActionModal>
  );
}

export function NoteModal({ detail, onClose }: Props) {
  const { t } = useTranslation();
  const form = useForm<{ body: string }, unknown, CaseNoteCreate>({
    resolver: draftResolver(() => CaseNoteCreate, (d) => d),
    defaultValues: { body: '' },
  });
  const action = useCaseMutation({
    caseId: detail.id,
    form,
    send: (input) => addNote(detail.id, input.body),
    isShown: (path) => path === 'body',
    savedMessage: t('cases.note.saved'),
    onDone: onClose,
  });
  return (
    <ActionModal form={form} action={action} onClose={onClose} title={t('cases.note.title')} submitLabel={t('common.save')}>
      <TextAreaField name="body" label={t('cases.note.body')} required minRows={4} data-autofocus />
    </ActionModal>
  );
}
