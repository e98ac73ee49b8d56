// Edit an account's name, role, unit and organisation. Only changed fields are sent, so two
// administrators editing different fields do not overwrite each other.
import { ROLE_UNIT_LEVEL, UserUpdate, type UserView } from '@binhan/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/form-error';
import type { ApiIssue } from '../../lib/api';
import { applyServerIssues, fieldError, zodMessages } from '../../lib/form-errors';
import { UnitSelect } from '../admin-units/unit-select';
import { RoleSelect } from './role-select';
import { updateUser } from './users-api';

const FIELDS = ['displayName', 'role', 'unitId', 'organisation'] as const;

export function UserEditForm({ user, onSaved }: { user: UserView; onSaved: (user: UserView) => void }) {
  const { t } = useTranslation();
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const form = useForm({
    resolver: zodResolver(UserUpdate, zodMessages),
    defaultValues: { displayName: user.displayName, role: user.role, unitId: user.unit?.id, organisation: user.organisation ?? '' },
  });
  const mutation = useMutation({
    mutationFn: (change: UserUpdate) => updateUser(user.id, change),
    onSuccess: (saved) => {
      notifications.show({ color: 'teal', message: t('users.saved') });
      onSaved(saved);
    },
    onError: (error) => setLeftover(applyServerIssues(error, form.setError, FIELDS)),
  });
  const { errors } = form.formState;
  const role = useWatch({ control: form.control, name: 'role' });

  return (
    <form
      noValidate
      onSubmit={(event) => void form.handleSubmit((values) => {
        setLeftover([]);
        const change: UserUpdate = {};
        if (values.displayName !== undefined && values.displayName !== user.displayName) change.displayName = values.displayName;
        if (values.role !== undefined && values.role !== user.role) change.role = values.role;
        if (values.unitId !== undefined && values.unitId !== user.unit?.id) change.unitId = values.unitId;
        const organisation = values.organisation === '' || values.organisation === undefined ? null : values.organisation;
        if (organisation !== user.organisation) change.organisation = organisation;
        if (Object.keys(change).length === 0) {
          notifications.show({ message: t('users.noChanges') });
          return;
        }
        mutation.mutate(change);
      })(event)}
    >
      <Stack gap="sm">
        <FormError error={mutation.error} leftover={leftover} />
        <TextInput label={t('users.displayName')} required error={fieldError(errors.displayName)} {...form.register('displayName')} />
        <TextInput label={t('users.username')} value={user.username} readOnly disabled />
        <Controller
          control={form.control}
          name="role"
          render={({ field }) => (
            <RoleSelect label={t('users.role')} required value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldError(errors.role)} />
          )}
        />
        <Controller
          control={form.control}
          name="unitId"
          render={({ field }) => (
            <UnitSelect
                includeEnded
              label={t('users.unit')}
              required
              clearable={false}
              current={user.unit}
              description={role ? t(`roleUnitLevel.${ROLE_UNIT_LEVEL[role]}`) : undefined}
              value={field.value ?? null}
              onChange={(value) => field.onChange(value ?? undefined)}
              onBlur={field.onBlur}
              error={fieldError(errors.unitId)}
            />
          )}
        />
        <TextInput label={t('users.organisation')} description={t('users.organisationHint')} error={fieldError(errors.organisation)} {...form.register('organisation')} />
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
