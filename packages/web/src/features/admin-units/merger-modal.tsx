// Record a merger: the sources stop existing the day before the effective date and their area goes into
// an existing unit or a new one created here (as on 01/02/2020 and 01/07/2025).
import type { MergerInput, UnitView } from '@binhan/domain';
import { Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/date-field';
import { FormError } from '../../components/form-error';
import type { ApiIssue } from '../../lib/api';
import { applyServerIssues, fieldError } from '../../lib/form-errors';
import { mergerField, mergerResolver, type MergerFormValues } from './merger-form';
import { MergerSourcesField } from './merger-sources-field';
import { UnitKindSelect } from './unit-kind-select';
import { UnitSelect } from './unit-select';
import { recordMerger, unitKeys } from './units-api';

const FIELDS = ['effectiveDate', 'sources', 'existingId', 'code', 'name', 'kind', 'parentId'] as const;

interface Props {
  initialSource: UnitView | null;
  defaultDate: string;
  onClose: () => void;
  onMerged: (target: UnitView, effectiveDate: string) => void;
}

export function MergerModal({ initialSource, defaultDate, onClose, onMerged }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const form = useForm<MergerFormValues, unknown, MergerInput>({
    resolver: mergerResolver,
    defaultValues: {
      effectiveDate: defaultDate,
      sources: initialSource ? [{ id: initialSource.id, isPart: false }] : [],
      targetMode: 'existing',
      existingId: '',
      code: '',
      name: '',
      kind: initialSource?.kind ?? null,
      parentId: initialSource?.parentId ?? '',
    },
  });
  const mutation = useMutation({
    mutationFn: recordMerger,
    onSuccess: async (result, input) => {
      notifications.show({ color: 'teal', message: t('units.merged', { name: result.target.name }) });
      await queryClient.invalidateQueries({ queryKey: unitKeys.all });
      onMerged(result.target, input.effectiveDate);
    },
    onError: (error) => setLeftover(applyServerIssues(error, form.setError, FIELDS, (path) => mergerField(path) ?? path)),
  });
  const { errors } = form.formState;
  const [effectiveDate, targetMode, sources] = useWatch({ control: form.control, name: ['effectiveDate', 'targetMode', 'sources'] });
  const sourceIds = sources.map((s) => s.id);

  return (
    <Modal opened onClose={onClose} title={t('units.mergeTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(event) => void form.handleSubmit((input) => {
          setLeftover([]);
          mutation.mutate(input);
        })(event)}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('units.mergeIntro')}
          </Text>
          <FormError error={mutation.error} leftover={leftover} />
          <Controller
            control={form.control}
            name="effectiveDate"
            render={({ field }) => (
              <DateField label={t('units.effectiveDate')} required maw={240} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldError(errors.effectiveDate)} />
            )}
          />
          <Controller
            control={form.control}
            name="sources"
            render={({ field }) => (
              <MergerSourcesField effectiveDate={effectiveDate} value={field.value} onChange={field.onChange} error={fieldError(errors.sources)} />
            )}
          />
          <Controller
            control={form.control}
            name="targetMode"
            render={({ field }) => (
              <Stack gap={4}>
                <Text size="sm" fw={500} id="merger-target-mode">
                  {t('units.targetMode')}
                </Text>
                <SegmentedControl
                  aria-labelledby="merger-target-mode"
                  value={field.value}
                  onChange={(value) => field.onChange(value === 'new' ? 'new' : 'existing')}
                  data={[
                    { value: 'existing', label: t('units.targetExisting') },
                    { value: 'new', label: t('units.targetNew') },
                  ]}
                />
              </Stack>
            )}
          />
          {targetMode === 'existing' ? (
            <Controller
              control={form.control}
              name="existingId"
              render={({ field }) => (
                <UnitSelect
                  label={t('units.targetUnit')}
                  required
                  at={effectiveDate}
                  exclude={sourceIds}
                  value={field.value === '' ? null : field.value}
                  onChange={(value) => field.onChange(value ?? '')}
                  error={fieldError(errors.existingId)}
                />
              )}
            />
          ) : (
            <NewTargetFields form={form} effectiveDate={effectiveDate} />
          )}
          <Group justify="flex-end" gap="xs" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('units.merge')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function NewTargetFields({ form, effectiveDate }: { form: ReturnType<typeof useForm<MergerFormValues, unknown, MergerInput>>; effectiveDate: string }) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  return (
    <>
      <TextInput label={t('units.newName')} required error={fieldError(errors.name)} {...form.register('name')} />
      <TextInput label={t('units.newCode')} required autoCapitalize="none" spellCheck={false} error={fieldError(errors.code)} {...form.register('code')} />
      <Controller
        control={form.control}
        name="kind"
        render={({ field }) => (
          <UnitKindSelect label={t('units.newKind')} required value={field.value} onChange={(value) => field.onChange(value ?? null)} error={fieldError(errors.kind)} />
        )}
      />
      <Controller
        control={form.control}
        name="parentId"
        render={({ field }) => (
          <UnitSelect
            label={t('units.newParent')}
            required
            at={effectiveDate}
            value={field.value === '' ? null : field.value}
            onChange={(value) => field.onChange(value ?? '')}
            error={fieldError(errors.parentId)}
          />
        )}
      />
    </>
  );
}
