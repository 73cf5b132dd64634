// The signed-in user, loaded from GET /api/session when the application
// starts and replaced on sign-in and sign-out. Pages read it with useSession();
// the shell uses it to filter the navigation and guard routes.

import { createContext, h, type ComponentChildren } from 'preact';
import { useCallback, useContext, useMemo, useState } from 'preact/hooks';
import { canAccess, hasRole, type Requirement } from './access';
import { api } from './api';

// Where the shell sends people who must sign in first (the identity module's page).
export const SIGN_IN_PATH = '/sign-in';

// The user as GET /api/session returns it.
export interface SessionUser {
  user_id: number;
  email: string;
  display_name: string;
  language: string;
  roles: string[];
  country: string | null;
  disabled: boolean;
  has_password: boolean;
}

interface SessionBody {
  user: SessionUser | null;
  csrf_token?: string | null;
}

// GET /api/session. A failure (no connection) counts as signed out: public
// pages still work, and the next sign-in or reload tries again.
export async function loadSession(): Promise<SessionUser | null> {
  try {
    const body = await api.get<SessionBody>('/api/session');
    return body && typeof body === 'object' && body.user ? body.user : null;
  } catch {
    return null;
  }
}

// The sign-in page's address, coming back to `next` afterwards.
export function signInHref(next?: string): string {
  if (!next || next === SIGN_IN_PATH) return SIGN_IN_PATH;
  return `${SIGN_IN_PATH}?next=${encodeURIComponent(next)}`;
}

export interface Session {
  user: SessionUser | null;
  // True when the user holds at least one of `roles`.
  hasRole: (...roles: string[]) => boolean;
  // True when the user meets a nav entry's or route's requirement.
  canAccess: (required: Requirement) => boolean;
  // After sign-in, sign-out or a change to the user's own account.
  setUser: (user: SessionUser | null) => void;
  // Reloads the user from the server.
  refresh: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider(props: { initial: SessionUser | null; children: ComponentChildren }) {
  const [user, setUser] = useState<SessionUser | null>(props.initial);
  const refresh = useCallback(async () => setUser(await loadSession()), []);
  const value = useMemo<Session>(
    () => ({
      user,
      hasRole: (...roles) => hasRole(user, ...roles),
      canAccess: (required) => canAccess(required, user),
      setUser,
      refresh,
    }),
    [user, refresh],
  );
  return h(SessionContext.Provider, { value }, props.children);
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() used outside <SessionProvider>');
  return value;
}
