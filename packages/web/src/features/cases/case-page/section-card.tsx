// A section of the case page (consent, referrals, measures, follow-ups): a heading, the button that
// opens its dialog when the user may act, and its content; a loading or failed list says so in place.
import { Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/query-error';

interface Props<T> {
  title: string;
  testId: string;
  addLabel?: string | undefined;
  onAdd?: (() => void) | undefined;
  query: UseQueryResult<T[]>;
  empty: string;
  children: (items: T[]) => ReactNode;
}

export function SectionCard<T>({ title, testId, addLabel, onAdd, query, empty, children }: Props<T>) {
  const { t } = useTranslation();
  return (
    <SectionFrame title={title} testId={testId} actionLabel={addLabel} onAction={onAdd}>
      {query.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && (query.data.length === 0 ? <Text size="sm" c="dimmed">{empty}</Text> : <Stack gap="xs">{children(query.data)}</Stack>)}
    </SectionFrame>
  );
}

/** The frame of every section: its heading and, when the user may act, the one button that opens its dialog. */
export function SectionFrame({ title, testId, actionLabel, onAction, children }: {
  title: string; testId: string; actionLabel?: string | undefined; onAction?: (() => void) | undefined; children: ReactNode;
}) {
  return (
    <Card withBorder padding="sm" data-testid={testId} component="section" aria-label={title}>
      <Group justify="space-between" gap="xs" mb="xs" wrap="wrap">
        <Title order={2} size="h5">
          {title}
        </Title>
        {onAction && actionLabel && (
          <Button size="xs" variant="light" onClick={onAction}>
            {actionLabel}
          </Button>
        )}
      </Group>
      {children}
    </Card>
  );
}

/** One labelled line inside an item of a section. */
export function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Text size="sm" style={{ wordBreak: 'break-word' }}>
      <Text span fw={600}>
        {label}:
      </Text>{' '}
      {children}
    </Text>
  );
}
