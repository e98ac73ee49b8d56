// List filters live in the address (?status=open&page=2 …) so Back and a shared link keep them. Nothing put
// here may identify a person: searches by name or number go through a POST instead.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { isIsoDate } from './format';

/** The page number of the address, 1 when missing or not a positive whole number. */
export function pageParam(params: URLSearchParams): number {
  const page = Number(params.get('page') ?? '1');
  return Number.isInteger(page) && page > 0 ? page : 1;
}

/** A yyyy-mm-dd date of the address, '' when missing or malformed. */
export function dateParam(params: URLSearchParams, key: string): string {
  const value = params.get(key) ?? '';
  return isIsoDate(value) ? value : '';
}

/**
 * Filters read from the address by `parse` (a stable, module-level function) and changed by the returned
 * update: empty, false and default values leave the address, and any change but the page's goes back to
 * the first page. `defaults` (stable too) names the values that are the list's default, e.g. a sort.
 */
export function useUrlFilters<T extends object>(
  parse: (params: URLSearchParams) => T,
  defaults: Partial<Record<keyof T, unknown>> = NO_DEFAULTS,
): [T, (change: Partial<T>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parse(params), [parse, params]);
  const update = useCallback(
    (change: Partial<T>) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(change) as Array<[string, string | number | boolean | null | undefined]>) {
            const isDefault = value === null || value === undefined || value === '' || value === false
              || (key === 'page' && value === 1) || defaults[key as keyof T] === value;
            if (isDefault) next.delete(key);
            else next.set(key, String(value));
          }
          if (!('page' in change)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams, defaults],
  );
  return [filters, update];
}

const NO_DEFAULTS = {};
