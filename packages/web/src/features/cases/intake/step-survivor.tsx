// Step 2: the survivor (người bị bạo lực). Only the name and sex are required: at night much is not yet
// known, and the rest can be completed later. A child (under 18) is flagged at once with hotline 111.
import { DISABILITY_TYPE_LABELS, DISABILITY_TYPES, ETHNICITIES, isChild, MARITAL_STATUS_LABELS, MARITAL_STATUSES, matchesVietnamese, PERSON_SEX_LABELS, PERSON_SEXES } from '@binhan/domain';
import { Checkbox, Group, Input, SegmentedControl, Stack } from '@mantine/core';
import { useMemo } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../../lib/form-errors';
import { todayIso } from '../../../lib/format';
import { labelOptions, useLocale } from '../case-labels';
import { ChildAlert } from '../child-alert';
import { DateFieldBound, NumberField, SegmentedField, SelectField, TextAreaField, TextField } from '../form-fields';
import type { CaseDraft } from './intake-draft';

export function StepSurvivor() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { control } = useFormContext<CaseDraft>();
  const [birthMode, dateOfBirth, ageYears, disabilityAnswer] = useWatch({
    control,
    name: ['survivor.birthMode', 'survivor.dateOfBirth', 'survivor.ageYears', 'survivor.disabilityAnswer'],
  });
  const ethnicities = useMemo(
    () => ETHNICITIES.map((e) => ({ value: e.code, label: locale === 'en' ? e.en : e.vi, search: [e.vi, e.en, ...('otherNames' in e ? e.otherNames : [])].join(' ') })),
    [locale],
  );
  const child = isChild(
    birthMode === 'date' ? { dateOfBirth: /^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth) ? dateOfBirth : null } : { ageYears: ageYears === '' ? null : Number(ageYears) },
    todayIso(),
  );

  return (
    <Stack gap="md">
      <TextField name="survivor.fullName" label={t('cases.fields.fullName')} required autoComplete="off" />
      <TextField name="survivor.otherNames" label={t('cases.fields.otherNames')} autoComplete="off" />
      <SegmentedField name="survivor.sex" label={t('cases.fields.sex')} required data={labelOptions(PERSON_SEX_LABELS, PERSON_SEXES, locale)} />
      <Controller
        control={control}
        name="survivor.birthMode"
        render={({ field }) => (
          <SegmentedControl
            value={field.value}
            onChange={(value) => field.onChange(value === 'age' ? 'age' : 'date')}
            data={[
              { value: 'date', label: t('cases.intake.byBirthDate') },
              { value: 'age', label: t('cases.intake.byAge') },
            ]}
          />
        )}
      />
      {birthMode === 'date' ? (
        <DateFieldBound name="survivor.dateOfBirth" label={t('cases.fields.dateOfBirth')} />
      ) : (
        <NumberField name="survivor.ageYears" label={t('cases.fields.ageYears')} min={0} max={120} w={140} />
      )}
      {child === true && <ChildAlert />}
      <TextField name="survivor.phone" label={t('cases.fields.phone')} type="tel" inputMode="tel" autoComplete="off" />
      <TextField name="survivor.cccd" label={t('cases.fields.cccd')} inputMode="numeric" autoComplete="off" description={t('cases.intake.cccdHint')} />
      <SelectField
        name="survivor.ethnicityCode"
        label={t('cases.fields.ethnicity')}
        searchable
        clearable
        data={ethnicities.map(({ value, label }) => ({ value, label }))}
        filter={({ options, search }) =>
          options.filter((option) => 'value' in option && matchesVietnamese(ethnicities.find((e) => e.value === option.value)?.search ?? '', search))
        }
      />
      <TextAreaField name="survivor.address" label={t('cases.fields.address')} autoComplete="off" />
      <SelectField name="survivor.maritalStatus" label={t('cases.fields.maritalStatus')} clearable data={labelOptions(MARITAL_STATUS_LABELS, MARITAL_STATUSES, locale)} />
      <Controller
        control={control}
        name="survivor.disabilityAnswer"
        render={({ field }) => (
          <Input.Wrapper label={t('cases.fields.disability')}>
            <SegmentedControl
              fullWidth
              mt={4}
              value={field.value}
              onChange={(value) => field.onChange(value === 'none' || value === 'yes' ? value : 'unasked')}
              data={[
                { value: 'unasked', label: t('cases.intake.disabilityUnasked') },
                { value: 'none', label: t('cases.intake.disabilityNone') },
                { value: 'yes', label: t('cases.intake.disabilityYes') },
              ]}
            />
          </Input.Wrapper>
        )}
      />
      {disabilityAnswer === 'yes' && (
        <Controller
          control={control}
          name="survivor.disabilities"
          render={({ field, fieldState }) => (
            <Checkbox.Group value={field.value} onChange={field.onChange} error={fieldError(fieldState.error)} aria-label={t('cases.fields.disability')}>
              <Group gap="xs" mt={4}>
                <Stack gap={6}>
                  {DISABILITY_TYPES.map((type) => (
                    <Checkbox key={type} value={type} label={DISABILITY_TYPE_LABELS[type][locale]} />
                  ))}
                </Stack>
              </Group>
            </Checkbox.Group>
          )}
        />
      )}
    </Stack>
  );
}
