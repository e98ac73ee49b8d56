// A provider's inbox (chuyển gửi đến cơ sở): referrals addressed to the user's organisation, the most
// urgent first, each with only what the survivor agreed to share; accept, decline (with the reason) or
// complete (with the outcome). Nothing else of the case reaches the provider.
import {
  AGE_GROUPS,
  CONTACT_CHANNEL_LABELS,
  PERSON_SEX_LABELS,
  REFERRAL_URGENCIES,
  REFERRAL_URGENCY_LABELS,
  ReferralResponse,
  SUPPORT_SERVICE_TYPE_LABELS,
  type ReferralView,
} from '@binhan/domain';
import { Anchor, Badge, Button, Card, Center, Group, Loader, Modal, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/form-error';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { formatDateTime } from '../../lib/format';
import { labelOf, useLocale } from '../cases/case-labels';
import { ReferralStatusBadge } from '../cases/case-page/referrals-panel';
import { Line } from '../cases/case-page/section-card';
import { applyDraftIssues, blank, draftResolver } from '../cases/draft-resolver';
import { TextAreaField } from '../cases/form-fields';
import { respondToReferral, serviceKeys, useInbox } from '../cases/services-api';
import type { ApiIssue } from '../../lib/api';

type Action = ReferralResponse['action'];

const URGENCY_COLOURS: Readonly<Record<string, string>> = { emergency: 'red', urgent: 'orange', routine: 'gray' };

function urgencyRank(urgency: string): number {
  const index = (REFERRAL_URGENCIES as readonly string[]).indexOf(urgency);
  return index === -1 ? 0 : -index;
}

/** Most urgent first; within one urgency, the longest waiting first. */
export function sortInbox(items: ReferralView[]): ReferralView[] {
  return [...items].sort((a, b) => urgencyRank(a.urgency) - urgencyRank(b.urgency) || a.referredAt.localeCompare(b.referredAt));
}

function ReferralCard({ referral, onRespond }: { referral: ReferralView; onRespond: (action: Action) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const s = referral.shared;
  const ageGroup = s && (AGE_GROUPS as readonly string[]).includes(s.ageGroup) ? t(`cases.ageGroups.${s.ageGroup as (typeof AGE_GROUPS)[number]}`) : (s?.ageGroup ?? '');
  return (
    <Card withBorder padding="sm" data-testid="inbox-referral">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" align="flex-start">
          <Badge color={URGENCY_COLOURS[referral.urgency] ?? 'gray'} variant={referral.urgency === 'routine' ? 'light' : 'filled'} size="lg">
            {labelOf(REFERRAL_URGENCY_LABELS, referral.urgency, locale)}
          </Badge>
          <ReferralStatusBadge referral={referral} />
        </Group>
        <Title order={2} size="h5">
          {SUPPORT_SERVICE_TYPE_LABELS[referral.serviceType][locale]}
        </Title>
        <Text size="sm" c="dimmed">
          {t('cases.inbox.referredAt', { at: formatDateTime(referral.referredAt) })}
        </Text>
        {s ? (
          <Stack gap={2}>
            <Line label={t('cases.inbox.name')}>{s.fullName ?? t('cases.inbox.notShared')}</Line>
            <Line label={t('cases.fields.sex')}>{labelOf(PERSON_SEX_LABELS, s.sex, locale)}</Line>
            <Line label={t('cases.page.ageGroup')}>{ageGroup}</Line>
            <Line label={t('cases.inbox.commune')}>{s.commune}</Line>
            <Line label={t('cases.fields.phone')}>{s.phone ? <Anchor href={`tel:${s.phone.replace(/\s/g, '')}`}>{s.phone}</Anchor> : t('cases.inbox.notShared')}</Line>
            <Line label={t('cases.inbox.channels')}>{s.contactChannels.length > 0 ? s.contactChannels.map((code) => labelOf(CONTACT_CHANNEL_LABELS, code, locale)).join(', ') : t('cases.inbox.noContact')}</Line>
            {s.note && <Line label={t('cases.inbox.note')}>{s.note}</Line>}
          </Stack>
        ) : (
          <Text size="sm">{t('cases.inbox.nothingShared')}</Text>
        )}
        {referral.responseNote && <Line label={t('cases.referral.responseNote')}>{referral.responseNote}</Line>}
        {(referral.status === 'sent' || referral.status === 'accepted') && (
          <Group gap="xs" justify="flex-end">
            {referral.status === 'sent' && (
              <>
                <Button variant="default" color="red" onClick={() => onRespond('decline')}>
                  {t('cases.inbox.decline')}
                </Button>
                <Button onClick={() => onRespond('accept')}>{t('cases.inbox.accept')}</Button>
              </>
            )}
            {referral.status === 'accepted' && <Button onClick={() => onRespond('complete')}>{t('cases.inbox.complete')}</Button>}
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function RespondModal({ referral, action, onClose }: { referral: ReferralView; action: Action; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const queryClient = useQueryClient();
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const form = useForm<{ note: string }, unknown, ReferralResponse>({
    resolver: draftResolver(() => ReferralResponse, (d) => ({ action, note: action === 'decline' ? d.note : blank(d.note) })),
    defaultValues: { note: '' },
  });
  const mutation = useMutation({
    mutationFn: (input: ReferralResponse) => respondToReferral(referral.id, input),
    networkMode: 'always',
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: serviceKeys.inboxAll });
      notifications.show({ color: 'teal', message: t(`cases.inbox.saved.${action}`) });
      onClose();
    },
    onError: (error) => setLeftover(applyDraftIssues(error, form.setError, (path) => path === 'note').leftover),
  });
  const submit = form.handleSubmit((input) => {
    setLeftover([]);
    mutation.mutate(input);
  });
  return (
    <Modal opened onClose={onClose} title={t(`cases.inbox.titles.${action}`)} fullScreen={isPhone} closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <FormProvider {...form}>
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Stack gap="md">
            <FormError error={mutation.error} leftover={leftover} />
            <Text size="sm" fw={600}>
              {SUPPORT_SERVICE_TYPE_LABELS[referral.serviceType][locale]}
            </Text>
            <TextAreaField name="note" label={t(`cases.inbox.notes.${action}`)} required={action === 'decline'} minRows={3} data-autofocus />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={mutation.isPending} color={action === 'decline' ? 'red' : undefined}>
                {t(`cases.inbox.confirm.${action}`)}
              </Button>
            </Group>
          </Stack>
        </form>
      </FormProvider>
    </Modal>
  );
}

export function InboxPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const inbox = useInbox(status);
  const [responding, setResponding] = useState<{ referral: ReferralView; action: Action } | null>(null);
  return (
    <Stack gap="md" maw={900}>
      <PageHeader title={t('cases.inbox.title')} intro={t('cases.inbox.intro')} />
      <SegmentedControl
        value={status}
        onChange={(value) => setStatus(value === 'all' ? 'all' : 'open')}
        data={[
          { value: 'open', label: t('cases.inbox.open') },
          { value: 'all', label: t('cases.inbox.all') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      {inbox.isPending && (
        <Center py="lg">
          <Loader aria-label={t('app.loading')} />
        </Center>
      )}
      {inbox.isError && <QueryError error={inbox.error} onRetry={() => void inbox.refetch()} />}
      {inbox.data?.length === 0 && <Text c="dimmed">{t('cases.inbox.empty')}</Text>}
      {inbox.data && sortInbox(inbox.data).map((referral) => <ReferralCard key={referral.id} referral={referral} onRespond={(action) => setResponding({ referral, action })} />)}
      {responding && <RespondModal referral={responding.referral} action={responding.action} onClose={() => setResponding(null)} />}
    </Stack>
  );
}
