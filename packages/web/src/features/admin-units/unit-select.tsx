// Searchable unit picker over the units valid on a date, labelled "Tên (mã) — loại", sorted in
// Vietnamese order and matched without accents ("kim hy" finds "Kim Hỷ").
import { matchesVietnamese, sortVietnamese } from '@binhan/domain';
import { Select, type ComboboxItem, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isIsoDate, todayIso } from '../../lib/format';
import { unitLabel } from './unit-label';
import { useUnits } from './units-api';

interface Props extends Omit<SelectProps, 'data' | 'value' | 'onChange'> {
  value: string | null;
  onChange: (value: string | null) => void;
  /** Date the units must be valid on; today by default. */
  at?: string;
  /** Only offer these kinds (for example only communes as a merger target's parent). */
  kinds?: readonly string[];
  exclude?: readonly string[];
  /** The unit currently stored, offered even if it is no longer valid on `at` (an account on an old unit). */
  current?: { id: string; code: string; name: string; kind: string } | null;
}

export function UnitSelect({ value, onChange, at, kinds, exclude, current, ...props }: Props) {
  const { t, i18n } = useTranslation();
  const date = at ?? todayIso();
  // While a date is being typed it may be incomplete: ask for nothing rather than for every generation.
  const units = useUnits(date, isIsoDate(date));
  const data = useMemo<ComboboxItem[]>(() => {
    const items = (units.data ?? []).filter((u) => (kinds === undefined || kinds.includes(u.kind)) && !(exclude ?? []).includes(u.id));
    const options = sortVietnamese(items, (u) => u.name).map((u) => ({ value: u.id, label: unitLabel(u) }));
    if (current && !options.some((option) => option.value === current.id)) options.unshift({ value: current.id, label: unitLabel(current) });
    return options;
    // The language is a dependency because labels include the translated kind.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [units.data, kinds, exclude, current, i18n.language]);

  return (
    <Select
      searchable
      clearable
      data={data}
      value={value}
      onChange={(next) => onChange(next)}
      filter={({ options, search }) => options.filter((option) => 'label' in option && matchesVietnamese(option.label, search))}
      nothingFoundMessage={units.isPending ? t('app.loading') : t('common.empty')}
      placeholder={t('users.unitPlaceholder')}
      limit={200}
      error={units.isError ? t('errors.loadFailed') : undefined}
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}
