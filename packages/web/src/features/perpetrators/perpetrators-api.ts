// The perpetrator API (người có hành vi bạo lực). Lists and pages never carry an identity; searching by
// name, phone or CCCD and the duplicate check send the terms in a POST body, so they never reach an
// address or a log, and revealing an identity is a deliberate, audited POST.
import type {
  CasePerpetratorView,
  CounsellingCreate,
  CounsellingPatch,
  PerpetratorDetail,
  PerpetratorDuplicateCheck,
  PerpetratorIdentityView,
  PerpetratorLinkInput,
  PerpetratorLinkPatch,
  PerpetratorLinkRequestList,
  PerpetratorLinkRequestView,
  PerpetratorList,
  PerpetratorMeasureCreate,
  PerpetratorMeasurePatch,
  PerpetratorPatch,
  PerpetratorSearch,
  PerpetratorSearchResult,
  T2Value,
} from '@binhan/domain';
import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api';
import { serviceKeys, type MeasureView } from '../cases/services-api';

export interface PerpetratorFilters {
  unitId: string | null;
  from: string;
  to: string;
  measureType: string | null;
  counselled: 'true' | 'false' | null;
  repeat: 'true' | 'false' | null;
  handled: 'true' | 'false' | null;
  sort: 'last_incident_desc' | 'last_incident_asc' | 'code';
  page: number;
}

export const PERPETRATORS_PAGE_SIZE = 20;

/** Case-bound lists sit under "cases" so any change on a case refreshes them with it. */
export const perpetratorKeys = {
  all: ['perpetrators'] as const,
  list: (query: Record<string, unknown>) => ['perpetrators', 'list', query] as const,
  detail: (id: string) => ['perpetrators', 'detail', id] as const,
  ofCase: (caseId: string) => ['cases', 'perpetrators', caseId] as const,
  t2: (from: string, to: string) => ['indicators', 't2', from, to] as const,
};

const path = (id: string, rest = '') => `/api/perpetrators/${encodeURIComponent(id)}${rest}`;
const linkPath = (caseId: string, incidentId: string, rest = '') =>
  `/api/cases/${encodeURIComponent(caseId)}/incidents/${encodeURIComponent(incidentId)}/perpetrators${rest}`;

export function listQuery(filters: PerpetratorFilters) {
  return {
    unitId: filters.unitId,
    from: filters.from,
    to: filters.to,
    measureType: filters.measureType,
    counselled: filters.counselled,
    repeat: filters.repeat,
    handled: filters.handled,
    sort: filters.sort,
    page: filters.page,
    pageSize: PERPETRATORS_PAGE_SIZE,
  };
}

export const listPerpetrators = (query: Record<string, string | number | null | undefined>, signal?: AbortSignal) =>
  api.get<PerpetratorList>(withQuery('/api/perpetrators', query), { signal });

export const searchPerpetrators = (input: PerpetratorSearch) => api.post<PerpetratorSearchResult>('/api/perpetrators/search', input);
export const findPerpetratorDuplicates = (input: PerpetratorDuplicateCheck) => api.post<PerpetratorSearchResult>('/api/perpetrators/duplicates', input);
export const getPerpetrator = (id: string, signal?: AbortSignal) => api.get<PerpetratorDetail>(path(id), { signal });
export const updatePerpetrator = (id: string, input: PerpetratorPatch) => api.patch<PerpetratorDetail>(path(id), input);
export const revealPerpetrator = (id: string) => api.post<{ identity: PerpetratorIdentityView }>(path(id, '/reveal'));
export const addCounselling = (id: string, input: CounsellingCreate) => api.post<PerpetratorDetail>(path(id, '/counselling'), input);
export const changeCounselling = (id: string, sessionId: string, input: CounsellingPatch) =>
  api.patch<PerpetratorDetail>(path(id, `/counselling/${encodeURIComponent(sessionId)}`), input);
export const deleteCounselling = (id: string, sessionId: string) => api.delete<PerpetratorDetail>(path(id, `/counselling/${encodeURIComponent(sessionId)}`));
export const addPerpetratorMeasure = (id: string, input: PerpetratorMeasureCreate) => api.post<PerpetratorDetail>(path(id, '/measures'), input);
export const changePerpetratorMeasure = (id: string, measureId: string, input: PerpetratorMeasurePatch) =>
  api.patch<PerpetratorDetail>(path(id, `/measures/${encodeURIComponent(measureId)}`), input);

export const linkPerpetrator = (caseId: string, incidentId: string, input: PerpetratorLinkInput) =>
  api.post<{ items: CasePerpetratorView[] }>(linkPath(caseId, incidentId), input);
export const changeLink = (caseId: string, incidentId: string, perpetratorId: string, input: PerpetratorLinkPatch) =>
  api.patch<{ items: CasePerpetratorView[] }>(linkPath(caseId, incidentId, `/${encodeURIComponent(perpetratorId)}`), input);
export const unlinkPerpetrator = (caseId: string, incidentId: string, perpetratorId: string) =>
  api.delete<{ items: CasePerpetratorView[] }>(linkPath(caseId, incidentId, `/${encodeURIComponent(perpetratorId)}`));

/** Pending link requests: those to decide (a record of my area) and those my area made. */
export const listLinkRequests = async (signal?: AbortSignal) => (await api.get<PerpetratorLinkRequestList>('/api/perpetrators/link-requests', { signal })).items;
export const decideLinkRequest = (id: string, decision: 'approve' | 'decline') =>
  api.post<PerpetratorLinkRequestView>(`/api/perpetrators/link-requests/${encodeURIComponent(id)}/decide`, { decision });

export function usePerpetrator(id: string) {
  return useQuery({ queryKey: perpetratorKeys.detail(id), queryFn: ({ signal }) => getPerpetrator(id, signal) });
}

export function useCasePerpetrators(caseId: string) {
  return useQuery({
    queryKey: perpetratorKeys.ofCase(caseId),
    queryFn: async ({ signal }) => (await api.get<{ items: CasePerpetratorView[] }>(`/api/cases/${encodeURIComponent(caseId)}/perpetrators`, { signal })).items,
  });
}

export function useT2(from: string, to: string, enabled = true) {
  return useQuery({
    queryKey: perpetratorKeys.t2(from, to),
    queryFn: ({ signal }) => api.get<T2Value>(withQuery('/api/indicators/t2', { from, to }), { signal }),
    enabled,
  });
}

/** The protection measures of a case (shared cache with the case page), for picking its no-contact order. */
export function useCaseMeasures(caseId: string) {
  return useQuery({
    queryKey: serviceKeys.measures(caseId),
    queryFn: async ({ signal }) => (await api.get<{ items: MeasureView[] }>(`/api/cases/${encodeURIComponent(caseId)}/measures`, { signal })).items,
    enabled: caseId !== '',
  });
}
