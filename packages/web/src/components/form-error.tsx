// The error box at the top of a form: the server's message, plus any issue that could not be shown
// next to a field (so no part of the server's answer is lost).
import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText, type ApiIssue } from '../lib/api';

interface Props {
  error: unknown;
  leftover?: ApiIssue[];
}

export function FormError({ error, leftover = [] }: Props) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  return (
    <Alert color="red" title={t('errors.formTitle')} role="alert">
      {errorText(error)}
      {leftover.length > 0 && (
        <List size="sm" mt="xs">
          {leftover.map((issue) => (
            <List.Item key={`${issue.path}:${issue.message}`}>{issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
