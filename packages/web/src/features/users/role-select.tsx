// Role picker with the Vietnamese role names of DOMAIN.md §3.
import { ROLES, type Role } from '@binhan/domain';
import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props extends Omit<SelectProps, 'data' | 'value' | 'onChange'> {
  value: Role | null | undefined;
  onChange: (value: Role | undefined) => void;
}

export function RoleSelect({ value, onChange, ...props }: Props) {
  const { t } = useTranslation();
  return (
    <Select
      data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      value={value ?? null}
      onChange={(next) => onChange(ROLES.find((role) => role === next))}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}
