import { AppError } from '../errors.ts';
import { type JobHandler, RetryAfter } from '../jobs/index.ts';
import type { TimelineBatch } from '../timeline/postTimelineBatch.ts';
import { createBusyPortalWait } from './busyPortalWait.ts';
import type { PortalSyncLock } from './portalSyncLock.ts';
import type { SessionStore, StoredSession } from './sessionStore.ts';
import type { SessionOutcome } from './sync/sessionSync.ts';
import type { SyncJobPayload } from './syncJobs.ts';
import { createSyncRuns, type SyncRunsDeps } from './syncRuns.ts';

/**
 * The `sessions.sync` job (one per portal + session + revision):
 * - its session was synced meanwhile (by another job's run): at most its timeline events are still to be posted;
 * - the portal is busy with another job's runs: rescheduled without using an attempt (RetryAfter), for about as long
 *   as the runs ahead of its session should take (busyPortalWait.ts) — usually it then finds its session synced;
 * - otherwise it takes the portal's lease and runs batches (syncRuns.ts) with its session in the first one;
 * - its session failed: a retryable reason goes back to the spine for a retry with backoff, a permanent one is
 *   dead-lettered with the reason. Other sessions of its runs are retried by their own jobs.
 */
export interface SyncJobDeps extends Omit<SyncRunsDeps, 'now' | 'batchSize' | 'timeline'> {
  store: Pick<SessionStore, 'get' | 'pending' | 'pendingAhead'>;
  lock: PortalSyncLock;
  timeline: Pick<TimelineBatch, 'postMany' | 'unposted'>;
  /** Names this process in lock leases. */
  owner: string;
  now?: () => number;
  /** Sessions per run (default 100: one batch call per write step). */
  batchSize?: number;
  /** [0, 1) for the jitter of busy-portal waits. */
  random?: () => number;
}

export type SyncJobResult = { outcome: SessionOutcome['status'] | 'timeline_only'; runs: number[] };

const isSynced = (s: StoredSession) => s.status === 'synced' && s.syncedRevision === s.revision;

export function createSyncJobHandler(deps: SyncJobDeps): JobHandler<SyncJobPayload> {
  const now = deps.now ?? Date.now;
  const batchSize = deps.batchSize ?? 100;
  const busy = createBusyPortalWait({ store: deps.store, batchSize, random: deps.random });
  const runs = createSyncRuns({ ...deps, now, batchSize, onRun: busy.recordRun });

  /** Runs `fn` holding the portal's lease; a busy portal reschedules the job without using an attempt. */
  async function withPortal<T>(portalId: number, owner: string, fn: () => Promise<T>, receivedAt?: number) {
    const lease = deps.lock.tryAcquire(portalId, owner);
    if (!lease) {
      const wait = busy.delay(portalId, receivedAt);
      throw new RetryAfter(wait, 'portal_busy', `another sync of this portal is running; trying again in ${wait} ms`);
    }
    try {
      return await fn();
    } finally {
      lease.release();
    }
  }

  /** A session another job's run synced: only its timeline events may still be missing (that run failed to post). */
  async function catchUpTimeline(portalId: number, stored: StoredSession, owner: string): Promise<SyncJobResult> {
    const effects = stored.result?.timelineEvents ?? [];
    const unposted = deps.timeline.unposted(runs.occurrencesOf(portalId, effects));
    if (unposted.length === 0) return { outcome: 'unchanged', runs: [] };
    // Under the lease: the run that synced the session may be posting these very events right now.
    const ids = new Set(effects.map((e) => e.occurrenceId));
    await withPortal(portalId, owner, () => runs.postTimeline(portalId, effects, ids));
    return { outcome: 'timeline_only', runs: [] };
  }

  return async ({ job, payload, signal }): Promise<SyncJobResult> => {
    const portalId = job.portalId;
    const stored = deps.store.get(portalId, payload.sessionId);
    if (!stored) return { outcome: 'not_found', runs: [] }; // forgotten (privacy) or the portal disconnected
    if (stored.revision > payload.revision) return { outcome: 'superseded', runs: [] }; // its own job follows
    const owner = `${deps.owner}:${job.id}`;
    if (isSynced(stored)) return catchUpTimeline(portalId, stored, owner);
    const drain = () => runs.runFor(portalId, payload.sessionId, signal);
    const result = await withPortal(portalId, owner, drain, stored.receivedAt);
    if (result.mine.status === 'failed') {
      // upstream_unavailable is retried by the spine's classifier; validation goes to the dead letters.
      throw new AppError(result.mine.retryable ? 'upstream_unavailable' : 'validation', result.mine.reason);
    }
    return { outcome: result.mine.status, runs: result.runs };
  };
}
