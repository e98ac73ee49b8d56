// Filter the log by action and by date range (dates in Vietnam time, inclusive).
import { Button, Grid, Select } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CommittedDateField } from '../../components/date-field';
import { actionLabel, KNOWN_ACTIONS } from './action-label';
import type { AuditFilters } from './audit-api';

export function AuditFiltersBar({ filters, onChange }: { filters: AuditFilters; onChange: (change: Partial<AuditFilters>) => void }) {
  const { t, i18n } = useTranslation();
  const actions = useMemo(
    () => KNOWN_ACTIONS.map((code) => ({ value: code, label: `${actionLabel(code)} (${code})` })),
    // Labels are translated: rebuild them when the language changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );
  const hasFilters = filters.action !== null || filters.from !== '' || filters.to !== '';
  return (
    <Grid gap="sm" align="flex-end" mb="md">
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Select
          label={t('audit.actionFilter')}
          placeholder={t('common.all')}
          data={actions}
          searchable
          clearable
          value={filters.action}
          onChange={(value) => onChange({ action: value })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 3 }}>
        <CommittedDateField label={t('audit.fromFilter')} value={filters.from} onCommit={(value) => onChange({ from: value })} />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 3 }}>
        <CommittedDateField label={t('audit.toFilter')} value={filters.to} onCommit={(value) => onChange({ to: value })} />
      </Grid.Col>
      {hasFilters && (
        <Grid.Col span={{ base: 12, md: 1 }}>
          <Button variant="subtle" size="compact-sm" onClick={() => onChange({ action: null, from: '', to: '' })}>
            {t('common.clearFilters')}
          </Button>
        </Grid.Col>
      )}
    </Grid>
  );
}
