// Administrative units: lists by date (already limited to the user's scope), details, the unit(s) that
// hold an old unit's area today, and the administrator's changes.
import type { MergerInput, UnitCreate, UnitUpdate, UnitView } from '@binhan/domain';
import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api';

export interface UnitMapping {
  unit: UnitView;
  at: string;
  holders: Array<{ unit: UnitView; isPart: boolean }>;
}

export interface MergerResult {
  target: UnitView;
  sources: UnitView[];
}

export const unitKeys = {
  all: ['admin-units'] as const,
  list: (at: string | null) => ['admin-units', 'list', at ?? 'all'] as const,
  mapping: (id: string, at: string) => ['admin-units', 'mapping', id, at] as const,
};

export const listUnits = (at: string | null) => api.get<{ items: UnitView[] }>(withQuery('/api/admin-units', { at }));

export const getUnitMapping = (id: string, at: string) =>
  api.get<UnitMapping>(withQuery(`/api/admin-units/${encodeURIComponent(id)}/mapping`, { at }));

export const createUnit = (input: UnitCreate) => api.post<UnitView>('/api/admin-units', input);

export const updateUnit = (id: string, input: UnitUpdate) => api.patch<UnitView>(`/api/admin-units/${encodeURIComponent(id)}`, input);

export const recordMerger = (input: MergerInput) => api.post<MergerResult>('/api/admin-units/mergers', input);

/** Units valid on a date (yyyy-mm-dd), or every generation when `at` is null. Unit lists change rarely. */
export function useUnits(at: string | null, enabled = true) {
  return useQuery({
    queryKey: unitKeys.list(at),
    queryFn: async () => (await listUnits(at)).items,
    staleTime: 5 * 60_000,
    enabled,
  });
}
