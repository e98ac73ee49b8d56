// Audit filters in the address (?action=&from=&to=&page=).
import { dateParam, pageParam, useUrlFilters } from '../../lib/url-filters';
import type { AuditFilters } from './audit-api';

const parseAuditFilters = (params: URLSearchParams): AuditFilters => ({
  action: params.get('action'),
  from: dateParam(params, 'from'),
  to: dateParam(params, 'to'),
  page: pageParam(params),
});

export function useAuditFilters(): [AuditFilters, (change: Partial<AuditFilters>) => void] {
  return useUrlFilters(parseAuditFilters);
}
