// The acts of Law 13/2022/QH15 Art. 3(1) as a checklist with the law's short labels and point letters;
// the forms of violence they count under are shown as they are ticked.
import { formsOfActs, isViolenceAct, VIOLENCE_ACT_DEFINITIONS, VIOLENCE_ACTS, VIOLENCE_FORM_LABELS } from '@binhan/domain';
import { Checkbox, SimpleGrid, Text } from '@mantine/core';
import { useController, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../../lib/form-errors';
import { useLocale } from '../case-labels';

export function ActsField({ name }: { name: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { control } = useFormContext();
  const { field, fieldState } = useController({ name, control });
  const acts: string[] = Array.isArray(field.value) ? field.value : [];
  const forms = formsOfActs(acts.filter(isViolenceAct)).map((form) => VIOLENCE_FORM_LABELS[form][locale]);

  return (
    <>
      <Checkbox.Group
        label={t('cases.fields.acts')}
        description={t('cases.intake.actsHint')}
        required
        error={fieldError(fieldState.error)}
        value={acts}
        onChange={(value) => {
          field.onChange(value);
          field.onBlur();
        }}
      >
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing={8} verticalSpacing={10} mt={8}>
          {VIOLENCE_ACTS.map((act) => {
            const definition = VIOLENCE_ACT_DEFINITIONS[act];
            return (
              <Checkbox
                key={act}
                value={act}
                ref={act === VIOLENCE_ACTS[0] ? field.ref : undefined}
                label={`${definition.point}) ${definition.short[locale]}`}
                title={definition.text[locale]}
              />
            );
          })}
        </SimpleGrid>
      </Checkbox.Group>
      {forms.length > 0 && (
        <Text size="sm" mt="xs" c="dimmed">
          {t('cases.intake.formsOfActs', { forms: forms.join(', ') })}
        </Text>
      )}
    </>
  );
}
