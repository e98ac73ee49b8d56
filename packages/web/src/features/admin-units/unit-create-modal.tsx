// Add a unit under the selected one, most often a village (thôn, bản) under a commune.
import { UnitCreate, type UnitView } from '@binhan/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/date-field';
import { FormError } from '../../components/form-error';
import type { ApiIssue } from '../../lib/api';
import { applyServerIssues, fieldError, zodMessages } from '../../lib/form-errors';
import { childKindOf, UnitKindSelect } from './unit-kind-select';
import { unitLabel } from './unit-label';
import { createUnit, unitKeys } from './units-api';

const FIELDS = ['code', 'name', 'kind', 'validFrom', 'parentId'] as const;

interface Props {
  parent: UnitView;
  defaultDate: string;
  onClose: () => void;
  onCreated: (unit: UnitView) => void;
}

export function UnitCreateModal({ parent, defaultDate, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const form = useForm({
    resolver: zodResolver(UnitCreate, zodMessages),
    defaultValues: { code: '', name: '', kind: childKindOf(parent.kind), parentId: parent.id, validFrom: defaultDate },
  });
  const mutation = useMutation({
    mutationFn: createUnit,
    onSuccess: async (unit) => {
      notifications.show({ color: 'teal', message: t('units.created', { name: unit.name }) });
      await queryClient.invalidateQueries({ queryKey: unitKeys.all });
      onCreated(unit);
    },
    onError: (error) => setLeftover(applyServerIssues(error, form.setError, FIELDS)),
  });
  const { errors } = form.formState;

  return (
    <Modal opened onClose={onClose} title={t('units.addTitle', { parent: parent.name })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(event) => void form.handleSubmit((values) => {
          setLeftover([]);
          mutation.mutate(values);
        })(event)}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('units.addHint')}
          </Text>
          <FormError error={mutation.error} leftover={leftover} />
          <TextInput label={t('units.parent')} value={unitLabel(parent)} readOnly disabled />
          <TextInput label={t('units.name')} required data-autofocus error={fieldError(errors.name)} {...form.register('name')} />
          <TextInput label={t('units.code')} required autoCapitalize="none" spellCheck={false} error={fieldError(errors.code)} {...form.register('code')} />
          <Controller
            control={form.control}
            name="kind"
            render={({ field }) => (
              <UnitKindSelect label={t('units.kind')} required value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldError(errors.kind)} />
            )}
          />
          <Controller
            control={form.control}
            name="validFrom"
            render={({ field }) => (
              <DateField label={t('units.validFrom')} required value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldError(errors.validFrom)} />
            )}
          />
          <Group justify="flex-end" gap="xs" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
