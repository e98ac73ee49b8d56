// The readable parts of a perpetrator record: risk factors (substance use, access to a weapon) with
// the commune of residence, the community-criticism hint of Law 13/2022, and the linked incidents on a
// timeline — only those of cases the user may see, with a word on how many others are hidden.
import {
  COMMUNE_LEVEL_KINDS,
  CRITICISM_CONDITION_LABELS,
  GBVIMS_TYPE_LABELS,
  PERPETRATOR_RELATIONSHIP_LABELS,
  PerpetratorPatch,
  SUBSTANCE_USE,
  SUBSTANCE_USE_LABELS,
  VIOLENCE_FORM_LABELS,
  WEAPON_ACCESS,
  WEAPON_ACCESS_LABELS,
  type PerpetratorDetail,
} from '@binhan/domain';
import { Alert, Anchor, Button, Card, Group, List, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DetailRow } from '../../../components/detail-row';
import { fieldError } from '../../../lib/form-errors';
import { formatDate, formatDateTime } from '../../../lib/format';
import { UnitSelect } from '../../admin-units/unit-select';
import { StatusBadge } from '../../cases/case-badges';
import { labelOptions, useLocale } from '../../cases/case-labels';
import { ActionModal } from '../../cases/case-page/action-modal';
import { blank, draftResolver } from '../../cases/draft-resolver';
import { SelectField } from '../../cases/form-fields';
import { updatePerpetrator } from '../perpetrators-api';
import { usePerpetratorMutation } from './perpetrator-mutation';

interface RiskDraft {
  unitId: string;
  substanceUse: string;
  weaponAccess: string;
}

function RiskModal({ detail, onClose }: { detail: PerpetratorDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useForm<RiskDraft, unknown, PerpetratorPatch>({
    resolver: draftResolver(
      () => PerpetratorPatch,
      (d) => ({ unitId: blank(d.unitId), substanceUse: blank(d.substanceUse), weaponAccess: blank(d.weaponAccess) }),
    ),
    defaultValues: { unitId: detail.unit.id, substanceUse: detail.substanceUse, weaponAccess: detail.weaponAccess },
  });
  const action = usePerpetratorMutation({
    perpetratorId: detail.id,
    form,
    send: (input) => updatePerpetrator(detail.id, input),
    isShown: (path) => ['unitId', 'substanceUse', 'weaponAccess'].includes(path),
    savedMessage: t('perpetrators.risk.saved'),
    onDone: onClose,
  });
  return (
    <ActionModal form={form} action={action} onClose={onClose} title={t('perpetrators.risk.modalTitle')} submitLabel={t('common.save')} size="md">
      <Controller
        control={form.control}
        name="unitId"
        render={({ field, fieldState }) => (
          <UnitSelect
            label={t('perpetrators.fields.unit')}
            required
            kinds={COMMUNE_LEVEL_KINDS}
            current={detail.unit}
            value={field.value === '' ? null : field.value}
            onChange={(value) => field.onChange(value ?? '')}
            error={fieldError(fieldState.error)}
          />
        )}
      />
      <SelectField name="substanceUse" label={t('perpetrators.fields.substanceUse')} required data={labelOptions(SUBSTANCE_USE_LABELS, SUBSTANCE_USE, locale)} allowDeselect={false} />
      <SelectField name="weaponAccess" label={t('perpetrators.fields.weaponAccess')} required data={labelOptions(WEAPON_ACCESS_LABELS, WEAPON_ACCESS, locale)} allowDeselect={false} />
    </ActionModal>
  );
}

export function RiskPanel({ detail }: { detail: PerpetratorDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [isEditing, setIsEditing] = useState(false);
  const risky = detail.substanceUse !== 'none' && detail.substanceUse !== 'unknown';
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="risk-title">
      <Group justify="space-between" gap="xs" mb="xs">
        <Title order={2} size="h5" id="risk-title">
          {t('perpetrators.risk.title')}
        </Title>
        {detail.canEdit && (
          <Button size="xs" variant="light" onClick={() => setIsEditing(true)}>
            {t('perpetrators.risk.edit')}
          </Button>
        )}
      </Group>
      <Table variant="vertical" layout="fixed" withRowBorders={false} verticalSpacing={2}>
        <Table.Tbody>
          <DetailRow label={t('perpetrators.fields.unit')} value={detail.unit.name} />
          <DetailRow
            label={t('perpetrators.fields.substanceUse')}
            value={
              <Text size="sm" fw={risky ? 700 : undefined} c={risky ? 'red.8' : undefined}>
                {SUBSTANCE_USE_LABELS[detail.substanceUse][locale]}
              </Text>
            }
          />
          <DetailRow
            label={t('perpetrators.fields.weaponAccess')}
            value={
              <Text size="sm" fw={detail.weaponAccess === 'yes' ? 700 : undefined} c={detail.weaponAccess === 'yes' ? 'red.8' : undefined}>
                {WEAPON_ACCESS_LABELS[detail.weaponAccess][locale]}
              </Text>
            }
          />
          <DetailRow label={t('perpetrators.page.totalIncidents')} value={String(detail.totalIncidents)} />
        </Table.Tbody>
      </Table>
      {isEditing && <RiskModal detail={detail} onClose={() => setIsEditing(false)} />}
    </Card>
  );
}

/** Law 13/2022 Art. 32: community criticism fits an adult with two or more violent acts in 12 months not sanctioned, or violent again after a sanction. */
export function CriticismHint({ detail }: { detail: PerpetratorDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rule = detail.criticismRule;
  const mark = (met: boolean | null) => (met === true ? t('perpetrators.criticism.met') : met === false ? t('perpetrators.criticism.notMet') : t('perpetrators.criticism.unknown'));
  return (
    <Alert
      color={rule.applies ? 'orange' : 'gray'}
      variant="light"
      title={rule.applies ? t('perpetrators.criticism.applies') : t('perpetrators.criticism.notApplies')}
      data-testid="criticism-hint"
    >
      <Stack gap={6}>
        <List size="sm" spacing={2}>
          {rule.reasons.map((reason) => (
            <List.Item key={reason.condition}>
              {CRITICISM_CONDITION_LABELS[reason.condition][locale]}:{' '}
              <Text span size="sm" fw={700} c={reason.met === true ? 'teal.9' : reason.met === false ? 'red.9' : undefined}>
                {mark(reason.met)}
              </Text>
              {reason.count !== undefined && ` (${t('perpetrators.criticism.count', { count: reason.count })})`}
            </List.Item>
          ))}
        </List>
        <Text size="xs">{t('perpetrators.criticism.law', { onDate: formatDate(rule.onDate), from: formatDate(rule.windowStart) })}</Text>
        {detail.hiddenIncidentCount > 0 && <Text size="xs">{t('perpetrators.criticism.allIncidents')}</Text>}
      </Stack>
    </Alert>
  );
}

export function IncidentsTimeline({ detail }: { detail: PerpetratorDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="incidents-title" data-testid="perpetrator-incidents">
      <Title order={2} size="h5" mb="sm" id="incidents-title">
        {t('perpetrators.incidents.title')}
      </Title>
      {detail.incidents.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('perpetrators.incidents.none')}
        </Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} active={detail.incidents.length - 1}>
          {detail.incidents.map((incident) => (
            <Timeline.Item
              key={incident.linkId}
              title={
                <Group gap="xs" wrap="wrap">
                  <Text size="sm" fw={700}>
                    {formatDateTime(incident.occurredAt)}
                  </Text>
                  <Anchor component={Link} to={`/cases/${incident.caseId}`} size="sm" fw={600}>
                    {t('perpetrators.incidents.case', { code: incident.caseCode })}
                  </Anchor>
                  <StatusBadge status={incident.caseStatus} size="sm" />
                </Group>
              }
            >
              <Text size="sm">{t('perpetrators.incidents.relationship', { relationship: PERPETRATOR_RELATIONSHIP_LABELS[incident.relationship][locale] })}</Text>
              <Text size="sm">{[incident.forms.map((form) => VIOLENCE_FORM_LABELS[form][locale]).join(', '), GBVIMS_TYPE_LABELS[incident.gbvimsType][locale]].filter(Boolean).join(' · ')}</Text>
              <Text size="xs" c="dimmed">
                {t('perpetrators.incidents.where', { unit: incident.incidentUnit.name })}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      {detail.hiddenIncidentCount > 0 && (
        <Alert color="gray" variant="light" mt="sm" data-testid="hidden-incidents">
          {t('perpetrators.incidents.hidden', { count: detail.hiddenIncidentCount })}
        </Alert>
      )}
    </Card>
  );
}
