// Rename a unit or record its last valid day. Only changed fields are sent.
import { UnitUpdate, type UnitView } from '@binhan/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/date-field';
import { FormError } from '../../components/form-error';
import type { ApiIssue } from '../../lib/api';
import { applyServerIssues, fieldError, zodMessages } from '../../lib/form-errors';
import { unitKeys, updateUnit } from './units-api';

export function UnitEditModal({ unit, onClose }: { unit: UnitView; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const form = useForm({
    resolver: zodResolver(UnitUpdate, zodMessages),
    defaultValues: { name: unit.name, validTo: unit.validTo },
  });
  const mutation = useMutation({
    mutationFn: (change: UnitUpdate) => updateUnit(unit.id, change),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('units.saved') });
      await queryClient.invalidateQueries({ queryKey: unitKeys.all });
      onClose();
    },
    onError: (error) => setLeftover(applyServerIssues(error, form.setError, ['name', 'validTo'])),
  });
  const { errors } = form.formState;

  return (
    <Modal opened onClose={onClose} title={t('units.renameTitle', { name: unit.name })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(event) => void form.handleSubmit((values) => {
          setLeftover([]);
          const change: UnitUpdate = {};
          if (values.name !== undefined && values.name !== unit.name) change.name = values.name;
          if (values.validTo !== undefined && values.validTo !== unit.validTo) change.validTo = values.validTo;
          if (Object.keys(change).length === 0) {
            onClose();
            return;
          }
          mutation.mutate(change);
        })(event)}
      >
        <Stack gap="sm">
          <FormError error={mutation.error} leftover={leftover} />
          <TextInput label={t('units.name')} required data-autofocus error={fieldError(errors.name)} {...form.register('name')} />
          <Controller
            control={form.control}
            name="validTo"
            render={({ field }) => (
              <DateField
                label={t('units.validTo')}
                description={t('units.validToHint')}
                value={field.value}
                onChange={(value) => field.onChange(value === '' ? null : value)}
                onBlur={field.onBlur}
                error={fieldError(errors.validTo)}
              />
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
