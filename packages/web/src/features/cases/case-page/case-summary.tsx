// What is known about the case without the identity: detection, the survivor in aggregate terms,
// each incident and each risk assessment.
import {
  CASE_CONTEXT_LABELS,
  DETECTION_SOURCE_LABELS,
  ETHNICITIES,
  GBVIMS_TYPE_LABELS,
  IMMEDIATE_SAFETY_LABELS,
  INJURY_LEVEL_LABELS,
  PERPETRATOR_RELATIONSHIP_LABELS,
  PERSON_SEX_LABELS,
  PLACE_TYPE_LABELS,
  VIOLENCE_ACT_DEFINITIONS,
  VIOLENCE_FORM_LABELS,
  type CaseDetail,
} from '@binhan/domain';
import { Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import type { CaseConfig } from '../cases-api';
import { RiskBadge } from '../case-badges';
import { useLocale } from '../case-labels';

function Rows({ rows }: { rows: Array<[string, ReactNode]> }) {
  return (
    <Table variant="vertical" layout="fixed" withRowBorders={false} verticalSpacing={2}>
      <Table.Tbody>
        {rows
          .filter(([, value]) => value !== '' && value !== null)
          .map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w="40%" style={{ verticalAlign: 'top' }}>
                <Text size="sm">{label}</Text>
              </Table.Th>
              <Table.Td>
                <Text size="sm" component="div" style={{ wordBreak: 'break-word', whiteSpace: 'pre-wrap' }}>
                  {value}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
      </Table.Tbody>
    </Table>
  );
}

export function CaseSummary({ detail, config }: { detail: CaseDetail; config: CaseConfig | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const s = detail.survivor;
  const yesNo = (value: boolean) => (value ? t('cases.gbvims.yes') : t('cases.gbvims.no'));
  const itemLabel = (code: string) => config?.riskChecklist.items.find((item) => item.code === code)?.[locale] ?? code;

  return (
    <Stack gap="sm">
      <Card withBorder padding="sm">
        <Title order={2} size="h5" mb="xs">
          {t('cases.page.detection')}
        </Title>
        <Rows
          rows={[
            [t('cases.fields.detectedAt'), formatDateTime(detail.detectedAt)],
            [t('cases.fields.detectionSource'), DETECTION_SOURCE_LABELS[detail.detectionSource][locale]],
            [t('cases.page.receivedBy'), detail.receivedBy?.displayName ?? ''],
            [t('cases.fields.sex'), PERSON_SEX_LABELS[s.sex][locale]],
            [t('cases.page.ageGroup'), t(`cases.ageGroups.${s.ageGroup}`)],
            [t('cases.fields.ethnicity'), ETHNICITIES.find((e) => e.code === s.ethnicityCode)?.[locale] ?? ''],
            [t('cases.fields.disability'), yesNo(s.hasDisability)],
          ]}
        />
      </Card>
      {detail.incidents.map((incident, index) => (
        <Card key={incident.id} withBorder padding="sm">
          <Title order={2} size="h5" mb="xs">
            {t('cases.page.incidentN', { n: index + 1 })}
          </Title>
          <Rows
            rows={[
              [t('cases.fields.occurredAt'), formatDateTime(incident.occurredAt)],
              [t('cases.fields.placeType'), PLACE_TYPE_LABELS[incident.placeType][locale]],
              [t('cases.fields.acts'), incident.acts.map((act) => `${VIOLENCE_ACT_DEFINITIONS[act].point}) ${VIOLENCE_ACT_DEFINITIONS[act].short[locale]}`).join('\n')],
              [t('cases.page.forms'), incident.forms.map((form) => VIOLENCE_FORM_LABELS[form][locale]).join(', ')],
              [t('cases.gbvims.type'), [GBVIMS_TYPE_LABELS[incident.gbvimsType][locale], incident.overrideReason].filter(Boolean).join(' — ')],
              [t('cases.fields.context'), CASE_CONTEXT_LABELS[incident.context][locale]],
              [t('cases.fields.injuries'), INJURY_LEVEL_LABELS[incident.injuries][locale]],
              [t('cases.fields.reportedToPolice'), yesNo(incident.reportedToPolice)],
              [
                t('cases.fields.perpetrators'),
                (incident.perpetrators ?? [])
                  .map((p) => [PERPETRATOR_RELATIONSHIP_LABELS[p.relationship][locale], PERSON_SEX_LABELS[p.sex][locale], p.ageYears === undefined ? '' : t('cases.intake.ageShort', { age: p.ageYears })].filter(Boolean).join(', '))
                  .join('\n'),
              ],
              [t('cases.fields.narrative'), incident.narrative ?? ''],
            ]}
          />
        </Card>
      ))}
      {detail.riskAssessments.map((assessment) => (
        <Card key={assessment.id} withBorder padding="sm">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h5">
              {t('cases.page.assessment', { at: formatDateTime(assessment.assessedAt) })}
            </Title>
            <RiskBadge level={assessment.level} />
          </Group>
          <Rows
            rows={[
              [t('cases.page.assessedBy'), assessment.assessedBy?.displayName ?? ''],
              [t('cases.riskForm.scoreLabel'), String(assessment.score)],
              [t('cases.riskForm.immediateSafety'), IMMEDIATE_SAFETY_LABELS[assessment.immediateSafety][locale]],
              [t('cases.page.riskYes'), Object.entries(assessment.answers).filter(([, yes]) => yes).map(([code]) => itemLabel(code)).join('\n')],
            ]}
          />
        </Card>
      ))}
    </Stack>
  );
}
