// Officer accounts. Creating an account or resetting a password answers with a one-time password that
// the page shows once.
import type { Role, UserCreate, UserUpdate, UserView } from '@binhan/domain';
import { api, withQuery } from '../../lib/api';

export type UserStatus = 'active' | 'disabled' | 'all';

export interface UserFilters {
  q: string;
  role: Role | null;
  unitId: string | null;
  status: UserStatus;
  page: number;
}

export interface UserPage {
  items: UserView[];
  total: number;
  page: number;
  pageSize: number;
}

export interface TemporaryPasswordResult {
  user: UserView;
  temporaryPassword: string;
}

export const USERS_PAGE_SIZE = 20;

export const userKeys = {
  all: ['users'] as const,
  list: (filters: UserFilters) => ['users', 'list', filters] as const,
};

export const listUsers = (filters: UserFilters, signal?: AbortSignal) =>
  api.get<UserPage>(
    withQuery('/api/users', {
      q: filters.q.trim(),
      role: filters.role,
      unitId: filters.unitId,
      status: filters.status,
      page: filters.page,
      pageSize: USERS_PAGE_SIZE,
    }),
    { signal },
  );

export const createUser = (input: UserCreate) => api.post<TemporaryPasswordResult>('/api/users', input);

export const updateUser = (id: string, input: UserUpdate) => api.patch<UserView>(`/api/users/${encodeURIComponent(id)}`, input);

export const resetUserPassword = (id: string) => api.post<TemporaryPasswordResult>(`/api/users/${encodeURIComponent(id)}/reset-password`);

export const resetUserTotp = (id: string) => api.post<UserView>(`/api/users/${encodeURIComponent(id)}/reset-totp`);
