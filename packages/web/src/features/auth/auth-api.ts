// Calls of the sign-in flow. Each answers with the session's next stage and the refreshed profile.
import type { LoginInput, LoginResult, Me, PasswordChangeInput, TotpInput } from '@binhan/domain';
import { api, isApiError } from '../../lib/api';

/** Public facts about the deployment (GET /api/meta). */
export interface Meta {
  demo: boolean;
  version: string;
  passwordMinLength: number;
}

export interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
}

export interface EnrolConfirmResult extends LoginResult {
  recoveryCodes: string[];
}

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

export const startTotpEnrolment = () => api.post<TotpEnrolment>('/api/auth/totp/enrol');

export const confirmTotpEnrolment = (code: string) => api.post<EnrolConfirmResult>('/api/auth/totp/enrol/confirm', { code });

export const logout = () => api.post<{ ok: true }>('/api/auth/logout', undefined, { isSignInCall: true });

export const updateLocale = (locale: 'vi' | 'en') => api.patch<Me>('/api/me', { locale });
