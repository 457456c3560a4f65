import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, callApi, type ApiCall } from '../api/client';

/**
 * What the key may do: a partner works on its own companies; a compliance officer also sees the
 * compliance pages and decides; the admin sees them and manages partners, officers, opportunities
 * and the list, but decides nothing.
 */
export type Role = 'partner' | 'officer' | 'admin';

export interface Session {
  apiKey: string;
  role: Role;
}

interface SessionContextValue {
  session: Session | null;
  /** Set while a key kept from earlier in this browser session is being checked again. */
  restoring: boolean;
  signIn(apiKey: string): Promise<void>;
  signOut(reason?: string): void;
  /** Why the last session ended, if not by the user's own hand (e.g. the key is no longer accepted). */
  endedBecause: string | null;
  api: ApiCall;
}

// The key lives in this tab's session storage only: it is gone when the browser session ends.
const STORAGE_KEY = 'tumen.apiKey';

const SessionContext = createContext<SessionContextValue | null>(null);

/** Tells what a key is (`GET /v1/me`); 401 if it is not a key. */
async function roleOf(apiKey: string): Promise<Role> {
  return (await callApi<{ role: Role }>(apiKey, 'GET', '/v1/me')).body.role;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null>(null);
  const [restoring, setRestoring] = useState(() => sessionStorage.getItem(STORAGE_KEY) !== null);
  const [endedBecause, setEndedBecause] = useState<string | null>(null);

  const signOut = useCallback(
    (reason?: string) => {
      sessionStorage.removeItem(STORAGE_KEY);
      setSession(null);
      setEndedBecause(reason ?? null);
      queryClient.clear();
    },
    [queryClient],
  );

  const signIn = useCallback(async (apiKey: string) => {
    const role = await roleOf(apiKey);
    sessionStorage.setItem(STORAGE_KEY, apiKey);
    setEndedBecause(null);
    setSession({ apiKey, role });
  }, []);

  useEffect(() => {
    const kept = sessionStorage.getItem(STORAGE_KEY);
    if (!kept) return;
    roleOf(kept)
      .then((role) => setSession({ apiKey: kept, role }))
      .catch(() => sessionStorage.removeItem(STORAGE_KEY))
      .finally(() => setRestoring(false));
  }, []);

  const api = useCallback<ApiCall>(
    async (method, path, body) => {
      if (!session) throw new ApiError(401, undefined);
      try {
        return await callApi(session.apiKey, method, path, body);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) signOut('expired');
        throw error;
      }
    },
    [session, signOut],
  );

  const value = useMemo(() => ({ session, restoring, signIn, signOut, endedBecause, api }), [session, restoring, signIn, signOut, endedBecause, api]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The API call of the signed-in session. */
export function useApi(): ApiCall {
  return useSession().api;
}
