// Tư vấn: the counselling sessions of a perpetrator, newest first, and the dialog to record one or to
// correct it. The outcome notes are encrypted and shown only to officers of the recording area.
import {
  COUNSELLING_ATTENDANCE,
  COUNSELLING_ATTENDANCE_LABELS,
  COUNSELLING_TOPIC_LABELS,
  COUNSELLING_TOPICS,
  CounsellingPatch,
  makeCounsellingSchema,
  type CounsellingCreate,
  type CounsellingView,
  type PerpetratorDetail,
} from '@binhan/domain';
import { Anchor, Badge, Button, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../../app/session/session-context';
import { ConfirmButton } from '../../../components/confirm-button';
import { formatDate, formatDateTime, todayIso } from '../../../lib/format';
import { labelOptions, useLocale } from '../../cases/case-labels';
import { ActionModal } from '../../cases/case-page/action-modal';
import { Line } from '../../cases/case-page/section-card';
import { blank, draftResolver } from '../../cases/draft-resolver';
import { DateFieldBound, SegmentedField, SelectField, TextAreaField, TextField } from '../../cases/form-fields';
import { addCounselling, changeCounselling, deleteCounselling, perpetratorKeys } from '../perpetrators-api';
import { usePerpetratorMutation } from './perpetrator-mutation';

interface CounsellingDraft {
  heldOn: string;
  counsellor: string;
  topic: string;
  topicNote: string;
  attendance: string;
  outcome: string;
  incidentId: string;
}

const FIELDS = ['heldOn', 'counsellor', 'topic', 'topicNote', 'attendance', 'outcome', 'incidentId'];
const ATTENDANCE_COLOURS = { attended: 'teal', absent: 'gray', refused: 'red' } as const;

/** The incidents the user may see, as choices: "dd/mm/yyyy — Hồ sơ …". */
export function useIncidentOptions(detail: PerpetratorDetail) {
  const { t } = useTranslation();
  return detail.incidents.map((incident) => ({ value: incident.incidentId, label: `${formatDate(incident.occurredAt)} — ${t('perpetrators.incidents.case', { code: incident.caseCode })}` }));
}

/** A correction sends only what changed; a cleared note is null. */
function counsellingChanges(d: CounsellingDraft, session: CounsellingView, mayReadOutcome: boolean): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (d.heldOn !== session.heldOn) changes.heldOn = d.heldOn;
  if (d.counsellor !== session.counsellor) changes.counsellor = d.counsellor;
  if (d.topic !== session.topic) changes.topic = blank(d.topic);
  if (d.topicNote !== (session.topicNote ?? '')) changes.topicNote = blank(d.topicNote) ?? null;
  if (d.attendance !== session.attendance) changes.attendance = blank(d.attendance);
  if (mayReadOutcome && d.outcome !== (session.outcome ?? '')) changes.outcome = blank(d.outcome) ?? null;
  return changes;
}

function CounsellingModal({ detail, session, onClose }: { detail: PerpetratorDetail; session: CounsellingView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { can } = useSession();
  const incidents = useIncidentOptions(detail);
  const mayReadOutcome = can('cases.identify');
  const form = useForm<CounsellingDraft, unknown, CounsellingCreate | CounsellingPatch>({
    resolver:
      session === null
        ? draftResolver<CounsellingDraft, CounsellingCreate | CounsellingPatch>(
            () => makeCounsellingSchema(new Date()),
            (d) => ({
              heldOn: d.heldOn,
              counsellor: d.counsellor,
              topic: blank(d.topic),
              topicNote: d.topic === 'other' ? blank(d.topicNote) : undefined,
              attendance: blank(d.attendance),
              outcome: blank(d.outcome),
              incidentId: blank(d.incidentId),
            }),
          )
        : draftResolver<CounsellingDraft, CounsellingCreate | CounsellingPatch>(() => CounsellingPatch, (d) => counsellingChanges(d, session, mayReadOutcome)),
    defaultValues: session
      ? { heldOn: session.heldOn, counsellor: session.counsellor, topic: session.topic, topicNote: session.topicNote ?? '', attendance: session.attendance, outcome: session.outcome ?? '', incidentId: session.case?.incidentId ?? '' }
      : { heldOn: todayIso(), counsellor: '', topic: '', topicNote: '', attendance: 'attended', outcome: '', incidentId: detail.incidents.length === 1 ? (detail.incidents[0]?.incidentId ?? '') : '' },
  });
  const action = usePerpetratorMutation({
    perpetratorId: detail.id,
    form,
    send: (input) => (session === null ? addCounselling(detail.id, input as CounsellingCreate) : changeCounselling(detail.id, session.id, input)),
    isShown: (path) => FIELDS.includes(path),
    savedMessage: session === null ? t('perpetrators.counselling.saved') : t('perpetrators.counselling.updated'),
    onDone: onClose,
  });
  const topic = useWatch({ control: form.control, name: 'topic' });
  return (
    <ActionModal form={form} action={action} onClose={onClose} title={session === null ? t('perpetrators.counselling.modalTitle') : t('perpetrators.counselling.editTitle')} submitLabel={t('common.save')}>
      <DateFieldBound name="heldOn" label={t('perpetrators.counselling.heldOn')} required />
      <TextField name="counsellor" label={t('perpetrators.counselling.counsellor')} description={t('perpetrators.counselling.counsellorHint')} required />
      <SelectField name="topic" label={t('perpetrators.counselling.topic')} required data={labelOptions(COUNSELLING_TOPIC_LABELS, COUNSELLING_TOPICS, locale)} />
      {topic === 'other' && <TextField name="topicNote" label={t('perpetrators.counselling.topicNote')} required />}
      <SegmentedField name="attendance" label={t('perpetrators.counselling.attendance')} required stackOnPhone data={labelOptions(COUNSELLING_ATTENDANCE_LABELS, COUNSELLING_ATTENDANCE, locale)} />
      {session === null && incidents.length > 0 && (
        <SelectField name="incidentId" label={t('perpetrators.counselling.incident')} description={t('perpetrators.counselling.incidentHint')} clearable data={incidents} />
      )}
      {mayReadOutcome && <TextAreaField name="outcome" label={t('perpetrators.counselling.outcome')} description={t('perpetrators.counselling.outcomeHint')} minRows={3} />}
    </ActionModal>
  );
}

function SessionItem({ perpetratorId, session, onEdit }: { perpetratorId: string; session: CounsellingView; onEdit: (() => void) | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  return (
    <Paper withBorder p="xs" data-testid="counselling-item">
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" align="flex-start">
          <Text size="sm" fw={700} style={{ flex: '1 1 12rem' }}>
            {formatDate(session.heldOn)} — {session.topic === 'other' && session.topicNote ? session.topicNote : COUNSELLING_TOPIC_LABELS[session.topic][locale]}
          </Text>
          <Badge color={ATTENDANCE_COLOURS[session.attendance]} variant="light">
            {COUNSELLING_ATTENDANCE_LABELS[session.attendance][locale]}
          </Badge>
        </Group>
        <Line label={t('perpetrators.counselling.counsellor')}>{session.counsellor}</Line>
        {session.outcome !== null && <Line label={t('perpetrators.counselling.outcome')}>{session.outcome}</Line>}
        {session.case && (
          <Line label={t('perpetrators.counselling.incident')}>
            <Anchor component={Link} to={`/cases/${session.case.caseId}`} size="sm">
              {t('perpetrators.incidents.case', { code: session.case.caseCode })}
            </Anchor>
          </Line>
        )}
        <Text size="xs" c="dimmed">
          {t('perpetrators.counselling.by', { unit: session.unit.name, name: session.createdBy?.displayName ?? '—' })} · {formatDateTime(session.createdAt)}
        </Text>
        {onEdit && (
          <Group justify="flex-end" gap="xs">
            <ConfirmButton
              size="xs"
              variant="subtle"
              color="red"
              label={t('perpetrators.counselling.delete')}
              title={t('perpetrators.counselling.deleteTitle')}
              message={t('perpetrators.counselling.deleteConfirm', { date: formatDate(session.heldOn) })}
              onConfirm={async () => {
                const detail = await deleteCounselling(perpetratorId, session.id);
                queryClient.setQueryData(perpetratorKeys.detail(perpetratorId), detail);
                void queryClient.invalidateQueries({ queryKey: perpetratorKeys.all });
                void queryClient.invalidateQueries({ queryKey: ['cases'] });
                void queryClient.invalidateQueries({ queryKey: ['indicators'] });
                notifications.show({ color: 'teal', message: t('perpetrators.counselling.deleted') });
              }}
            />
            <Button size="xs" variant="light" onClick={onEdit} aria-label={`${t('perpetrators.counselling.edit')}: ${formatDate(session.heldOn)}`}>
              {t('perpetrators.counselling.edit')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

export function CounsellingPanel({ detail }: { detail: PerpetratorDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [dialog, setDialog] = useState<{ session: CounsellingView | null } | null>(null);
  // A record of another commune can still be counselled for an incident of the user's own area.
  const canAdd = can('cases.write') && (detail.canEdit || detail.incidents.length > 0);
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="counselling-title" data-testid="counselling-panel">
      <Group justify="space-between" gap="xs" mb="xs" wrap="wrap">
        <Title order={2} size="h5" id="counselling-title">
          {t('perpetrators.counselling.title')}
        </Title>
        {canAdd && (
          <Button size="xs" variant="light" onClick={() => setDialog({ session: null })}>
            {t('perpetrators.counselling.add')}
          </Button>
        )}
      </Group>
      {detail.counselling.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('perpetrators.counselling.none')}
        </Text>
      ) : (
        <Stack gap="xs">
          {detail.counselling.map((session) => (
            <SessionItem key={session.id} perpetratorId={detail.id} session={session} onEdit={session.canEdit ? () => setDialog({ session }) : null} />
          ))}
        </Stack>
      )}
      {dialog && <CounsellingModal detail={detail} session={dialog.session} onClose={() => setDialog(null)} />}
    </Card>
  );
}
