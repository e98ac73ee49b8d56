// Owns the session: loads /api/me once, keeps the language in step with the account, and when the
// server says the session is gone while someone was working (or the app has had no answer for as long
// as the server keeps an idle session), opens the re-sign-in dialog over the current page instead of
// navigating away, so nothing typed is lost.
import type { Action, Me } from '@binhan/domain';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { getMe, getMeta, logout } from '../../features/auth/auth-api';
import { errorText, isApiError, setSessionListeners } from '../../lib/api';
import { FullPageError, FullPageLoader } from '../../components/full-page-state';
import { applyLocale } from '../i18n';
import { SESSION_BOUND_KEY, SESSION_KEYS } from '../query-client';
import { DEFAULT_IDLE_MINUTES, noteAnswer, useIdleTimeout } from './idle-timer';
import { SessionContext, type SessionValue } from './session-context';
import { SessionExpiredModal } from './session-expired-modal';
import { isOffline } from '../../features/offline/offline-api';
import { confirmSignOut, openVaultFor, runSync, wipeOnSignOut } from '../../features/offline/offline-sync';
import { PinUnlockPage } from '../../features/offline/pin-unlock-page';
import { startAutoSync } from '../../features/offline/sync-engine';
import { OFFLINE_KEY, useOfflineState, useOfflineWatch } from '../../features/offline/use-offline-state';
import { isUnlocked, lock } from '../../features/offline/vault';

export function SessionProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const meQuery = useQuery({ queryKey: SESSION_KEYS.me, queryFn: getMe, staleTime: Infinity, retry: 1 });
  const metaQuery = useQuery({ queryKey: SESSION_KEYS.meta, queryFn: getMeta, staleTime: Infinity });
  const [isExpired, setIsExpired] = useState(false);
  // Five wrong offline PINs wiped the device: say so until the person chooses to sign in again.
  const [isWiped, setIsWiped] = useState(false);
  const me = meQuery.data ?? null;
  const meRef = useRef<Me | null>(me);
  useEffect(() => {
    meRef.current = me;
  }, [me]);

  const setMe = useCallback(
    (next: Me | null) => {
      const previous = meRef.current;
      // Data cached for one person must never be shown to the next one on a shared computer; the
      // device's offline store locks (its key leaves memory) whenever nobody is signed in.
      if (next === null) lock();
      if (next === null || (previous !== null && previous.id !== next.id)) {
        queryClient.removeQueries({ predicate: (query) => !isSessionKey(query.queryKey) });
      }
      queryClient.setQueryData(SESSION_KEYS.me, next);
    },
    [queryClient],
  );

  useEffect(() => {
    setSessionListeners({
      signedOut: () => {
        const current = meRef.current;
        if (current?.stage === 'active') setIsExpired(true);
        else if (current !== null) setMe(null);
      },
      stepRequired: () => void queryClient.invalidateQueries({ queryKey: SESSION_KEYS.me }),
      answered: noteAnswer,
    });
    return () => setSessionListeners({ signedOut: null, stepRequired: null, answered: null });
  }, [queryClient, setMe]);

  // Offline work: another person's data on this device is wiped, the user's own store opened with the
  // device key, and what waits is sent whenever the connection is back.
  useOfflineWatch();
  const offline = useOfflineState();
  const activeId = me?.stage === 'active' ? me.id : null;
  useEffect(() => {
    const current = meRef.current;
    if (activeId === null || current === null) return;
    if (!isOffline()) void openVaultFor(current).catch(() => undefined).then(() => offline.refresh());
    return startAutoSync(() => runSync(meRef.current));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per signed-in user
  }, [activeId]);

  // Only a fully signed-in session times out here; the sign-in steps have nothing to hide. Offline, the
  // device's store locks instead and the offline PIN opens it again.
  const expire = useCallback(() => {
    if (isOffline() && isUnlocked()) {
      lock();
      queryClient.removeQueries({ predicate: (query) => !isSessionKey(query.queryKey) });
      return;
    }
    setIsExpired(true);
  }, [queryClient]);
  useIdleTimeout(me?.stage === 'active' && !isExpired, metaQuery.data?.sessionIdleMinutes ?? DEFAULT_IDLE_MINUTES, expire);

  const locale = me?.locale;
  useEffect(() => {
    if (locale !== undefined) void applyLocale(locale);
  }, [locale]);

  const signOut = useCallback(async () => {
    if (!(await confirmSignOut())) return;
    try {
      await logout();
    } catch (error) {
      // Already signed out on the server is fine, and so is no connection (the device is wiped below);
      // anything else means the session may still be alive.
      const noConnection = isApiError(error) && (error.code === 'OFFLINE_UNAVAILABLE' || error.code === 'NETWORK' || error.code === 'OFFLINE_LOCKED');
      if (!noConnection && (!isApiError(error) || !error.isSignedOut)) {
        notifications.show({ color: 'red', message: errorText(error) });
        return;
      }
    }
    await wipeOnSignOut();
    setIsExpired(false);
    setMe(null);
    notifications.show({ message: t('session.signedOut') });
  }, [setMe, t]);

  const value = useMemo<SessionValue>(
    () => ({
      me,
      meta: metaQuery.data,
      setMe,
      signOut,
      can: (action: Action) => me?.permissions.includes(action) ?? false,
    }),
    [me, metaQuery.data, setMe, signOut],
  );

  if (meQuery.isPending) return <FullPageLoader />;
  const unlockScreen = (
    <PinUnlockPage
      wiped={isWiped}
      onWipe={() => setIsWiped(true)}
      onSignIn={() => {
        setIsWiped(false);
        setMe(null);
      }}
      onUnlocked={() => {
        void offline.refresh();
        void meQuery.refetch();
        void queryClient.invalidateQueries({ predicate: (query) => !isSessionKey(query.queryKey) });
      }}
    />
  );
  if (isWiped) return unlockScreen;
  if (meQuery.isError && isApiError(meQuery.error) && meQuery.error.code === 'OFFLINE_LOCKED') return unlockScreen;
  if (me !== null && offline.isLoaded && offline.isOffline && offline.vault === 'locked' && offline.ownerId === me.id) return unlockScreen;
  if (meQuery.isError) {
    return <FullPageError title={t('session.loadFailed')} message={errorText(meQuery.error)} onRetry={() => void meQuery.refetch()} />;
  }

  return (
    <SessionContext.Provider value={value}>
      {children}
      {isExpired && me !== null && (
        <SessionExpiredModal
          me={me}
          onResumed={(next) => {
            setIsExpired(false);
            setMe(next);
            // The new session does not know what the old one was holding (a two-factor secret being set up).
            void queryClient.resetQueries({ queryKey: SESSION_BOUND_KEY });
            void queryClient.invalidateQueries({ predicate: (query) => !isSessionKey(query.queryKey) && query.queryKey[0] !== SESSION_BOUND_KEY[0] });
          }}
          onAbandon={() => {
            setIsExpired(false);
            setMe(null);
          }}
        />
      )}
    </SessionContext.Provider>
  );
}

function isSessionKey(key: readonly unknown[]): boolean {
  // The device's offline state holds counts, not a person's data, and the unlock screen depends on it.
  return key[0] === SESSION_KEYS.me[0] || key[0] === SESSION_KEYS.meta[0] || key[0] === OFFLINE_KEY[0];
}
