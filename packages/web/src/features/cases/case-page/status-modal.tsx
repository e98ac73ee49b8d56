// Change of status, offering only the moves the server allows from here. Closing asks for the reason
// (and a note when the reason says too little); reopening asks why.
import { CASE_STATUS_LABELS, CaseStatusChange, CLOSURE_REASON_LABELS, CLOSURE_REASONS, CLOSURE_REASONS_NEEDING_NOTE, type CaseDetail } from '@binhan/domain';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session/session-context';
import { changeStatus } from '../cases-api';
import { labelOptions, pickCode, useLocale } from '../case-labels';
import { blank, draftResolver } from '../draft-resolver';
import { SelectField, TextAreaField } from '../form-fields';
import { ActionModal, useCaseMutation } from './action-modal';

export function StatusModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  // Without the supervisor's right, "close" sends a request that the district focal point approves.
  const { can } = useSession();
  const closesDirectly = can('cases.assign');
  const locale = useLocale();
  const only = detail.allowedTransitions.length === 1 ? detail.allowedTransitions[0] : undefined;
  const form = useForm<{ to: string; closureReason: string; note: string }, unknown, CaseStatusChange>({
    resolver: draftResolver(() => CaseStatusChange, (d) => ({ to: blank(d.to), closureReason: d.to === 'closed' ? blank(d.closureReason) : undefined, note: blank(d.note) })),
    defaultValues: { to: only ?? '', closureReason: '', note: '' },
  });
  const action = useCaseMutation({
    caseId: detail.id,
    form,
    send: (input) => changeStatus(detail.id, input),
    isShown: (path) => ['to', 'closureReason', 'note'].includes(path),
    savedMessage: form.getValues('to') === 'closed' && !closesDirectly ? t('cases.status.requested') : t('cases.status.saved'),
    onDone: onClose,
  });
  const [to, reason] = useWatch({ control: form.control, name: ['to', 'closureReason'] });
  const reasonCode = pickCode(CLOSURE_REASONS, reason);
  const isNoteRequired = to === 'reported' || (to === 'closed' && reasonCode !== undefined && CLOSURE_REASONS_NEEDING_NOTE.includes(reasonCode));
  const options = detail.allowedTransitions.map((status) => ({
    value: status,
    label: status === 'closed' ? (closesDirectly ? t('cases.status.close') : t('cases.status.requestClose')) : detail.status === 'closed' ? t('cases.status.reopen') : CASE_STATUS_LABELS[status][locale],
  }));

  return (
    <ActionModal form={form} action={action} onClose={onClose} title={t('cases.status.title')} submitLabel={t('common.save')}>
      <SelectField name="to" label={t('cases.status.to')} required data={options} allowDeselect={false} />
      {to === 'closed' && <SelectField name="closureReason" label={t('cases.status.closureReason')} required data={labelOptions(CLOSURE_REASON_LABELS, CLOSURE_REASONS, locale)} />}
      <TextAreaField name="note" label={to === 'reported' ? t('cases.status.reopenNote') : t('cases.status.note')} required={isNoteRequired} />
    </ActionModal>
  );
}
