// Create an officer account. The unit is picked among today's units; the server answers with a
// one-time password that the page shows once.
import { ROLE_UNIT_LEVEL, UserCreate } from '@binhan/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/form-error';
import type { ApiIssue } from '../../lib/api';
import { applyServerIssues, fieldError, zodMessages } from '../../lib/form-errors';
import { UnitSelect } from '../admin-units/unit-select';
import { RoleSelect } from './role-select';
import { createUser, type TemporaryPasswordResult } from './users-api';

const FIELDS = ['username', 'displayName', 'role', 'unitId', 'organisation', 'locale'] as const;

interface Props {
  opened: boolean;
  onClose: () => void;
  onCreated: (result: TemporaryPasswordResult) => void;
}

export function UserCreateModal({ opened, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const form = useForm({
    resolver: zodResolver(UserCreate, zodMessages),
    defaultValues: { username: '', displayName: '', unitId: '', organisation: '', locale: 'vi' },
  });
  const mutation = useMutation({
    mutationFn: createUser,
    onSuccess: (result) => {
      form.reset();
      setLeftover([]);
      onCreated(result);
    },
    onError: (error) => setLeftover(applyServerIssues(error, form.setError, FIELDS)),
  });
  const { errors } = form.formState;
  const role = useWatch({ control: form.control, name: 'role' });

  return (
    <Modal opened={opened} onClose={onClose} title={t('users.createTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(event) => void form.handleSubmit((values) => {
          setLeftover([]);
          mutation.mutate({ ...values, organisation: values.organisation === '' ? undefined : values.organisation });
        })(event)}
      >
        <Stack gap="sm">
          <FormError error={mutation.error} leftover={leftover} />
          <TextInput label={t('users.displayName')} required data-autofocus error={fieldError(errors.displayName)} {...form.register('displayName')} />
          <TextInput
            label={t('users.username')}
            description={t('users.usernameHint')}
            required
            autoCapitalize="none"
            autoComplete="off"
            spellCheck={false}
            error={fieldError(errors.username)}
            {...form.register('username')}
          />
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
                description={role ? t(`roleUnitLevel.${ROLE_UNIT_LEVEL[role]}`) : undefined}
                value={field.value === '' ? null : field.value}
                onChange={(value) => field.onChange(value ?? '')}
                onBlur={field.onBlur}
                error={fieldError(errors.unitId)}
              />
            )}
          />
          <TextInput
            label={t('users.organisation')}
            description={t('users.organisationHint')}
            error={fieldError(errors.organisation)}
            {...form.register('organisation')}
          />
          <Controller
            control={form.control}
            name="locale"
            render={({ field }) => (
              <Stack gap={4}>
                <Text size="sm" fw={500} id="create-user-locale">
                  {t('users.locale')}
                </Text>
                <SegmentedControl
                  aria-labelledby="create-user-locale"
                  value={field.value ?? 'vi'}
                  onChange={(value) => field.onChange(value === 'en' ? 'en' : 'vi')}
                  data={[
                    { value: 'vi', label: t('language.vi') },
                    { value: 'en', label: t('language.en') },
                  ]}
                />
              </Stack>
            )}
          />
          <Group justify="flex-end" gap="xs" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('users.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
