// Hình thức xử lý: the measures taken about a perpetrator, newest first, and the dialogs to record one
// and to correct it. A no-contact order is the case's own protection measure (picked, or recorded on
// the case in the same step), never a copy; community criticism outside the law's conditions needs a
// reason and stays flagged.
import {
  CRIMINAL_STAGE_LABELS,
  CRIMINAL_STAGES,
  makePerpetratorMeasureSchema,
  MEASURE_ISSUER_LABELS,
  MEASURE_ISSUERS,
  MEASURE_STATUS_LABELS,
  PERPETRATOR_MEASURE_LABELS,
  PERPETRATOR_MEASURE_STATUS_LABELS,
  PERPETRATOR_MEASURE_STATUSES,
  PERPETRATOR_MEASURE_TYPES,
  PerpetratorMeasurePatch,
  vietnamDateOf,
  type PerpetratorDetail,
  type PerpetratorMeasureCreate,
  type PerpetratorMeasureStatus,
  type PerpetratorMeasureView,
} from '@binhan/domain';
import { Alert, Anchor, Badge, Button, Card, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { get, useController, useForm, useFormState, useWatch, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../../app/session/session-context';
import { fieldError } from '../../../lib/form-errors';
import { formatDate, formatDateTime, formatNumber, todayIso } from '../../../lib/format';
import { labelOptions, useLocale } from '../../cases/case-labels';
import { ActionModal } from '../../cases/case-page/action-modal';
import { Line } from '../../cases/case-page/section-card';
import { nowInstant } from '../../cases/case-time';
import { blank, draftResolver, numberOrUndefined } from '../../cases/draft-resolver';
import { DateFieldBound, DateTimeFieldBound, SegmentedField, SelectField, TextAreaField, TextField } from '../../cases/form-fields';
import { addPerpetratorMeasure, changePerpetratorMeasure, useCaseMeasures } from '../perpetrators-api';
import { useIncidentOptions } from './counselling-panel';
import { usePerpetratorMutation } from './perpetrator-mutation';

const STATUS_COLOURS: Readonly<Record<PerpetratorMeasureStatus, string>> = { decided: 'blue', in_progress: 'yellow', completed: 'teal', not_complied: 'red', cancelled: 'gray' };

interface MeasureDraft {
  type: string;
  incidentId: string;
  decidedOn: string;
  decidingBody: string;
  decidingBodyNote: string;
  status: string;
  decisionNumber: string;
  fineVnd: string;
  criminalStage: string;
  description: string;
  outcome: string;
  noContactSource: 'existing' | 'new';
  protectionMeasureId: string;
  noContact: { startsAt: string; endsAt: string; decidedAt: string };
  ruleOverrideReason: string;
}

const MEASURE_FIELDS = [
  'type',
  'incidentId',
  'decidedOn',
  'decidingBody',
  'decidingBodyNote',
  'status',
  'decisionNumber',
  'fineVnd',
  'criminalStage',
  'description',
  'outcome',
  'protectionMeasureId',
  'noContact.startsAt',
  'noContact.endsAt',
  'noContact.decidedAt',
  'ruleOverrideReason',
];

/** A no-contact term's issues sit on its fields; "noContact" as a whole is shown by the source choice. */
const measurePath = (path: string) => (path === 'noContact' ? 'protectionMeasureId' : path);

/** The fine in đồng, typed with "." for thousands. */
function FineField() {
  const { t } = useTranslation();
  // The ref apart from the other props (the React compiler treats `field` as a ref holder otherwise).
  const { field: { ref, ...field }, fieldState } = useController<MeasureDraft, 'fineVnd'>({ name: 'fineVnd' });
  return (
    <NumberInput
      label={t('perpetrators.measure.fineVnd')}
      thousandSeparator="."
      decimalSeparator=","
      allowDecimal={false}
      allowNegative={false}
      name={field.name}
      ref={ref}
      onBlur={field.onBlur}
      value={field.value}
      onChange={(value) => field.onChange(String(value))}
      error={fieldError(fieldState.error)}
      maw={260}
    />
  );
}

function NoContactFields({ detail, form }: { detail: PerpetratorDetail; form: UseFormReturn<MeasureDraft, unknown, PerpetratorMeasureCreate> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [incidentId, source, chosenId] = useWatch({ control: form.control, name: ['incidentId', 'noContactSource', 'protectionMeasureId'] });
  const caseId = detail.incidents.find((incident) => incident.incidentId === incidentId)?.caseId ?? '';
  const measures = useCaseMeasures(caseId);
  const orders = (measures.data ?? []).filter((m) => m.type === 'no_contact');
  const { errors } = useFormState({ control: form.control, name: 'protectionMeasureId' });
  const sourceError = fieldError(get(errors, 'protectionMeasureId'));

  // No order on the case yet: recording a new one is the only way.
  useEffect(() => {
    if (measures.data && orders.length === 0 && form.getValues('noContactSource') === 'existing') form.setValue('noContactSource', 'new');
  }, [measures.data, orders.length, form]);

  // The order chosen says who decided it and when.
  useEffect(() => {
    const chosen = measures.data?.find((m) => m.id === chosenId);
    if (!chosen) return;
    form.setValue('decidingBody', chosen.issuer);
    form.setValue('decidedOn', vietnamDateOf(chosen.decidedAt ?? chosen.startsAt));
    if (chosen.decisionNumber && form.getValues('decisionNumber') === '') form.setValue('decisionNumber', chosen.decisionNumber);
  }, [chosenId, measures.data, form]);

  if (caseId === '') {
    return (
      <Text size="sm" c="dimmed">
        {t('perpetrators.measure.pickIncidentFirst')}
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      <SegmentedField
        name="noContactSource"
        label={t('perpetrators.measure.noContactSource')}
        data={[
          { value: 'existing', label: t('perpetrators.measure.noContactExisting') },
          { value: 'new', label: t('perpetrators.measure.noContactNew') },
        ]}
      />
      {source === 'existing' ? (
        orders.length === 0 ? (
          <Text size="sm" c="dimmed">
            {measures.isPending ? t('app.loading') : t('perpetrators.measure.noneOnCase')}
          </Text>
        ) : (
          <SelectField
            name="protectionMeasureId"
            label={t('perpetrators.measure.protectionMeasure')}
            description={t('perpetrators.measure.protectionMeasureHint')}
            required
            error={sourceError}
            data={orders.map((m) => ({
              value: m.id,
              label: t('perpetrators.measure.protectionOption', {
                issuer: MEASURE_ISSUER_LABELS[m.issuer][locale],
                from: formatDateTime(m.startsAt),
                to: formatDateTime(m.endsAt),
                status: MEASURE_STATUS_LABELS[m.status][locale],
              }),
            }))}
          />
        )
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('perpetrators.measure.noContactLimits')} {t('perpetrators.measure.noContactRecordedOnCase')}
          </Text>
          {sourceError && (
            <Text size="xs" c="red.7" role="alert">
              {sourceError}
            </Text>
          )}
          <DateTimeFieldBound name="noContact.decidedAt" label={t('perpetrators.measure.decidedAt')} required={false} />
          <DateTimeFieldBound name="noContact.startsAt" label={t('perpetrators.measure.startsAt')} />
          <DateTimeFieldBound name="noContact.endsAt" label={t('perpetrators.measure.endsAt')} />
        </>
      )}
    </Stack>
  );
}

function MeasureModal({ detail, onClose }: { detail: PerpetratorDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { can } = useSession();
  const incidents = useIncidentOptions(detail);
  const now = nowInstant();
  const form = useForm<MeasureDraft, unknown, PerpetratorMeasureCreate>({
    resolver: draftResolver(
      () => makePerpetratorMeasureSchema(new Date()),
      (d) => {
        const noContact = d.type === 'no_contact_order';
        return {
          type: blank(d.type),
          incidentId: blank(d.incidentId),
          decidedOn: d.decidedOn,
          decidingBody: blank(d.decidingBody),
          decidingBodyNote: blank(d.decidingBodyNote),
          status: blank(d.status),
          decisionNumber: blank(d.decisionNumber),
          fineVnd: d.type === 'administrative_sanction' ? numberOrUndefined(d.fineVnd) : undefined,
          criminalStage: d.type === 'criminal_proceedings' ? blank(d.criminalStage) : undefined,
          description: d.type === 'other' ? blank(d.description) : undefined,
          outcome: blank(d.outcome),
          protectionMeasureId: noContact && d.noContactSource === 'existing' ? blank(d.protectionMeasureId) : undefined,
          noContact: noContact && d.noContactSource === 'new' ? { startsAt: d.noContact.startsAt, endsAt: d.noContact.endsAt, decidedAt: blank(d.noContact.decidedAt) } : undefined,
          ruleOverrideReason: d.type === 'community_criticism' ? blank(d.ruleOverrideReason) : undefined,
        };
      },
      measurePath,
    ),
    defaultValues: {
      type: '',
      incidentId: detail.incidents.length === 1 ? (detail.incidents[0]?.incidentId ?? '') : '',
      decidedOn: todayIso(),
      decidingBody: '',
      decidingBodyNote: '',
      status: 'decided',
      decisionNumber: '',
      fineVnd: '',
      criminalStage: '',
      description: '',
      outcome: '',
      noContactSource: 'existing',
      protectionMeasureId: '',
      noContact: { startsAt: now, endsAt: '', decidedAt: now },
      ruleOverrideReason: '',
    },
  });
  const action = usePerpetratorMutation({
    perpetratorId: detail.id,
    form,
    send: (input) => addPerpetratorMeasure(detail.id, input),
    isShown: (path) => MEASURE_FIELDS.includes(path),
    mapPath: measurePath,
    savedMessage: t('perpetrators.measure.saved'),
    onDone: onClose,
  });
  const type = useWatch({ control: form.control, name: 'type' });
  const { errors } = useFormState({ control: form.control, name: 'ruleOverrideReason' });
  const askReason = type === 'community_criticism' && (!detail.criticismRule.applies || errors.ruleOverrideReason !== undefined);

  return (
    <ActionModal form={form} action={action} onClose={onClose} title={t('perpetrators.measure.modalTitle')} submitLabel={t('common.save')}>
      <SelectField name="type" label={t('perpetrators.measure.type')} required data={labelOptions(PERPETRATOR_MEASURE_LABELS, PERPETRATOR_MEASURE_TYPES, locale)} />
      {incidents.length > 0 && (
        <SelectField
          name="incidentId"
          label={t('perpetrators.measure.incident')}
          description={type === 'no_contact_order' ? t('perpetrators.measure.incidentRequired') : t('perpetrators.counselling.incidentHint')}
          required={type === 'no_contact_order'}
          clearable={type !== 'no_contact_order'}
          data={incidents}
        />
      )}
      {type === 'no_contact_order' && <NoContactFields detail={detail} form={form} />}
      {askReason && (
        <>
          <Alert color="orange" variant="light">
            {t('perpetrators.measure.criticismNotMet')}
          </Alert>
          <TextAreaField name="ruleOverrideReason" label={t('perpetrators.measure.ruleOverrideReason')} required />
        </>
      )}
      <DateFieldBound name="decidedOn" label={t('perpetrators.measure.decidedOn')} required />
      <SelectField name="decidingBody" label={t('perpetrators.measure.decidingBody')} required data={labelOptions(MEASURE_ISSUER_LABELS, MEASURE_ISSUERS, locale)} />
      <TextField name="decidingBodyNote" label={t('perpetrators.measure.decidingBodyNote')} />
      <SelectField name="status" label={t('perpetrators.measure.status')} required allowDeselect={false} data={labelOptions(PERPETRATOR_MEASURE_STATUS_LABELS, PERPETRATOR_MEASURE_STATUSES, locale)} />
      <TextField name="decisionNumber" label={t('perpetrators.measure.decisionNumber')} required={type === 'administrative_sanction'} />
      {type === 'administrative_sanction' && <FineField />}
      {type === 'criminal_proceedings' && <SelectField name="criminalStage" label={t('perpetrators.measure.criminalStage')} required data={labelOptions(CRIMINAL_STAGE_LABELS, CRIMINAL_STAGES, locale)} />}
      {type === 'other' && <TextAreaField name="description" label={t('perpetrators.measure.description')} required />}
      {can('cases.identify') && <TextAreaField name="outcome" label={t('perpetrators.measure.outcome')} description={t('perpetrators.measure.outcomeHint')} />}
    </ActionModal>
  );
}

/** A correction sends only what changed; a cleared optional field is null. */
function measureChanges(d: MeasureDraft, m: PerpetratorMeasureView, mayReadNotes: boolean): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const text = (key: 'decidingBodyNote' | 'decisionNumber' | 'ruleOverrideReason', value: string, before: string | null) => {
    if (value !== (before ?? '')) changes[key] = blank(value) ?? null;
  };
  if (d.decidedOn !== m.decidedOn) changes.decidedOn = d.decidedOn;
  if (d.decidingBody !== m.decidingBody) changes.decidingBody = blank(d.decidingBody);
  if (d.status !== m.status) changes.status = blank(d.status);
  text('decidingBodyNote', d.decidingBodyNote, m.decidingBodyNote);
  text('decisionNumber', d.decisionNumber, m.decisionNumber);
  text('ruleOverrideReason', d.ruleOverrideReason, m.ruleOverrideReason);
  if (m.type === 'administrative_sanction' && d.fineVnd !== (m.fineVnd === null ? '' : String(m.fineVnd))) changes.fineVnd = numberOrUndefined(d.fineVnd) ?? null;
  if (m.type === 'criminal_proceedings' && d.criminalStage !== (m.criminalStage ?? '')) changes.criminalStage = blank(d.criminalStage) ?? null;
  if (mayReadNotes && d.description !== (m.description ?? '')) changes.description = blank(d.description) ?? null;
  if (mayReadNotes && d.outcome !== (m.outcome ?? '')) changes.outcome = blank(d.outcome) ?? null;
  return changes;
}

function MeasureEditModal({ detail, measure, onClose }: { detail: PerpetratorDetail; measure: PerpetratorMeasureView; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { can } = useSession();
  const mayReadNotes = can('cases.identify');
  const form = useForm<MeasureDraft, unknown, PerpetratorMeasurePatch>({
    resolver: draftResolver(() => PerpetratorMeasurePatch, (d) => measureChanges(d, measure, mayReadNotes), measurePath),
    defaultValues: {
      type: measure.type,
      incidentId: measure.case?.incidentId ?? '',
      decidedOn: measure.decidedOn,
      decidingBody: measure.decidingBody,
      decidingBodyNote: measure.decidingBodyNote ?? '',
      status: measure.status,
      decisionNumber: measure.decisionNumber ?? '',
      fineVnd: measure.fineVnd === null ? '' : String(measure.fineVnd),
      criminalStage: measure.criminalStage ?? '',
      description: measure.description ?? '',
      outcome: measure.outcome ?? '',
      noContactSource: 'existing',
      protectionMeasureId: measure.protectionMeasure?.id ?? '',
      noContact: { startsAt: '', endsAt: '', decidedAt: '' },
      ruleOverrideReason: measure.ruleOverrideReason ?? '',
    },
  });
  const action = usePerpetratorMutation({
    perpetratorId: detail.id,
    form,
    send: (input) => changePerpetratorMeasure(detail.id, measure.id, input),
    isShown: (path) => MEASURE_FIELDS.includes(path),
    mapPath: measurePath,
    savedMessage: t('perpetrators.measure.updated'),
    onDone: onClose,
  });
  const { errors } = useFormState({ control: form.control, name: 'ruleOverrideReason' });
  const askReason = measure.type === 'community_criticism' && (measure.ruleOverrideReason !== null || measure.warnings.length > 0 || errors.ruleOverrideReason !== undefined);
  return (
    <ActionModal form={form} action={action} onClose={onClose} title={t('perpetrators.measure.editTitle')} submitLabel={t('common.save')}>
      <Text size="sm" fw={700}>
        {PERPETRATOR_MEASURE_LABELS[measure.type][locale]}
      </Text>
      <Text size="xs" c="dimmed">
        {t('perpetrators.measure.typeFixed')}
      </Text>
      <DateFieldBound name="decidedOn" label={t('perpetrators.measure.decidedOn')} required />
      <SelectField name="decidingBody" label={t('perpetrators.measure.decidingBody')} required data={labelOptions(MEASURE_ISSUER_LABELS, MEASURE_ISSUERS, locale)} />
      <TextField name="decidingBodyNote" label={t('perpetrators.measure.decidingBodyNote')} />
      <SelectField name="status" label={t('perpetrators.measure.status')} required allowDeselect={false} data={labelOptions(PERPETRATOR_MEASURE_STATUS_LABELS, PERPETRATOR_MEASURE_STATUSES, locale)} />
      <TextField name="decisionNumber" label={t('perpetrators.measure.decisionNumber')} required={measure.type === 'administrative_sanction'} />
      {measure.type === 'administrative_sanction' && <FineField />}
      {measure.type === 'criminal_proceedings' && <SelectField name="criminalStage" label={t('perpetrators.measure.criminalStage')} required data={labelOptions(CRIMINAL_STAGE_LABELS, CRIMINAL_STAGES, locale)} />}
      {measure.type === 'other' && mayReadNotes && <TextAreaField name="description" label={t('perpetrators.measure.description')} required />}
      {askReason && <TextAreaField name="ruleOverrideReason" label={t('perpetrators.measure.ruleOverrideReason')} required />}
      {mayReadNotes && <TextAreaField name="outcome" label={t('perpetrators.measure.outcome')} description={t('perpetrators.measure.outcomeHint')} />}
    </ActionModal>
  );
}

function MeasureItem({ measure, onEdit }: { measure: PerpetratorMeasureView; onEdit: (() => void) | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const order = measure.protectionMeasure;
  return (
    <Paper withBorder p="xs" data-testid="measure-item">
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" align="flex-start">
          <Text size="sm" fw={700} style={{ flex: '1 1 12rem' }}>
            {PERPETRATOR_MEASURE_LABELS[measure.type][locale]}
          </Text>
          <Group gap={4}>
            {measure.isCurrent && measure.status !== 'cancelled' && (
              <Badge color="teal" variant="outline">
                {t('perpetrators.measure.current')}
              </Badge>
            )}
            <Badge color={STATUS_COLOURS[measure.status]} variant="light">
              {PERPETRATOR_MEASURE_STATUS_LABELS[measure.status][locale]}
            </Badge>
          </Group>
        </Group>
        {measure.warnings.includes('criticism_rule_not_met') && (
          <Badge color="orange" variant="filled" style={{ alignSelf: 'flex-start' }}>
            {t('perpetrators.measure.criticismWarning')}
          </Badge>
        )}
        <Line label={t('perpetrators.measure.decidedOn')}>{formatDate(measure.decidedOn)}</Line>
        <Line label={t('perpetrators.measure.decidingBody')}>{[MEASURE_ISSUER_LABELS[measure.decidingBody][locale], measure.decidingBodyNote].filter(Boolean).join(' — ')}</Line>
        {measure.decisionNumber && <Line label={t('perpetrators.measure.decisionNumber')}>{measure.decisionNumber}</Line>}
        {measure.fineVnd !== null && <Line label={t('perpetrators.measure.fineVnd')}>{t('perpetrators.measure.fine', { amount: formatNumber(measure.fineVnd) })}</Line>}
        {measure.criminalStage && <Line label={t('perpetrators.measure.criminalStage')}>{CRIMINAL_STAGE_LABELS[measure.criminalStage][locale]}</Line>}
        {measure.description && <Line label={t('perpetrators.measure.description')}>{measure.description}</Line>}
        {measure.type === 'no_contact_order' &&
          (order && measure.case ? (
            <Group gap={6}>
              <Text size="sm">{t('perpetrators.measure.shared', { code: measure.case.caseCode, from: formatDateTime(order.startsAt), to: formatDateTime(order.endsAt) })}</Text>
              {order.isActive && (
                <Badge color="red" variant="filled" size="sm">
                  {t('perpetrators.measure.active')}
                </Badge>
              )}
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              {t('perpetrators.measure.sharedHidden')}
            </Text>
          ))}
        {measure.ruleOverrideReason && <Line label={t('perpetrators.measure.ruleOverrideReason')}>{measure.ruleOverrideReason}</Line>}
        {measure.outcome && <Line label={t('perpetrators.measure.outcome')}>{measure.outcome}</Line>}
        {measure.case && (
          <Line label={t('perpetrators.measure.incident')}>
            <Anchor component={Link} to={`/cases/${measure.case.caseId}`} size="sm">
              {t('perpetrators.measure.caseRef', { code: measure.case.caseCode })}
            </Anchor>
          </Line>
        )}
        <Text size="xs" c="dimmed">
          {t('perpetrators.counselling.by', { unit: measure.unit.name, name: measure.createdBy?.displayName ?? '—' })} · {formatDateTime(measure.createdAt)}
        </Text>
        {onEdit && (
          <Group justify="flex-end">
            <Button size="xs" variant="light" onClick={onEdit} aria-label={`${t('perpetrators.measure.edit')}: ${PERPETRATOR_MEASURE_LABELS[measure.type][locale]}`}>
              {t('perpetrators.measure.edit')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

export function MeasuresPanel({ detail }: { detail: PerpetratorDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [dialog, setDialog] = useState<{ kind: 'add' } | { kind: 'edit'; measure: PerpetratorMeasureView } | null>(null);
  const canAdd = can('cases.write') && (detail.canEdit || detail.incidents.length > 0);
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="measures-title" data-testid="perpetrator-measures">
      <Group justify="space-between" gap="xs" mb="xs" wrap="wrap">
        <Title order={2} size="h5" id="measures-title">
          {t('perpetrators.measure.title')}
        </Title>
        {canAdd && (
          <Button size="xs" variant="light" onClick={() => setDialog({ kind: 'add' })}>
            {t('perpetrators.measure.add')}
          </Button>
        )}
      </Group>
      {detail.measures.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('perpetrators.measure.none')}
        </Text>
      ) : (
        <Stack gap="xs">
          {detail.measures.map((measure) => (
            <MeasureItem key={measure.id} measure={measure} onEdit={measure.canEdit ? () => setDialog({ kind: 'edit', measure }) : null} />
          ))}
        </Stack>
      )}
      {dialog?.kind === 'add' && <MeasureModal detail={detail} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <MeasureEditModal detail={detail} measure={dialog.measure} onClose={() => setDialog(null)} />}
    </Card>
  );
}
