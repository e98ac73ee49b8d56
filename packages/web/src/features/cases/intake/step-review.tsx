// Step 4: everything entered, by step, each with a way back to change it, before the case is created.
import {
  CASE_CONTEXT_LABELS,
  DETECTION_SOURCE_LABELS,
  ETHNICITIES,
  GBVIMS_TYPE_LABELS,
  INJURY_LEVEL_LABELS,
  isViolenceAct,
  PERPETRATOR_RELATIONSHIP_LABELS,
  PERSON_SEX_LABELS,
  PLACE_TYPE_LABELS,
  VIOLENCE_ACT_DEFINITIONS,
} from '@binhan/domain';
import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, todayIso } from '../../../lib/format';
import { useUnits } from '../../admin-units/units-api';
import { labelOf, useLocale } from '../case-labels';
import { chosenGbvimsType } from '../incident/incident-draft';
import type { CaseDraft, IntakeStep } from './intake-draft';

function Section({ title, onEdit, rows }: { title: string; onEdit: () => void; rows: Array<[string, string]> }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {title}
        </Title>
        <Button size="compact-sm" variant="light" onClick={onEdit} aria-label={`${t('common.edit')}: ${title}`}>
          {t('common.edit')}
        </Button>
      </Group>
      <Table variant="vertical" layout="fixed" withRowBorders={false} verticalSpacing={4}>
        <Table.Tbody>
          {rows
            .filter(([, value]) => value !== '')
            .map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w="40%" style={{ verticalAlign: 'top' }}>
                  <Text size="sm">{label}</Text>
                </Table.Th>
                <Table.Td>
                  <Text size="sm" style={{ wordBreak: 'break-word', whiteSpace: 'pre-wrap' }}>
                    {value}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

export function StepReview({ onEdit }: { onEdit: (step: IntakeStep) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { control } = useFormContext<CaseDraft>();
  const draft = useWatch({ control }) as CaseDraft;
  const units = useUnits(todayIso());
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? '';
  const s = draft.survivor;
  const i = draft.firstIncident;
  const type = chosenGbvimsType(i);
  const yesNo = (value: boolean) => (value ? t('cases.gbvims.yes') : t('cases.gbvims.no'));

  return (
    <Stack gap="sm">
      <Section
        title={t('cases.intake.steps.detection')}
        onEdit={() => onEdit('detection')}
        rows={[
          [t('cases.fields.commune'), unitName(draft.unitId)],
          [t('cases.fields.village'), unitName(draft.villageId)],
          [t('cases.fields.detectionSource'), [labelOf(DETECTION_SOURCE_LABELS, draft.detectionSource, locale), draft.detectionSourceNote].filter(Boolean).join(' — ')],
          [t('cases.fields.detectedAt'), formatDateTime(draft.detectedAt)],
          [t('cases.fields.receivedByNote'), draft.receivedByNote],
        ]}
      />
      <Section
        title={t('cases.intake.steps.survivor')}
        onEdit={() => onEdit('survivor')}
        rows={[
          [t('cases.fields.fullName'), s.fullName],
          [t('cases.fields.otherNames'), s.otherNames],
          [t('cases.fields.sex'), labelOf(PERSON_SEX_LABELS, s.sex, locale)],
          [s.birthMode === 'date' ? t('cases.fields.dateOfBirth') : t('cases.fields.ageYears'), s.birthMode === 'date' ? (s.dateOfBirth ? formatDate(s.dateOfBirth) : '') : s.ageYears],
          [t('cases.fields.phone'), s.phone],
          [t('cases.fields.cccd'), s.cccd],
          [t('cases.fields.ethnicity'), ETHNICITIES.find((e) => e.code === s.ethnicityCode)?.[locale] ?? ''],
          [t('cases.fields.address'), s.address],
        ]}
      />
      <Section
        title={t('cases.intake.steps.incident')}
        onEdit={() => onEdit('incident')}
        rows={[
          [t('cases.fields.occurredAt'), `${formatDateTime(i.occurredAt)}${i.occurredAtApproximate ? ` (${t('cases.intake.approximate')})` : ''}`],
          [t('cases.fields.placeType'), labelOf(PLACE_TYPE_LABELS, i.placeType, locale)],
          [t('cases.fields.acts'), i.acts.filter(isViolenceAct).map((act) => `${VIOLENCE_ACT_DEFINITIONS[act].point}) ${VIOLENCE_ACT_DEFINITIONS[act].short[locale]}`).join('\n')],
          [t('cases.gbvims.type'), [type ? GBVIMS_TYPE_LABELS[type][locale] : '', i.gbvimsOverrideReason].filter(Boolean).join(' — ')],
          [t('cases.fields.context'), labelOf(CASE_CONTEXT_LABELS, i.context, locale)],
          [t('cases.fields.injuries'), labelOf(INJURY_LEVEL_LABELS, i.injuries, locale)],
          [t('cases.fields.reportedToPolice'), yesNo(i.reportedToPolice)],
          [t('cases.fields.narrative'), i.narrative],
        ]}
      />
      <Section
        title={t('cases.intake.steps.perpetrators')}
        onEdit={() => onEdit('perpetrators')}
        rows={i.perpetrators.length === 0 ? [[t('cases.fields.perpetrators'), '—']] : i.perpetrators.map((p, index): [string, string] => [
          t('perpetrators.intake.perpetratorN', { n: index + 1 }),
          [
            [labelOf(PERPETRATOR_RELATIONSHIP_LABELS, p.relationship, locale), labelOf(PERSON_SEX_LABELS, p.sex, locale), p.ageYears && t('cases.intake.ageShort', { age: p.ageYears })].filter(Boolean).join(', '),
            p.mode === 'new' ? p.newPerpetrator.identity.fullName : p.mode === 'existing' ? p.chosenLabel : t('perpetrators.intake.review.unknown'),
          ]
            .filter(Boolean)
            .join('\n'),
        ])}
      />
    </Stack>
  );
}
