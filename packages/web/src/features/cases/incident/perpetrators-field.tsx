// Người có hành vi bạo lực: sex, age and relationship only. Their identity is a separate, protected record.
import { PERPETRATOR_RELATIONSHIP_LABELS, PERPETRATOR_RELATIONSHIPS, PERSON_SEX_LABELS, PERSON_SEXES } from '@binhan/domain';
import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { labelOptions, useLocale } from '../case-labels';
import { FieldGroup } from '../field-group';
import { NumberField, SelectField } from '../form-fields';
import { emptyPerpetrator } from './incident-draft';

export function PerpetratorsField({ prefix }: { prefix: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: `${prefix}.perpetrators` });

  return (
    <FieldGroup label={t('cases.fields.perpetrators')} description={t('cases.intake.perpetratorsHint')}>
      <Stack gap="xs" mt={4}>
        {fields.map((item, index) => (
          <Card key={item.id} withBorder padding="xs">
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={600}>
                {t('cases.intake.perpetratorN', { n: index + 1 })}
              </Text>
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove(index)}>
                {t('cases.intake.remove')}
              </Button>
            </Group>
            <Stack gap="xs">
              <SelectField
                name={`${prefix}.perpetrators.${index}.relationship`}
                label={t('cases.fields.relationship')}
                required
                data={labelOptions(PERPETRATOR_RELATIONSHIP_LABELS, PERPETRATOR_RELATIONSHIPS, locale)}
              />
              <Group gap="xs" grow align="flex-start">
                <SelectField name={`${prefix}.perpetrators.${index}.sex`} label={t('cases.fields.sex')} required data={labelOptions(PERSON_SEX_LABELS, PERSON_SEXES, locale)} />
                <NumberField name={`${prefix}.perpetrators.${index}.ageYears`} label={t('cases.fields.ageYears')} min={0} max={120} />
              </Group>
            </Stack>
          </Card>
        ))}
        {fields.length < 10 && (
          <Button variant="light" size="sm" onClick={() => append(emptyPerpetrator())} style={{ alignSelf: 'flex-start' }}>
            {t('cases.intake.addPerpetrator')}
          </Button>
        )}
      </Stack>
    </FieldGroup>
  );
}
