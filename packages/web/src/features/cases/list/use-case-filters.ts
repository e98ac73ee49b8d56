// List filters live in the address (?status=open&risk=high&page=2 …) so Back and a shared link keep them.
// Nothing here can identify a survivor: searches by name or number go through a POST instead.
import { CASE_STATUSES, RISK_LEVELS, VIOLENCE_FORMS } from '@binhan/domain';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { isIsoDate } from '../../../lib/format';
import type { CaseFilters } from '../cases-api';
import { pickCode } from '../case-labels';

const SORTS = ['detected_desc', 'detected_asc', 'due_asc'] as const;
const STATUS_FILTERS = [...CASE_STATUSES, 'open'] as const;

export const DEFAULT_CASE_FILTERS: CaseFilters = {
  unitId: null,
  status: null,
  risk: null,
  overdue: false,
  assignedToMe: false,
  from: '',
  to: '',
  form: null,
  code: '',
  sort: 'detected_desc',
  page: 1,
};

export function useCaseFilters(): [CaseFilters, (change: Partial<CaseFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<CaseFilters>(() => {
    const page = Number(params.get('page') ?? '1');
    const date = (key: string) => {
      const value = params.get(key) ?? '';
      return isIsoDate(value) ? value : '';
    };
    return {
      unitId: params.get('unitId'),
      status: pickCode(STATUS_FILTERS, params.get('status')) ?? null,
      risk: pickCode(RISK_LEVELS, params.get('risk')) ?? null,
      overdue: params.get('overdue') === 'true',
      assignedToMe: params.get('assignedToMe') === 'true',
      from: date('from'),
      to: date('to'),
      form: pickCode(VIOLENCE_FORMS, params.get('form')) ?? null,
      code: params.get('code') ?? '',
      sort: pickCode(SORTS, params.get('sort')) ?? 'detected_desc',
      page: Number.isInteger(page) && page > 0 ? page : 1,
    };
  }, [params]);

  const update = useCallback(
    (change: Partial<CaseFilters>) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(change)) {
            const isDefault = value === null || value === '' || value === false || (key === 'page' && value === 1) || (key === 'sort' && value === 'detected_desc');
            if (isDefault) next.delete(key);
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
