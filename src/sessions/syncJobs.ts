import { z } from 'zod';
import type { Db } from '../db/openDatabase.ts';
import type { Job, Queue, SqliteQueue } from '../jobs/index.ts';
import type { StoredSession } from './sessionStore.ts';
import { scheduledSyncAt } from './syncOptions.ts';
import type { SyncOptionsRepo } from './syncOptionsRepo.ts';

/**
 * Sync jobs of the event spine: one `sessions.sync` job per portal + session + revision (the queue's idempotency
 * key), so a platform posting the same session twice enqueues nothing new, and a changed session gets its own job.
 * Each session's latest job is remembered (0053 `session_sync_jobs`) for the status API.
 */
export const SESSION_SYNC_JOB = 'sessions.sync';
export const SESSION_PROVISION_JOB = 'sessions.provisionProperties';

export const SyncJobPayload = z.object({ sessionId: z.string().min(1), revision: z.number().int().positive() });
export type SyncJobPayload = z.infer<typeof SyncJobPayload>;

export interface SyncSchedulerDeps {
  db: Db;
  /** Enqueues inside the caller's SQLite transaction, so a stored session and its job commit together. */
  queue: Pick<SqliteQueue, 'enqueueManySync' | 'notifyAvailable'> & Pick<Queue, 'get'>;
  options: SyncOptionsRepo;
  now?: () => number;
}

export type ScheduleReason = 'received' | 'resync';

export function createSyncScheduler(deps: SyncSchedulerDeps) {
  const now = deps.now ?? Date.now;
  const remember = deps.db.prepare(`INSERT INTO session_sync_jobs (portal_id, session_id, job_id, revision, enqueued_at)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET job_id = excluded.job_id, revision = excluded.revision,
      enqueued_at = excluded.enqueued_at`);
  const latest = deps.db
    .prepare<[number, string], number>('SELECT job_id FROM session_sync_jobs WHERE portal_id = ? AND session_id = ?')
    .pluck();

  function enqueue(s: StoredSession, reason: ScheduleReason, runAt: number): Job {
    const sessionId = s.session.sessionId;
    const base = `${SESSION_SYNC_JOB}:${s.portalId}:${sessionId}:r${s.revision}`;
    const [enqueued] = deps.queue.enqueueManySync([
      {
        type: SESSION_SYNC_JOB,
        portalId: s.portalId,
        objectKey: `session:${sessionId}`,
        // A re-sync asked for by a person is a new intent, even for the same revision.
        idempotencyKey: reason === 'resync' ? `${base}:resync:${now()}` : base,
        payload: { sessionId, revision: s.revision } satisfies SyncJobPayload,
        priority: reason === 'resync' ? 1 : 0,
        runAt,
      },
    ]);
    const job = enqueued!.job;
    remember.run(s.portalId, sessionId, job.id, s.revision, now());
    return job;
  }

  return {
    /**
     * Enqueues the sync of a stored session when the portal's options say it syncs by itself (realtime now, hourly
     * or daily at the next boundary); returns when it will run, or null when it waits for a person.
     */
    scheduleReceived(s: StoredSession): number | null {
      // Counted from the latest post: a session changed a day later waits for the next boundary after that.
      const runAt = scheduledSyncAt(deps.options.get(s.portalId), s.updatedAt);
      if (runAt === null) return null;
      enqueue(s, 'received', runAt);
      return runAt;
    },
    /** Enqueues a sync now (a person asked for it on the card). */
    scheduleNow(s: StoredSession): Job {
      return enqueue(s, 'resync', now());
    },
    /** Wakes in-process workers once the caller's transaction committed. */
    notify(): void {
      deps.queue.notifyAvailable();
    },
    /** The session's latest sync job, if one was enqueued and not yet pruned. */
    async latestJob(portalId: number, sessionId: string): Promise<Job | undefined> {
      const id = latest.get(portalId, sessionId);
      return id === undefined ? undefined : deps.queue.get(id);
    },
  };
}

export type SyncScheduler = ReturnType<typeof createSyncScheduler>;
