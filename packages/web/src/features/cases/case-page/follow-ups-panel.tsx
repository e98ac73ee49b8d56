// Theo dõi, thăm hỏi sau hỗ trợ: each contact with the survivor after support — how, whether she is
// safe, whether violence recurred, new needs — and when to follow up next.
import {
  FOLLOW_UP_METHOD_LABELS,
  FOLLOW_UP_METHODS,
  makeFollowUpSchema,
  SUPPORT_SERVICE_TYPE_LABELS,
  SUPPORT_SERVICE_TYPES,
  SURVIVOR_SAFETY,
  SURVIVOR_SAFETY_LABELS,
  type CaseDetail,
  type FollowUpCreate,
} from '@binhan/domain';
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session/session-context';
import { formatDate, formatDateTime } from '../../../lib/format';
import { labelOptions, useLocale } from '../case-labels';
import { nowInstant } from '../case-time';
import { blank, draftResolver } from '../draft-resolver';
import { CheckboxGroupField, DateFieldBound, DateTimeFieldBound, SegmentedField, SelectField, TextAreaField } from '../form-fields';
import { addFollowUp, useFollowUps, type FollowUpView } from '../services-api';
import { ActionModal, useCaseMutation } from './action-modal';
import { Line, SectionCard } from './section-card';

const SAFE_COLOURS = { yes: 'teal', no: 'red', unknown: 'gray' } as const;

function FollowUpItem({ item }: { item: FollowUpView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Paper withBorder p="xs">
      <Stack gap={4}>
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={700}>
            {formatDateTime(item.contactedAt)} · {FOLLOW_UP_METHOD_LABELS[item.method][locale]}
          </Text>
          <Group gap={4}>
            {(item as { pending?: boolean }).pending === true && (
              <Badge color="orange" variant="outline">
                {t('offline.pending')}
              </Badge>
            )}
            <Badge color={SAFE_COLOURS[item.survivorSafe]} variant="light">
              {SURVIVOR_SAFETY_LABELS[item.survivorSafe][locale]}
            </Badge>
            {item.violenceRecurred && (
              <Badge color="red" variant="filled">
                {t('cases.followUp.recurredBadge')}
              </Badge>
            )}
          </Group>
        </Group>
        {item.newNeeds.length > 0 && <Line label={t('cases.followUp.newNeeds')}>{item.newNeeds.map((code) => SUPPORT_SERVICE_TYPE_LABELS[code][locale]).join('; ')}</Line>}
        {item.nextFollowUpOn && <Line label={t('cases.followUp.next')}>{formatDate(item.nextFollowUpOn)}</Line>}
        {item.note && <Line label={t('cases.followUp.note')}>{item.note}</Line>}
        {item.createdBy && (
          <Text size="xs" c="dimmed">
            {item.createdBy.displayName}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

export function FollowUpsPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const followUps = useFollowUps(detail.id);
  const [open, setOpen] = useState(false);
  const canWrite = detail.canEdit && can('cases.write') && detail.status !== 'closed';
  return (
    <>
      <SectionCard title={t('cases.followUp.title')} testId="follow-ups-panel" addLabel={t('cases.followUp.add')} onAdd={canWrite ? () => setOpen(true) : undefined} query={followUps} empty={t('cases.followUp.none')}>
        {(items) => items.map((item) => <FollowUpItem key={item.id} item={item} />)}
      </SectionCard>
      {open && <FollowUpModal detail={detail} onClose={() => setOpen(false)} />}
    </>
  );
}

interface FollowUpDraft {
  contactedAt: string;
  method: string;
  survivorSafe: string;
  violenceRecurred: string;
  newNeeds: string[];
  note: string;
  nextFollowUpOn: string;
}

const FIELDS = ['contactedAt', 'method', 'survivorSafe', 'violenceRecurred', 'newNeeds', 'note', 'nextFollowUpOn'];

function FollowUpModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useForm<FollowUpDraft, unknown, FollowUpCreate>({
    resolver: draftResolver(
      () => makeFollowUpSchema(new Date()),
      (d) => ({
        contactedAt: d.contactedAt,
        method: blank(d.method),
        survivorSafe: blank(d.survivorSafe),
        violenceRecurred: d.violenceRecurred === 'yes' ? true : d.violenceRecurred === 'no' ? false : undefined,
        newNeeds: d.newNeeds,
        note: blank(d.note),
        nextFollowUpOn: blank(d.nextFollowUpOn),
      }),
    ),
    defaultValues: { contactedAt: nowInstant(), method: '', survivorSafe: '', violenceRecurred: '', newNeeds: [], note: '', nextFollowUpOn: '' },
  });
  const action = useCaseMutation({
    caseId: detail.id,
    form,
    send: (input) => addFollowUp(detail.id, input),
    isShown: (path) => FIELDS.includes(path),
    savedMessage: t('cases.followUp.saved'),
    onDone: onClose,
  });
  const yesNo = [
    { value: 'no', label: t('cases.gbvims.no') },
    { value: 'yes', label: t('cases.gbvims.yes') },
  ];
  return (
    <ActionModal form={form} action={action} onClose={onClose} title={t('cases.followUp.modalTitle')} submitLabel={t('common.save')}>
      <DateTimeFieldBound name="contactedAt" label={t('cases.followUp.contactedAt')} />
      <SelectField name="method" label={t('cases.followUp.method')} required data={labelOptions(FOLLOW_UP_METHOD_LABELS, FOLLOW_UP_METHODS, locale)} />
      <SegmentedField name="survivorSafe" label={t('cases.followUp.safe')} required data={labelOptions(SURVIVOR_SAFETY_LABELS, SURVIVOR_SAFETY, locale)} />
      <SegmentedField name="violenceRecurred" label={t('cases.followUp.recurred')} required data={yesNo} />
      <CheckboxGroupField name="newNeeds" label={t('cases.followUp.newNeeds')} description={t('cases.followUp.newNeedsHint')} data={labelOptions(SUPPORT_SERVICE_TYPE_LABELS, SUPPORT_SERVICE_TYPES, locale)} />
      <TextAreaField name="note" label={t('cases.followUp.note')} />
      <DateFieldBound name="nextFollowUpOn" label={t('cases.followUp.next')} description={t('cases.followUp.nextHint')} />
    </ActionModal>
  );
}
