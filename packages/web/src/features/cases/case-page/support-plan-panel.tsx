// Kế hoạch hỗ trợ: the latest version of the survivor's support plan — its status and version, the
// needs, the agreed actions (overdue ones in red) and the safety plan — with the steps the role and the
// plan's status allow: draft or edit it, submit it, and for the district focal point approve or return it.
import { SUPPORT_SERVICE_TYPE_LABELS, SupportPlanDecision, type CaseDetail, type SupportPlanView } from '@binhan/domain';
import { Alert, Badge, Button, Group, List, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session/session-context';
import { QueryError } from '../../../components/query-error';
import { errorText } from '../../../lib/api';
import { formatDate, formatDateTime, todayIso } from '../../../lib/format';
import { caseKeys } from '../cases-api';
import { useLocale } from '../case-labels';
import { draftResolver } from '../draft-resolver';
import { TextAreaField } from '../form-fields';
import { decideSupportPlan, submitSupportPlan, useSupportPlan } from '../services-api';
import { ActionModal, useCaseMutation } from './action-modal';
import { Line, SectionFrame } from './section-card';
import { SupportPlanEditor } from './support-plan-editor';

type PlanStatus = SupportPlanView['status'];
type Decision = SupportPlanDecision['decision'];

const STATUS_COLOURS: Readonly<Record<PlanStatus, string>> = { draft: 'gray', submitted: 'yellow', approved: 'teal', returned: 'orange' };

function PlanActions({ actions }: { actions: NonNullable<SupportPlanView['actions']> }) {
  const { t } = useTranslation();
  const today = todayIso();
  return (
    <List spacing={6} size="sm" listStyleType="none" data-testid="plan-actions">
      {actions.map((a, index) => {
        const overdue = !a.done && a.dueOn < today;
        return (
          <List.Item key={index} icon={<span aria-label={t(a.done ? 'cases.supportPlan.done' : 'cases.supportPlan.notDone')}>{a.done ? '☑' : '☐'}</span>}>
            <Text size="sm" c={overdue ? 'red' : undefined} td={a.done ? 'line-through' : undefined} style={{ wordBreak: 'break-word' }}>
              {a.description}
            </Text>
            <Text size="xs" c={overdue ? 'red' : 'dimmed'} fw={overdue ? 700 : undefined}>
              {a.owner} · {t('cases.supportPlan.dueOn')} {formatDate(a.dueOn)}
              {overdue && ` · ${t('cases.supportPlan.overdue')}`}
            </Text>
          </List.Item>
        );
      })}
    </List>
  );
}

function PlanBody({ plan }: { plan: SupportPlanView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Stack gap={6}>
      <Group gap={4}>
        <Badge color={STATUS_COLOURS[plan.status]} variant="light">
          {t(`cases.supportPlan.statuses.${plan.status}`)}
        </Badge>
        <Badge color="gray" variant="outline">
          {t('cases.supportPlan.version', { version: plan.version })}
        </Badge>
        {plan.overdueActions > 0 && (
          <Badge color="red" variant="filled">
            {t('cases.supportPlan.overdueCount', { count: plan.overdueActions })}
          </Badge>
        )}
      </Group>
      {plan.status === 'returned' && plan.decisionNote && (
        <Alert color="orange" variant="light" title={t('cases.supportPlan.returnNote')} p="xs">
          <Text size="sm" style={{ wordBreak: 'break-word' }}>
            {plan.decisionNote}
          </Text>
        </Alert>
      )}
      <Line label={t('cases.supportPlan.needs')}>{plan.needs.length > 0 ? plan.needs.map((code) => SUPPORT_SERVICE_TYPE_LABELS[code][locale]).join('; ') : t('cases.supportPlan.needsNone')}</Line>
      {plan.actions === null ? (
        <Text size="sm" c="dimmed">
          {t('cases.supportPlan.actionsHidden')}
        </Text>
      ) : (
        <>
          <Text size="sm" fw={600}>
            {t('cases.supportPlan.actions')}:
          </Text>
          <PlanActions actions={plan.actions} />
          {plan.safetyPlan && <Line label={t('cases.supportPlan.safetyPlan')}>{plan.safetyPlan}</Line>}
        </>
      )}
      {plan.submittedAt && <Line label={t('cases.supportPlan.submittedAt')}>{formatDateTime(plan.submittedAt)}</Line>}
      {plan.decidedAt && (
        <Line label={t('cases.supportPlan.decidedAt')}>
          {formatDateTime(plan.decidedAt)}
          {plan.decidedBy && ` · ${plan.decidedBy.displayName}`}
        </Line>
      )}
      {plan.status === 'approved' && plan.decisionNote && <Line label={t('cases.supportPlan.approveNote')}>{plan.decisionNote}</Line>}
    </Stack>
  );
}

export function SupportPlanPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const query = useSupportPlan(detail.id);
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'edit' | Decision | null>(null);
  const submit = useMutation({
    mutationFn: () => submitSupportPlan(detail.id),
    networkMode: 'always',
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      notifications.show({ color: 'teal', message: t('cases.supportPlan.submitted') });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(error) }),
  });
  const plan = query.data ?? null;
  const canWrite = detail.canEdit && can('cases.write') && detail.status !== 'closed';
  // Without the actions in view (no cases.identify), saving would drop them: editing is for those who see them.
  const canEdit = canWrite && query.isSuccess && plan?.status !== 'submitted' && (plan === null || plan.actions !== null);
  const canSubmit = canWrite && plan?.status === 'draft';
  const canDecide = can('cases.assign') && plan?.status === 'submitted';
  const title = t('cases.supportPlan.title');
  return (
    <>
      <SectionFrame title={title} testId="support-plan-panel" actionLabel={t(plan ? 'cases.supportPlan.edit' : 'cases.supportPlan.create')} onAction={canEdit ? () => setDialog('edit') : undefined}>
        {query.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
        {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
        {query.isSuccess && (plan === null ? <Text size="sm" c="dimmed">{t('cases.supportPlan.none')}</Text> : <PlanBody plan={plan} />)}
        {plan?.status === 'submitted' && canWrite && !canDecide && (
          <Text size="xs" c="dimmed" mt="xs">
            {t('cases.supportPlan.awaiting')}
          </Text>
        )}
        {(canSubmit || canDecide) && (
          <Group justify="flex-end" gap="xs" mt="sm">
            {canSubmit && (
              <Button size="xs" onClick={() => submit.mutate()} loading={submit.isPending}>
                {t('cases.supportPlan.submit')}
              </Button>
            )}
            {canDecide && (
              <>
                <Button size="xs" variant="default" onClick={() => setDialog('return')}>
                  {t('cases.supportPlan.return')}
                </Button>
                <Button size="xs" color="teal" onClick={() => setDialog('approve')}>
                  {t('cases.supportPlan.approve')}
                </Button>
              </>
            )}
          </Group>
        )}
      </SectionFrame>
      {dialog === 'edit' && <SupportPlanEditor detail={detail} plan={plan} onClose={() => setDialog(null)} />}
      {(dialog === 'approve' || dialog === 'return') && <DecisionModal detail={detail} decision={dialog} onClose={() => setDialog(null)} />}
    </>
  );
}

function DecisionModal({ detail, decision, onClose }: { detail: CaseDetail; decision: Decision; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<{ note: string }, unknown, SupportPlanDecision>({
    resolver: draftResolver(
      () => SupportPlanDecision,
      (d) => ({ decision, note: d.note.trim() === '' ? undefined : d.note }),
    ),
    defaultValues: { note: '' },
  });
  const action = useCaseMutation({
    caseId: detail.id,
    form,
    send: (input) => decideSupportPlan(detail.id, input),
    isShown: (path) => path === 'note',
    savedMessage: t(decision === 'approve' ? 'cases.supportPlan.approved' : 'cases.supportPlan.returned'),
    onDone: onClose,
  });
  const isReturn = decision === 'return';
  return (
    <ActionModal form={form} action={action} onClose={onClose} size="md" title={t(isReturn ? 'cases.supportPlan.returnTitle' : 'cases.supportPlan.approveTitle')} submitLabel={t(isReturn ? 'cases.supportPlan.return' : 'cases.supportPlan.approve')}>
      <TextAreaField name="note" label={t('cases.supportPlan.note')} description={t(isReturn ? 'cases.supportPlan.returnHint' : 'cases.supportPlan.noteOptional')} required={isReturn} minRows={3} />
    </ActionModal>
  );
}
