// Calls of the sign-in flow. Each answers with the session's next stage and the refreshed profile.
import type { LoginInput, LoginResult, Me, PasswordChangeInput, TotpEnrolStartInput, TotpInput } from '@binhan/domain';
import { SESSION_BOUND_KEY } from '../../app/query-client';
import { api, isApiError } from '../../lib/api';

/** Public facts about the deployment (GET /api/meta). */
export interface Meta {
  demo: boolean;
  version: string;
  passwordMinLength: number;
  /** Minutes without any request after which the server ends a session. */
  sessionIdleMinutes: number;
}

export interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
}

export interface EnrolConfirmResult extends LoginResult {
  recoveryCodes: string[];
}

/** The secret being set up, kept until confirmed; the server holds it only for the current session. */
export const ENROLMENT_KEY = [...SESSION_BOUND_KEY, 'totp-enrolment'] as const;

export const getMeta = () => api.get<Meta>('/api/meta', { isSignInCall: true });

/** The signed-in profile, or null when nobody is signed in. */
export async function getMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/me', { isSignInCall: true });
  } catch (error) {
    if (isApiError(error) && error.isSignedOut) return null;
    throw error;
  }
}

export const login = (input: LoginInput) => api.post<LoginResult>('/api/auth/login', input, { isSignInCall: true });

export const verifyTotp = (input: TotpInput) => api.post<LoginResult>('/api/auth/totp', input, { isSignInCall: true });

export const changePassword = (input: PasswordChangeInput) => api.post<LoginResult>('/api/auth/password', input);

/**
 * A new secret to scan. At the sign-in step nothing else is asked; from an active session the current
 * password is required (the server answers a wrong one with an issue on `currentPassword`).
 */
export const startTotpEnrolment = (currentPassword?: string) =>
  api.post<TotpEnrolment>('/api/auth/totp/enrol', (currentPassword === undefined ? {} : { currentPassword }) satisfies TotpEnrolStartInput);

export const confirmTotpEnrolment = (code: string) => api.post<EnrolConfirmResult>('/api/auth/totp/enrol/confirm', { code });

export const logout = () => api.post<{ ok: true }>('/api/auth/logout', undefined, { isSignInCall: true });

export const updateLocale = (locale: 'vi' | 'en') => api.patch<Me>('/api/me', { locale });
