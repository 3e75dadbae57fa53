import type { SessionResyncRequest, SessionResyncResponse } from '@switchboard/contract';
import type { Db } from '../db/openDatabase.ts';
import type { SessionStore } from './sessionStore.ts';
import type { SyncScheduler } from './syncJobs.ts';

/**
 * The Sessions card's "Re-sync" (issue 8 §6): a failed session goes back in line with a sync job of its own; a
 * pending one without a live job (its portal syncs only on request) gets one. HubSpot may retry a card's request
 * once, so an answer is kept by the click's `requestId` and a retry gets the same answer (0053 session_resync_requests).
 */
export interface CardResyncDeps {
  db: Db;
  store: SessionStore;
  scheduler: SyncScheduler;
  now?: () => number;
}

const answer = (sessionId: string, status: SessionResyncResponse['status'], message: string) => ({
  sessionId,
  status,
  message,
});

export function createCardResync(deps: CardResyncDeps) {
  const now = deps.now ?? Date.now;
  const findAnswer = deps.db.prepare<[number, string], { response: string }>(
    'SELECT response FROM session_resync_requests WHERE portal_id = ? AND request_id = ?',
  );
  const saveAnswer = deps.db.prepare(`INSERT INTO session_resync_requests (portal_id, request_id, response, created_at)
    VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`);

  /** Decides and enqueues in one transaction: the status change and its job commit together. */
  function decide(req: SessionResyncRequest, jobLive: boolean): SessionResyncResponse {
    const { portalId, sessionId } = req;
    const s = deps.store.get(portalId, sessionId);
    if (!s) return answer(sessionId, 'failed', 'No such session in this HubSpot account.');
    if (deps.store.requestResync(portalId, sessionId, now())) {
      deps.scheduler.scheduleNow(deps.store.get(portalId, sessionId)!);
      return answer(sessionId, 'pending', 'Queued for another sync.');
    }
    if (s.status === 'pending' && !jobLive) {
      deps.scheduler.scheduleNow(s);
      return answer(sessionId, 'pending', 'Queued for sync.');
    }
    const message = s.status === 'synced' ? 'Already synced; nothing to do.' : 'Already waiting for its sync.';
    return answer(sessionId, s.status, message);
  }

  return {
    async resync(req: SessionResyncRequest): Promise<SessionResyncResponse> {
      if (req.requestId) {
        const earlier = findAnswer.get(req.portalId, req.requestId);
        if (earlier) return JSON.parse(earlier.response) as SessionResyncResponse;
      }
      const job = await deps.scheduler.latestJob(req.portalId, req.sessionId);
      const jobLive = job?.status === 'pending' || job?.status === 'running';
      const response = deps.db.transaction(() => {
        const decided = decide(req, jobLive);
        if (req.requestId) saveAnswer.run(req.portalId, req.requestId, JSON.stringify(decided), now());
        return decided;
      })();
      deps.scheduler.notify();
      return response;
    },
  };
}

export type CardResync = ReturnType<typeof createCardResync>;
