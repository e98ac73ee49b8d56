// Cán bộ phụ trách: choose among the officers the server offers for this case, or leave it unassigned.
import { AssignInput, type CaseDetail } from '@binhan/domain';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { assignOfficer, useOfficers } from '../cases-api';
import { draftResolver } from '../draft-resolver';
import { SelectField } from '../form-fields';
import { ActionModal, useCaseMutation } from './action-modal';

const NOBODY = 'none';

export function AssignModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const officers = useOfficers(detail.id, true);
  const form = useForm<{ officerId: string }, unknown, AssignInput>({
    resolver: draftResolver(() => AssignInput, (d) => ({ officerId: d.officerId === NOBODY ? null : d.officerId || undefined })),
    defaultValues: { officerId: detail.assignedOfficer?.id ?? '' },
  });
  const action = useCaseMutation({
    caseId: detail.id,
    form,
    send: (input) => assignOfficer(detail.id, input.officerId),
    isShown: (path) => path === 'officerId',
    savedMessage: t('cases.assign.saved'),
    onDone: onClose,
  });
  const data = [{ value: NOBODY, label: t('cases.assign.nobody') }, ...(officers.data ?? []).map((o) => ({ value: o.id, label: o.displayName }))];
  if (detail.assignedOfficer && !data.some((o) => o.value === detail.assignedOfficer?.id)) data.push({ value: detail.assignedOfficer.id, label: detail.assignedOfficer.displayName });

  return (
    <ActionModal form={form} action={action} onClose={onClose} title={t('cases.assign.title')} submitLabel={t('common.save')} size="md">
      <SelectField
        name="officerId"
        label={t('cases.fields.officer')}
        required
        searchable
        data={data}
        nothingFoundMessage={officers.isPending ? t('app.loading') : t('common.empty')}
        error={officers.isError ? t('errors.loadFailed') : undefined}
      />
    </ActionModal>
  );
}
