// Add a plan or correct its particulars: number, title, issuer, date of issue, period and vision year.
import { COMMUNE_LEVEL_KINDS, PlanInput, type PlanDetail, type PlanSummary } from '@binhan/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/form-error';
import { DateField } from '../../components/date-field';
import type { ApiIssue } from '../../lib/api';
import { applyServerIssues, fieldError, zodMessages } from '../../lib/form-errors';
import { UnitSelect } from '../admin-units/unit-select';
import { useCreatePlan, useUpdatePlan } from './plans-api';

const FIELDS = ['code', 'titleVi', 'titleEn', 'issuer', 'issuingUnitId', 'issuedOn', 'fromYear', 'toYear', 'visionYear', 'description'] as const;

interface Props {
  plan: PlanSummary | null;
  onClose: () => void;
  onSaved: (plan: PlanDetail) => void;
}

export function PlanFormModal({ plan, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const create = useCreatePlan();
  const update = useUpdatePlan(plan?.id ?? '-');
  const mutation = plan ? update : create;
  const form = useForm({
    resolver: zodResolver(PlanInput, zodMessages),
    defaultValues: {
      code: plan?.code ?? '',
      titleVi: plan?.titleVi ?? '',
      titleEn: plan?.titleEn ?? '',
      issuer: plan?.issuer ?? '',
      issuingUnitId: plan?.issuingUnit?.id ?? null,
      issuedOn: plan?.issuedOn ?? '',
      fromYear: plan?.fromYear ?? new Date().getFullYear(),
      toYear: plan?.toYear ?? new Date().getFullYear() + 4,
      visionYear: plan?.visionYear ?? null,
      description: plan?.description ?? '',
    },
  });
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) => {
    setLeftover([]);
    mutation.mutate(values, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: plan ? t('plans.admin.saved') : t('plans.admin.created', { code: saved.code }) });
        onSaved(saved);
      },
      onError: (error) => setLeftover(applyServerIssues(error, form.setError, FIELDS)),
    });
  });
  const year = (name: 'fromYear' | 'toYear' | 'visionYear', label: string, required: boolean) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <NumberInput
          label={label} required={required} min={2000} max={2100} allowDecimal={false} thousandSeparator=""
          value={typeof field.value === 'number' ? field.value : ''} onChange={(v) => field.onChange(v === '' ? (required ? undefined : null) : Number(v))} onBlur={field.onBlur}
          error={fieldError(errors[name])}
        />
      )}
    />
  );
  return (
    <Modal opened onClose={onClose} size="lg" title={plan ? t('plans.admin.editPlan') : t('plans.admin.newPlan')} closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <FormError error={mutation.error} leftover={leftover} />
          <TextInput label={t('plans.admin.code')} description={t('plans.admin.codeHint')} required data-autofocus error={fieldError(errors.code)} {...form.register('code')} />
          <Textarea label={t('plans.admin.titleVi')} required autosize minRows={2} error={fieldError(errors.titleVi)} {...form.register('titleVi')} />
          <TextInput label={t('plans.admin.titleEn')} error={fieldError(errors.titleEn)} {...form.register('titleEn')} />
          <TextInput label={t('plans.admin.issuer')} description={t('plans.admin.issuerHint')} required error={fieldError(errors.issuer)} {...form.register('issuer')} />
          <Controller
            control={form.control}
            name="issuingUnitId"
            render={({ field }) => (
              <UnitSelect label={t('plans.admin.issuingUnit')} includeEnded kinds={['province', 'district', ...COMMUNE_LEVEL_KINDS]}
                value={field.value ?? null} onChange={(v) => field.onChange(v)} error={fieldError(errors.issuingUnitId)} />
            )}
          />
          <Controller
            control={form.control}
            name="issuedOn"
            render={({ field }) => (
              <DateField label={t('plans.admin.issuedOn')} required value={field.value} onChange={field.onChange} error={fieldError(errors.issuedOn)} />
            )}
          />
          <SimpleGrid cols={3}>
            {year('fromYear', t('plans.admin.fromYear'), true)}
            {year('toYear', t('plans.admin.toYear'), true)}
            {year('visionYear', t('plans.admin.visionYear'), false)}
          </SimpleGrid>
          <Textarea label={t('plans.admin.description')} autosize minRows={2} error={fieldError(errors.description)} {...form.register('description')} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>{t('plans.admin.cancel')}</Button>
            <Button type="submit" loading={mutation.isPending}>{t('plans.admin.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
