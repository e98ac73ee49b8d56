// The device's offline state for screens: whether there is a connection, whether the store exists and is
// unlocked, and how many changes wait to be sent or were refused. Read again on every change of the store
// or the connection.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { isOffline, onConnectivityChange } from './offline-api';
import { queueCount, refusedCount } from './queue';
import { onVaultChange, vaultInfo, type VaultState } from './vault';

export interface OfflineState {
  isOffline: boolean;
  vault: VaultState;
  ownerId: string | null;
  queued: number;
  refused: number;
  isLoaded: boolean;
}

/** Every query about the device's store starts with this key, so one change refreshes them all. */
export const OFFLINE_KEY = ['offline-device'] as const;

async function readState(): Promise<OfflineState> {
  const info = await vaultInfo();
  const queued = info.state === 'none' ? 0 : await queueCount();
  const refused = info.state === 'none' ? 0 : await refusedCount();
  return { isOffline: isOffline(), vault: info.state, ownerId: info.ownerId, queued, refused, isLoaded: true };
}

const EMPTY: OfflineState = { isOffline: false, vault: 'none', ownerId: null, queued: 0, refused: 0, isLoaded: false };

/** Refresh every device query when the store or the connection changes (mounted once, by the session). */
export function useOfflineWatch(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const refresh = () => void queryClient.invalidateQueries({ queryKey: OFFLINE_KEY });
    const offVault = onVaultChange(refresh);
    const offNet = onConnectivityChange(refresh);
    return () => {
      offVault();
      offNet();
    };
  }, [queryClient]);
}

export function useOfflineState(): OfflineState & { refresh: () => Promise<void> } {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: [...OFFLINE_KEY, 'state'], queryFn: readState, staleTime: Infinity, retry: false });
  const refresh = useCallback(() => queryClient.invalidateQueries({ queryKey: OFFLINE_KEY }), [queryClient]);
  return { ...(query.data ?? { ...EMPTY, isOffline: isOffline() }), refresh };
}
