// Search box and filters of the user list. Typing updates the address after a short pause so a slow
// connection is not flooded with one request per key.
import { ROLES } from '@binhan/domain';
import { Button, Grid, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UnitSelect } from '../admin-units/unit-select';
import type { UserFilters } from './users-api';

interface Props {
  filters: UserFilters;
  onChange: (change: Partial<UserFilters>) => void;
  onSearchTyping: (text: string) => void;
}

export function UsersFilters({ filters, onChange, onSearchTyping }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(filters.q);
  const commitSearch = useDebouncedCallback((text: string) => onChange({ q: text }), 400);
  const hasFilters = filters.q !== '' || filters.role !== null || filters.unitId !== null || filters.status !== 'all';

  return (
    <Grid gap="sm" align="flex-end" mb="md">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <TextInput
          type="search"
          label={t('users.searchLabel')}
          placeholder={t('users.searchPlaceholder')}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            onSearchTyping(event.currentTarget.value);
            commitSearch(event.currentTarget.value);
          }}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, md: 3 }}>
        <Select
          label={t('users.roleFilter')}
          placeholder={t('common.all')}
          clearable
          data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          value={filters.role}
          onChange={(value) => onChange({ role: ROLES.find((role) => role === value) ?? null })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, md: 2 }}>
        <Select
          label={t('users.statusFilter')}
          allowDeselect={false}
          data={[
            { value: 'all', label: t('users.statusAll') },
            { value: 'active', label: t('users.statusActive') },
            { value: 'disabled', label: t('users.statusDisabled') },
          ]}
          value={filters.status}
          onChange={(value) => onChange({ status: value === 'active' || value === 'disabled' ? value : 'all' })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 3 }}>
        <UnitSelect label={t('users.unitFilter')} placeholder={t('common.all')} value={filters.unitId} onChange={(value) => onChange({ unitId: value })} />
      </Grid.Col>
      {hasFilters && (
        <Grid.Col span={12}>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => {
              setSearch('');
              onSearchTyping('');
              commitSearch.cancel();
              onChange({ q: '', role: null, unitId: null, status: 'all' });
            }}
          >
            {t('common.clearFilters')}
          </Button>
        </Grid.Col>
      )}
    </Grid>
  );
}
