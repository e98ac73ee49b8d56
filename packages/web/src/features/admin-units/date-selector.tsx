// Which date the tree shows: the plan's start (2017), just after the 2020 mergers, today, or any date.
import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CommittedDateField } from '../../components/date-field';
import { todayIso } from '../../lib/format';

/** Plan 85/KH-UBND was issued on 24/05/2017; the 2020 mergers took effect on 01/02/2020. */
const PRESETS = [
  { date: '2017-05-24', labelKey: 'units.preset2017' },
  { date: '2020-02-01', labelKey: 'units.preset2020' },
] as const;

export function DateSelector({ value, onChange }: { value: string; onChange: (date: string) => void }) {
  const { t } = useTranslation();
  const presets = [...PRESETS.map((p) => ({ date: p.date, label: t(p.labelKey) })), { date: todayIso(), label: t('units.presetToday') }];

  return (
    <Stack gap="xs">
      <Text size="sm" fw={500} id="unit-date-presets">
        {t('units.presets')}
      </Text>
      <Group gap="xs" role="group" aria-labelledby="unit-date-presets">
        {presets.map((preset) => (
          <Button
            key={preset.date}
            size="xs"
            variant={preset.date === value ? 'filled' : 'default'}
            aria-pressed={preset.date === value}
            onClick={() => onChange(preset.date)}
          >
            {preset.label}
          </Button>
        ))}
      </Group>
      <CommittedDateField
        label={t('units.dateLabel')}
        value={value}
        maw={220}
        onCommit={(date) => {
          // Clearing the field keeps the current date; the tree always shows some date.
          if (date !== '') onChange(date);
        }}
      />
    </Stack>
  );
}
