// The frame of every action on a case (risk assessment, first intervention, service, status …): a
// full-screen dialog on a phone, the server's issues under their fields, and the case refreshed after.
import type { CaseDetail } from '@binhan/domain';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { FormProvider } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/form-error';
import type { ApiIssue } from '../../../lib/api';
import { caseKeys } from '../cases-api';
import { applyDraftIssues } from '../draft-resolver';

function isCaseDetail(value: unknown): value is CaseDetail {
  return typeof value === 'object' && value !== null && 'code' in value && 'allowedTransitions' in value;
}

interface MutationOptions<D extends FieldValues, I> {
  caseId: string;
  form: UseFormReturn<D, unknown, I>;
  send: (input: I) => Promise<unknown>;
  /** Whether the form shows a field at this path (else the issue is listed above the form). */
  isShown: (path: string) => boolean;
  mapPath?: (path: string) => string;
  savedMessage: string;
  onDone: () => void;
}

export function useCaseMutation<D extends FieldValues, I>({ caseId, form, send, isShown, mapPath, savedMessage, onDone }: MutationOptions<D, I>) {
  const queryClient = useQueryClient();
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const mutation = useMutation({
    mutationFn: send,
    networkMode: 'always',
    onSuccess: (result) => {
      if (isCaseDetail(result)) queryClient.setQueryData(caseKeys.detail(caseId), result);
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      notifications.show({ color: 'teal', message: savedMessage });
      onDone();
    },
    onError: (error) => setLeftover(applyDraftIssues(error, form.setError, isShown, mapPath).leftover),
  });
  const submit = form.handleSubmit((input) => {
    setLeftover([]);
    mutation.mutate(input);
  });
  return { mutation, leftover, submit };
}

interface ModalProps<D extends FieldValues, I> {
  title: ReactNode;
  submitLabel: string;
  form: UseFormReturn<D, unknown, I>;
  action: ReturnType<typeof useCaseMutation<D, I>>;
  onClose: () => void;
  children: ReactNode;
  size?: string;
}

export function ActionModal<D extends FieldValues, I>({ title, submitLabel, form, action, onClose, children, size = 'lg' }: ModalProps<D, I>) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal opened onClose={onClose} title={title} size={size} fullScreen={isPhone} closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <FormProvider {...form}>
        <form noValidate onSubmit={(event) => void action.submit(event)}>
          <Stack gap="md">
            <FormError error={action.mutation.error} leftover={action.leftover} />
            {children}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={onClose} disabled={action.mutation.isPending}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={action.mutation.isPending}>
                {submitLabel}
              </Button>
            </Group>
          </Stack>
        </form>
      </FormProvider>
    </Modal>
  );
}
