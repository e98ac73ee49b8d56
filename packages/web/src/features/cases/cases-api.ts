// The case API. Lists and case pages never carry the survivor's identity; searching by name, phone or
// CCCD and the duplicate check send the terms in a POST body, so they never reach an address or a log.
import type {
  CaseCreate,
  CaseDetail,
  CaseIdentitySearch,
  CaseListItem,
  CaseStatusChange,
  DuplicateCheck,
  FirstInterventionInput,
  IncidentCreate,
  IndicatorValue,
  RiskAssessmentCreate,
  RiskChecklist,
  ServiceGivenInput,
  SurvivorIdentityView,
  TimeLimits,
  TimelineEntry,
} from '@binhan/domain';
import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api';

export interface CaseFilters {
  unitId: string | null;
  status: string | null;
  risk: string | null;
  overdue: boolean;
  assignedToMe: boolean;
  from: string;
  to: string;
  form: string | null;
  code: string;
  sort: 'detected_desc' | 'detected_asc' | 'due_asc';
  page: number;
}

export interface CaseListPage {
  items: CaseListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CaseConfig {
  riskChecklist: RiskChecklist;
  timeLimits: TimeLimits;
}

export interface OfficerRef {
  id: string;
  displayName: string;
}

export const CASES_PAGE_SIZE = 20;

export const caseKeys = {
  all: ['cases'] as const,
  list: (query: Record<string, unknown>) => ['cases', 'list', query] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  timeline: (id: string) => ['cases', 'timeline', id] as const,
  officers: (id: string) => ['cases', 'officers', id] as const,
  config: ['cases', 'config'] as const,
  t1: (from: string, to: string) => ['indicators', 't1', from, to] as const,
};

const casePath = (id: string, rest = '') => `/api/cases/${encodeURIComponent(id)}${rest}`;

export function listQuery(filters: CaseFilters) {
  return {
    unitId: filters.unitId,
    status: filters.status,
    risk: filters.risk,
    overdue: filters.overdue ? 'true' : undefined,
    assignedToMe: filters.assignedToMe ? 'true' : undefined,
    from: filters.from,
    to: filters.to,
    form: filters.form,
    code: filters.code.trim(),
    sort: filters.sort,
    page: filters.page,
    pageSize: CASES_PAGE_SIZE,
  };
}

export const listCases = (query: Record<string, string | number | null | undefined>, signal?: AbortSignal) =>
  api.get<CaseListPage>(withQuery('/api/cases', query), { signal });

export const searchCasesByIdentity = (input: CaseIdentitySearch) => api.post<{ items: CaseListItem[] }>('/api/cases/search', input);

export const findDuplicates = (input: DuplicateCheck) => api.post<{ items: CaseListItem[] }>('/api/cases/duplicates', input);

/** `draftKey` is the same for every send of one intake draft, so a retry after a lost answer opens no second case. */
export const createCase = (input: CaseCreate, draftKey: string) => api.post<CaseDetail>('/api/cases', input, { headers: { 'Idempotency-Key': draftKey } });

export const getCase = (id: string, signal?: AbortSignal) => api.get<CaseDetail>(casePath(id), { signal });

export const revealIdentity = (id: string) => api.post<{ survivor: SurvivorIdentityView }>(casePath(id, '/reveal'));

export const addIncident = (id: string, input: IncidentCreate) => api.post<CaseDetail>(casePath(id, '/incidents'), input);

export const addRiskAssessment = (id: string, input: RiskAssessmentCreate) => api.post<CaseDetail>(casePath(id, '/risk-assessments'), input);

export const recordFirstIntervention = (id: string, input: FirstInterventionInput) => api.post<CaseDetail>(casePath(id, '/first-intervention'), input);

export const recordService = (id: string, input: ServiceGivenInput) => api.post<CaseDetail>(casePath(id, '/services'), input);

export const changeStatus = (id: string, input: CaseStatusChange) => api.post<CaseDetail>(casePath(id, '/status'), input);

export const assignOfficer = (id: string, officerId: string | null) => api.post<CaseDetail>(casePath(id, '/assign'), { officerId });

export const addNote = (id: string, body: string) => api.post<{ ok: true }>(casePath(id, '/notes'), { body });

export function useCase(id: string) {
  return useQuery({ queryKey: caseKeys.detail(id), queryFn: ({ signal }) => getCase(id, signal) });
}

export function useTimeline(id: string) {
  return useQuery({
    queryKey: caseKeys.timeline(id),
    queryFn: async ({ signal }) => (await api.get<{ items: TimelineEntry[] }>(casePath(id, '/timeline'), { signal })).items,
  });
}

export function useOfficers(id: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.officers(id),
    queryFn: async ({ signal }) => (await api.get<{ items: OfficerRef[] }>(casePath(id, '/officers'), { signal })).items,
    enabled,
  });
}

/** The risk checklist and time limits change rarely (configuration). */
export function useCaseConfig() {
  return useQuery({ queryKey: caseKeys.config, queryFn: ({ signal }) => api.get<CaseConfig>('/api/cases/config', { signal }), staleTime: 10 * 60_000 });
}

export function useT1(from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.t1(from, to),
    queryFn: ({ signal }) => api.get<IndicatorValue>(withQuery('/api/indicators/t1', { from, to }), { signal }),
    enabled,
  });
}
