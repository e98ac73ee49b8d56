// Filters live in the address (?q=&role=&status=&unitId=&page=) so Back and a shared link keep them.
import { isRole } from '@binhan/domain';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { UserFilters, UserStatus } from './users-api';

function parseStatus(value: string | null): UserStatus {
  return value === 'active' || value === 'disabled' ? value : 'all';
}

export function useUserFilters(): [UserFilters, (change: Partial<UserFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<UserFilters>(() => {
    const role = params.get('role');
    const page = Number(params.get('page') ?? '1');
    return {
      q: params.get('q') ?? '',
      role: role !== null && isRole(role) ? role : null,
      unitId: params.get('unitId'),
      status: parseStatus(params.get('status')),
      page: Number.isInteger(page) && page > 0 ? page : 1,
    };
  }, [params]);

  const update = useCallback(
    (change: Partial<UserFilters>) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(change)) {
            if (value === null || value === '' || value === 'all' || (key === 'page' && value === 1)) next.delete(key);
            else next.set(key, String(value));
          }
          // Any filter change starts again from the first page.
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
