// List filters live in the address (?repeat=true&counselled=false&page=2 …) so Back and a shared link
// keep them. Nothing here can identify a person: searches by name or number go through a POST instead.
import { PERPETRATOR_MEASURE_TYPES } from '@binhan/domain';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { isIsoDate } from '../../../lib/format';
import { pickCode } from '../../cases/case-labels';
import type { PerpetratorFilters } from '../perpetrators-api';

const SORTS = ['last_incident_desc', 'last_incident_asc', 'code'] as const;
const YES_NO = ['true', 'false'] as const;

export const DEFAULT_PERPETRATOR_FILTERS: PerpetratorFilters = {
  unitId: null,
  from: '',
  to: '',
  measureType: null,
  counselled: null,
  repeat: null,
  handled: null,
  sort: 'last_incident_desc',
  page: 1,
};

export function usePerpetratorFilters(): [PerpetratorFilters, (change: Partial<PerpetratorFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<PerpetratorFilters>(() => {
    const page = Number(params.get('page') ?? '1');
    const date = (key: string) => {
      const value = params.get(key) ?? '';
      return isIsoDate(value) ? value : '';
    };
    return {
      unitId: params.get('unitId'),
      from: date('from'),
      to: date('to'),
      measureType: pickCode(PERPETRATOR_MEASURE_TYPES, params.get('measureType')) ?? null,
      counselled: pickCode(YES_NO, params.get('counselled')) ?? null,
      repeat: pickCode(YES_NO, params.get('repeat')) ?? null,
      handled: pickCode(YES_NO, params.get('handled')) ?? null,
      sort: pickCode(SORTS, params.get('sort')) ?? 'last_incident_desc',
      page: Number.isInteger(page) && page > 0 ? page : 1,
    };
  }, [params]);

  const update = useCallback(
    (change: Partial<PerpetratorFilters>) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(change)) {
            const isDefault = value === null || value === '' || (key === 'page' && value === 1) || (key === 'sort' && value === 'last_incident_desc');
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
