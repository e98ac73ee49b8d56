// Sự đồng ý: what the survivor agreed to (storing data, being contacted and how, sharing with each type
// of service), recorded after she was fully informed, and withdrawn when she changes her mind.
import {
  CONSENT_GIVER_LABELS,
  CONSENT_GIVERS,
  CONTACT_CHANNEL_LABELS,
  CONTACT_CHANNELS,
  ConsentWithdrawal,
  makeConsentSchema,
  SUPPORT_SERVICE_TYPE_LABELS,
  SUPPORT_SERVICE_TYPES,
  type CaseDetail,
  type ConsentCreate,
  type ConsentView,
} from '@binhan/domain';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session/session-context';
import { formatDateTime } from '../../../lib/format';
import { labelOf, labelOptions, useLocale } from '../case-labels';
import { nowInstant } from '../case-time';
import { blank, draftResolver } from '../draft-resolver';
import { CheckboxField, CheckboxGroupField, DateTimeFieldBound, SegmentedField, TextAreaField, TextField } from '../form-fields';
import { recordConsent, useConsents, withdrawConsent } from '../services-api';
import { ActionModal, useCaseMutation } from './action-modal';
import { Line, SectionCard } from './section-card';

function ConsentItem({ consent, onWithdraw }: { consent: ConsentView; onWithdraw: (() => void) | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const withdrawn = consent.withdrawnAt !== null;
  const channels = consent.contactChannels.map((code) => labelOf(CONTACT_CHANNEL_LABELS, code, locale)).join(', ');
  return (
    <Paper withBorder p="xs" bg={withdrawn ? 'gray.0' : undefined}>
      <Stack gap={4}>
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={700}>
            {t('cases.consent.obtained', { at: formatDateTime(consent.obtainedAt) })}
          </Text>
          {withdrawn ? (
            <Badge color="gray" variant="light">
              {t('cases.consent.withdrawnAt', { at: formatDateTime(consent.withdrawnAt) })}
            </Badge>
          ) : (
            <Badge color="teal" variant="light">
              {t('cases.consent.current')}
            </Badge>
          )}
        </Group>
        <Line label={t('cases.consent.givenBy')}>
          {[labelOf(CONSENT_GIVER_LABELS, consent.givenBy, locale), consent.obtainedBy ? t('cases.consent.obtainedBy', { name: consent.obtainedBy.displayName }) : ''].filter(Boolean).join(' · ')}
        </Line>
        <Line label={t('cases.consent.storeData')}>{consent.storeData ? t('cases.consent.yes') : t('cases.consent.no')}</Line>
        <Line label={t('cases.consent.contact')}>{consent.contact ? channels : t('cases.consent.noContact')}</Line>
        <Line label={t('cases.consent.shareWith')}>
          {consent.shareWith.length === 0 ? t('cases.consent.shareNone') : consent.shareWith.map((code) => SUPPORT_SERVICE_TYPE_LABELS[code][locale]).join('; ')}
        </Line>
        {onWithdraw && !withdrawn && (
          <Group justify="flex-end">
            <Button size="xs" variant="subtle" color="red" onClick={onWithdraw}>
              {t('cases.consent.withdraw')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

export function ConsentPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const consents = useConsents(detail.id);
  const [dialog, setDialog] = useState<{ kind: 'record' } | { kind: 'withdraw'; consent: ConsentView } | null>(null);
  const canWrite = detail.canEdit && can('cases.write');
  const close = () => setDialog(null);
  return (
    <>
      <SectionCard
        title={t('cases.consent.title')}
        testId="consent-panel"
        addLabel={t('cases.consent.record')}
        onAdd={canWrite && detail.status !== 'closed' ? () => setDialog({ kind: 'record' }) : undefined}
        query={consents}
        empty={t('cases.consent.none')}
      >
        {(items) => items.map((consent) => <ConsentItem key={consent.id} consent={consent} onWithdraw={canWrite ? () => setDialog({ kind: 'withdraw', consent }) : null} />)}
      </SectionCard>
      {dialog?.kind === 'record' && <ConsentModal detail={detail} onClose={close} />}
      {dialog?.kind === 'withdraw' && <WithdrawModal detail={detail} consent={dialog.consent} onClose={close} />}
    </>
  );
}

interface ConsentDraft {
  obtainedAt: string;
  givenBy: string;
  guardianRelationship: string;
  informed: boolean;
  storeData: boolean;
  contact: boolean;
  contactChannels: string[];
  shareWith: string[];
  language: string;
  note: string;
}

const CONSENT_FIELDS = ['obtainedAt', 'givenBy', 'guardianRelationship', 'informed', 'storeData', 'contact', 'contactChannels', 'shareWith', 'language', 'note'];

function ConsentModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useForm<ConsentDraft, unknown, ConsentCreate>({
    resolver: draftResolver(
      () => makeConsentSchema(new Date()),
      (d) => ({
        obtainedAt: d.obtainedAt,
        givenBy: blank(d.givenBy),
        guardianRelationship: d.givenBy === 'parent_or_guardian' ? blank(d.guardianRelationship) : undefined,
        informed: d.informed,
        storeData: d.storeData,
        contact: d.contact,
        contactChannels: d.contact ? d.contactChannels : [],
        shareWith: d.shareWith,
        language: blank(d.language),
        note: blank(d.note),
      }),
    ),
    defaultValues: {
      obtainedAt: nowInstant(),
      givenBy: detail.isChild ? 'parent_or_guardian' : 'survivor',
      guardianRelationship: '',
      informed: false,
      storeData: true,
      contact: false,
      contactChannels: [],
      shareWith: [],
      language: '',
      note: '',
    },
  });
  const action = useCaseMutation({
    caseId: detail.id,
    form,
    send: (input) => recordConsent(detail.id, input),
    isShown: (path) => CONSENT_FIELDS.includes(path),
    savedMessage: t('cases.consent.saved'),
    onDone: onClose,
  });
  const [givenBy, contact] = useWatch({ control: form.control, name: ['givenBy', 'contact'] });
  return (
    <ActionModal form={form} action={action} onClose={onClose} title={t('cases.consent.modalTitle')} submitLabel={t('common.save')}>
      <Text size="sm" c="dimmed">
        {t('cases.consent.intro')}
      </Text>
      <DateTimeFieldBound name="obtainedAt" label={t('cases.consent.obtainedAt')} />
      <SegmentedField name="givenBy" label={t('cases.consent.givenBy')} required stackOnPhone data={labelOptions(CONSENT_GIVER_LABELS, CONSENT_GIVERS, locale)} />
      {givenBy === 'parent_or_guardian' && <TextField name="guardianRelationship" label={t('cases.consent.guardianRelationship')} required />}
      <CheckboxField name="storeData" label={t('cases.consent.storeDataLabel')} />
      <CheckboxField name="contact" label={t('cases.consent.contactLabel')} />
      {contact && <CheckboxGroupField name="contactChannels" label={t('cases.consent.channels')} description={t('cases.consent.channelsHint')} required data={labelOptions(CONTACT_CHANNEL_LABELS, CONTACT_CHANNELS, locale)} />}
      <CheckboxGroupField name="shareWith" label={t('cases.consent.shareWithLabel')} description={t('cases.consent.shareWithHint')} data={labelOptions(SUPPORT_SERVICE_TYPE_LABELS, SUPPORT_SERVICE_TYPES, locale)} />
      <TextField name="language" label={t('cases.consent.language')} description={t('cases.consent.languageHint')} />
      <TextAreaField name="note" label={t('cases.consent.note')} />
      <CheckboxField name="informed" label={t('cases.consent.informed')} description={t('cases.consent.informedHint')} />
    </ActionModal>
  );
}

function WithdrawModal({ detail, consent, onClose }: { detail: CaseDetail; consent: ConsentView; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<{ note: string }, unknown, { note?: string | undefined }>({
    resolver: draftResolver(() => ConsentWithdrawal, (d) => ({ note: blank(d.note) })),
    defaultValues: { note: '' },
  });
  const action = useCaseMutation({
    caseId: detail.id,
    form,
    send: (input) => withdrawConsent(detail.id, consent.id, input.note),
    isShown: (path) => path === 'note',
    savedMessage: t('cases.consent.withdrawn'),
    onDone: onClose,
  });
  return (
    <ActionModal form={form} action={action} onClose={onClose} title={t('cases.consent.withdrawTitle')} submitLabel={t('cases.consent.withdraw')}>
      <Text size="sm">{t('cases.consent.withdrawIntro', { at: formatDateTime(consent.obtainedAt) })}</Text>
      <TextAreaField name="note" label={t('cases.consent.withdrawNote')} minRows={3} data-autofocus />
    </ActionModal>
  );
}
