// Filters of the case list. On a phone the everyday ones (status, overdue, mine, code) stay in view and
// the rest fold away; on a desk everything is open.
import { CASE_STATUS_LABELS, CASE_STATUSES, COMMUNE_LEVEL_KINDS, RISK_LEVEL_LABELS, RISK_LEVELS, VIOLENCE_FORM_LABELS, VIOLENCE_FORMS } from '@binhan/domain';
import { Button, Checkbox, Collapse, Grid, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommittedDateField } from '../../../components/date-field';
import { UnitSelect } from '../../admin-units/unit-select';
import type { CaseFilters } from '../cases-api';
import { labelOptions, useLocale } from '../case-labels';
import { DEFAULT_CASE_FILTERS } from './use-case-filters';

interface Props {
  filters: CaseFilters;
  onChange: (change: Partial<CaseFilters>) => void;
}

export function CaseFiltersBar({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const [isMoreOpen, more] = useDisclosure(false);
  const [code, setCode] = useState(filters.code);
  const commitCode = useDebouncedCallback((value: string) => onChange({ code: value }), 400);
  const hasFilters = JSON.stringify({ ...filters, page: 1, sort: 'detected_desc' }) !== JSON.stringify(DEFAULT_CASE_FILTERS);

  const rest = (
    <Grid gap="sm" align="flex-end">
      <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
        <UnitSelect
          label={t('cases.filters.unit')}
          placeholder={t('common.all')}
          kinds={COMMUNE_LEVEL_KINDS}
          value={filters.unitId}
          onChange={(value) => onChange({ unitId: value })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
        <Select
          label={t('cases.filters.risk')}
          placeholder={t('common.all')}
          clearable
          data={labelOptions(RISK_LEVEL_LABELS, RISK_LEVELS, locale)}
          value={filters.risk}
          onChange={(value) => onChange({ risk: value })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
        <Select
          label={t('cases.filters.form')}
          placeholder={t('common.all')}
          clearable
          data={labelOptions(VIOLENCE_FORM_LABELS, VIOLENCE_FORMS, locale)}
          value={filters.form}
          onChange={(value) => onChange({ form: value })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 2 }}>
        <CommittedDateField label={t('cases.filters.from')} value={filters.from} onCommit={(value) => onChange({ from: value })} />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 2 }}>
        <CommittedDateField label={t('cases.filters.to')} value={filters.to} onCommit={(value) => onChange({ to: value })} />
      </Grid.Col>
    </Grid>
  );

  return (
    <Grid gap="sm" align="flex-end" mb="md">
      <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
        <Select
          label={t('cases.filters.status')}
          placeholder={t('common.all')}
          clearable
          data={[{ value: 'open', label: t('cases.filters.open') }, ...labelOptions(CASE_STATUS_LABELS, CASE_STATUSES, locale)]}
          value={filters.status}
          onChange={(value) => onChange({ status: value })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
        <TextInput
          type="search"
          label={t('cases.filters.code')}
          placeholder={t('cases.filters.codePlaceholder')}
          autoComplete="off"
          spellCheck={false}
          value={code}
          onChange={(event) => {
            const value = event.currentTarget.value.replace(/[^0-9A-Za-z-]/g, '');
            setCode(value);
            commitCode(value);
          }}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Group gap="md" wrap="wrap" mih={36} align="center">
          <Checkbox label={t('cases.filters.overdue')} checked={filters.overdue} onChange={(event) => onChange({ overdue: event.currentTarget.checked })} />
          <Checkbox label={t('cases.filters.mine')} checked={filters.assignedToMe} onChange={(event) => onChange({ assignedToMe: event.currentTarget.checked })} />
        </Group>
      </Grid.Col>
      <Grid.Col span={12}>
        {isPhone ? (
          <>
            <Button variant="subtle" size="compact-sm" onClick={more.toggle} aria-expanded={isMoreOpen}>
              {isMoreOpen ? t('cases.filters.less') : t('cases.filters.more')}
            </Button>
            <Collapse expanded={isMoreOpen}>{rest}</Collapse>
          </>
        ) : (
          rest
        )}
      </Grid.Col>
      {hasFilters && (
        <Grid.Col span={12}>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => {
              setCode('');
              commitCode.cancel();
              onChange({ ...DEFAULT_CASE_FILTERS, sort: filters.sort });
            }}
          >
            {t('common.clearFilters')}
          </Button>
        </Grid.Col>
      )}
    </Grid>
  );
}
