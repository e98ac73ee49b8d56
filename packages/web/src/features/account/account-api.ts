// The signed-in user's own sessions and recovery codes.
import type { RecoveryCodesInput, SessionSummary } from '@binhan/domain';
import { api } from '../../lib/api';

export const sessionKeys = { all: ['sessions'] as const };

export const listSessions = async () => (await api.get<{ items: SessionSummary[] }>('/api/auth/sessions')).items;

export const revokeSession = (id: string) => api.delete<{ ok: true }>(`/api/auth/sessions/${encodeURIComponent(id)}`);

export const logoutEverywhere = () => api.post<{ ok: true }>('/api/auth/logout-all');

export const regenerateRecoveryCodes = (currentPassword: string) =>
  api.post<{ recoveryCodes: string[] }>('/api/auth/totp/recovery-codes', { currentPassword } satisfies RecoveryCodesInput);
