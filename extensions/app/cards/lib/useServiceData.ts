import { useCallback, useEffect, useState } from 'react';

/** What a card knows about data it loads: exactly one of these at a time. */
export type FetchState<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; message: string };

/** Runs `load` on mount (and when `key` changes or `reload` is called), tracking its state as a union. */
export function useServiceData<T>(load: () => Promise<T>, key: string): { state: FetchState<T>; reload: () => void } {
  const [state, setState] = useState<FetchState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is re-created each render; `key` names what it loads
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    load().then(
      (data) => current && setState({ status: 'ready', data }),
      (err: unknown) => current && setState({ status: 'error', message: (err as Error).message }),
    );
    return () => {
      current = false;
    };
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
