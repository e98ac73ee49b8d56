// What happened (vụ việc bạo lực): when and where, the acts, the GBVIMS type, context, injuries,
// police, perpetrators and the account in the officer's words. Shared by intake and "add incident".
import { CASE_CONTEXT_LABELS, CASE_CONTEXTS, INJURY_LEVEL_LABELS, INJURY_LEVELS, PLACE_TYPE_LABELS, PLACE_TYPES } from '@binhan/domain';
import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { labelOptions, useLocale } from '../case-labels';
import { CheckboxField, DateTimeFieldBound, SelectField, SwitchField, TextAreaField } from '../form-fields';
import { ActsField } from './acts-field';
import { GbvimsClassifier } from './gbvims-classifier';
import { PerpetratorsField } from './perpetrators-field';

/** The form holds the incident under this name, in the intake and in the "add incident" dialog alike. */
export const INCIDENT_PREFIX = 'firstIncident';

/** The intake asks about the perpetrators in a step of their own; the "add incident" dialog asks here. */
export function IncidentFields({ withPerpetrators = true }: { withPerpetrators?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const p = INCIDENT_PREFIX;
  return (
    <Stack gap="md">
      <DateTimeFieldBound name={`${p}.occurredAt`} label={t('cases.fields.occurredAt')} />
      <CheckboxField name={`${p}.occurredAtApproximate`} label={t('cases.fields.occurredAtApproximate')} />
      <SelectField name={`${p}.placeType`} label={t('cases.fields.placeType')} required data={labelOptions(PLACE_TYPE_LABELS, PLACE_TYPES, locale)} />
      <ActsField name={`${p}.acts`} />
      <GbvimsClassifier prefix={p} />
      <SelectField name={`${p}.context`} label={t('cases.fields.context')} required data={labelOptions(CASE_CONTEXT_LABELS, CASE_CONTEXTS, locale)} />
      <SelectField name={`${p}.injuries`} label={t('cases.fields.injuries')} required data={labelOptions(INJURY_LEVEL_LABELS, INJURY_LEVELS, locale)} />
      <SwitchField name={`${p}.reportedToPolice`} label={t('cases.fields.reportedToPolice')} />
      {withPerpetrators && <PerpetratorsField prefix={p} />}
      <TextAreaField name={`${p}.narrative`} label={t('cases.fields.narrative')} description={t('cases.intake.narrativeHint')} minRows={3} />
    </Stack>
  );
}
