// The village of a member or a trusted address: the villages of the chosen commune that exist today.
import { VILLAGE_LEVEL_KINDS, matchesVietnamese, sortVietnamese } from '@binhan/domain';
import { Select } from '@mantine/core';
import { useController, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/form-errors';
import { todayIso } from '../../lib/format';
import { useUnits } from '../admin-units/units-api';

export function VillageField({ label, emptyLabel }: { label: string; emptyLabel: string }) {
  const { t } = useTranslation();
  const units = useUnits(todayIso());
  const unitId = useWatch({ name: 'unitId' }) as string;
  const { field, fieldState } = useController({ name: 'villageId' });
  const villages = sortVietnamese((units.data ?? []).filter((u) => VILLAGE_LEVEL_KINDS.includes(u.kind) && u.parentId === unitId), (u) => u.name);
  return (
    <Select
      label={label}
      placeholder={villages.length === 0 ? emptyLabel : t('cases.select.choose')}
      data={villages.map((v) => ({ value: v.id, label: v.name }))}
      value={field.value === '' ? null : (field.value as string | null)}
      onChange={(value) => field.onChange(value ?? '')}
      onBlur={field.onBlur}
      searchable
      clearable
      disabled={villages.length === 0}
      filter={({ options, search }) => options.filter((option) => 'label' in option && matchesVietnamese(option.label, search))}
      error={fieldError(fieldState.error)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
