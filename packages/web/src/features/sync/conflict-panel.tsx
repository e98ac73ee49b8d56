// Conflicts between a change made on a device and a newer change of the same field on the server: both
// values side by side (and the value both started from, small), and the user's choice, which the server
// audits. Used on the case page (one case) and on the sync page (all of the user's cases).
import type { CaseDetailField, SyncConflictView } from '@binhan/domain';
import { Alert, Anchor, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '../../components/form-error';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { useUnits } from '../admin-units/units-api';
import { caseKeys } from '../cases/cases-api';
import { resolveConflict, syncKeys, useConflicts } from './sync-api';

/** A field's value as a person reads it: a village by name, a date as dd/mm/yyyy, an empty value said so. */
export function useFieldValueText(): (field: CaseDetailField, value: string | null) => string {
  const { t } = useTranslation();
  const units = useUnits(null);
  return (field, value) => {
    if (value === null || value === '') return t('sync.empty');
    if (field === 'nextFollowUpOn') return formatDate(value);
    if (field === 'villageId') return units.data?.find((u) => u.id === value)?.name ?? '…';
    return value;
  };
}

function ValueBox({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="xs" radius="sm" data-testid={testId}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={4}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {value}
      </Text>
    </Paper>
  );
}

function ConflictItem({ conflict, showCase }: { conflict: SyncConflictView; showCase: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const valueText = useFieldValueText();
  const resolve = useMutation({
    mutationFn: (choice: 'device' | 'server') => resolveConflict(conflict.id, choice),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('sync.conflicts.resolved') });
      void queryClient.invalidateQueries({ queryKey: syncKeys.all });
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
    },
  });
  const field = t(`sync.fields.${conflict.field}`);
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="conflict-item" aria-label={field}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={700}>{field}</Text>
          {showCase && (
            <Anchor component={Link} to={`/cases/${conflict.caseId}`} size="sm">
              {t('sync.conflicts.caseCode', { code: conflict.caseCode })}
            </Anchor>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <ValueBox label={t('sync.conflicts.device')} value={valueText(conflict.field, conflict.deviceValue)} testId="conflict-device-value" />
          <ValueBox label={t('sync.conflicts.server')} value={valueText(conflict.field, conflict.serverValue)} testId="conflict-server-value" />
        </SimpleGrid>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {t('sync.conflicts.base', { value: valueText(conflict.field, conflict.baseValue) })} · {t('sync.conflicts.recordedAt', { at: formatDateTime(conflict.createdAt) })}
        </Text>
        <FormError error={resolve.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Button variant="light" onClick={() => resolve.mutate('device')} loading={resolve.isPending && resolve.variables === 'device'} disabled={resolve.isPending}>
            {t('sync.conflicts.keepDevice')}
          </Button>
          <Button variant="light" color="gray" onClick={() => resolve.mutate('server')} loading={resolve.isPending && resolve.variables === 'server'} disabled={resolve.isPending}>
            {t('sync.conflicts.keepServer')}
          </Button>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

/**
 * The open conflicts, of one case when `caseId` is given (the case page shows the panel only when there
 * are some), else of every case the user may change (the sync page, which says when there are none).
 */
export function ConflictList({ caseId }: { caseId?: string }) {
  const { t } = useTranslation();
  const conflicts = useConflicts(caseId);
  const forCase = caseId !== undefined;
  if (conflicts.isPending) return forCase ? null : <Loader size="sm" aria-label={t('app.loading')} />;
  if (conflicts.isError) {
    // Without a connection conflicts cannot be read; the case page says nothing, the sync page says why.
    const noConnection = isApiError(conflicts.error) && (conflicts.error.code.startsWith('OFFLINE_') || conflicts.error.code === 'NETWORK');
    if (noConnection && forCase) return null;
    return <QueryError error={conflicts.error} onRetry={() => void conflicts.refetch()} />;
  }
  if (conflicts.data.length === 0) return forCase ? null : <Text size="sm" c="dimmed">{t('sync.conflicts.none')}</Text>;
  return (
    <Alert color="orange" variant="light" data-testid="conflict-panel" title={<Title order={2} size="h5">{t('sync.conflicts.title')}</Title>}>
      <Stack gap="sm">
        <Text size="sm">{t('sync.conflicts.intro')}</Text>
        {conflicts.data.map((conflict) => <ConflictItem key={conflict.id} conflict={conflict} showCase={!forCase} />)}
      </Stack>
    </Alert>
  );
}
