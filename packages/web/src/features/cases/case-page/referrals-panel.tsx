// Chuyển gửi dịch vụ: referrals of the case with the provider's answer, and the dialog that sends one —
// service type, then the providers serving the case's commune for it, urgency, and the consent that
// covers it. Without such a consent only the district focal point may record an exception.
import {
  CONSENT_EXCEPTION_REASON_LABELS,
  CONSENT_EXCEPTION_REASONS,
  makeReferralSchema,
  REFERRAL_URGENCIES,
  REFERRAL_URGENCY_LABELS,
  SUPPORT_SERVICE_TYPE_LABELS,
  SUPPORT_SERVICE_TYPES,
  type CaseDetail,
  type ConsentView,
  type ReferralCreate,
  type ReferralStatus,
  type ReferralView,
} from '@binhan/domain';
import { Alert, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useMe, useSession } from '../../../app/session/session-context';
import { formatDateTime } from '../../../lib/format';
import { labelOf, labelOptions, useLocale } from '../case-labels';
import { nowInstant } from '../case-time';
import { blank, draftResolver } from '../draft-resolver';
import { CheckboxField, DateTimeFieldBound, SegmentedField, SelectField, TextAreaField } from '../form-fields';
import { createReferral, useConsents, useProviders, useReferrals } from '../services-api';
import { ActionModal, useCaseMutation } from './action-modal';
import { Line, SectionCard } from './section-card';

export const REFERRAL_STATUS_COLOURS: Readonly<Record<ReferralStatus, string>> = { sent: 'blue', accepted: 'teal', declined: 'orange', completed: 'gray' };

export function ReferralStatusBadge({ referral }: { referral: Pick<ReferralView, 'status' | 'noResponse'> }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge color={REFERRAL_STATUS_COLOURS[referral.status]} variant="light">
        {t(`cases.referral.statuses.${referral.status}`)}
      </Badge>
      {referral.noResponse && (
        <Badge color="red" variant="filled">
          {t('cases.referral.noResponse')}
        </Badge>
      )}
    </Group>
  );
}

function ReferralItem({ referral }: { referral: ReferralView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Paper withBorder p="xs">
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" align="flex-start">
          <Text size="sm" fw={700} style={{ flex: '1 1 12rem' }}>
            {SUPPORT_SERVICE_TYPE_LABELS[referral.serviceType][locale]}
          </Text>
          <ReferralStatusBadge referral={referral} />
        </Group>
        <Line label={t('cases.referral.provider')}>{referral.provider.name}</Line>
        <Line label={t('cases.referral.referredAt')}>{formatDateTime(referral.referredAt)}</Line>
        <Line label={t('cases.referral.urgency')}>{labelOf(REFERRAL_URGENCY_LABELS, referral.urgency, locale)}</Line>
        <Line label={t('cases.referral.basis')}>{t(`cases.referral.bases.${referral.consentBasis}`)}</Line>
        {referral.respondedAt && <Line label={t('cases.referral.respondedAt')}>{formatDateTime(referral.respondedAt)}</Line>}
        {referral.completedAt && <Line label={t('cases.referral.completedAt')}>{formatDateTime(referral.completedAt)}</Line>}
        {referral.responseNote && <Line label={t('cases.referral.responseNote')}>{referral.responseNote}</Line>}
      </Stack>
    </Paper>
  );
}

export function ReferralsPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const referrals = useReferrals(detail.id);
  const [open, setOpen] = useState(false);
  const canRefer = detail.canEdit && can('cases.write') && can('providers.read') && detail.status !== 'closed';
  return (
    <>
      <SectionCard title={t('cases.referral.title')} testId="referrals-panel" addLabel={t('cases.referral.add')} onAdd={canRefer ? () => setOpen(true) : undefined} query={referrals} empty={t('cases.referral.none')}>
        {(items) => items.map((referral) => <ReferralItem key={referral.id} referral={referral} />)}
      </SectionCard>
      {open && <ReferralModal detail={detail} onClose={() => setOpen(false)} />}
    </>
  );
}

interface ReferralDraft {
  serviceType: string;
  providerId: string;
  urgency: string;
  referredAt: string;
  consentId: string;
  useException: boolean;
  consentException: { reason: string; note: string };
  note: string;
}

const REFERRAL_FIELDS = ['serviceType', 'providerId', 'urgency', 'referredAt', 'consentId', 'consentException.reason', 'consentException.note', 'note'];

/** Consents still standing that let the survivor's information go to this type of service. */
function covering(consents: ConsentView[], serviceType: string): ConsentView[] {
  return consents.filter((c) => c.withdrawnAt === null && (c.shareWith as string[]).includes(serviceType));
}

function ReferralModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const { can } = useSession();
  const consents = useConsents(detail.id);
  const mayException = can('cases.assign');
  const form = useForm<ReferralDraft, unknown, ReferralCreate>({
    resolver: draftResolver(
      () => makeReferralSchema(new Date()),
      (d) => ({
        serviceType: blank(d.serviceType),
        providerId: blank(d.providerId),
        urgency: blank(d.urgency),
        referredAt: d.referredAt,
        consentId: d.useException ? undefined : blank(d.consentId),
        consentException: d.useException ? { reason: blank(d.consentException.reason), approvedBy: me.id, note: d.consentException.note } : undefined,
        note: blank(d.note),
      }),
    ),
    defaultValues: { serviceType: '', providerId: '', urgency: 'routine', referredAt: nowInstant(), consentId: '', useException: false, consentException: { reason: '', note: '' }, note: '' },
  });
  const action = useCaseMutation({
    caseId: detail.id,
    form,
    send: (input) => createReferral(detail.id, input),
    isShown: (path) => REFERRAL_FIELDS.includes(path),
    savedMessage: t('cases.referral.saved'),
    onDone: onClose,
  });
  const [serviceType, useException] = useWatch({ control: form.control, name: ['serviceType', 'useException'] });
  const providers = useProviders({ serviceType, servesUnitId: detail.unit.id }, serviceType !== '');
  const matching = covering(consents.data ?? [], serviceType);

  // A new service type: its providers differ, and the consent covering it (if one) is chosen for the officer.
  useEffect(
    () =>
      form.subscribe({
        name: 'serviceType',
        formState: { values: true },
        callback: ({ values }) => {
          form.setValue('providerId', '');
          form.setValue('consentId', covering(consents.data ?? [], values.serviceType)[0]?.id ?? '');
        },
      }),
    [form, consents.data],
  );

  const providerOptions = (providers.data ?? []).map((p) => ({ value: p.id, label: [p.name, p.phone].filter(Boolean).join(' · ') }));
  const consentOptions = matching.map((c) => ({ value: c.id, label: t('cases.referral.consentOption', { at: formatDateTime(c.obtainedAt) }) }));

  return (
    <ActionModal form={form} action={action} onClose={onClose} title={t('cases.referral.modalTitle')} submitLabel={t('cases.referral.send')}>
      <SelectField name="serviceType" label={t('cases.referral.serviceType')} required data={labelOptions(SUPPORT_SERVICE_TYPE_LABELS, SUPPORT_SERVICE_TYPES, locale)} />
      {serviceType !== '' && (
        <SelectField
          name="providerId"
          label={t('cases.referral.provider')}
          description={t('cases.referral.providerHint', { commune: detail.unit.name })}
          required
          data={providerOptions}
          disabled={providers.isPending}
          error={providers.isSuccess && providerOptions.length === 0 ? t('cases.referral.noProvider') : undefined}
        />
      )}
      <SegmentedField name="urgency" label={t('cases.referral.urgency')} required data={labelOptions(REFERRAL_URGENCY_LABELS, REFERRAL_URGENCIES, locale)} stackOnPhone />
      <DateTimeFieldBound name="referredAt" label={t('cases.referral.referredAt')} />
      {serviceType !== '' && !useException && (matching.length > 0 ? (
        <SelectField name="consentId" label={t('cases.referral.consent')} description={t('cases.referral.consentHint')} required data={consentOptions} />
      ) : (
        <Alert color="orange" variant="light" title={t('cases.referral.consentNeededTitle')}>
          <Text size="sm">{t('cases.referral.consentNeeded')}</Text>
          {mayException && <Text size="sm" mt={4}>{t('cases.referral.exceptionOffer')}</Text>}
        </Alert>
      ))}
      {mayException && serviceType !== '' && (matching.length === 0 || useException) && <CheckboxField name="useException" label={t('cases.referral.useException')} />}
      {mayException && useException && (
        <>
          <SelectField name="consentException.reason" label={t('cases.referral.exceptionReason')} required data={labelOptions(CONSENT_EXCEPTION_REASON_LABELS, CONSENT_EXCEPTION_REASONS, locale)} />
          <TextAreaField name="consentException.note" label={t('cases.referral.exceptionNote')} description={t('cases.referral.exceptionNoteHint')} required />
        </>
      )}
      <TextAreaField name="note" label={t('cases.referral.note')} description={t('cases.referral.noteHint')} />
    </ActionModal>
  );
}
