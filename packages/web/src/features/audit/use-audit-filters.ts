// Audit filters in the address (?action=&from=&to=&page=).
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { isIsoDate } from '../../lib/format';
import type { AuditFilters } from './audit-api';

export function useAuditFilters(): [AuditFilters, (change: Partial<AuditFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<AuditFilters>(() => {
    const page = Number(params.get('page') ?? '1');
    const from = params.get('from') ?? '';
    const to = params.get('to') ?? '';
    return {
      action: params.get('action'),
      from: isIsoDate(from) ? from : '',
      to: isIsoDate(to) ? to : '',
      page: Number.isInteger(page) && page > 0 ? page : 1,
    };
  }, [params]);
  const update = useCallback(
    (change: Partial<AuditFilters>) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(change)) {
            if (value === null || value === '' || (key === 'page' && value === 1)) next.delete(key);
            else next.set(key, String(value));
          }
          if (!('page' in change)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [filters, update];
}
