// "Gửi tin báo" in the staff app: a communicator (or an officer) tells the commune about violence they
// know of or suspect — where, what happened, when, whether someone is in danger now (the emergency numbers
// then come first), whether a child is involved, and how the reporter may safely be contacted. The same
// rules as the server are checked while typing; a retry after a lost answer files no second report.
import {
  COMMUNE_LEVEL_KINDS,
  communityReportIssues,
  CommunityReportInput,
  errorMessage,
  REPORT_CONCERN_LABELS,
  REPORT_CONCERNS,
  REPORT_CONTACT_WAY_LABELS,
  REPORT_CONTACT_WAYS,
  REPORT_LIMITS,
  REPORT_OCCURRED_WHEN,
  REPORT_OCCURRED_WHEN_LABELS,
  REPORTER_RELATION_LABELS,
  REPORTER_RELATIONS,
  sortVietnamese,
  VILLAGE_LEVEL_KINDS,
  YES_NO_UNSURE,
  type ReportReceipt,
  type UnitKind,
  type UnitView,
} from '@binhan/domain';
import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { FormProvider, useForm, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/session/session-context';
import { FormError } from '../../components/form-error';
import { PageHeader } from '../../components/page-header';
import type { ApiIssue } from '../../lib/api';
import { formatDateTime, todayIso } from '../../lib/format';
import { useUnits } from '../admin-units/units-api';
import { labelOptions, useLocale } from '../cases/case-labels';
import { applyDraftIssues, blank, draftResolver } from '../cases/draft-resolver';
import { CheckboxGroupField, SegmentedField, SelectField, TextAreaField, TextField } from '../cases/form-fields';
import { newDraftKey, reportKeys, submitReport } from './reports-api';

interface ReportDraft {
  unitId: string;
  villageId: string;
  placeNote: string;
  concerns: string[];
  description: string;
  occurredWhen: string;
  inDangerNow: string;
  childInvolved: string;
  reporterRelation: string;
  contact: { name: string; phone: string; ways: string[]; safeTime: string; note: string };
}

function emptyDraft(unitId: string, villageId: string): ReportDraft {
  return {
    unitId,
    villageId,
    placeNote: '',
    concerns: [],
    description: '',
    occurredWhen: 'not_sure',
    inDangerNow: 'not_sure',
    childInvolved: 'not_sure',
    reporterRelation: '',
    contact: { name: '', phone: '', ways: [], safeTime: '', note: '' },
  };
}

function toInput(d: ReportDraft) {
  return {
    unitId: blank(d.unitId),
    villageId: blank(d.villageId),
    placeNote: blank(d.placeNote),
    concerns: d.concerns,
    description: blank(d.description),
    occurredWhen: d.occurredWhen,
    inDangerNow: d.inDangerNow,
    childInvolved: d.childInvolved,
    reporterRelation: blank(d.reporterRelation),
    contact: {
      name: blank(d.contact.name),
      phone: blank(d.contact.phone),
      ways: d.contact.ways,
      safeTime: blank(d.contact.safeTime),
      note: blank(d.contact.note),
    },
  };
}

/** The server's rules between fields, worded in the user's language. */
function reportSchema(locale: 'vi' | 'en') {
  return CommunityReportInput.superRefine((input, ctx) => {
    for (const issue of communityReportIssues(input)) ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: errorMessage(locale, issue.code) });
  });
}

const FIELD_PATHS = ['unitId', 'villageId', 'placeNote', 'concerns', 'description', 'occurredWhen', 'inDangerNow', 'childInvolved', 'reporterRelation', 'contact.name', 'contact.phone', 'contact.ways', 'contact.safeTime', 'contact.note'];

const byName = (units: UnitView[]) => sortVietnamese(units, (u) => u.name).map((u) => ({ value: u.id, label: u.name }));

export function EmergencyNumbers() {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="filled" title={t('communityReports.submit.emergencyTitle')} role="alert" data-testid="emergency-numbers">
      <Group gap="md" wrap="wrap">
        <Anchor href="tel:113" c="white" fw={800} underline="always">
          {t('communityReports.submit.emergencyPolice')}
        </Anchor>
        <Anchor href="tel:111" c="white" fw={800} underline="always">
          {t('communityReports.submit.emergencyChild')}
        </Anchor>
        <Anchor href="tel:115" c="white" fw={800} underline="always">
          {t('communityReports.submit.emergencyAmbulance')}
        </Anchor>
      </Group>
    </Alert>
  );
}

function Section({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <Card withBorder padding="sm" component="fieldset" style={{ minWidth: 0 }}>
      <Title order={2} size="h5" component="legend" px={4}>
        {title}
      </Title>
      {description && (
        <Text size="xs" c="dimmed" mb="xs">
          {description}
        </Text>
      )}
      <Stack gap="md">{children}</Stack>
    </Card>
  );
}

function PlaceFields() {
  const { t } = useTranslation();
  const units = useUnits(todayIso());
  const { control, getValues, setValue } = useFormContext<ReportDraft>();
  const unitId = useWatch({ control, name: 'unitId' });
  const current = useMemo(() => (units.data ?? []).filter((u) => u.validTo === null), [units.data]);
  const communes = useMemo(() => byName(current.filter((u) => COMMUNE_LEVEL_KINDS.includes(u.kind))), [current]);
  const villages = useMemo(() => byName(current.filter((u) => VILLAGE_LEVEL_KINDS.includes(u.kind) && u.parentId === unitId)), [current, unitId]);

  // A village belongs to one commune: choosing another commune forgets it.
  useEffect(() => {
    const villageId = getValues('villageId');
    if (units.data && villageId !== '' && !villages.some((v) => v.value === villageId)) setValue('villageId', '');
  }, [units.data, villages, getValues, setValue]);
  // One commune in reach: it is the answer.
  useEffect(() => {
    const only = communes.length === 1 ? communes[0] : undefined;
    if (only && getValues('unitId') === '') setValue('unitId', only.value);
  }, [communes, getValues, setValue]);

  return (
    <Section title={t('communityReports.submit.where')}>
      <SelectField name="unitId" label={t('communityReports.submit.commune')} required searchable data={communes} nothingFoundMessage={units.isPending ? t('app.loading') : t('common.empty')} />
      <SelectField
        name="villageId"
        label={t('communityReports.submit.village')}
        description={t('communityReports.submit.villageHint')}
        searchable
        clearable
        disabled={unitId === ''}
        data={villages}
        nothingFoundMessage={t('common.empty')}
      />
      <TextField name="placeNote" label={t('communityReports.submit.placeNote')} description={t('communityReports.submit.placeNoteHint')} maxLength={REPORT_LIMITS.placeNote} />
    </Section>
  );
}

function Receipt({ receipt, inDanger, onAnother }: { receipt: ReportReceipt; inDanger: boolean; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={720}>
      <PageHeader title={t('communityReports.submit.sentTitle')} />
      {inDanger && (
        <Alert color="red" variant="light">
          {t('communityReports.submit.sentDanger')}{' '}
          <Anchor href="tel:113" fw={800} c="red.8">
            113
          </Anchor>
        </Alert>
      )}
      <Alert color="teal" title={receipt.reference} data-testid="report-receipt">
        {t('communityReports.submit.sentText', { reference: receipt.reference, at: formatDateTime(receipt.receivedAt) })}
      </Alert>
      <Group gap="sm">
        <Button onClick={onAnother}>{t('communityReports.submit.another')}</Button>
        <Button component={Link} to="/my-reports" variant="light">
          {t('communityReports.submit.mine')}
        </Button>
      </Group>
    </Stack>
  );
}

export function SubmitPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const queryClient = useQueryClient();
  const ownCommune = me.unit && COMMUNE_LEVEL_KINDS.includes(me.unit.kind as UnitKind) ? me.unit.id : '';
  const [draftKey, setDraftKey] = useState(newDraftKey);
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const [receipt, setReceipt] = useState<{ receipt: ReportReceipt; inDanger: boolean } | null>(null);
  const form = useForm<ReportDraft, unknown, CommunityReportInput>({
    resolver: draftResolver(() => reportSchema(locale), toInput),
    defaultValues: emptyDraft(ownCommune, ''),
    mode: 'onChange',
  });
  const inDanger = useWatch({ control: form.control, name: 'inDangerNow' }) === 'yes';
  const yesNo = YES_NO_UNSURE.map((value) => ({ value, label: t(`communityReports.yesNo.${value}`) }));

  const mutation = useMutation({
    mutationFn: (input: CommunityReportInput) => submitReport(input, draftKey),
    // Fail at once when offline, saying so; what was typed stays.
    networkMode: 'always',
    onSuccess: (created, input) => {
      void queryClient.invalidateQueries({ queryKey: reportKeys.all });
      setReceipt({ receipt: created, inDanger: input.inDangerNow === 'yes' });
      window.scrollTo({ top: 0 });
    },
    onError: (error) => {
      setLeftover(applyDraftIssues(error, form.setError, (path) => FIELD_PATHS.includes(path)).leftover);
      window.scrollTo({ top: 0 });
    },
  });
  const submit = form.handleSubmit((input) => {
    setLeftover([]);
    mutation.mutate(input);
  });

  if (receipt) {
    return (
      <Receipt
        receipt={receipt.receipt}
        inDanger={receipt.inDanger}
        onAnother={() => {
          form.reset(emptyDraft(form.getValues('unitId'), ''));
          mutation.reset();
          setDraftKey(newDraftKey());
          setReceipt(null);
        }}
      />
    );
  }

  return (
    <FormProvider {...form}>
      <Stack gap="md" maw={720}>
        <PageHeader title={t('communityReports.submit.title')} intro={t('communityReports.submit.intro')} />
        {inDanger && <EmergencyNumbers />}
        <FormError error={mutation.error} leftover={leftover} />
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Stack gap="md">
            <Section title={t('communityReports.submit.what')}>
              <SegmentedField name="inDangerNow" label={t('communityReports.submit.inDangerNow')} data={yesNo} />
              <CheckboxGroupField
                name="concerns"
                label={t('communityReports.submit.concerns')}
                description={t('communityReports.submit.concernsHint')}
                data={labelOptions(REPORT_CONCERN_LABELS, REPORT_CONCERNS, locale)}
              />
              <TextAreaField
                name="description"
                label={t('communityReports.submit.description')}
                description={t('communityReports.submit.descriptionHint', { max: REPORT_LIMITS.description })}
                maxLength={REPORT_LIMITS.description}
                minRows={3}
              />
              <SelectField name="occurredWhen" label={t('communityReports.submit.occurredWhen')} data={labelOptions(REPORT_OCCURRED_WHEN_LABELS, REPORT_OCCURRED_WHEN, locale)} />
              <SegmentedField name="childInvolved" label={t('communityReports.submit.childInvolved')} data={yesNo} />
            </Section>
            <PlaceFields />
            <Section title={t('communityReports.submit.reporter')} description={t('communityReports.submit.reporterHint')}>
              <SelectField name="reporterRelation" label={t('communityReports.submit.relation')} clearable data={labelOptions(REPORTER_RELATION_LABELS, REPORTER_RELATIONS, locale)} />
              <TextField name="contact.name" label={t('communityReports.submit.contactName')} maxLength={REPORT_LIMITS.contactName} autoComplete="off" />
              <TextField name="contact.phone" label={t('communityReports.submit.contactPhone')} maxLength={REPORT_LIMITS.contactPhone} type="tel" inputMode="tel" autoComplete="off" />
              <CheckboxGroupField name="contact.ways" label={t('communityReports.submit.contactWays')} data={labelOptions(REPORT_CONTACT_WAY_LABELS, REPORT_CONTACT_WAYS, locale)} />
              <TextField
                name="contact.safeTime"
                label={t('communityReports.submit.contactSafeTime')}
                description={t('communityReports.submit.contactSafeTimeHint')}
                maxLength={REPORT_LIMITS.contactSafeTime}
              />
              <TextAreaField name="contact.note" label={t('communityReports.submit.contactNote')} maxLength={REPORT_LIMITS.contactNote} />
            </Section>
            <Group justify="flex-end">
              <Button type="submit" size="md" loading={mutation.isPending}>
                {t('communityReports.submit.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </FormProvider>
  );
}
