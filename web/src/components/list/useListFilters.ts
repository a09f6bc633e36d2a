import { useCallback, useMemo, useState } from 'react';
import { filtersDiffer } from './listFilters.ts';

export interface ListFilters<F extends Record<string, unknown>> {
  values: F;
  /** Changes one filter and goes back to the first page (page 3 of the old results means nothing). */
  set: <K extends keyof F>(key: K, value: F[K]) => void;
  /** Every filter back to where it started, first page. */
  reset: () => void;
  /** Whether any filter differs from where it started. */
  active: boolean;
  page: number;
  setPage: (page: number) => void;
  /** The offset of the page shown, for the API. */
  offset: number;
}

/** The filters and the page of a back-office list. `initial` is read once, on the first render. */
export function useListFilters<F extends Record<string, unknown>>(initial: F, pageSize: number): ListFilters<F> {
  const [start] = useState(initial);
  const [values, setValues] = useState(initial);
  const [page, setPage] = useState(1);
  const set = useCallback(<K extends keyof F>(key: K, value: F[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setPage(1);
  }, []);
  const reset = useCallback(() => {
    setValues(start);
    setPage(1);
  }, [start]);
  const active = useMemo(() => filtersDiffer(values, start), [values, start]);
  return { values, set, reset, active, page, setPage, offset: (page - 1) * pageSize };
}
