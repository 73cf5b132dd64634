// useLoad(): fetch data for a page, with loading and error states, aborting
// the request when the inputs change or the page goes away.

import { useCallback, useEffect, useState } from 'preact/hooks';

export type LoadState<T> =
  | { kind: 'loading' }
  | { kind: 'loaded'; data: T }
  | { kind: 'failed'; error: unknown };

export interface Load<T> {
  state: LoadState<T>;
  // The last loaded data, kept while reloading (so lists do not flicker).
  data: T | undefined;
  reload: () => void;
  // Replaces the data after a successful change, without a request.
  set: (data: T) => void;
}

export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Load<T> {
  const [state, setState] = useState<LoadState<T>>({ kind: 'loading' });
  const [data, setData] = useState<T | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    load(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setData(result);
        setState({ kind: 'loaded', data: result });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const set = useCallback((next: T) => {
    setData(next);
    setState({ kind: 'loaded', data: next });
  }, []);
  return { state, data, reload, set };
}

// `value`, once it has stopped changing for `ms` milliseconds (for search boxes).
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
