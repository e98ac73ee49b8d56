// Người có hành vi bạo lực of an incident: for each person the relationship, sex and age at the
// incident, and who they are — a new record (identity encrypted, never in lists), a record already
// there (found by search, so repeat violence is connected), or not known yet.
import { PERPETRATOR_RELATIONSHIP_LABELS, PERPETRATOR_RELATIONSHIPS, PERSON_SEX_LABELS, PERSON_SEXES } from '@binhan/domain';
import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { PerpetratorIdentityChoice } from '../../perpetrators/identity/identity-choice';
import { labelOptions, useLocale } from '../case-labels';
import { FieldGroup } from '../field-group';
import { NumberField, SelectField } from '../form-fields';
import { emptyPerpetrator } from './incident-draft';

export function PerpetratorsField({ prefix, withIntro = false }: { prefix: string; withIntro?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: `${prefix}.perpetrators` });

  return (
    <FieldGroup label={t('cases.fields.perpetrators')} description={withIntro ? t('perpetrators.intake.intro') : undefined}>
      <Stack gap="sm" mt={4}>
        {fields.length === 0 && withIntro && (
          <Text size="sm" c="dimmed">
            {t('perpetrators.intake.none')}
          </Text>
        )}
        {fields.map((item, index) => (
          <Card key={item.id} withBorder padding="sm" data-testid="perpetrator-entry">
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={700}>
                {t('perpetrators.intake.perpetratorN', { n: index + 1 })}
              </Text>
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove(index)}>
                {t('perpetrators.intake.remove')}
              </Button>
            </Group>
            <Stack gap="sm">
              <SelectField
                name={`${prefix}.perpetrators.${index}.relationship`}
                label={t('cases.fields.relationship')}
                required
                data={labelOptions(PERPETRATOR_RELATIONSHIP_LABELS, PERPETRATOR_RELATIONSHIPS, locale)}
              />
              <Group gap="xs" grow align="flex-start">
                <SelectField name={`${prefix}.perpetrators.${index}.sex`} label={t('cases.fields.sex')} required data={labelOptions(PERSON_SEX_LABELS, PERSON_SEXES, locale)} />
                <NumberField name={`${prefix}.perpetrators.${index}.ageYears`} label={t('perpetrators.intake.ageAtIncident')} min={0} max={120} />
              </Group>
              <PerpetratorIdentityChoice name={`${prefix}.perpetrators.${index}`} />
            </Stack>
          </Card>
        ))}
        {fields.length < 10 && (
          <Button variant="light" size="sm" onClick={() => append(emptyPerpetrator())} style={{ alignSelf: 'flex-start' }}>
            {t('perpetrators.intake.add')}
          </Button>
        )}
      </Stack>
    </FieldGroup>
  );
}
