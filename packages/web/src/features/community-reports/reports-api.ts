// The community-report API (tin báo từ cộng đồng): the queue and a report's page for officers who
// triage, the alerts for reports with someone in danger or a child, and for those who file reports from
// the staff app, the form and their own submissions. Lists never carry the description or the contact.
import type {
  CaseCreate,
  CaseDetail,
  CommunityReportInput,
  MySubmission,
  ReportAlert,
  ReportCloseInput,
  ReportDetail,
  ReportLinkInput,
  ReportList,
  ReportReceipt,
  ReportStatus,
} from '@binhan/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api';

export const QUEUE_PAGE_SIZE = 50;
export const MINE_PAGE_SIZE = 20;

export type QueueStatus = ReportStatus | 'all';

export interface QueueFilters {
  status: QueueStatus;
  urgent: boolean;
  unitId: string | null;
  reference: string;
  page: number;
}

export interface MySubmissionPage {
  items: MySubmission[];
  total: number;
  page: number;
  pageSize: number;
}

export const reportKeys = {
  all: ['community-reports'] as const,
  queue: (query: Record<string, unknown>) => ['community-reports', 'queue', query] as const,
  detail: (id: string) => ['community-reports', 'detail', id] as const,
  alerts: ['community-reports', 'alerts'] as const,
  counts: ['community-reports', 'counts'] as const,
  mine: (page: number) => ['community-reports', 'mine', page] as const,
};

const reportPath = (id: string, rest = '') => `/api/community-reports/${encodeURIComponent(id)}${rest}`;

export function queueQuery(filters: QueueFilters) {
  return {
    status: filters.status,
    urgent: filters.urgent ? 'true' : undefined,
    unitId: filters.unitId,
    reference: filters.reference.trim(),
    page: filters.page,
    pageSize: QUEUE_PAGE_SIZE,
  };
}

export function useReportQueue(filters: QueueFilters) {
  const query = queueQuery(filters);
  return useQuery({
    queryKey: reportKeys.queue(query),
    queryFn: ({ signal }) => api.get<ReportList>(withQuery('/api/community-reports', query), { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** How many reports wait untriaged in the user's area (for the home page), whatever the filters. */
export function useQueueCounts(enabled: boolean) {
  const query = { status: 'new', page: 1, pageSize: 1 };
  return useQuery({
    queryKey: reportKeys.counts,
    queryFn: async ({ signal }) => (await api.get<ReportList>(withQuery('/api/community-reports', query), { signal })).counts,
    refetchInterval: 60_000,
    enabled,
  });
}

export function useReport(id: string | null) {
  return useQuery({
    queryKey: reportKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<ReportDetail>(reportPath(id ?? ''), { signal }),
    enabled: id !== null,
    // Every opening is audited on the server: do not read the report again behind the officer's back.
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}

export function useReportAlerts(enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.alerts,
    queryFn: async ({ signal }) => (await api.get<{ items: ReportAlert[] }>('/api/community-reports/alerts', { signal })).items,
    refetchInterval: 60_000,
    enabled,
  });
}

export function useMySubmissions(page: number) {
  return useQuery({
    queryKey: reportKeys.mine(page),
    queryFn: ({ signal }) => api.get<MySubmissionPage>(withQuery('/api/community-reports/mine', { page, pageSize: MINE_PAGE_SIZE }), { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 120_000,
  });
}

/** `draftKey` is the same for every send of one filled-in form, so a retry files no second report. */
export const submitReport = (input: CommunityReportInput, draftKey: string) =>
  api.post<ReportReceipt>('/api/community-reports', input, { headers: { 'Idempotency-Key': draftKey } });

/** Opens the case exactly as the intake does, and marks the report as triaged, in one step on the server. */
export const openCaseFromReport = (id: string, input: CaseCreate, draftKey: string) =>
  api.post<CaseDetail>(reportPath(id, '/open-case'), input, { headers: { 'Idempotency-Key': draftKey } });

export const linkReport = (id: string, input: ReportLinkInput) => api.post<ReportDetail>(reportPath(id, '/link'), input);

export const closeReport = (id: string, input: ReportCloseInput) => api.post<ReportDetail>(reportPath(id, '/close'), input);

/** A key for one filled-in form; getRandomValues also works on a plain-HTTP local network. */
export function newDraftKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
