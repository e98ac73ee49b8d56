// Add an incident to a case (violence can recur after the case was opened), with the same fields and
// classifier as the intake.
import { makeIncidentSchema, type CaseDetail, type IncidentCreate } from '@binhan/domain';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { addIncident } from '../cases-api';
import { nowInstant } from '../case-time';
import { draftResolver } from '../draft-resolver';
import { emptyIncident, isIncidentField, perpetratorFieldPath, toIncidentInput, type IncidentDraft } from '../incident/incident-draft';
import { INCIDENT_PREFIX, IncidentFields } from '../incident/incident-fields';
import { ActionModal, useCaseMutation } from './action-modal';

const prefixed = (path: string) => perpetratorFieldPath(`${INCIDENT_PREFIX}.${path}`);

export function IncidentModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<{ firstIncident: IncidentDraft }, unknown, IncidentCreate>({
    resolver: draftResolver(() => makeIncidentSchema(new Date()), (d) => toIncidentInput(d.firstIncident, detail.unit.id), prefixed),
    defaultValues: { firstIncident: emptyIncident(nowInstant()) },
  });
  const action = useCaseMutation({
    caseId: detail.id,
    form,
    send: (input) => addIncident(detail.id, input),
    isShown: (path) => path.startsWith(`${INCIDENT_PREFIX}.`) && isIncidentField(path.slice(INCIDENT_PREFIX.length + 1)),
    mapPath: prefixed,
    savedMessage: t('cases.incident.saved'),
    onDone: onClose,
  });
  return (
    <ActionModal form={form} action={action} onClose={onClose} title={t('cases.incident.title')} submitLabel={t('common.save')} size="xl">
      <IncidentFields />
    </ActionModal>
  );
}
