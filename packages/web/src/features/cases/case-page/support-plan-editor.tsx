// The support plan editor: the needs by service type, the agreed actions (what, who, by when, done) as
// rows that can be added and removed, and the safety plan. Checked with the server's SupportPlanInput.
import { SUPPORT_SERVICE_TYPE_LABELS, SUPPORT_SERVICE_TYPES, SupportPlanInput, type CaseDetail, type SupportPlanView } from '@binhan/domain';
import { ActionIcon, Alert, Button, Group, Input, Paper, Stack, Text } from '@mantine/core';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { labelOptions, useLocale } from '../case-labels';
import { blank, draftResolver } from '../draft-resolver';
import { CheckboxField, CheckboxGroupField, DateFieldBound, TextAreaField, TextField } from '../form-fields';
import { saveSupportPlan } from '../services-api';
import { ActionModal, useCaseMutation } from './action-modal';

interface ActionDraft {
  description: string;
  owner: string;
  dueOn: string;
  done: boolean;
}

interface PlanDraft {
  needs: string[];
  actions: ActionDraft[];
  safetyPlan: string;
}

const MAX_ACTIONS = 30;
const EMPTY_ACTION: ActionDraft = { description: '', owner: '', dueOn: '', done: false };
const SHOWN = /^(needs|safetyPlan|actions\.\d+\.(description|owner|dueOn|done))$/;

function toDraft(plan: SupportPlanView | null): PlanDraft {
  return {
    needs: plan ? [...plan.needs] : [],
    actions: plan?.actions && plan.actions.length > 0 ? plan.actions.map((a) => ({ ...a })) : [{ ...EMPTY_ACTION }],
    safetyPlan: plan?.safetyPlan ?? '',
  };
}

export function SupportPlanEditor({ detail, plan, onClose }: { detail: CaseDetail; plan: SupportPlanView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useForm<PlanDraft, unknown, SupportPlanInput>({
    resolver: draftResolver(
      () => SupportPlanInput,
      (d) => ({ needs: d.needs, actions: d.actions, safetyPlan: blank(d.safetyPlan) }),
    ),
    defaultValues: toDraft(plan),
  });
  const rows = useFieldArray({ control: form.control, name: 'actions' });
  const action = useCaseMutation({
    caseId: detail.id,
    form,
    send: (input) => saveSupportPlan(detail.id, input),
    isShown: (path) => SHOWN.test(path),
    savedMessage: t('cases.supportPlan.saved'),
    onDone: onClose,
  });
  return (
    <ActionModal form={form} action={action} onClose={onClose} title={t(plan ? 'cases.supportPlan.editTitle' : 'cases.supportPlan.createTitle')} submitLabel={t('common.save')}>
      {plan?.status === 'approved' && (
        <Alert color="blue" variant="light">
          {t('cases.supportPlan.newVersionHint', { version: plan.version + 1 })}
        </Alert>
      )}
      <CheckboxGroupField name="needs" label={t('cases.supportPlan.needs')} data={labelOptions(SUPPORT_SERVICE_TYPE_LABELS, SUPPORT_SERVICE_TYPES, locale)} />
      <Input.Wrapper label={t('cases.supportPlan.actions')} required>
        <Stack gap="xs" mt={4}>
          {rows.fields.map((row, index) => (
            <Paper key={row.id} withBorder p="xs" data-testid="plan-action-row">
              <Stack gap="xs">
                <Group justify="space-between" gap="xs">
                  <Text size="sm" fw={700}>
                    {t('cases.supportPlan.action', { n: index + 1 })}
                  </Text>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('cases.supportPlan.removeAction', { n: index + 1 })}
                    title={t('cases.supportPlan.removeAction', { n: index + 1 })}
                    disabled={rows.fields.length <= 1}
                    onClick={() => rows.remove(index)}
                  >
                    ✕
                  </ActionIcon>
                </Group>
                <TextAreaField name={`actions.${index}.description`} label={t('cases.supportPlan.description')} required minRows={1} />
                <TextField name={`actions.${index}.owner`} label={t('cases.supportPlan.owner')} required />
                <DateFieldBound name={`actions.${index}.dueOn`} label={t('cases.supportPlan.dueOn')} />
                <CheckboxField name={`actions.${index}.done`} label={t('cases.supportPlan.done')} />
              </Stack>
            </Paper>
          ))}
          {rows.fields.length < MAX_ACTIONS && (
            <Group>
              <Button size="xs" variant="light" onClick={() => rows.append({ ...EMPTY_ACTION })}>
                {t('cases.supportPlan.addAction')}
              </Button>
            </Group>
          )}
        </Stack>
      </Input.Wrapper>
      <TextAreaField name="safetyPlan" label={t('cases.supportPlan.safetyPlan')} description={t('cases.supportPlan.safetyPlanHint')} minRows={3} />
    </ActionModal>
  );
}
