// List filters live in the address (?status=open&risk=high&page=2 …) so Back and a shared link keep them.
// Nothing here can identify a survivor: searches by name or number go through a POST instead.
import { CASE_STATUSES, RISK_LEVELS, VIOLENCE_FORMS } from '@binhan/domain';
import { dateParam, pageParam, useUrlFilters } from '../../../lib/url-filters';
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

const parseCaseFilters = (params: URLSearchParams): CaseFilters => ({
  unitId: params.get('unitId'),
  status: pickCode(STATUS_FILTERS, params.get('status')) ?? null,
  risk: pickCode(RISK_LEVELS, params.get('risk')) ?? null,
  overdue: params.get('overdue') === 'true',
  assignedToMe: params.get('assignedToMe') === 'true',
  from: dateParam(params, 'from'),
  to: dateParam(params, 'to'),
  form: pickCode(VIOLENCE_FORMS, params.get('form')) ?? null,
  code: params.get('code') ?? '',
  sort: pickCode(SORTS, params.get('sort')) ?? 'detected_desc',
  page: pageParam(params),
});
const CASE_FILTER_DEFAULTS = { sort: 'detected_desc' } as const;

export function useCaseFilters(): [CaseFilters, (change: Partial<CaseFilters>) => void] {
  return useUrlFilters(parseCaseFilters, CASE_FILTER_DEFAULTS);
}
