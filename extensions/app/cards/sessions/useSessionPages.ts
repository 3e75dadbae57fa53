import { SESSIONS_LIST_PATH, SessionsListResponse } from '@switchboard/contract';
import { useState } from 'react';
import { callService } from '../lib/serviceClient.ts';
import { type FetchState, useServiceData } from '../lib/useServiceData.ts';
import type { SessionsScope } from './scope.ts';

/** Sessions per page: each is a tile with a brief and action items, so a few fill a record tab. */
export const PAGE_SIZE = 5;

export interface SessionPages {
  state: FetchState<SessionsListResponse>;
  /** 1-based, for "Page 2". */
  page: number;
  hasNewer: boolean;
  hasOlder: boolean;
  newer: () => void;
  older: () => void;
  reload: () => void;
}

/**
 * The record's sessions, newest first, a page at a time. The service's cursor is opaque and only goes forward,
 * so going back re-asks with a cursor already used: they are kept as a stack, the first page's being "none".
 */
export function useSessionPages(scope: SessionsScope): SessionPages {
  const { portalId, objectType, recordId } = scope;
  const [cursors, setCursors] = useState<readonly (string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const { state, reload } = useServiceData(
    () =>
      callService({
        path: SESSIONS_LIST_PATH,
        query: {
          portalId,
          objectType,
          objectId: recordId,
          limit: PAGE_SIZE,
          ...(cursor === undefined ? {} : { cursor }),
        },
        schema: SessionsListResponse,
      }),
    `${portalId}/${objectType}/${recordId}/${cursor ?? 'first'}`,
  );
  const nextCursor = state.status === 'ready' ? state.data.nextCursor : null;

  return {
    state,
    page: cursors.length,
    hasNewer: cursors.length > 1,
    hasOlder: nextCursor !== null,
    newer: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    older: () => {
      if (nextCursor !== null) setCursors((c) => [...c, nextCursor]);
    },
    reload,
  };
}
