// Filters of the perpetrator list: commune, period of the incidents, handling measure, counselled or
// not, repeat or not, handled or not. On a phone the everyday ones stay in view and the rest fold away.
import { COMMUNE_LEVEL_KINDS, PERPETRATOR_MEASURE_LABELS, PERPETRATOR_MEASURE_TYPES } from '@binhan/domain';
import { Button, Collapse, Grid, Select } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { CommittedDateField } from '../../../components/date-field';
import { UnitSelect } from '../../admin-units/unit-select';
import { labelOptions, useLocale } from '../../cases/case-labels';
import type { PerpetratorFilters } from '../perpetrators-api';
import { DEFAULT_PERPETRATOR_FILTERS } from './use-perpetrator-filters';

interface Props {
  filters: PerpetratorFilters;
  onChange: (change: Partial<PerpetratorFilters>) => void;
}

const yesNo = (value: string | null): 'true' | 'false' | null => (value === 'true' || value === 'false' ? value : null);

export function PerpetratorFiltersBar({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const [isMoreOpen, more] = useDisclosure(false);
  const hasFilters = JSON.stringify({ ...filters, page: 1, sort: 'last_incident_desc' }) !== JSON.stringify(DEFAULT_PERPETRATOR_FILTERS);

  const rest = (
    <Grid gap="sm" align="flex-end">
      <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
        <Select
          label={t('perpetrators.filters.counselled')}
          placeholder={t('common.all')}
          clearable
          data={[
            { value: 'true', label: t('perpetrators.filters.counselledYes') },
            { value: 'false', label: t('perpetrators.filters.counselledNo') },
          ]}
          value={filters.counselled}
          onChange={(value) => onChange({ counselled: yesNo(value) })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
        <UnitSelect label={t('perpetrators.filters.unit')} placeholder={t('common.all')} kinds={COMMUNE_LEVEL_KINDS} value={filters.unitId} onChange={(value) => onChange({ unitId: value })} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
        <Select
          label={t('perpetrators.filters.measureType')}
          placeholder={t('common.all')}
          clearable
          data={labelOptions(PERPETRATOR_MEASURE_LABELS, PERPETRATOR_MEASURE_TYPES, locale)}
          value={filters.measureType}
          onChange={(value) => onChange({ measureType: value })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 3 }}>
        <CommittedDateField label={t('perpetrators.filters.from')} value={filters.from} onCommit={(value) => onChange({ from: value })} />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 3 }}>
        <CommittedDateField label={t('perpetrators.filters.to')} value={filters.to} onCommit={(value) => onChange({ to: value })} />
      </Grid.Col>
    </Grid>
  );

  return (
    <Grid gap="sm" align="flex-end" mb="md">
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <Select
          label={t('perpetrators.filters.repeat')}
          placeholder={t('common.all')}
          clearable
          data={[
            { value: 'true', label: t('perpetrators.filters.repeatYes') },
            { value: 'false', label: t('perpetrators.filters.repeatNo') },
          ]}
          value={filters.repeat}
          onChange={(value) => onChange({ repeat: yesNo(value) })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <Select
          label={t('perpetrators.filters.handled')}
          placeholder={t('common.all')}
          clearable
          data={[
            { value: 'true', label: t('perpetrators.filters.handledYes') },
            { value: 'false', label: t('perpetrators.filters.handledNo') },
          ]}
          value={filters.handled}
          onChange={(value) => onChange({ handled: yesNo(value) })}
        />
      </Grid.Col>
      <Grid.Col span={12}>
        {isPhone ? (
          <>
            <Button variant="subtle" size="compact-sm" onClick={more.toggle} aria-expanded={isMoreOpen}>
              {isMoreOpen ? t('perpetrators.filters.less') : t('perpetrators.filters.more')}
            </Button>
            <Collapse expanded={isMoreOpen}>{rest}</Collapse>
          </>
        ) : (
          rest
        )}
      </Grid.Col>
      {hasFilters && (
        <Grid.Col span={12}>
          <Button variant="subtle" size="compact-sm" onClick={() => onChange({ ...DEFAULT_PERPETRATOR_FILTERS, sort: filters.sort })}>
            {t('common.clearFilters')}
          </Button>
        </Grid.Col>
      )}
    </Grid>
  );
}
