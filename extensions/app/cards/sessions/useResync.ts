import { SESSION_RESYNC_PATH, SessionResyncResponse } from '@switchboard/contract';
import { useRef, useState } from 'react';
import { newRequestId } from '../lib/requestId.ts';
import { callService } from '../lib/serviceClient.ts';
import type { SessionsScope } from './scope.ts';

/** Where the last Re-sync click of one session got to. */
export type ResyncState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  /** The service answered: the session's status now (pending when queued again) and its words about it. */
  | { kind: 'answered'; response: SessionResyncResponse }
  | { kind: 'failed'; message: string };

/** Re-sync of one failed session: one request at a time, each click with its own requestId. */
export function useResync(scope: SessionsScope, sessionId: string): { state: ResyncState; resync: () => void } {
  // A ref as well as state: a double click can arrive before React re-renders the button as disabled.
  const inFlight = useRef(false);
  const [state, setState] = useState<ResyncState>({ kind: 'idle' });

  const resync = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setState({ kind: 'sending' });
    const body = { portalId: scope.portalId, sessionId, requestId: newRequestId() };
    try {
      const response = await callService({
        path: SESSION_RESYNC_PATH,
        method: 'POST',
        body,
        schema: SessionResyncResponse,
      });
      setState({ kind: 'answered', response });
    } catch (err) {
      setState({ kind: 'failed', message: (err as Error).message });
    } finally {
      inFlight.current = false;
    }
  };

  return { state, resync: () => void resync() };
}
