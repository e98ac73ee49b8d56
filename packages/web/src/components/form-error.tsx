// The error box at the top of a form: the server's message, plus any issue that could not be shown
// next to a field (so no part of the server's answer is lost).
import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText, type ApiIssue } from '../lib/api';

interface Props {
  error: unknown;
  leftover?: ApiIssue[];
  /** Sign-in forms save nothing, so they show the message without the "not saved" title. */
  withTitle?: boolean;
}

export function FormError({ error, leftover = [], withTitle = true }: Props) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  // When every issue already sits under its field, repeating the first one here would say it twice.
  const onlyFieldIssues = error instanceof ApiError && error.issues.length > 0 && leftover.length === 0;
  return (
    <Alert color="red" title={withTitle ? t('errors.formTitle') : undefined} role="alert">
      {onlyFieldIssues ? t('errors.checkFields') : errorText(error)}
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
