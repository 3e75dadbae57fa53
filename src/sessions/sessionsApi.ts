import type { Db } from '../db/openDatabase.ts';
import { AppError } from '../errors.ts';
import type { TimelineRepo } from '../timeline/timelineRepo.ts';
import { parseSession } from './sessionSchema.ts';
import { type SessionStatusView, sessionStatusView } from './sessionStatusView.ts';
import type { IngestChange, SessionStore } from './sessionStore.ts';
import type { SyncScheduler } from './syncJobs.ts';

/**
 * The conversation platform's API as service functions (routes stay thin): receive a finished session and report
 * its sync. A session and its sync job are stored in one transaction, so a crash between them loses nothing.
 */
export interface SessionsApiDeps {
  db: Db;
  store: SessionStore;
  scheduler: SyncScheduler;
  timelineRepo: Pick<TimelineRepo, 'find'>;
  now?: () => number;
}

export interface ReceiveResult {
  sessionId: string;
  revision: number;
  /** created: new; updated: changed since the last post (synced again); unchanged: a repeat, nothing happened. */
  change: IngestChange;
  status: SessionStatusView['status'];
  /** When the sync runs (per the portal's sync frequency); null when it waits for a person (auto-sync off). */
  syncScheduledAt: string | null;
}

export function createSessionsApi(deps: SessionsApiDeps) {
  const now = deps.now ?? Date.now;

  return {
    /** Parses (a `validation` error names every bad field, nothing is stored), stores and schedules the sync. */
    receive(portalId: number, body: unknown): ReceiveResult {
      const session = parseSession(body);
      const { change, stored, runAt } = deps.db.transaction(() => {
        const ingested = deps.store.ingest(portalId, session, now());
        const at = ingested.change === 'unchanged' ? null : deps.scheduler.scheduleReceived(ingested.stored);
        return { ...ingested, runAt: at };
      })();
      if (runAt !== null) deps.scheduler.notify();
      return {
        sessionId: session.sessionId,
        revision: stored.revision,
        change,
        status: stored.status,
        syncScheduledAt: runAt === null ? null : new Date(runAt).toISOString(),
      };
    },

    /** Pending / synced / failed and why; 404 for a session this portal never posted. */
    async status(portalId: number, sessionId: string): Promise<SessionStatusView> {
      const stored = deps.store.get(portalId, sessionId);
      if (!stored) throw new AppError('not_found', `No session ${sessionId} was posted for this HubSpot account`);
      const job = await deps.scheduler.latestJob(portalId, sessionId);
      const posted = (e: { eventUid: string; occurrenceId: string }) => {
        const found = deps.timelineRepo.find({ portalId, eventUid: e.eventUid, occurrenceId: e.occurrenceId });
        return found !== undefined && found.channel !== 'pending_note';
      };
      return sessionStatusView(stored, job, posted);
    },
  };
}

export type SessionsApi = ReturnType<typeof createSessionsApi>;
