// Add or change an indicator: code, names and definition in both languages, numerator and denominator
// chosen among the figures the system computes (a module not in use yet is marked), and its kind.
import { MEASURE_KEYS, MEASURE_LABELS, PlanIndicatorInput, type PlanDetail, type PlanIndicatorView } from '@binhan/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/form-error';
import type { ApiIssue } from '../../lib/api';
import { applyServerIssues, fieldError, zodMessages } from '../../lib/form-errors';
import { useAddIndicator, usePlans, useUpdateIndicator } from './plans-api';

const FIELDS = ['code', 'nameVi', 'nameEn', 'definitionVi', 'definitionEn', 'numeratorKey', 'denominatorKey', 'targetKind'] as const;

interface Props {
  planId: string;
  indicator: PlanIndicatorView | null;
  onClose: () => void;
}

export function IndicatorFormModal({ planId, indicator, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const plans = usePlans();
  const add = useAddIndicator(planId);
  const update = useUpdateIndicator(planId);
  const mutation = indicator ? update : add;
  const form = useForm({
    resolver: zodResolver(PlanIndicatorInput, zodMessages),
    defaultValues: {
      code: indicator?.code ?? '',
      nameVi: indicator?.nameVi ?? '',
      nameEn: indicator?.nameEn ?? '',
      definitionVi: indicator?.definitionVi ?? '',
      definitionEn: indicator?.definitionEn ?? '',
      numeratorKey: indicator?.numeratorKey,
      denominatorKey: indicator?.denominatorKey ?? null,
      targetKind: indicator?.targetKind ?? 'percent',
    },
  });
  const { errors } = form.formState;
  const kind = useWatch({ control: form.control, name: 'targetKind' });
  const labels = MEASURE_LABELS[i18n.language === 'en' ? 'en' : 'vi'];
  const availability = new Map((plans.data?.measures ?? []).map((m) => [m.key, m.available]));
  const options = MEASURE_KEYS.map((key) => ({
    value: key,
    label: availability.get(key) === false ? `${labels[key]} (${t('plans.admin.unavailable')})` : labels[key],
  }));
  const submit = form.handleSubmit((values) => {
    setLeftover([]);
    const done = {
      onSuccess: (_plan: PlanDetail) => {
        notifications.show({ color: 'teal', message: t('plans.admin.saved') });
        onClose();
      },
      onError: (error: unknown) => setLeftover(applyServerIssues(error, form.setError, FIELDS)),
    };
    if (indicator) update.mutate({ id: indicator.id, input: values }, done);
    else add.mutate(values, done);
  });
  return (
    <Modal opened onClose={onClose} size="lg" title={indicator ? t('plans.admin.editIndicator') : t('plans.admin.addIndicator')} closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <FormError error={mutation.error} leftover={leftover} />
          <Text size="sm" c="dimmed">{t('plans.admin.indicatorsIntro')}</Text>
          <TextInput label={t('plans.admin.indicatorCode')} required data-autofocus w={200} error={fieldError(errors.code)} {...form.register('code')} />
          <TextInput label={t('plans.admin.nameVi')} required error={fieldError(errors.nameVi)} {...form.register('nameVi')} />
          <TextInput label={t('plans.admin.nameEn')} required error={fieldError(errors.nameEn)} {...form.register('nameEn')} />
          <Controller
            control={form.control}
            name="targetKind"
            render={({ field }) => (
              <Stack gap={4}>
                <Text size="sm" fw={500}>{t('plans.admin.targetKind')}</Text>
                <SegmentedControl value={field.value} onChange={(v) => field.onChange(v === 'count' ? 'count' : 'percent')}
                  data={[{ value: 'percent', label: t('plans.admin.kinds.percent') }, { value: 'count', label: t('plans.admin.kinds.count') }]} />
              </Stack>
            )}
          />
          <Controller
            control={form.control}
            name="numeratorKey"
            render={({ field }) => (
              <Select label={t('plans.admin.numerator')} required data={options} value={field.value ?? null} onChange={field.onChange} error={fieldError(errors.numeratorKey)} comboboxProps={{ withinPortal: true }} />
            )}
          />
          <Controller
            control={form.control}
            name="denominatorKey"
            render={({ field }) => (
              <Select
                label={t('plans.admin.denominator')} required={kind === 'percent'} clearable
                placeholder={kind === 'count' ? t('plans.admin.noDenominator') : undefined}
                data={options} value={field.value ?? null} onChange={(v) => field.onChange(v)} error={fieldError(errors.denominatorKey)} comboboxProps={{ withinPortal: true }}
              />
            )}
          />
          <Textarea label={t('plans.admin.definitionVi')} required autosize minRows={3} error={fieldError(errors.definitionVi)} {...form.register('definitionVi')} />
          <Textarea label={t('plans.admin.definitionEn')} required autosize minRows={3} error={fieldError(errors.definitionEn)} {...form.register('definitionEn')} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>{t('plans.admin.cancel')}</Button>
            <Button type="submit" loading={mutation.isPending}>{t('plans.admin.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
