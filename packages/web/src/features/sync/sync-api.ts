// Conflicts between a device's change and a newer change on the server, and the case's editable details
// (village, safety plan, next follow-up) sent as field edits with the value each started from.
import type { CaseDetail, CaseDetailsEdit, ConflictResolution, SyncConflictView } from '@binhan/domain';
import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api';

export const syncKeys = {
  all: ['sync'] as const,
  conflicts: (caseId: string | undefined) => ['sync', 'conflicts', caseId ?? 'all'] as const,
};

export const listConflicts = (caseId: string | undefined, signal?: AbortSignal) =>
  api.get<{ items: SyncConflictView[] }>(withQuery('/api/sync/conflicts', { caseId }), { signal });

export const resolveConflict = (id: string, choice: ConflictResolution['choice']) =>
  api.post<SyncConflictView>(`/api/sync/conflicts/${encodeURIComponent(id)}/resolve`, { choice } satisfies ConflictResolution);

export const editCaseDetails = (caseId: string, edit: CaseDetailsEdit) =>
  api.patch<CaseDetail>(`/api/cases/${encodeURIComponent(caseId)}/details`, edit);

/** Open conflicts of the cases the user may change; only those of one case when `caseId` is given. */
export function useConflicts(caseId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: syncKeys.conflicts(caseId),
    queryFn: async ({ signal }) => (await listConflicts(caseId, signal)).items.filter((c) => c.status === 'open'),
    enabled,
  });
}
