// "Làm việc không có mạng": prepare this device (PIN, then the cases and lists to take along), see and send
// what waits, export what the server refused, decide conflicts, and lock or wipe the device's data.
import type { CaseListItem } from '@binhan/domain';
import { Alert, Badge, Button, Card, Group, MultiSelect, PasswordInput, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe, useSession } from '../../app/session/session-context';
import { PageHeader } from '../../components/page-header';
import { errorText, withQuery, api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { ConflictList } from '../sync/conflict-panel';
import { refusedExportBlob } from './export-refused';
import { SETTINGS } from './offline-api';
import { preparePack, runSync, setUpVault, type PackScope } from './offline-sync';
import { clearRefused, listQueue, listRefused, requeueRefused, type QueuedOp, type RefusedOp } from './queue';
import { OFFLINE_KEY, useOfflineState } from './use-offline-state';
import { changePin, getSetting, isUnlocked, isValidPin, lock, MAX_PIN_FAILURES, putSetting, unlockWithPin, wipe } from './vault';

interface DeviceFacts {
  packedAt: string | null;
  caseCount: number;
  leftOut: { count: number; limit: number } | null;
  scope: PackScope;
  marked: string[];
  queue: QueuedOp[];
  refused: RefusedOp[];
}

const EMPTY: DeviceFacts = { packedAt: null, caseCount: 0, leftOut: null, scope: 'default', marked: [], queue: [], refused: [] };

async function readFacts(): Promise<DeviceFacts> {
  if (!isUnlocked()) return EMPTY;
  return {
    packedAt: (await getSetting<string>(SETTINGS.packedAt)) ?? null,
    caseCount: ((await getSetting<string[]>(SETTINGS.caseIds)) ?? []).length,
    leftOut: (await getSetting<{ count: number; limit: number }>(SETTINGS.leftOut)) ?? null,
    scope: (await getSetting<PackScope>(SETTINGS.scope)) ?? 'default',
    marked: (await getSetting<string[]>(SETTINGS.marked)) ?? [],
    queue: await listQueue(),
    refused: await listRefused(),
  };
}

export function OfflinePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useSession();
  const state = useOfflineState();
  const [isBusy, setIsBusy] = useState(false);
  const isReady = state.vault === 'unlocked';
  const factsQuery = useQuery({ queryKey: [...OFFLINE_KEY, 'facts', state.vault, state.queued, state.refused], queryFn: readFacts, retry: false });
  const facts = factsQuery.data ?? EMPTY;
  const load = () => factsQuery.refetch();

  const prepare = async () => {
    setIsBusy(true);
    try {
      const result = await preparePack();
      notifications.show({ color: 'teal', message: t('offline.page.prepared', { count: result.count }) });
    } catch (error) {
      notifications.show({ color: 'red', message: error instanceof Error && error.message === 'queue-not-empty' ? t('offline.page.refreshWaits') : errorText(error) });
    } finally {
      setIsBusy(false);
      await load();
      await state.refresh();
    }
  };

  const send = async () => {
    setIsBusy(true);
    try {
      const summary = await runSync(me);
      if (summary?.networkError) notifications.show({ color: 'orange', message: t('offline.page.sendFailed') });
      else if (summary) notifications.show({ color: 'teal', message: t('offline.page.sent', { applied: summary.applied + summary.duplicate, conflict: summary.conflict, refused: summary.refused }) });
    } finally {
      setIsBusy(false);
      await load();
      await state.refresh();
    }
  };

  return (
    <>
      <PageHeader title={t('offline.page.title')} intro={t('offline.page.intro')} />
      <Stack gap="md" maw={900}>
        <Card withBorder>
          <Stack gap="xs">
            <Group gap="xs">
              <Text fw={600}>{t('offline.page.status')}</Text>
              <Badge color={state.isOffline ? 'orange' : 'teal'}>{state.isOffline ? t('offline.page.offline') : t('offline.page.online')}</Badge>
            </Group>
            {!isReady && state.vault === 'none' && <Text size="sm">{t('offline.page.notPrepared')}</Text>}
            {isReady && (
              <>
                <Text size="sm">{facts.packedAt ? t('offline.page.preparedAt', { at: formatDateTime(facts.packedAt) }) : t('offline.page.notPrepared')}</Text>
                {facts.leftOut && <Text size="sm">{t('offline.page.casesOnDevice', { count: facts.caseCount, limit: facts.leftOut.limit })}</Text>}
                {facts.leftOut && facts.leftOut.count > 0 && (
                  <Alert color="orange">{t('offline.page.leftOut', { count: facts.leftOut.count, limit: facts.leftOut.limit })}</Alert>
                )}
              </>
            )}
          </Stack>
        </Card>

        {state.vault === 'locked' && <PinUnlockCard onUnlocked={() => void state.refresh()} />}

        {state.vault === 'none' && !state.isOffline && can('offline.use') && <PinSetup onDone={async () => { await state.refresh(); await prepare(); }} />}
        {state.vault === 'none' && !can('offline.use') && <Alert color="gray">{t('offline.page.notForRole')}</Alert>}

        {isReady && (
          <ScopeCard
            facts={facts}
            isBusy={isBusy}
            isOffline={state.isOffline}
            onChange={async (scope, marked) => {
              await putSetting(SETTINGS.scope, scope);
              await putSetting(SETTINGS.marked, marked);
              await load();
            }}
            onPrepare={() => void prepare()}
          />
        )}

        {isReady && (
          <Card withBorder>
            <Stack gap="sm">
              <Group justify="space-between">
                <Title order={2} size="h4">
                  {t('offline.page.queueTitle')}
                </Title>
                <Button onClick={() => void send()} loading={isBusy} disabled={facts.queue.length === 0 || state.isOffline}>
                  {t('offline.page.sendNow')}
                </Button>
              </Group>
              {facts.queue.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('offline.page.queueEmpty')}
                </Text>
              ) : (
                <Table striped>
                  <Table.Tbody>
                    {facts.queue.map((op) => (
                      <Table.Tr key={op.opId}>
                        <Table.Td>{op.label}</Table.Td>
                        <Table.Td>{formatDateTime(op.recordedAt)}</Table.Td>
                        <Table.Td>{op.attempts > 0 ? t('offline.page.attempts', { count: op.attempts }) : <Badge variant="light">{t('offline.pending')}</Badge>}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          </Card>
        )}

        {isReady && facts.refused.length > 0 && (
          <Card withBorder style={{ borderColor: 'var(--mantine-color-red-4)' }}>
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('offline.page.refusedTitle')}
              </Title>
              <Text size="sm">{t('offline.page.refusedIntro')}</Text>
              <Table>
                <Table.Tbody>
                  {facts.refused.map((op) => (
                    <Table.Tr key={op.opId}>
                      <Table.Td>{op.label}</Table.Td>
                      <Table.Td>{formatDateTime(op.recordedAt)}</Table.Td>
                      <Table.Td c="red.8">{op.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Group>
                <Button
                  variant="light"
                  onClick={() => {
                    const blob = refusedExportBlob(facts.refused, { userId: me.id, exportedAt: new Date().toISOString() });
                    const url = URL.createObjectURL(blob);
                    const link = document.createElement('a');
                    link.href = url;
                    link.download = `thay-doi-bi-tu-choi-${new Date().toISOString().slice(0, 10)}.json`;
                    document.body.appendChild(link);
                    link.click();
                    link.remove();
                    URL.revokeObjectURL(url);
                  }}
                >
                  {t('offline.page.export')}
                </Button>
                <Button variant="default" disabled={state.isOffline} onClick={() => void requeueRefused(facts.refused.map((op) => op.opId)).then(load)}>
                  {t('offline.page.resend')}
                </Button>
                <Button variant="subtle" color="red" onClick={() => void clearRefused(facts.refused.map((op) => op.opId)).then(load)}>
                  {t('offline.page.discard')}
                </Button>
              </Group>
            </Stack>
          </Card>
        )}

        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('offline.page.conflictsTitle')}
            </Title>
            {state.isOffline ? <Text size="sm" c="dimmed">{t('offline.page.conflictsOffline')}</Text> : <ConflictList />}
          </Stack>
        </Card>

        {isReady && <SecurityCard queued={facts.queue.length} canLock={state.isOffline} onWiped={() => void state.refresh()} />}
      </Stack>
    </>
  );
}

/** The store is locked while the app is open (the session could not unlock it): the PIN opens it here. */
function PinUnlockCard({ onUnlocked }: { onUnlocked: () => void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await unlockWithPin(pin);
    setPin('');
    if (result.ok) return onUnlocked();
    setError('wiped' in result ? t('offline.unlock.wiped', { max: MAX_PIN_FAILURES }) : t('offline.unlock.wrong', { left: result.left, max: MAX_PIN_FAILURES }));
  };
  return (
    <Card withBorder>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('offline.unlock.title')}
          </Title>
          <Text size="sm">{t('offline.page.lockedIntro')}</Text>
          <Group align="flex-end">
            <PasswordInput label={t('offline.unlock.pin')} value={pin} onChange={(e) => setPin(e.currentTarget.value.replace(/\D/g, ''))} inputMode="numeric" autoComplete="off" maxLength={12} error={error} />
            <Button type="submit">{t('offline.unlock.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function PinFields({ pin, confirm, setPin, setConfirm, error }: { pin: string; confirm: string; setPin: (v: string) => void; setConfirm: (v: string) => void; error: string | null }) {
  const { t } = useTranslation();
  const digits = (value: string) => value.replace(/\D/g, '').slice(0, 12);
  return (
    <Group grow align="flex-start">
      <PasswordInput label={t('offline.page.pin')} value={pin} onChange={(e) => setPin(digits(e.currentTarget.value))} inputMode="numeric" autoComplete="new-password" error={error} />
      <PasswordInput label={t('offline.page.pinConfirm')} value={confirm} onChange={(e) => setConfirm(digits(e.currentTarget.value))} inputMode="numeric" autoComplete="new-password" />
    </Group>
  );
}

function usePinPair() {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const check = () => {
    if (!isValidPin(pin)) return setError(t('offline.page.pinInvalid')), false;
    if (pin !== confirm) return setError(t('offline.page.pinMismatch')), false;
    setError(null);
    return true;
  };
  return { pin, confirm, setPin, setConfirm, error, check, reset: () => (setPin(''), setConfirm('')) };
}

function PinSetup({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const me = useMe();
  const pair = usePinPair();
  const [isBusy, setIsBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!pair.check()) return;
    setIsBusy(true);
    try {
      await setUpVault(me, pair.pin);
      pair.reset();
      await onDone();
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(error) });
    } finally {
      setIsBusy(false);
    }
  };
  return (
    <Card withBorder>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('offline.page.pinTitle')}
          </Title>
          <Text size="sm">{t('offline.page.pinIntro')}</Text>
          <PinFields {...pair} />
          <Group>
            <Button type="submit" loading={isBusy}>
              {t('offline.page.prepare')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function ScopeCard({ facts, isBusy, isOffline, onChange, onPrepare }: {
  facts: DeviceFacts; isBusy: boolean; isOffline: boolean; onChange: (scope: PackScope, marked: string[]) => Promise<void>; onPrepare: () => void;
}) {
  const { t } = useTranslation();
  const limit = facts.leftOut?.limit ?? 200;
  const open = useQuery({
    queryKey: ['offline', 'open-cases'],
    queryFn: () => api.get<{ items: CaseListItem[] }>(withQuery('/api/cases', { status: 'open', pageSize: 100 })),
    enabled: !isOffline && facts.scope === 'marked',
  });
  const options = (open.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.code} · ${c.unit.name}` }));
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Radio.Group label={t('offline.page.scope')} value={facts.scope} onChange={(value) => void onChange(value, facts.marked)}>
          <Stack gap={6} mt={6}>
            <Radio value="default" label={t('offline.page.scopeDefault', { limit })} />
            <Radio value="marked" label={t('offline.page.scopeMarked')} />
          </Stack>
        </Radio.Group>
        {facts.scope === 'marked' && (
          <MultiSelect
            label={t('offline.page.markedPick')}
            data={options.length > 0 ? options : facts.marked.map((id) => ({ value: id, label: id.slice(0, 8) }))}
            value={facts.marked}
            onChange={(ids) => void onChange('marked', ids)}
            searchable
            placeholder={facts.marked.length === 0 ? t('offline.page.markedNone') : undefined}
            disabled={isOffline}
          />
        )}
        {facts.queue.length > 0 && <Text size="sm" c="orange.8">{t('offline.page.refreshWaits')}</Text>}
        <Group>
          <Button onClick={onPrepare} loading={isBusy} disabled={isOffline || facts.queue.length > 0}>
            {facts.packedAt ? t('offline.page.refresh') : t('offline.page.prepare')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function SecurityCard({ queued, canLock, onWiped }: { queued: number; canLock: boolean; onWiped: () => void }) {
  const { t } = useTranslation();
  const pair = usePinPair();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!pair.check()) return;
    await changePin(pair.pin);
    pair.reset();
    notifications.show({ color: 'teal', message: t('offline.page.pinChanged') });
  };
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('offline.page.security')}
        </Title>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack gap="xs">
            <PinFields {...pair} />
            <Group>
              <Button type="submit" variant="light">
                {t('offline.page.changePin')}
              </Button>
              {canLock && (
                <Button variant="default" onClick={() => lock()}>
                  {t('offline.page.lockNow')}
                </Button>
              )}
              <Button
                variant="subtle"
                color="red"
                onClick={() => {
                  if (!window.confirm(t('offline.page.wipeConfirm', { count: queued }))) return;
                  void wipe().then(() => {
                    notifications.show({ message: t('offline.page.wiped') });
                    onWiped();
                  });
                }}
              >
                {t('offline.page.wipe')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}
