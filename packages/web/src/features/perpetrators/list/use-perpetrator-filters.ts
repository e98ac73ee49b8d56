// List filters live in the address (?repeat=true&counselled=false&page=2 …) so Back and a shared link
// keep them. Nothing here can identify a person: searches by name or number go through a POST instead.
import { PERPETRATOR_MEASURE_TYPES } from '@binhan/domain';
import { dateParam, pageParam, useUrlFilters } from '../../../lib/url-filters';
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

const parsePerpetratorFilters = (params: URLSearchParams): PerpetratorFilters => ({
  unitId: params.get('unitId'),
  from: dateParam(params, 'from'),
  to: dateParam(params, 'to'),
  measureType: pickCode(PERPETRATOR_MEASURE_TYPES, params.get('measureType')) ?? null,
  counselled: pickCode(YES_NO, params.get('counselled')) ?? null,
  repeat: pickCode(YES_NO, params.get('repeat')) ?? null,
  handled: pickCode(YES_NO, params.get('handled')) ?? null,
  sort: pickCode(SORTS, params.get('sort')) ?? 'last_incident_desc',
  page: pageParam(params),
});
const PERPETRATOR_FILTER_DEFAULTS = { sort: 'last_incident_desc' } as const;

export function usePerpetratorFilters(): [PerpetratorFilters, (change: Partial<PerpetratorFilters>) => void] {
  return useUrlFilters(parsePerpetratorFilters, PERPETRATOR_FILTER_DEFAULTS);
}
