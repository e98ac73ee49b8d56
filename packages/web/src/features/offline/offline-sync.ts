// Keeping the device's offline store in step with the server: the device key (only while signed in),
// the pack of cases and lists, and sending the queue when the connection returns.
import type { Me, OfflineDeviceKey, OfflinePack, SyncBatch, SyncBatchResult } from '@binhan/domain';
import { api } from '../../lib/api';
import { queryClient } from '../../app/query-client';
import { rememberCaseIds, SETTINGS } from './offline-api';
import { listQueue, queueCount, refusedCount } from './queue';
import { pushQueue, type PushSummary } from './sync-engine';
import { createVault, deviceId, getSetting, isUnlocked, putRecord, putSetting, replaceSnapshot, unlockWithDeviceKey, vaultInfo, wipe } from './vault';
import i18n from 'i18next';

export const fetchDeviceKey = () => api.post<OfflineDeviceKey>('/api/offline/device-key', { deviceId: deviceId() });

export type PackScope = 'default' | 'marked';

/**
 * On every signed-in start: another person's data on this device is wiped, and the user's own store is
 * unlocked with the device key the server gives this session (no PIN needed while online).
 */
export async function openVaultFor(me: Me): Promise<void> {
  const info = await vaultInfo();
  if (info.state === 'none') return;
  if (info.ownerId !== me.id) {
    await wipe();
    return;
  }
  if (!isUnlocked() && me.permissions.includes('offline.use')) {
    const { key } = await fetchDeviceKey();
    await unlockWithDeviceKey(me.id, key);
  }
  if (isUnlocked()) {
    // The profile answered offline is the one of this sign-in, fresher than the pack's.
    await putRecord('snapshot', '/api/me', me);
    rememberCaseIds((await getSetting<Record<string, string>>(SETTINGS.caseMap)) ?? {});
  }
}

/** First offline use: the PIN, then the store and its first pack. */
export async function setUpVault(me: Me, pin: string): Promise<void> {
  const { key } = await fetchDeviceKey();
  await createVault(me.id, key, pin);
}

/** Download the cases and lists for offline work into the encrypted store (replacing what was there). */
export async function preparePack(): Promise<{ count: number; leftOut: number; limit: number }> {
  if ((await queueCount()) > 0) throw new Error('queue-not-empty');
  const scope = (await getSetting<PackScope>(SETTINGS.scope)) ?? 'default';
  const marked = (await getSetting<string[]>(SETTINGS.marked)) ?? [];
  const pack = await api.post<OfflinePack>('/api/offline/pack', scope === 'marked' ? { caseIds: marked } : {});
  // The pack holds /api/me and /api/meta too: the app starts offline from them.
  await replaceSnapshot(pack.responses);
  await putSetting(SETTINGS.packedAt, pack.generatedAt);
  await putSetting(SETTINGS.caseIds, pack.caseIds);
  await putSetting(SETTINGS.leftOut, { count: pack.leftOut, limit: pack.limit });
  const unitsKey = Object.keys(pack.responses).find((key) => key.startsWith('/api/admin-units?at='));
  if (unitsKey) await putSetting(SETTINGS.unitsKey, unitsKey);
  return { count: pack.caseIds.length, leftOut: pack.leftOut, limit: pack.limit };
}

/**
 * Send what waits, in order. Cases opened offline get their server ids (pages opened on the local id keep
 * working); when everything went, the store is refreshed from the server so the device shows its truth.
 */
export async function runSync(me: Me | null): Promise<PushSummary | null> {
  // Locked (idle offline, or the session was renewed): the signed-in session's device key opens it again.
  if (!isUnlocked() && me !== null && me.stage === 'active') await openVaultFor(me).catch(() => undefined);
  if (!isUnlocked() || (await queueCount()) === 0) return null;
  const opens = new Set((await listQueue()).filter((op) => op.kind === 'case.open').map((op) => op.opId));
  const summary = await pushQueue((batch: SyncBatch) => api.post<SyncBatchResult>('/api/sync', batch));
  const mapped: Record<string, string> = {};
  for (const result of summary.results) {
    if (opens.has(result.opId) && result.caseId && (result.status === 'applied' || result.status === 'duplicate')) mapped[result.opId] = result.caseId;
  }
  if (Object.keys(mapped).length > 0) {
    const known = (await getSetting<Record<string, string>>(SETTINGS.caseMap)) ?? {};
    await putSetting(SETTINGS.caseMap, { ...known, ...mapped });
    rememberCaseIds(mapped);
    // A case opened offline stays on the device when only chosen cases are kept.
    if ((await getSetting<PackScope>(SETTINGS.scope)) === 'marked') {
      const marked = (await getSetting<string[]>(SETTINGS.marked)) ?? [];
      await putSetting(SETTINGS.marked, [...new Set([...marked, ...Object.values(mapped)])]);
    }
  }
  if (summary.sent > 0 && summary.remaining === 0 && me !== null) {
    try {
      await preparePack();
    } catch {
      // The next sync or a manual update refreshes the store; what was sent is on the server.
    }
  }
  if (summary.sent > 0) await queryClient.invalidateQueries();
  return summary;
}

/**
 * Before signing out (here or everywhere): changes not yet sent, or refused and not exported, are lost
 * with the device's data, so the person is asked first. True when signing out may go ahead.
 */
export async function confirmSignOut(): Promise<boolean> {
  const waiting = (await queueCount().catch(() => 0)) + (await refusedCount().catch(() => 0));
  return waiting === 0 || window.confirm(i18n.t('offline.signOutPending', { count: waiting }));
}

/** Signing out leaves nothing of this person's offline work on the device. */
export async function wipeOnSignOut(): Promise<void> {
  await wipe().catch(() => undefined);
}
