// The guided GBVIMS classifier: the six questions in the tool's order, each asked only while the
// previous ones were "no"; the first "yes" is proposed. The officer may choose another type, with a reason.
import { GBVIMS_QUESTIONS, GBVIMS_TYPE_LABELS, GBVIMS_TYPES, type GbvimsType } from '@binhan/domain';
import { Alert, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useController, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../../lib/form-errors';
import { labelOptions, useLocale } from '../case-labels';
import { FieldGroup } from '../field-group';
import { SelectField, TextAreaField } from '../form-fields';
import { askedAnswers, chosenGbvimsType, type IncidentDraft } from './incident-draft';

export function GbvimsClassifier({ prefix }: { prefix: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { control, setValue, trigger } = useFormContext();
  const answersField = useController({ name: `${prefix}.gbvimsAnswers`, control });
  const answers = (answersField.field.value ?? {}) as IncidentDraft['gbvimsAnswers'];
  const typeField = useController({ name: `${prefix}.gbvimsType`, control });
  const chosen = typeof typeField.field.value === 'string' ? typeField.field.value : '';
  const asked = askedAnswers(answers);
  const proposed = GBVIMS_TYPES.find((type) => asked[type] === true) ?? null;
  const allNo = GBVIMS_TYPES.every((type) => asked[type] === false);
  const next = GBVIMS_TYPES.find((type) => asked[type] === undefined && proposed === null);
  const [isChoosing, setIsChoosing] = useState(chosen !== '');
  const recorded = chosenGbvimsType({ gbvimsAnswers: answers, gbvimsType: chosen });

  const answer = (type: GbvimsType, value: boolean) => {
    const updated: IncidentDraft['gbvimsAnswers'] = {};
    // Answering a question again forgets the answers after it: they were asked under another premise.
    for (const q of GBVIMS_TYPES) {
      if (q === type) break;
      updated[q] = answers[q];
    }
    updated[type] = value;
    answersField.field.onChange(updated);
    // The type follows the answers: a "required" shown under it is checked again at once.
    if (typeField.fieldState.error) void trigger(`${prefix}.gbvimsType`);
  };

  return (
    // The type's own error shows under its select once that is open, else under the questions.
    <FieldGroup label={t('cases.gbvims.title')} description={t('cases.gbvims.intro')} required error={isChoosing || allNo ? undefined : fieldError(typeField.fieldState.error)}>
      <Stack gap="xs" mt={4}>
        {GBVIMS_TYPES.filter((type) => asked[type] !== undefined || type === next).map((type, index) => (
          <Card key={type} withBorder padding="xs">
            <Text size="sm">{`${index + 1}. ${GBVIMS_QUESTIONS[type][locale]}`}</Text>
            <Group gap="xs" mt={6}>
              <Button size="compact-sm" variant={asked[type] === true ? 'filled' : 'default'} onClick={() => answer(type, true)} aria-pressed={asked[type] === true}>
                {t('cases.gbvims.yes')}
              </Button>
              <Button size="compact-sm" variant={asked[type] === false ? 'filled' : 'default'} onClick={() => answer(type, false)} aria-pressed={asked[type] === false}>
                {t('cases.gbvims.no')}
              </Button>
            </Group>
          </Card>
        ))}
        {proposed !== null && (
          <Alert color="blue" variant="light" title={t('cases.gbvims.proposed', { type: GBVIMS_TYPE_LABELS[proposed][locale] })}>
            {!isChoosing && (
              <Button size="compact-sm" variant="subtle" onClick={() => setIsChoosing(true)}>
                {t('cases.gbvims.chooseOther')}
              </Button>
            )}
          </Alert>
        )}
        {allNo && <Alert color="yellow">{t('cases.gbvims.noneApplies')}</Alert>}
        {(isChoosing || allNo) && (
          <>
            <SelectField name={`${prefix}.gbvimsType`} label={t('cases.gbvims.type')} clearable={proposed !== null} data={labelOptions(GBVIMS_TYPE_LABELS, GBVIMS_TYPES, locale)} />
            {recorded !== null && recorded !== proposed && <TextAreaField name={`${prefix}.gbvimsOverrideReason`} label={t('cases.gbvims.reason')} required />}
            {proposed !== null && (
              <Button
                size="compact-sm"
                variant="subtle"
                style={{ alignSelf: 'flex-start' }}
                onClick={() => {
                  setValue(`${prefix}.gbvimsType`, '');
                  setValue(`${prefix}.gbvimsOverrideReason`, '');
                  setIsChoosing(false);
                }}
              >
                {t('cases.gbvims.useProposed')}
              </Button>
            )}
          </>
        )}
      </Stack>
    </FieldGroup>
  );
}
