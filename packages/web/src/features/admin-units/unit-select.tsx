// Searchable unit picker over the units valid on a date, labelled "Tên (mã) — loại", sorted in
// Vietnamese order and matched without accents ("kim hy" finds "Kim Hỷ").
import { matchesVietnamese, sortVietnamese } from '@binhan/domain';
import { Select, type ComboboxItem, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, isIsoDate, todayIso } from '../../lib/format';
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
  /**
   * Also offer units that no longer exist, marked with their last day, after the current ones: the
   * district of Na Rì ended on 30/06/2025, yet district staff and its plan still belong to it.
   */
  includeEnded?: boolean;
}

export function UnitSelect({ value, onChange, at, kinds, exclude, current, includeEnded = false, ...props }: Props) {
  const { t, i18n } = useTranslation();
  const date = at ?? todayIso();
  // While a date is being typed it may be incomplete: ask for nothing rather than for every generation.
  const units = useUnits(includeEnded ? null : date, includeEnded || isIsoDate(date));
  const data = useMemo<ComboboxItem[]>(() => {
    const items = (units.data ?? []).filter((u) => (kinds === undefined || kinds.includes(u.kind)) && !(exclude ?? []).includes(u.id));
    const isCurrent = (u: { validFrom: string; validTo: string | null }) => u.validFrom <= date && (u.validTo === null || date <= u.validTo);
    const sorted = [...sortVietnamese(items.filter(isCurrent), (u) => u.name), ...sortVietnamese(items.filter((u) => !isCurrent(u) && u.validFrom <= date), (u) => u.name)];
    const options = sorted.map((u) => ({
      value: u.id,
      label: isCurrent(u) ? unitLabel(u) : t('units.endedLabel', { unit: unitLabel(u), date: formatDate(u.validTo ?? '') }),
    }));
    if (current && !options.some((option) => option.value === current.id)) options.unshift({ value: current.id, label: unitLabel(current) });
    return options;
    // The language is a dependency because labels include the translated kind.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [units.data, kinds, exclude, current, i18n.language, date, t]);

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
