// Filters live in the address (?q=&role=&status=&unitId=&page=) so Back and a shared link keep them.
import { isRole } from '@binhan/domain';
import { pageParam, useUrlFilters } from '../../lib/url-filters';
import type { UserFilters, UserStatus } from './users-api';

function parseStatus(value: string | null): UserStatus {
  return value === 'active' || value === 'disabled' ? value : 'all';
}

const parseUserFilters = (params: URLSearchParams): UserFilters => {
  const role = params.get('role');
  return {
    q: params.get('q') ?? '',
    role: role !== null && isRole(role) ? role : null,
    unitId: params.get('unitId'),
    status: parseStatus(params.get('status')),
    page: pageParam(params),
  };
};
const USER_FILTER_DEFAULTS = { status: 'all' } as const;

export function useUserFilters(): [UserFilters, (change: Partial<UserFilters>) => void] {
  return useUrlFilters(parseUserFilters, USER_FILTER_DEFAULTS);
}
