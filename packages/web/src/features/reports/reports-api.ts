// The periodic report API: periods, the list of a period, one report, and its actions.
import type { PeriodicReportDecision, PeriodicReportList, PeriodicReportView, ReportNarrative, ReportPeriodsView } from '@binhan/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api';

export function useReportPeriods() {
  return useQuery({ queryKey: ['reports', 'periods'], queryFn: ({ signal }) => api.get<ReportPeriodsView>('/api/reports/periods', { signal }), staleTime: 60_000 });
}

export function useReportList(period: string | null, status: string, enabled: boolean) {
  return useQuery({
    queryKey: ['reports', 'list', period, status],
    queryFn: ({ signal }) => api.get<PeriodicReportList>(withQuery('/api/reports', { period, status }), { signal }),
    enabled: enabled && period !== null,
  });
}

export function useReport(id: string) {
  return useQuery({ queryKey: ['reports', 'one', id], queryFn: ({ signal }) => api.get<PeriodicReportView>(`/api/reports/${id}`, { signal }) });
}

export function useCreateReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { unitId: string; period: string }) => api.post<{ id: string }>('/api/reports', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['reports', 'list'] }),
  });
}

function useReportAction<I>(id: string, send: (input: I) => Promise<PeriodicReportView>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (view) => {
      client.setQueryData(['reports', 'one', id], view);
      void client.invalidateQueries({ queryKey: ['reports', 'list'] });
    },
  });
}

export const useSaveNarrative = (id: string) =>
  useReportAction(id, (input: { narrative: ReportNarrative; version: number }) => api.put<PeriodicReportView>(`/api/reports/${id}`, input));
export const useSubmitReport = (id: string) =>
  useReportAction(id, (input: { version: number }) => api.post<PeriodicReportView>(`/api/reports/${id}/submit`, input));
export const useDecideReport = (id: string) =>
  useReportAction(id, (input: PeriodicReportDecision) => api.post<PeriodicReportView>(`/api/reports/${id}/decide`, input));

export const downloadUrl = (id: string, format: 'xlsx' | 'docx' | 'pdf') => `/api/reports/${id}/download?format=${format}`;
export const exportFiguresUrl = (unitId: string, period: string) => withQuery('/api/exports/figures', { unitId, period, format: 'xlsx' });
export const exportIncidentsUrl = (unitId: string, period: string, format: 'xlsx' | 'csv') => withQuery('/api/exports/incidents', { unitId, period, format });
