// Step 1: where and how the case was detected. The commune list holds only the communes in the user's
// scope (the unit list is already limited by the server); villages follow the chosen commune.
import { COMMUNE_LEVEL_KINDS, DETECTION_SOURCE_LABELS, DETECTION_SOURCES, matchesVietnamese, sortVietnamese, VILLAGE_LEVEL_KINDS, type UnitView } from '@binhan/domain';
import { Stack, type OptionsFilter } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { todayIso } from '../../../lib/format';
import { useUnits } from '../../admin-units/units-api';
import { labelOptions, useLocale } from '../case-labels';
import { DateTimeFieldBound, SelectField, TextAreaField, TextField } from '../form-fields';
import type { CaseDraft } from './intake-draft';

const byName = (units: UnitView[]) => sortVietnamese(units, (u) => u.name).map((u) => ({ value: u.id, label: u.name }));
const searchFilter: OptionsFilter<string> = ({ options, search }) => options.filter((option) => 'label' in option && matchesVietnamese(option.label, search));

export function StepDetection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { control, setValue, getValues } = useFormContext<CaseDraft>();
  const units = useUnits(todayIso());
  const [unitId, source] = useWatch({ control, name: ['unitId', 'detectionSource'] });
  const communes = useMemo(() => byName((units.data ?? []).filter((u) => COMMUNE_LEVEL_KINDS.includes(u.kind))), [units.data]);
  const villages = useMemo(() => byName((units.data ?? []).filter((u) => VILLAGE_LEVEL_KINDS.includes(u.kind) && u.parentId === unitId)), [units.data, unitId]);

  // A village belongs to one commune: choosing another commune forgets it.
  useEffect(() => {
    const villageId = getValues('villageId');
    if (units.data && villageId !== '' && !villages.some((v) => v.value === villageId)) setValue('villageId', '');
  }, [units.data, villages, getValues, setValue]);

  // One commune in scope (a commune officer): it is the answer, no need to choose.
  useEffect(() => {
    const only = communes.length === 1 ? communes[0] : undefined;
    if (only && getValues('unitId') === '') setValue('unitId', only.value);
  }, [communes, getValues, setValue]);

  return (
    <Stack gap="md">
      <SelectField
        name="unitId"
        label={t('cases.fields.commune')}
        required
        searchable
        data={communes}
        filter={searchFilter}
        nothingFoundMessage={units.isPending ? t('app.loading') : t('common.empty')}
      />
      <SelectField
        name="villageId"
        label={t('cases.fields.village')}
        description={t('cases.intake.villageHint')}
        searchable
        clearable
        disabled={unitId === ''}
        data={villages}
        filter={searchFilter}
        nothingFoundMessage={t('common.empty')}
      />
      <SelectField name="detectionSource" label={t('cases.fields.detectionSource')} required data={labelOptions(DETECTION_SOURCE_LABELS, DETECTION_SOURCES, locale)} />
      {source === 'other' && <TextField name="detectionSourceNote" label={t('cases.fields.detectionSourceNote')} required />}
      <DateTimeFieldBound name="detectedAt" label={t('cases.fields.detectedAt')} description={t('cases.intake.detectedAtHint')} />
      <TextAreaField name="receivedByNote" label={t('cases.fields.receivedByNote')} description={t('cases.intake.receivedByHint')} />
    </Stack>
  );
}
