// Kind of administrative unit, in the glossary's words (tỉnh, huyện, xã, thị trấn, phường, thôn/bản, tổ dân phố).
import { UNIT_KINDS, type UnitKind } from '@binhan/domain';
import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props extends Omit<SelectProps, 'data' | 'value' | 'onChange'> {
  value: UnitKind | null | undefined;
  onChange: (value: UnitKind | undefined) => void;
}

export function UnitKindSelect({ value, onChange, ...props }: Props) {
  const { t } = useTranslation();
  return (
    <Select
      data={UNIT_KINDS.map((kind) => ({ value: kind, label: t(`unitKinds.${kind}`) }))}
      value={value ?? null}
      onChange={(next) => onChange(UNIT_KINDS.find((kind) => kind === next))}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}

/** The usual kind of a unit created under a parent of each kind (the user can change it). */
const CHILD_KIND: Record<UnitKind, UnitKind> = {
  province: 'district',
  district: 'commune',
  commune: 'village',
  town: 'residential_group',
  ward: 'residential_group',
  special_zone: 'residential_group',
  village: 'village',
  residential_group: 'residential_group',
};

export function childKindOf(parent: UnitKind): UnitKind {
  return CHILD_KIND[parent];
}
