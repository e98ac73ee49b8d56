// Đánh giá nguy cơ: the configured checklist, scored live with the domain's assessRisk as boxes are
// ticked; the officer may raise the level (never lower it) with a reason.
import { assessRisk, compareRiskLevels, maxRiskLevel, IMMEDIATE_SAFETY, IMMEDIATE_SAFETY_LABELS, makeRiskAssessmentSchema, RISK_LEVEL_LABELS, RISK_LEVELS, type CaseDetail, type RiskAssessmentCreate } from '@binhan/domain';
import { Checkbox, Group, Stack, Text } from '@mantine/core';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { addRiskAssessment, type CaseConfig } from '../cases-api';
import { RiskBadge } from '../case-badges';
import { labelOptions, pickCode, useLocale } from '../case-labels';
import { nowInstant } from '../case-time';
import { blank, draftResolver } from '../draft-resolver';
import { DateTimeFieldBound, SegmentedField, SelectField, TextAreaField } from '../form-fields';
import { ActionModal, useCaseMutation } from './action-modal';
import { RiskResultPanel } from './risk-result';

interface RiskDraft {
  assessedAt: string;
  answers: Record<string, boolean>;
  immediateSafety: string;
  safetyNote: string;
  levelOverride: string;
  overrideReason: string;
}

const FIELDS = ['assessedAt', 'immediateSafety', 'safetyNote', 'levelOverride', 'overrideReason'];

export function RiskAssessmentModal({ detail, config, onClose }: { detail: CaseDetail; config: CaseConfig; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const checklist = config.riskChecklist;
  const form = useForm<RiskDraft, unknown, RiskAssessmentCreate>({
    resolver: draftResolver(
      () => makeRiskAssessmentSchema(checklist, new Date()),
      (d) => ({
        assessedAt: d.assessedAt,
        answers: Object.fromEntries(checklist.items.map((item) => [item.code, d.answers[item.code] === true])),
        immediateSafety: blank(d.immediateSafety),
        safetyNote: blank(d.safetyNote),
        levelOverride: blank(d.levelOverride),
        overrideReason: blank(d.overrideReason),
      }),
    ),
    defaultValues: { assessedAt: nowInstant(), answers: {}, immediateSafety: '', safetyNote: '', levelOverride: '', overrideReason: '' },
  });
  const action = useCaseMutation({
    caseId: detail.id,
    form,
    send: (input) => addRiskAssessment(detail.id, input),
    isShown: (path) => FIELDS.includes(path),
    savedMessage: t('cases.riskForm.saved'),
    onDone: onClose,
  });
  const [answers, override] = useWatch({ control: form.control, name: ['answers', 'levelOverride'] });
  const result = assessRisk(answers, checklist);
  // A lower choice is refused by the schema; until it is changed the higher level is what counts.
  const chosen = pickCode(RISK_LEVELS, override);
  const level = chosen === undefined ? result.level : maxRiskLevel(chosen, result.level);

  return (
    <ActionModal
      form={form}
      action={action}
      onClose={onClose}
      submitLabel={t('cases.riskForm.submit')}
      title={
        <Group gap="xs">
          <span>{t('cases.riskForm.title')}</span>
          <RiskBadge level={level} />
        </Group>
      }
    >
      <Text size="sm" c="dimmed">
        {t('cases.riskForm.intro')}
      </Text>
      <Controller
        control={form.control}
        name="answers"
        render={({ field }) => (
          <Stack gap={10}>
            {checklist.items.map((item) => (
              <Checkbox
                key={item.code}
                label={item[locale]}
                checked={field.value[item.code] === true}
                onChange={(event) => field.onChange({ ...field.value, [item.code]: event.currentTarget.checked })}
              />
            ))}
          </Stack>
        )}
      />
      <RiskResultPanel result={result} level={level} config={config} detail={detail} />
      <SegmentedField name="immediateSafety" label={t('cases.riskForm.immediateSafety')} required stackOnPhone data={labelOptions(IMMEDIATE_SAFETY_LABELS, IMMEDIATE_SAFETY, locale)} />
      <TextAreaField name="safetyNote" label={t('cases.riskForm.safetyNote')} />
      <SelectField
        name="levelOverride"
        label={t('cases.riskForm.override')}
        description={t('cases.riskForm.overrideHint')}
        clearable
        data={labelOptions(RISK_LEVEL_LABELS, RISK_LEVELS, locale).map((option) => ({ ...option, disabled: compareRiskLevels(option.value, result.level) <= 0 }))}
      />
      {override !== '' && <TextAreaField name="overrideReason" label={t('cases.riskForm.overrideReason')} required />}
      <DateTimeFieldBound name="assessedAt" label={t('cases.riskForm.assessedAt')} />
    </ActionModal>
  );
}
