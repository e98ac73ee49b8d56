// Người có hành vi bạo lực on the case page: each person linked to an incident of the case, with the
// relationship, whether they were counselled, the handling measures in force and a link to their page;
// and the dialogs to add a person to an incident (found or new), correct the relationship, or remove
// a link made by mistake.
import {
  PERPETRATOR_MEASURE_LABELS,
  PERPETRATOR_MEASURE_STATUS_LABELS,
  PERPETRATOR_RELATIONSHIP_LABELS,
  PERPETRATOR_RELATIONSHIPS,
  PERSON_SEX_LABELS,
  PERSON_SEXES,
  PerpetratorLinkInput,
  PerpetratorLinkPatch,
  type CaseDetail,
  type CasePerpetratorView,
} from '@binhan/domain';
import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../../app/session/session-context';
import { ConfirmButton } from '../../../components/confirm-button';
import { formatDate, formatDateTime } from '../../../lib/format';
import { labelOptions, useLocale } from '../../cases/case-labels';
import { ActionModal } from '../../cases/case-page/action-modal';
import { SectionCard } from '../../cases/case-page/section-card';
import { blank, draftResolver, numberOrUndefined } from '../../cases/draft-resolver';
import { NumberField, SelectField } from '../../cases/form-fields';
import { emptyPerpetrator, toPerpetratorLink, type PerpetratorDraft } from '../../cases/incident/incident-draft';
import { PerpetratorIdentityChoice } from '../identity/identity-choice';
import { CriticismBadge, RepeatBadge, usePersonLine } from '../perpetrator-badges';
import { changeLink, linkPerpetrator, perpetratorKeys, unlinkPerpetrator, useCasePerpetrators } from '../perpetrators-api';
import { usePerpetratorMutation } from '../page/perpetrator-mutation';

interface LinkDraft {
  incidentId: string;
  entry: PerpetratorDraft;
}

/** Issues of the link route name the entry's fields; the identity's sex is the entry's, a refused token sits on the chooser. */
function linkPath(path: string): string {
  return `entry.${path}`
    .replace(/^entry\.newPerpetrator\.identity\.(sex|ageYears)$/, 'entry.$1')
    .replace(/^(entry\.newPerpetrator\.identity\.otherNames)\.\d+$/, '$1')
    .replace(/^entry\.linkToken$/, 'entry.perpetratorId');
}

const LINK_FIELD = /^entry\.(relationship|sex|ageYears|perpetratorId|newPerpetrator\.(substanceUse|weaponAccess|identity\.(fullName|otherNames|dateOfBirth|ethnicityCode|cccd|phone|address|occupation)))$/;

function useIncidentChoices(detail: CaseDetail) {
  const { t } = useTranslation();
  return detail.incidents.map((incident, index) => ({ value: incident.id, label: t('perpetrators.casePanel.incidentOption', { n: index + 1, at: formatDateTime(incident.occurredAt) }) }));
}

function LinkModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const incidents = useIncidentChoices(detail);
  const form = useForm<LinkDraft, unknown, PerpetratorLinkInput>({
    resolver: draftResolver(
      () => PerpetratorLinkInput,
      (d) => ({ relationship: blank(d.entry.relationship), ageYears: numberOrUndefined(d.entry.ageYears), ...toPerpetratorLink(d.entry) }),
      (path) => (path.startsWith('entry.') ? path : linkPath(path)),
    ),
    defaultValues: { incidentId: incidents.at(-1)?.value ?? '', entry: emptyPerpetrator('existing') },
  });
  const action = usePerpetratorMutation({
    perpetratorId: '',
    form,
    send: (input) => linkPerpetrator(detail.id, form.getValues('incidentId'), input),
    isShown: (path) => path === 'incidentId' || LINK_FIELD.test(path),
    mapPath: linkPath,
    savedMessage: t('perpetrators.casePanel.saved'),
    onDone: (result) => {
      if (typeof result === 'object' && result !== null && 'items' in result) queryClient.setQueryData(perpetratorKeys.ofCase(detail.id), (result as { items: CasePerpetratorView[] }).items);
      onClose();
    },
  });
  const mode = useWatch({ control: form.control, name: 'entry.mode' });
  return (
    <ActionModal form={form} action={action} onClose={onClose} title={t('perpetrators.casePanel.modalTitle')} submitLabel={t('common.save')}>
      <SelectField name="incidentId" label={t('perpetrators.casePanel.incidentField')} required allowDeselect={false} data={incidents} />
      <SelectField name="entry.relationship" label={t('perpetrators.fields.relationship')} required data={labelOptions(PERPETRATOR_RELATIONSHIP_LABELS, PERPETRATOR_RELATIONSHIPS, locale)} />
      <Group gap="xs" grow align="flex-start">
        {mode === 'new' && <SelectField name="entry.sex" label={t('perpetrators.fields.sex')} required data={labelOptions(PERSON_SEX_LABELS, PERSON_SEXES, locale)} />}
        <NumberField name="entry.ageYears" label={t('perpetrators.intake.ageAtIncident')} min={0} max={120} />
      </Group>
      <PerpetratorIdentityChoice name="entry" allowUnknown={false} />
    </ActionModal>
  );
}

interface LinkEditDraft {
  relationship: string;
  ageYears: string;
}

function LinkEditModal({ detail, item, onClose }: { detail: CaseDetail; item: CasePerpetratorView; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const before = { relationship: item.relationship, ageYears: item.ageYears === null ? '' : String(item.ageYears) };
  const form = useForm<LinkEditDraft, unknown, PerpetratorLinkPatch>({
    resolver: draftResolver(
      () => PerpetratorLinkPatch,
      (d) => ({
        relationship: d.relationship !== before.relationship ? blank(d.relationship) : undefined,
        ageYears: d.ageYears !== before.ageYears ? (numberOrUndefined(d.ageYears) ?? null) : undefined,
      }),
    ),
    defaultValues: before,
  });
  const action = usePerpetratorMutation({
    perpetratorId: item.perpetratorId,
    form,
    send: (input) => changeLink(detail.id, item.incidentId, item.perpetratorId, input),
    isShown: (path) => path === 'relationship' || path === 'ageYears',
    savedMessage: t('perpetrators.casePanel.linkSaved'),
    onDone: (result) => {
      if (typeof result === 'object' && result !== null && 'items' in result) queryClient.setQueryData(perpetratorKeys.ofCase(detail.id), (result as { items: CasePerpetratorView[] }).items);
      onClose();
    },
  });
  return (
    <ActionModal form={form} action={action} onClose={onClose} title={t('perpetrators.casePanel.editLinkTitle')} submitLabel={t('common.save')} size="md">
      <Text size="sm" fw={700}>
        {item.code}
      </Text>
      <SelectField name="relationship" label={t('perpetrators.fields.relationship')} required allowDeselect={false} data={labelOptions(PERPETRATOR_RELATIONSHIP_LABELS, PERPETRATOR_RELATIONSHIPS, locale)} />
      <NumberField name="ageYears" label={t('perpetrators.intake.ageAtIncident')} min={0} max={120} w={200} />
    </ActionModal>
  );
}

function LinkedPerson({ detail, item, canWrite, onEdit }: { detail: CaseDetail; item: CasePerpetratorView; canWrite: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const personLine = usePersonLine();
  const incidentIndex = detail.incidents.findIndex((incident) => incident.id === item.incidentId);
  return (
    <Paper withBorder p="xs" data-testid="case-perpetrator">
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" align="flex-start">
          <Anchor component={Link} to={`/perpetrators/${item.perpetratorId}`} fw={700} size="sm" aria-label={t('perpetrators.casePanel.open', { code: item.code })}>
            {item.code}
          </Anchor>
          <Group gap={4}>
            {item.isRepeat && <RepeatBadge size="sm" />}
            {item.criticismApplies && <CriticismBadge size="sm" />}
          </Group>
        </Group>
        <Text size="sm">
          {[
            incidentIndex >= 0 ? t('perpetrators.casePanel.incident', { n: incidentIndex + 1 }) : '',
            PERPETRATOR_RELATIONSHIP_LABELS[item.relationship][locale],
            personLine(item),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        <Text size="xs" c="dimmed">
          {[
            item.isRepeat ? t('perpetrators.casePanel.totalIncidents', { count: item.totalIncidents }) : '',
            item.counselled && item.lastCounsellingOn ? t('perpetrators.casePanel.counselledOn', { date: formatDate(item.lastCounsellingOn) }) : t('perpetrators.casePanel.notCounselled'),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {item.currentMeasures.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('perpetrators.casePanel.noMeasures')}
          </Text>
        ) : (
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {t('perpetrators.casePanel.currentMeasures')}:
            </Text>
            {item.currentMeasures.map((measure) => (
              <Group key={measure.id} gap={6}>
                <Text size="sm">
                  {PERPETRATOR_MEASURE_LABELS[measure.type][locale]} — {formatDate(measure.decidedOn)}
                </Text>
                <Badge size="sm" variant="light">
                  {PERPETRATOR_MEASURE_STATUS_LABELS[measure.status][locale]}
                </Badge>
              </Group>
            ))}
          </Stack>
        )}
        {canWrite && (
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="subtle" onClick={onEdit}>
              {t('perpetrators.casePanel.editLink')}
            </Button>
            <ConfirmButton
              size="xs"
              variant="subtle"
              color="red"
              label={t('perpetrators.casePanel.unlink')}
              message={t('perpetrators.casePanel.unlinkConfirm', { code: item.code })}
              onConfirm={async () => {
                const result = await unlinkPerpetrator(detail.id, item.incidentId, item.perpetratorId);
                queryClient.setQueryData(perpetratorKeys.ofCase(detail.id), result.items);
                void queryClient.invalidateQueries({ queryKey: ['cases'] });
                void queryClient.invalidateQueries({ queryKey: perpetratorKeys.all });
                void queryClient.invalidateQueries({ queryKey: ['indicators'] });
                notifications.show({ color: 'teal', message: t('perpetrators.casePanel.unlinked') });
              }}
            />
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

export function CasePerpetratorsPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const perpetrators = useCasePerpetrators(detail.id);
  const [dialog, setDialog] = useState<{ kind: 'link' } | { kind: 'edit'; item: CasePerpetratorView } | null>(null);
  const canWrite = detail.canEdit && can('cases.write') && detail.status !== 'closed' && detail.incidents.length > 0;
  const close = () => setDialog(null);
  return (
    <>
      <SectionCard
        title={t('perpetrators.casePanel.title')}
        testId="case-perpetrators"
        addLabel={t('perpetrators.casePanel.add')}
        onAdd={canWrite ? () => setDialog({ kind: 'link' }) : undefined}
        query={perpetrators}
        empty={t('perpetrators.casePanel.none')}
      >
        {(items) => items.map((item) => <LinkedPerson key={item.linkId} detail={detail} item={item} canWrite={canWrite} onEdit={() => setDialog({ kind: 'edit', item })} />)}
      </SectionCard>
      {dialog?.kind === 'link' && <LinkModal detail={detail} onClose={close} />}
      {dialog?.kind === 'edit' && <LinkEditModal detail={detail} item={dialog.item} onClose={close} />}
    </>
  );
}
