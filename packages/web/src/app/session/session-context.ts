// The signed-in user as the whole app sees it. `me` is null when nobody is signed in.
import type { Action, Me } from '@binhan/domain';
import { createContext, useContext } from 'react';
import type { Meta } from '../../features/auth/auth-api';

export interface SessionValue {
  me: Me | null;
  meta: Meta | undefined;
  /** Store the profile returned by a sign-in step, or null after signing out. */
  setMe: (me: Me | null) => void;
  signOut: () => Promise<void>;
  can: (action: Action) => boolean;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession must be used inside SessionProvider');
  return value;
}

/** The signed-in user; only for components rendered behind the "active session" guard. */
export function useMe(): Me {
  const { me } = useSession();
  if (me === null) throw new Error('useMe must be used behind the active-session guard');
  return me;
}
