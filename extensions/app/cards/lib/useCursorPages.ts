import { useState } from 'react';
import { type FetchState, useServiceData } from './useServiceData.ts';

export interface CursorPages<T> {
  state: FetchState<T>;
  /** 1-based, for "Page 2". */
  page: number;
  hasNewer: boolean;
  hasOlder: boolean;
  newer: () => void;
  older: () => void;
  reload: () => void;
}

/**
 * A list the service pages with a forward-only cursor, newest first. Going back re-asks with a cursor already used,
 * so the cursors are kept as a stack, the first page's being "none" (undefined).
 */
export function useCursorPages<T, C extends string | number>(opts: {
  load: (cursor: C | undefined) => Promise<T>;
  /** What is being listed (portal, record): a change starts over. */
  key: string;
  nextCursorOf: (data: T) => C | null;
}): CursorPages<T> {
  const [cursors, setCursors] = useState<readonly (C | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const { state, reload } = useServiceData(() => opts.load(cursor), `${opts.key}/${cursor ?? 'first'}`);
  const next = state.status === 'ready' ? opts.nextCursorOf(state.data) : null;
  return {
    state,
    page: cursors.length,
    hasNewer: cursors.length > 1,
    hasOlder: next !== null,
    newer: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    older: () => {
      if (next !== null) setCursors((c) => [...c, next]);
    },
    reload,
  };
}
