// The viewed date and the selected unit live in the address (?at=&unit=), so a link or Back restores them.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { isIsoDate, todayIso } from '../../lib/format';

export interface UnitsParams {
  at: string;
  unitId: string | null;
}

export function useUnitsParams(): [UnitsParams, (change: Partial<UnitsParams>) => void] {
  const [params, setParams] = useSearchParams();
  const rawAt = params.get('at');
  const at = rawAt !== null && isIsoDate(rawAt) ? rawAt : todayIso();
  const unitId = params.get('unit');
  const update = useCallback(
    (change: Partial<UnitsParams>) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (change.at !== undefined) {
            if (change.at === todayIso()) next.delete('at');
            else next.set('at', change.at);
          }
          if (change.unitId !== undefined) {
            if (change.unitId === null) next.delete('unit');
            else next.set('unit', change.unitId);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [{ at, unitId }, update];
}
