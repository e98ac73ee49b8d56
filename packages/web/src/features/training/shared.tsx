// Pieces shared by the training and network pages: ethnicity and sex pickers, the unit filter and
// small formatting helpers.
import { COMMUNE_LEVEL_KINDS, ETHNICITIES, PERSON_SEX_LABELS, STAFF_SEXES, matchesVietnamese } from '@binhan/domain';
import { useMemo } from 'react';
import { useMe } from '../../app/session/session-context';
import { UnitSelect } from '../admin-units/unit-select';
import { labelOptions, useLocale } from '../cases/case-labels';
import { SelectField } from '../cases/form-fields';

/** Units a roster, a course or a network member belongs to: the district and the communes (of any generation). */
export const STAFF_UNIT_KINDS: readonly string[] = ['district', ...COMMUNE_LEVEL_KINDS];

export function useSexOptions() {
  const locale = useLocale();
  return labelOptions(PERSON_SEX_LABELS, STAFF_SEXES, locale);
}

export function ethnicityName(code: string | null, locale: 'vi' | 'en'): string {
  if (code === null) return '';
  const found = ETHNICITIES.find((e) => e.code === code);
  return found ? found[locale] : code;
}

export function EthnicityField({ name, label }: { name: string; label: string }) {
  const locale = useLocale();
  const options = useMemo(
    () => ETHNICITIES.map((e) => ({ value: e.code, label: locale === 'en' ? e.en : e.vi, search: [e.vi, e.en, ...('otherNames' in e ? e.otherNames : [])].join(' ') })),
    [locale],
  );
  return (
    <SelectField
      name={name}
      label={label}
      searchable
      clearable
      data={options.map(({ value, label: text }) => ({ value, label: text }))}
      filter={({ options: shown, search }) => shown.filter((option) => 'value' in option && matchesVietnamese(options.find((e) => e.value === option.value)?.search ?? '', search))}
    />
  );
}

/** The unit filter of a list: the user's whole area when empty. */
export function UnitFilter({ value, onChange, label, placeholder }: { value: string | null; onChange: (value: string | null) => void; label: string; placeholder: string }) {
  return <UnitSelect label={label} value={value} onChange={onChange} kinds={STAFF_UNIT_KINDS} includeEnded placeholder={placeholder} />;
}

const percentFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

export function percent(value: number): string {
  return `${percentFormat.format(value)}%`;
}

/** The unit a new record starts with: the list's unit filter, or the commune of a commune-level user. */
export function useDefaultUnit(filterUnitId: string | null): string | null {
  const me = useMe();
  if (filterUnitId !== null) return filterUnitId;
  return me.unit && COMMUNE_LEVEL_KINDS.includes(me.unit.kind as (typeof COMMUNE_LEVEL_KINDS)[number]) ? me.unit.id : null;
}
