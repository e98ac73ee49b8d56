// Saving a form of the perpetrator page (identity, risk factors, counselling, measures): the server's
// issues under their fields, the others listed above the form, and everything that shows the person
// refreshed after — the page, the list, the case panels (a no-contact order lands on the case) and T2.
import type { PerpetratorDetail } from '@binhan/domain';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { ApiIssue } from '../../../lib/api';
import { applyDraftIssues } from '../../cases/draft-resolver';
import { perpetratorKeys } from '../perpetrators-api';

function isDetail(value: unknown): value is PerpetratorDetail {
  return typeof value === 'object' && value !== null && 'code' in value && 'criticismRule' in value;
}

interface Options<D extends FieldValues, I> {
  perpetratorId: string;
  form: UseFormReturn<D, unknown, I>;
  send: (input: I) => Promise<unknown>;
  /** Whether the form shows a field at this path (else the issue is listed above the form). */
  isShown: (path: string) => boolean;
  mapPath?: (path: string) => string;
  savedMessage: string;
  onDone: (result: unknown, input: I) => void;
}

export function usePerpetratorMutation<D extends FieldValues, I>({ perpetratorId, form, send, isShown, mapPath, savedMessage, onDone }: Options<D, I>) {
  const queryClient = useQueryClient();
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const mutation = useMutation({
    mutationFn: send,
    networkMode: 'always',
    onSuccess: (result, input) => {
      if (isDetail(result)) queryClient.setQueryData(perpetratorKeys.detail(perpetratorId), result);
      void queryClient.invalidateQueries({ queryKey: perpetratorKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      void queryClient.invalidateQueries({ queryKey: ['indicators'] });
      notifications.show({ color: 'teal', message: savedMessage });
      onDone(result, input);
    },
    onError: (error) => setLeftover(applyDraftIssues(error, form.setError, isShown, mapPath).leftover),
  });
  const submit = form.handleSubmit((input) => {
    setLeftover([]);
    mutation.mutate(input);
  });
  return { mutation, leftover, submit };
}
