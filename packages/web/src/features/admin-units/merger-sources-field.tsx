// The merged units: picked among the units that existed the day before the merger, each marked when
// only part of its area goes into the target.
import { matchesVietnamese, sortVietnamese } from '@binhan/domain';
import { Checkbox, MultiSelect, Stack } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isIsoDate, previousDayIso } from '../../lib/format';
import { unitLabel } from './unit-label';
import { useUnits } from './units-api';

interface Props {
  effectiveDate: string;
  value: Array<{ id: string; isPart: boolean }>;
  onChange: (value: Array<{ id: string; isPart: boolean }>) => void;
  error?: string;
}

export function MergerSourcesField({ effectiveDate, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const dayBefore = isIsoDate(effectiveDate) ? previousDayIso(effectiveDate) : null;
  const units = useUnits(dayBefore, dayBefore !== null);
  const options = useMemo(
    () => sortVietnamese(dayBefore === null ? [] : (units.data ?? []), (u) => u.name).map((u) => ({ value: u.id, label: unitLabel(u) })),
    [units.data, dayBefore],
  );
  const labelOf = (id: string) => options.find((o) => o.value === id)?.label ?? id;

  return (
    <Stack gap="xs">
      <MultiSelect
        label={t('units.sources')}
        description={t('units.sourcesHint')}
        required
        searchable
        data={options}
        value={value.map((s) => s.id)}
        onChange={(ids) => onChange(ids.map((id) => value.find((s) => s.id === id) ?? { id, isPart: false }))}
        filter={({ options: items, search }) => items.filter((item) => 'label' in item && matchesVietnamese(item.label, search))}
        nothingFoundMessage={units.isPending ? t('app.loading') : t('common.empty')}
        error={error}
        comboboxProps={{ withinPortal: true }}
      />
      {value.map((source) => (
        <Checkbox
          key={source.id}
          size="sm"
          label={`${labelOf(source.id)} — ${t('units.sourcePart')}`}
          checked={source.isPart}
          onChange={(event) => {
            const isPart = event.currentTarget.checked;
            onChange(value.map((s) => (s.id === source.id ? { ...s, isPart } : s)));
          }}
        />
      ))}
    </Stack>
  );
}
