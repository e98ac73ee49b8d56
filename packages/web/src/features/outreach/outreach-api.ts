// Calls of the communication section: activities, workbook imports (upload with progress, polling the
// check), population figures and indicators T4 and T5.
import type {
  ImportView, OutreachActivityInput, OutreachActivityView, OutreachList, PopulationGrid, PopulationGridSave, ReachResult, SavedActivity,
} from '@binhan/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import i18n from 'i18next';
import { api, ApiError, withQuery } from '../../lib/api';

export const outreachKeys = {
  all: ['outreach'] as const,
  list: (q: object) => ['outreach', 'list', q] as const,
  activity: (id: string) => ['outreach', 'activity', id] as const,
  import: (id: string) => ['outreach', 'import', id] as const,
  population: (q: object) => ['outreach', 'population', q] as const,
  reach: (q: object) => ['outreach', 'reach', q] as const,
  members: (unitId: string | null) => ['outreach', 'members', unitId] as const,
};

export interface ActivityFilters {
  unitId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  format?: string | undefined;
  campaign?: string | undefined;
}

export function useActivities(filters: ActivityFilters, page: number) {
  return useQuery({
    queryKey: outreachKeys.list({ ...filters, page }),
    queryFn: ({ signal }) => api.get<OutreachList>(withQuery('/api/outreach/activities', { ...filters, page, pageSize: 25 }), { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useActivity(id: string | undefined) {
  return useQuery({
    queryKey: outreachKeys.activity(id ?? ''),
    queryFn: ({ signal }) => api.get<OutreachActivityView>(`/api/outreach/activities/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: id !== undefined,
  });
}

export const createActivity = (input: OutreachActivityInput) => api.post<SavedActivity>('/api/outreach/activities', input);
export const updateActivity = (id: string, input: OutreachActivityInput) => api.put<SavedActivity>(`/api/outreach/activities/${encodeURIComponent(id)}`, input);
export const deleteActivity = (id: string) => api.delete<{ ok: true }>(`/api/outreach/activities/${encodeURIComponent(id)}`);

export interface MemberOption {
  id: string;
  fullName: string;
  isCore: boolean;
  isActive: boolean;
  unit: { id: string; name: string };
}

/** Members of the communicators' network who may lead an activity in the unit's area. */
export function useNetworkMembers(unitId: string | null) {
  return useQuery({
    queryKey: outreachKeys.members(unitId),
    queryFn: async ({ signal }) => (await api.get<{ items: MemberOption[] }>(withQuery('/api/network/members', { unitId, activeOnly: true }), { signal })).items,
    enabled: unitId !== null,
    staleTime: 60_000,
  });
}

/** The network member linked to the signed-in communicator, if any (to preselect the facilitator). */
export function useMyMember(enabled: boolean) {
  return useQuery({
    queryKey: ['outreach', 'members', 'me'],
    queryFn: async ({ signal }) => {
      try {
        return await api.get<MemberOption>('/api/network/members/me', { signal });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** Download a file the server builds (a template or an export), keeping the session cookie. */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  const response = await fetch(path, { credentials: 'same-origin', headers: { 'Accept-Language': i18n.language === 'en' ? 'en' : 'vi' } });
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
    throw new ApiError(response.status, body?.error?.code ?? `HTTP_${response.status}`, body?.error?.message ?? i18n.t('errors.unexpected'));
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  document.body.removeChild(link);
  URL.revokeObjectURL(url);
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Send a workbook as the request body, reporting the upload's progress (0–1): on a slow connection a
 * large file takes a while, and the user sees it move. Answers and errors are read like the API client's.
 */
export function uploadWorkbook<T>(path: string, file: File, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', XLSX);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', i18n.language === 'en' ? 'en' : 'vi');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', i18n.t('errors.network')));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
      reject(new ApiError(xhr.status, error?.code ?? `HTTP_${xhr.status}`, error?.message ?? i18n.t(xhr.status === 413 ? 'outreach.import.tooLarge' : 'errors.unexpected')));
    };
    xhr.send(file);
  });
}

/** An import, polled every half second while its rows are being checked. */
export function useImport(id: string | null) {
  return useQuery({
    queryKey: outreachKeys.import(id ?? ''),
    queryFn: ({ signal }) => api.get<ImportView>(`/api/outreach/imports/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.status === 'validating' ? 500 : false),
  });
}

export const commitImport = (id: string, onlyValidRows: boolean) => api.post<ImportView>(`/api/outreach/imports/${encodeURIComponent(id)}/commit`, { onlyValidRows });

export function usePopulation(unitId: string | null, year: number) {
  return useQuery({
    queryKey: outreachKeys.population({ unitId, year }),
    queryFn: ({ signal }) => api.get<PopulationGrid>(withQuery('/api/population', { unitId, year }), { signal }),
    placeholderData: keepPreviousData,
  });
}

export const savePopulation = (unitId: string | null, input: PopulationGridSave) => api.put<PopulationGrid>(withQuery('/api/population', { unitId }), input);

export interface PopulationImportResult {
  imported: number;
  rows: number;
  rejectedRows: number;
  rejections: Array<{ row: number; column: string; message: string }>;
}

export interface ReachAnswer extends ReachResult {
  unitId: string;
  year: number;
  from: string;
  to: string;
  units: 'then' | 'today';
  unitsDate: string;
  missingPopulationUnits: Array<{ id: string; code: string; name: string; kind: string }>;
  breakdown: Array<{ unit: { id: string; code: string; name: string; kind: string }; result: ReachResult }>;
}

export interface ReachFilters {
  unitId?: string | undefined;
  year: number;
  units: 'then' | 'today';
}

export function useReach(code: 'T4' | 'T5', filters: ReachFilters) {
  return useQuery({
    queryKey: outreachKeys.reach({ code, ...filters }),
    queryFn: ({ signal }) => api.get<ReachAnswer>(withQuery(`/api/indicators/${code.toLowerCase()}`, { ...filters }), { signal }),
    placeholderData: keepPreviousData,
  });
}
