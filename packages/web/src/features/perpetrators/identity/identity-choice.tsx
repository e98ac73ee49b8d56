// Who the person of one perpetrator entry is (intake, "add incident", "add to an incident"): a new record
// with its identity, a record already there — found by an accent-insensitive search, here or in another
// commune — or, at intake, not known yet. Bound to the surrounding form under `name`.
import { ETHNICITIES, matchesVietnamese, SUBSTANCE_USE, SUBSTANCE_USE_LABELS, WEAPON_ACCESS, WEAPON_ACCESS_LABELS, type PerpetratorSearchResult } from '@binhan/domain';
import { Alert, Button, Card, Group, Input, SegmentedControl, SimpleGrid, Stack, Text, type OptionsFilter } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { Controller, get, useFormContext, useFormState, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session/session-context';
import { fieldError } from '../../../lib/form-errors';
import { labelOptions, useLocale } from '../../cases/case-labels';
import { DateFieldBound, SelectField, TextAreaField, TextField } from '../../cases/form-fields';
import type { PerpetratorMode } from '../../cases/incident/incident-draft';
import { usePersonLine } from '../perpetrator-badges';
import { PerpetratorSearchBox } from './search-box';
import { SearchResults, useMatchedBy } from './search-results';

export function useEthnicityOptions() {
  const locale = useLocale();
  const ethnicities = useMemo(
    () => ETHNICITIES.map((e) => ({ value: e.code, label: locale === 'en' ? e.en : e.vi, search: [e.vi, e.en, ...('otherNames' in e ? e.otherNames : [])].join(' ') })),
    [locale],
  );
  const filter: OptionsFilter = ({ options, search }) =>
    options.filter((option) => 'value' in option && matchesVietnamese(ethnicities.find((e) => e.value === option.value)?.search ?? '', search));
  return { data: ethnicities.map(({ value, label }) => ({ value, label })), filter };
}

/** The identity fields of a new record, under `${name}.newPerpetrator`. */
export function NewIdentityFields({ name }: { name: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const ethnicity = useEthnicityOptions();
  const p = `${name}.newPerpetrator`;
  return (
    <Stack gap="sm">
      <TextField name={`${p}.identity.fullName`} label={t('perpetrators.fields.fullName')} required autoComplete="off" />
      <TextField name={`${p}.identity.otherNames`} label={t('perpetrators.fields.otherNames')} autoComplete="off" />
      <DateFieldBound name={`${p}.identity.dateOfBirth`} label={t('perpetrators.fields.dateOfBirth')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextField name={`${p}.identity.phone`} label={t('perpetrators.fields.phone')} type="tel" inputMode="tel" autoComplete="off" />
        <TextField name={`${p}.identity.cccd`} label={t('perpetrators.fields.cccd')} inputMode="numeric" autoComplete="off" />
      </SimpleGrid>
      <SelectField name={`${p}.identity.ethnicityCode`} label={t('perpetrators.fields.ethnicity')} searchable clearable data={ethnicity.data} filter={ethnicity.filter} />
      <TextAreaField name={`${p}.identity.address`} label={t('perpetrators.fields.address')} autoComplete="off" />
      <TextField name={`${p}.identity.occupation`} label={t('perpetrators.fields.occupation')} autoComplete="off" />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <SelectField name={`${p}.substanceUse`} label={t('perpetrators.fields.substanceUse')} data={labelOptions(SUBSTANCE_USE_LABELS, SUBSTANCE_USE, locale)} allowDeselect={false} />
        <SelectField name={`${p}.weaponAccess`} label={t('perpetrators.fields.weaponAccess')} data={labelOptions(WEAPON_ACCESS_LABELS, WEAPON_ACCESS, locale)} allowDeselect={false} />
      </SimpleGrid>
    </Stack>
  );
}

interface Props {
  /** The entry's path in the form, e.g. "firstIncident.perpetrators.0". */
  name: string;
  /** At intake the person may be not known yet; linking on a case always names a record. */
  allowUnknown?: boolean;
}

export function PerpetratorIdentityChoice({ name, allowUnknown = true }: Props) {
  const { t } = useTranslation();
  const { can } = useSession();
  const isPhone = useMediaQuery('(max-width: 30em)');
  const personLine = usePersonLine();
  const matchedBy = useMatchedBy();
  const { control, setValue, getValues, clearErrors } = useFormContext();
  const [mode, chosenLabel] = useWatch({ control, name: [`${name}.mode`, `${name}.chosenLabel`] }) as [PerpetratorMode, string];
  const { errors } = useFormState({ control, name: `${name}.perpetratorId` });
  const chooserError = fieldError(get(errors, `${name}.perpetratorId`));
  const [result, setResult] = useState<PerpetratorSearchResult | null>(null);

  const choose = (fields: { perpetratorId: string; linkToken: string; chosenLabel: string }) => {
    setValue(`${name}.perpetratorId`, fields.perpetratorId, { shouldDirty: true });
    setValue(`${name}.linkToken`, fields.linkToken, { shouldDirty: true });
    setValue(`${name}.chosenLabel`, fields.chosenLabel, { shouldDirty: true });
    clearErrors(`${name}.perpetratorId`);
    setResult(null);
  };

  const modes = [
    { value: 'new', label: t('perpetrators.intake.modeNew') },
    { value: 'existing', label: t('perpetrators.intake.modeExisting') },
    ...(allowUnknown ? [{ value: 'unknown', label: t('perpetrators.intake.modeUnknown') }] : []),
  ];

  return (
    <Stack gap="sm">
      <Controller
        control={control}
        name={`${name}.mode`}
        render={({ field }) => (
          <Input.Wrapper label={t('perpetrators.intake.identity')}>
            <SegmentedControl
              fullWidth
              mt={4}
              orientation={isPhone ? 'vertical' : 'horizontal'}
              value={field.value}
              onChange={(value) => {
                field.onChange(value);
                clearErrors(name);
              }}
              data={modes}
            />
          </Input.Wrapper>
        )}
      />
      {mode === 'new' && (
        <>
          <Text size="xs" c="dimmed">
            {t('perpetrators.intake.newHint')}
          </Text>
          <NewIdentityFields name={name} />
        </>
      )}
      {mode === 'unknown' && (
        <Text size="sm" c="dimmed">
          {t('perpetrators.intake.unknownHint')}
        </Text>
      )}
      {mode === 'existing' &&
        (chosenLabel !== '' ? (
          <Card withBorder padding="xs" bg="teal.0" data-testid="perpetrator-chosen">
            <Group justify="space-between" gap="xs">
              <Text size="sm" fw={600} style={{ flex: '1 1 12rem' }}>
                {chosenLabel}
              </Text>
              <Button size="compact-sm" variant="default" onClick={() => choose({ perpetratorId: '', linkToken: '', chosenLabel: '' })}>
                {t('perpetrators.intake.change')}
              </Button>
            </Group>
          </Card>
        ) : can('cases.identify') ? (
          <Card withBorder padding="xs">
            <Stack gap="xs">
              <PerpetratorSearchBox onResults={setResult} />
              {result && (
                <SearchResults
                  result={result}
                  onChoose={(item) => {
                    if (getValues(`${name}.sex`) === '') setValue(`${name}.sex`, item.sex, { shouldValidate: true });
                    choose({ perpetratorId: item.id, linkToken: '', chosenLabel: t('perpetrators.intake.chosen', { code: `${item.code} · ${personLine(item)} · ${item.unit.name}` }) });
                  }}
                  onLinkElsewhere={(elsewhere) => choose({ perpetratorId: '', linkToken: elsewhere.linkToken, chosenLabel: t('perpetrators.intake.chosenElsewhere', { by: matchedBy(elsewhere) }) })}
                />
              )}
            </Stack>
          </Card>
        ) : (
          <Alert color="yellow">{t('perpetrators.intake.canNotSearch')}</Alert>
        ))}
      {mode === 'existing' && chooserError && (
        <Text size="xs" c="red.7" role="alert">
          {chosenLabel === '' ? t('perpetrators.intake.mustChoose') : chooserError}
        </Text>
      )}
    </Stack>
  );
}
