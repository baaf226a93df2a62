// Who is signed in: GET /auth/me at start, login (password, then TOTP code or TOTP enrolment), logout.
// The session is an HttpOnly cookie; the CSRF token it comes with goes to api.ts for writes.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, api, onUnauthorized, setCsrfToken } from './api';
import type { Role } from './module';

export interface User {
  id: string;
  username: string;
  displayName: string | null;
  roles: Role[];
  fhirUser: string | null;
  totpEnrolled: boolean;
}

interface SessionAnswer {
  user: User;
  csrfToken: string;
  totpEnrollmentRequired: boolean;
}

/** loading: asking the server; anonymous: show the login page; enrol: the session may only enrol TOTP; ready: signed in */
export type AuthStatus = 'loading' | 'anonymous' | 'enrol' | 'ready';

export interface Credentials {
  username: string;
  password: string;
  totp?: string;
}

interface AuthState {
  status: AuthStatus;
  user: User | null;
  /** Log in; throws ApiError (code invalid_credentials, totp_required, invalid_totp, account_locked …). */
  login(c: Credentials): Promise<void>;
  logout(): Promise<void>;
  /** TOTP enrolment: a new secret (POST /auth/totp/enroll), then confirm it with a code */
  startEnrolment(): Promise<{ secret: string; uri: string }>;
  confirmEnrolment(code: string): Promise<void>;
  /** true when the user has any of the roles */
  hasRole(...roles: Role[]): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [user, setUser] = useState<User | null>(null);

  const apply = useCallback((a: SessionAnswer | null) => {
    setCsrfToken(a?.csrfToken ?? null);
    setUser(a?.user ?? null);
    setStatus(!a ? 'anonymous' : a.totpEnrollmentRequired ? 'enrol' : 'ready');
  }, []);

  useEffect(() => {
    let live = true;
    api.get<SessionAnswer>('/auth/me').then(
      (a) => live && apply(a),
      () => live && apply(null),
    );
    const off = onUnauthorized(() => apply(null));
    return () => {
      live = false;
      off();
    };
  }, [apply]);

  const value = useMemo<AuthState>(() => ({
    status,
    user,
    async login(c) {
      const body: Record<string, string> = { username: c.username.trim(), password: c.password };
      if (c.totp) body.totp = c.totp.trim();
      apply(await api.post<SessionAnswer>('/auth/login', body));
    },
    async logout() {
      try {
        await api.post('/auth/logout');
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
      apply(null);
    },
    startEnrolment: () => api.post<{ secret: string; uri: string }>('/auth/totp/enroll'),
    async confirmEnrolment(code) {
      const a = await api.post<SessionAnswer | { totpEnrolled: true }>('/auth/totp/confirm', { code: code.trim() });
      if ('user' in a) apply(a);
      else apply(await api.get<SessionAnswer>('/auth/me'));
    },
    hasRole: (...roles) => !!user?.roles.some((r) => roles.includes(r)),
  }), [status, user, apply]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
