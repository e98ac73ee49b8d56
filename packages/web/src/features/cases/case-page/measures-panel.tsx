// Biện pháp ngăn chặn, bảo vệ (Law 13/2022 Art. 22): the banner of no-contact orders in force (and of a
// chairman's decision still due) at the top of the case, the list with each measure's term, and the
// dialogs to record a measure and to move it on (decide, end, revoke, record a breach).
import {
  checkMeasureDuration,
  ISSUE_MESSAGES,
  IsoInstant,
  measureNeedsEnd,
  makeProtectionMeasureSchema,
  MEASURE_ISSUER_LABELS,
  MEASURE_ISSUERS,
  MEASURE_STATUS_LABELS,
  optionalText,
  PROTECTION_MEASURE_LABELS,
  PROTECTION_MEASURE_TYPES,
  type CaseDetail,
  type MeasureStatus,
  type ProtectionMeasureCreate,
} from '@binhan/domain';
import { Alert, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import i18n from 'i18next';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useSession } from '../../../app/session/session-context';
import { formatDateTime, formatDayTime } from '../../../lib/format';
import { labelOptions, useLocale } from '../case-labels';
import { nowInstant, useNow } from '../case-time';
import { blank, draftResolver } from '../draft-resolver';
import { DateTimeFieldBound, SegmentedField, SelectField, TextAreaField, TextField } from '../form-fields';
import { addMeasure, changeMeasure, useMeasures, type MeasureStatusChange, type MeasureView } from '../services-api';
import { ActionModal, useCaseMutation } from './action-modal';
import { Line, SectionCard } from './section-card';

const STATUS_COLOURS: Readonly<Record<MeasureStatus, string>> = { requested: 'yellow', in_effect: 'red', breached: 'grape', ended: 'gray', revoked: 'gray' };

/** Shown under the case header: orders protecting the survivor now, and decisions the law puts a deadline on. */
export function ActiveMeasuresBanner({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const measures = useMeasures(caseId);
  const items = measures.data ?? [];
  const noContact = items.filter((m) => m.isActive && m.type === 'no_contact');
  const otherActive = items.filter((m) => m.isActive && m.type !== 'no_contact');
  const due = items.filter((m) => m.status === 'requested' && m.decisionDueAt !== null);
  const now = useNow(30_000);
  if (noContact.length === 0 && otherActive.length === 0 && due.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="active-measures">
      {noContact.map((m) => (
        <Alert key={m.id} color="red" variant="filled" title={m.expiresAt ? t('cases.measure.activeNoContact', { until: formatDayTime(m.expiresAt) }) : t('cases.measure.activeNoContactOpen')}>
          {[MEASURE_ISSUER_LABELS[m.issuer][locale], m.decisionNumber ? t('cases.measure.decisionNo', { number: m.decisionNumber }) : '', m.status === 'breached' ? MEASURE_STATUS_LABELS.breached[locale] : ''].filter(Boolean).join(' · ')}
        </Alert>
      ))}
      {due.map((m) => {
        const overdue = m.decisionDueAt !== null && Date.parse(m.decisionDueAt) < now;
        return (
          <Alert key={m.id} color={overdue ? 'red' : 'orange'} variant="light" title={t('cases.measure.decisionDue', { at: formatDateTime(m.decisionDueAt) })}>
            {t('cases.measure.requestedBanner', { type: PROTECTION_MEASURE_LABELS[m.type][locale], issuer: MEASURE_ISSUER_LABELS[m.issuer][locale] })}
            {overdue && ` — ${t('cases.measure.decisionOverdue')}`}
          </Alert>
        );
      })}
      {otherActive.length > 0 && (
        <Text size="sm" fw={600}>
          {t('cases.measure.otherActive', { list: otherActive.map((m) => PROTECTION_MEASURE_LABELS[m.type][locale]).join('; ') })}
        </Text>
      )}
    </Stack>
  );
}

function MeasureItem({ measure, onChange }: { measure: MeasureView; onChange: (() => void) | null }) {
  const { t } = useTranslation();
  const now = useNow(60_000);
  const locale = useLocale();
  const label = PROTECTION_MEASURE_LABELS[measure.type];
  return (
    <Paper withBorder p="xs">
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" align="flex-start">
          <Text size="sm" fw={700} style={{ flex: '1 1 12rem' }}>
            {`${label.point}) ${label[locale]}`}
          </Text>
          <Group gap={4}>
            <Badge color={STATUS_COLOURS[measure.status]} variant={measure.isActive ? 'filled' : 'light'}>
              {MEASURE_STATUS_LABELS[measure.status][locale]}
            </Badge>
            {measure.status === 'in_effect' && !measure.isActive && (
              <Badge color="gray" variant="outline">
                {t(Date.parse(measure.startsAt) > now ? 'cases.measure.notStarted' : 'cases.measure.expired')}
              </Badge>
            )}
          </Group>
        </Group>
        <Line label={t('cases.measure.issuer')}>{MEASURE_ISSUER_LABELS[measure.issuer][locale]}</Line>
        {measure.decisionNumber && <Line label={t('cases.measure.decisionNumber')}>{measure.decisionNumber}</Line>}
        {measure.requestedAt && <Line label={t('cases.measure.requestedAt')}>{formatDateTime(measure.requestedAt)}</Line>}
        {measure.decisionDueAt && <Line label={t('cases.measure.decisionDueLabel')}>{formatDateTime(measure.decisionDueAt)}</Line>}
        {measure.decidedAt && <Line label={t('cases.measure.decidedAt')}>{formatDateTime(measure.decidedAt)}</Line>}
        <Line label={t('cases.measure.term')}>{measure.endsAt ? t('cases.measure.termRange', { from: formatDateTime(measure.startsAt), to: formatDateTime(measure.endsAt) }) : t('cases.measure.termFrom', { from: formatDateTime(measure.startsAt) })}</Line>
        {measure.note && <Line label={t('cases.measure.note')}>{measure.note}</Line>}
        {onChange && measure.allowedTransitions.length > 0 && (
          <Group justify="flex-end">
            <Button size="xs" variant="light" onClick={onChange}>
              {t('cases.measure.change')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

export function MeasuresPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const measures = useMeasures(detail.id);
  const [dialog, setDialog] = useState<{ kind: 'add' } | { kind: 'change'; measure: MeasureView } | null>(null);
  const canWrite = detail.canEdit && can('cases.write') && detail.status !== 'closed';
  const close = () => setDialog(null);
  return (
    <>
      <SectionCard title={t('cases.measure.title')} testId="measures-panel" addLabel={t('cases.measure.add')} onAdd={canWrite ? () => setDialog({ kind: 'add' }) : undefined} query={measures} empty={t('cases.measure.none')}>
        {(items) => items.map((measure) => <MeasureItem key={measure.id} measure={measure} onChange={canWrite ? () => setDialog({ kind: 'change', measure }) : null} />)}
      </SectionCard>
      {dialog?.kind === 'add' && <MeasureModal detail={detail} onClose={close} />}
      {dialog?.kind === 'change' && <MeasureStatusModal detail={detail} measure={dialog.measure} onClose={close} />}
    </>
  );
}

interface MeasureDraft {
  type: string;
  issuer: string;
  status: string;
  decisionNumber: string;
  requestedAt: string;
  decidedAt: string;
  startsAt: string;
  endsAt: string;
  note: string;
}

const MEASURE_FIELDS = ['type', 'issuer', 'status', 'decisionNumber', 'requestedAt', 'decidedAt', 'startsAt', 'endsAt', 'note'];

function MeasureModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = nowInstant();
  const form = useForm<MeasureDraft, unknown, ProtectionMeasureCreate>({
    resolver: draftResolver(
      () => makeProtectionMeasureSchema(new Date()),
      (d) => ({
        type: blank(d.type),
        issuer: blank(d.issuer),
        status: blank(d.status),
        decisionNumber: d.status === 'in_effect' ? blank(d.decisionNumber) : undefined,
        requestedAt: d.status === 'requested' ? blank(d.requestedAt) : undefined,
        decidedAt: d.status === 'in_effect' ? blank(d.decidedAt) : undefined,
        startsAt: d.startsAt,
        endsAt: blank(d.endsAt),
        note: blank(d.note),
      }),
    ),
    defaultValues: { type: '', issuer: '', status: 'in_effect', decisionNumber: '', requestedAt: now, decidedAt: now, startsAt: now, endsAt: '', note: '' },
  });
  const action = useCaseMutation({
    caseId: detail.id,
    form,
    send: (input) => addMeasure(detail.id, input),
    isShown: (path) => MEASURE_FIELDS.includes(path),
    savedMessage: t('cases.measure.saved'),
    onDone: onClose,
  });
  const [type, status] = useWatch({ control: form.control, name: ['type', 'status'] });
  const statuses = (['requested', 'in_effect'] as const).map((code) => ({ value: code, label: MEASURE_STATUS_LABELS[code][locale] }));
  return (
    <ActionModal form={form} action={action} onClose={onClose} title={t('cases.measure.modalTitle')} submitLabel={t('common.save')}>
      <SelectField
        name="type"
        label={t('cases.measure.type')}
        required
        data={PROTECTION_MEASURE_TYPES.map((code) => ({ value: code, label: `${PROTECTION_MEASURE_LABELS[code].point}) ${PROTECTION_MEASURE_LABELS[code][locale]}` }))}
      />
      <SelectField name="issuer" label={t('cases.measure.issuer')} required data={labelOptions(MEASURE_ISSUER_LABELS, MEASURE_ISSUERS, locale)} />
      {type === 'no_contact' && (
        <Text size="sm" c="dimmed">
          {t('cases.measure.noContactLimits')}
        </Text>
      )}
      <SegmentedField name="status" label={t('cases.measure.status')} required data={statuses} />
      {status === 'requested' && <DateTimeFieldBound name="requestedAt" label={t('cases.measure.requestedAt')} description={t('cases.measure.requestedAtHint')} />}
      {status === 'in_effect' && (
        <>
          <DateTimeFieldBound name="decidedAt" label={t('cases.measure.decidedAt')} required={false} />
          <TextField name="decisionNumber" label={t('cases.measure.decisionNumber')} />
        </>
      )}
      <DateTimeFieldBound name="startsAt" label={status === 'requested' ? t('cases.measure.plannedStart') : t('cases.measure.startsAt')} />
      <DateTimeFieldBound name="endsAt" label={t('cases.measure.endsAt')} description={type === 'no_contact' ? t('cases.measure.endsAtRequired') : t('cases.measure.endsAtHint')} required={type === 'no_contact'} />
      <TextAreaField name="note" label={t('cases.measure.note')} />
    </ActionModal>
  );
}

/** The server's MeasureStatusChange, checked here before sending. */
const StatusChangeSchema = z.strictObject({
  status: z.enum(['in_effect', 'ended', 'revoked', 'breached']),
  decidedAt: IsoInstant.optional(),
  decisionNumber: optionalText(60),
  startsAt: IsoInstant.optional(),
  endsAt: IsoInstant.optional(),
  note: optionalText(1000),
});

interface StatusDraft {
  status: string;
  decidedAt: string;
  decisionNumber: string;
  startsAt: string;
  endsAt: string;
  note: string;
}

function MeasureStatusModal({ detail, measure, onClose }: { detail: CaseDetail; measure: MeasureView; onClose: () => void }) {
  const { t } = useTranslation();
  const now = nowInstant();
  const only = measure.allowedTransitions.length === 1 ? measure.allowedTransitions[0] : undefined;
  const form = useForm<StatusDraft, unknown, MeasureStatusChange>({
    resolver: draftResolver(
      () =>
        StatusChangeSchema.superRefine((input, ctx) => {
          if (input.status !== 'in_effect' || measure.status !== 'requested') return;
          if (input.decidedAt === undefined) ctx.addIssue({ code: 'custom', path: ['decidedAt'], message: ISSUE_MESSAGES[i18n.language === 'en' ? 'en' : 'vi'].required });
          const start = input.startsAt ?? measure.startsAt;
          const end = input.endsAt ?? measure.endsAt;
          if (end === null) {
            if (measureNeedsEnd(measure.type)) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'measure_end_required' });
            return;
          }
          const problem = checkMeasureDuration(measure.type, measure.issuer, start, end);
          if (problem !== null && problem !== 'measure_issuer_not_allowed') ctx.addIssue({ code: 'custom', path: ['endsAt'], message: problem });
        }),
      (d) => {
        const deciding = measure.status === 'requested' && d.status === 'in_effect';
        return {
          status: blank(d.status),
          decidedAt: deciding ? blank(d.decidedAt) : undefined,
          decisionNumber: deciding ? blank(d.decisionNumber) : undefined,
          startsAt: deciding ? blank(d.startsAt) : undefined,
          endsAt: deciding ? blank(d.endsAt) : undefined,
          note: blank(d.note),
        };
      },
    ),
    defaultValues: { status: only ?? '', decidedAt: now, decisionNumber: '', startsAt: measure.startsAt, endsAt: measure.endsAt ?? '', note: '' },
  });
  const action = useCaseMutation({
    caseId: detail.id,
    form,
    send: (input) => changeMeasure(detail.id, measure.id, input),
    isShown: (path) => ['status', 'decidedAt', 'decisionNumber', 'startsAt', 'endsAt', 'note'].includes(path),
    savedMessage: t('cases.measure.statusSaved'),
    onDone: onClose,
  });
  const status = useWatch({ control: form.control, name: 'status' });
  const deciding = measure.status === 'requested' && status === 'in_effect';
  const options = measure.allowedTransitions.map((to) => ({ value: to, label: t(`cases.measure.moves.${measure.status === 'requested' && to === 'revoked' ? 'withdraw' : to === 'requested' ? 'in_effect' : to}`) }));
  return (
    <ActionModal form={form} action={action} onClose={onClose} title={t('cases.measure.statusTitle')} submitLabel={t('common.save')}>
      <Text size="sm" fw={600}>
        {PROTECTION_MEASURE_LABELS[measure.type][useLocale()]}
      </Text>
      <SelectField name="status" label={t('cases.measure.move')} required data={options} allowDeselect={false} />
      {deciding && (
        <>
          <DateTimeFieldBound name="decidedAt" label={t('cases.measure.decidedAt')} />
          <TextField name="decisionNumber" label={t('cases.measure.decisionNumber')} />
          <DateTimeFieldBound name="startsAt" label={t('cases.measure.startsAt')} />
          <DateTimeFieldBound name="endsAt" label={t('cases.measure.endsAt')} required={measure.type === 'no_contact'} />
        </>
      )}
      <TextAreaField name="note" label={t('cases.measure.note')} />
    </ActionModal>
  );
}
