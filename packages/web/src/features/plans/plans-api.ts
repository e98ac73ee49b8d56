// Plans, indicators, targets and the dashboard: queries and changes. The dashboard is computed from the
// live records on each request, so it is kept fresh for a minute only.
import type {
  DashboardView, DrilldownView, MeasureKey, MeasureModule, PlanDetail, PlanIndicatorInput, PlanInput, PlanSummary, TargetEntry, TargetSplitInput,
} from '@binhan/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api';

export interface PlanList {
  items: PlanSummary[];
  measures: Array<{ key: MeasureKey; module: MeasureModule; available: boolean }>;
}

export interface DashboardParams {
  planId: string;
  unitId: string | null;
  fromYear: number;
  toYear: number;
  /** Absent: the server's default (today's units for a unit that exists today). */
  units?: 'then' | 'today' | undefined;
}

export const planKeys = {
  all: ['plans'] as const,
  list: () => ['plans', 'list'] as const,
  detail: (id: string) => ['plans', 'detail', id] as const,
  dashboard: (p: DashboardParams) => ['plans', 'dashboard', p] as const,
  drilldown: (planId: string, indicatorId: string, unitId: string, year: number, units: 'then' | 'today') => ['plans', 'drilldown', planId, indicatorId, unitId, year, units] as const,
};

export function usePlans() {
  return useQuery({ queryKey: planKeys.list(), queryFn: ({ signal }) => api.get<PlanList>('/api/plans', { signal }) });
}

export function usePlan(id: string | null) {
  return useQuery({
    queryKey: planKeys.detail(id ?? '-'),
    queryFn: ({ signal }) => api.get<PlanDetail>(`/api/plans/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: id !== null,
  });
}

export function useDashboard(params: DashboardParams | null) {
  return useQuery({
    queryKey: planKeys.dashboard(params ?? { planId: '-', unitId: null, fromYear: 0, toYear: 0 }),
    queryFn: ({ signal }) => api.get<DashboardView>(withQuery('/api/indicators/dashboard', { ...params }), { signal }),
    enabled: params !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useDrilldown(planId: string, indicatorId: string, unitId: string, year: number, units: 'then' | 'today', enabled: boolean) {
  return useQuery({
    queryKey: planKeys.drilldown(planId, indicatorId, unitId, year, units),
    queryFn: ({ signal }) => api.get<DrilldownView>(withQuery('/api/indicators/drilldown', { planId, indicatorId, unitId, year, units }), { signal }),
    enabled,
  });
}

/** Every change answers with the whole plan; it replaces the cached one and the dashboards are recomputed. */
function usePlanChange<I>(send: (input: I) => Promise<PlanDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (plan) => {
      queryClient.setQueryData(planKeys.detail(plan.id), plan);
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
    },
  });
}

export const useCreatePlan = () => usePlanChange((input: PlanInput) => api.post<PlanDetail>('/api/plans', input));
export const useUpdatePlan = (id: string) => usePlanChange((input: PlanInput) => api.put<PlanDetail>(`/api/plans/${id}`, input));
export const useAddIndicator = (planId: string) => usePlanChange((input: PlanIndicatorInput) => api.post<PlanDetail>(`/api/plans/${planId}/indicators`, input));
export const useUpdateIndicator = (planId: string) =>
  usePlanChange(({ id, input }: { id: string; input: PlanIndicatorInput }) => api.put<PlanDetail>(`/api/plans/${planId}/indicators/${id}`, input));
export const useDeleteIndicator = (planId: string) => usePlanChange((id: string) => api.delete<PlanDetail>(`/api/plans/${planId}/indicators/${id}`));
export const useSaveTargets = (planId: string) =>
  usePlanChange(({ indicatorId, targets }: { indicatorId: string; targets: TargetEntry[] }) => api.put<PlanDetail>(`/api/plans/${planId}/indicators/${indicatorId}/targets`, { targets }));
export const useSplitTarget = (planId: string) =>
  usePlanChange(({ indicatorId, input }: { indicatorId: string; input: TargetSplitInput }) => api.post<PlanDetail>(`/api/plans/${planId}/indicators/${indicatorId}/targets/split`, input));
