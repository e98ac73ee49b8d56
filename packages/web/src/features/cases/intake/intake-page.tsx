// Tiếp nhận tin báo: a four-step intake that works one-handed on a 360 px phone. The draft lives in this
// component's memory only (never browser storage: it holds an identity), so moving between steps, a
// lost connection on submit or a re-sign-in loses nothing. Created → the case page, risk assessment open.
import { COMMUNE_LEVEL_KINDS, makeCaseCreateSchema, type CaseCreate, type CaseListItem, type UnitKind } from '@binhan/domain';
import { Button, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { FormProvider, get, useForm, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe, useSession } from '../../../app/session/session-context';
import { FormError } from '../../../components/form-error';
import type { ApiIssue } from '../../../lib/api';
import { caseKeys, createCase, findDuplicates } from '../cases-api';
import { useIntakeFromReport } from '../../community-reports/intake-from-report';
import { openCaseFromReport, reportKeys } from '../../community-reports/reports-api';
import { nowInstant } from '../case-time';
import { applyDraftIssues, draftResolver } from '../draft-resolver';
import { IncidentFields } from '../incident/incident-fields';
import { PerpetratorsField } from '../incident/perpetrators-field';
import { PerpetratorDuplicateModal, usePerpetratorDuplicates } from '../../perpetrators/identity/duplicate-check';
import { DuplicateModal } from './duplicate-modal';
import { duplicateCheckOf, emptyCaseDraft, INTAKE_STEPS, intakeFieldPath, STEP_FIELDS, stepOfPath, toCaseCreateInput, type CaseDraft, type IntakeStep } from './intake-draft';
import { LeaveGuard } from './leave-guard';
import { newOpId } from '../../offline/queue';
import { StepDetection } from './step-detection';
import { StepReview } from './step-review';
import { StepSurvivor } from './step-survivor';

function firstStepWithErrors(errors: FieldErrors<CaseDraft>): IntakeStep {
  return INTAKE_STEPS.find((step) => STEP_FIELDS[step].some((name) => get(errors, name) !== undefined)) ?? 'review';
}

export function IntakePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<IntakeStep>('detection');
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const [duplicates, setDuplicates] = useState<CaseListItem[] | null>(null);
  const [isChecking, setIsChecking] = useState(false);
  const checkedIdentity = useRef<string | null>(null);
  const allowLeave = useRef(false);
  const perpetratorDuplicates = usePerpetratorDuplicates();
  const ownCommune = me.unit && COMMUNE_LEVEL_KINDS.includes(me.unit.kind as UnitKind) ? me.unit.id : '';
  const form = useForm<CaseDraft, unknown, CaseCreate>({
    resolver: draftResolver(() => makeCaseCreateSchema(new Date()), toCaseCreateInput, intakeFieldPath),
    defaultValues: emptyCaseDraft(ownCommune, nowInstant()),
    // Checked as values change, never on leaving a field: an error appearing or vanishing at that
    // moment moves the page under the officer's finger, and the tap lands on the wrong control.
    mode: 'onChange',
  });
  // Opened from a community report (?report=<id>): filled in from it, and the case is opened through it.
  const fromReport = useIntakeFromReport(form.reset, () => emptyCaseDraft(ownCommune, nowInstant()));
  const index = INTAKE_STEPS.indexOf(step);

  const show = (next: IntakeStep) => {
    setStep(next);
    window.scrollTo({ top: 0 });
  };

  // One key per draft: resending after a dropped connection returns the case already opened, and the
  // same draft queued offline (the key is its operation id) opens no second case either.
  const [draftKey] = useState(newOpId);
  const create = useMutation({
    mutationFn: (input: CaseCreate) => (fromReport.reportId === null ? createCase(input, draftKey) : openCaseFromReport(fromReport.reportId, input, draftKey)),
    // Fail at once when the phone is offline, saying so, instead of waiting silently: the officer retries.
    networkMode: 'always',
    onSuccess: (created) => {
      allowLeave.current = true;
      queryClient.setQueryData(caseKeys.detail(created.id), created);
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      if (fromReport.reportId !== null) void queryClient.invalidateQueries({ queryKey: reportKeys.all });
      notifications.show({ color: 'teal', message: t('cases.intake.created', { code: created.code }) });
      void navigate(`/cases/${created.id}`, { state: { assessRisk: true } });
    },
    onError: (error) => {
      fromReport.handleError(error);
      const placed = applyDraftIssues(error, form.setError, (path) => stepOfPath(path) !== null, intakeFieldPath);
      setLeftover(placed.leftover);
      const target = placed.first === null ? null : stepOfPath(placed.first);
      if (target !== null) show(target);
    },
  });

  const checkDuplicates = async (): Promise<boolean> => {
    const check = duplicateCheckOf(form.getValues());
    const key = JSON.stringify(check);
    if (check === null || key === checkedIdentity.current) return false;
    setIsChecking(true);
    try {
      const found = await findDuplicates(check);
      checkedIdentity.current = key;
      if (found.items.length === 0) return false;
      setDuplicates(found.items);
      return true;
    } catch {
      // The check helps but must not stop a report at night: go on and say it was not done.
      notifications.show({ color: 'yellow', message: t('cases.duplicates.failed') });
      return false;
    } finally {
      setIsChecking(false);
    }
  };

  const goNext = async () => {
    const isValid = await form.trigger([...STEP_FIELDS[step]], { shouldFocus: true });
    if (!isValid) return;
    if (step === 'detection' && form.getValues('firstIncident.occurredAt') === '') {
      form.setValue('firstIncident.occurredAt', form.getValues('detectedAt'));
    }
    if (step === 'survivor' && can('cases.identify') && (await checkDuplicates())) return;
    if (step === 'perpetrators' && can('cases.identify') && (await perpetratorDuplicates.check(form.getValues('firstIncident.perpetrators'), form.getValues('firstIncident.occurredAt')))) return;
    show(INTAKE_STEPS[index + 1] ?? 'review');
  };

  const submit = form.handleSubmit(
    (input) => {
      setLeftover([]);
      create.mutate(input);
    },
    (errors) => show(firstStepWithErrors(errors)),
  );

  return (
    <FormProvider {...form}>
      <Stack gap="md" maw={720}>
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t('cases.intake.title')}
          </Title>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('cases.intake.stepOf', { n: index + 1, total: INTAKE_STEPS.length, name: t(`cases.intake.steps.${step}`) })}
          </Text>
          <Progress value={((index + 1) / INTAKE_STEPS.length) * 100} size="sm" aria-hidden="true" />
        </Stack>
        {fromReport.notice}
        <FormError error={create.error} leftover={leftover} />
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (step === 'review') void submit(event);
            else void goNext();
          }}
        >
          {step === 'detection' && <StepDetection />}
          {step === 'survivor' && <StepSurvivor />}
          {step === 'incident' && <IncidentFields withPerpetrators={false} />}
          {step === 'perpetrators' && <PerpetratorsField prefix="firstIncident" withIntro />}
          {step === 'review' && <StepReview onEdit={show} />}
          <Group
            justify="space-between"
            gap="xs"
            py="sm"
            mt="md"
            pos="sticky"
            bottom={0}
            bg="var(--mantine-color-body)"
            style={{ borderTop: '1px solid var(--mantine-color-gray-3)', zIndex: 2 }}
          >
            <Button variant="default" disabled={index === 0} onClick={() => show(INTAKE_STEPS[index - 1] ?? 'detection')}>
              {t('cases.intake.back')}
            </Button>
            <Button type="submit" loading={create.isPending || isChecking || perpetratorDuplicates.isChecking}>
              {step === 'review' ? t('cases.intake.create') : t('common.continue')}
            </Button>
          </Group>
        </form>
      </Stack>
      <DuplicateModal
        matches={duplicates}
        onClose={() => setDuplicates(null)}
        onContinue={() => {
          setDuplicates(null);
          show('incident');
        }}
        onOpen={(item) => {
          allowLeave.current = true;
          void navigate(`/cases/${item.id}`);
        }}
      />
      <PerpetratorDuplicateModal prefix="firstIncident.perpetrators" match={perpetratorDuplicates.match} onClose={perpetratorDuplicates.close} onResume={() => void goNext()} />
      <LeaveGuard isDirty={form.formState.isDirty && !create.isSuccess} allowRef={allowLeave} />
    </FormProvider>
  );
}
