import { SESSIONS_LIST_PATH, SessionsListResponse } from '@switchboard/contract';
import { callService } from '../lib/serviceClient.ts';
import { type CursorPages, useCursorPages } from '../lib/useCursorPages.ts';
import type { SessionsScope } from './scope.ts';

/** Sessions per page: each is a tile with a brief and action items, so a few fill a record tab. */
export const PAGE_SIZE = 5;

export type SessionPages = CursorPages<SessionsListResponse>;

/** The record's sessions, newest first, a page at a time (the service's cursor is opaque). */
export function useSessionPages(scope: SessionsScope): SessionPages {
  const { portalId, objectType, recordId } = scope;
  return useCursorPages<SessionsListResponse, string>({
    key: `${portalId}/${objectType}/${recordId}`,
    load: (cursor) =>
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
    nextCursorOf: (data) => data.nextCursor,
  });
}
