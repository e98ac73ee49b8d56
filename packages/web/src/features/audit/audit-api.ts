// The append-only audit log and the check of its hash chain.
import type { AuditEntryView, AuditVerifyResult, ProbingAlertList, SignInLockList } from '@binhan/domain';
import { api, withQuery } from '../../lib/api';

export interface AuditFilters {
  action: string | null;
  from: string;
  to: string;
  page: number;
}

export interface AuditPage {
  items: AuditEntryView[];
  total: number;
  page: number;
  pageSize: number;
}

export const AUDIT_PAGE_SIZE = 50;

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => ['audit', 'list', filters] as const,
};

export const listAudit = (filters: AuditFilters, signal?: AbortSignal) =>
  api.get<AuditPage>(
    withQuery('/api/audit', { action: filters.action, from: filters.from, to: filters.to, page: filters.page, pageSize: AUDIT_PAGE_SIZE }),
    { signal },
  );

export const verifyAudit = () => api.get<AuditVerifyResult>('/api/audit/verify');

/** Accounts and addresses over the threshold of refused requests in an hour, last 7 days. */
export const listProbingAlerts = async (signal?: AbortSignal) => (await api.get<ProbingAlertList>('/api/audit/probing-alerts', { signal })).items;
export const listLocks = async (signal?: AbortSignal) => (await api.get<SignInLockList>('/api/auth/locks', { signal })).items;
export const liftLock = (key: string) => api.post<{ ok: true }>('/api/auth/locks/lift', { key });
