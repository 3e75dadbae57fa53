import { AppError } from '../errors.ts';
import type { TimelineBatch } from '../timeline/postTimelineBatch.ts';
import type { PropertyProvisioning } from './provisionProperties.ts';
import type { SessionStore } from './sessionStore.ts';
import type { SessionOutcome, SessionSync } from './sync/sessionSync.ts';
import { scheduledSyncAt } from './syncOptions.ts';
import type { SyncOptionsRepo } from './syncOptionsRepo.ts';
import type { TimelineEffect } from './syncResult.ts';

/**
 * Batched sync runs of one portal, for a job that holds the portal's lease (syncJobHandler.ts): its own session
 * with the portal's other due sessions (oldest first, up to a batch), their timeline events posted, and then —
 * while more sessions are due and time allows — further runs. The jobs of those sessions, waiting for the busy
 * portal, then find them synced and finish without a call. A crash loses nothing: unsynced sessions are still
 * pending and their own jobs come back for them.
 */
export interface SyncRunsDeps {
  store: Pick<SessionStore, 'pending'>;
  sync: Pick<SessionSync, 'syncSessions'>;
  options: Pick<SyncOptionsRepo, 'get'>;
  provisioning: Pick<PropertyProvisioning, 'ensure'>;
  timeline: Pick<TimelineBatch, 'postMany'>;
  now: () => number;
  batchSize: number;
  /**
   * How long one job keeps running batches for its portal (default 2 min): long enough to work through a burst in
   * one go, bounded so a steady stream hands over to another job now and then.
   */
  drainMs?: number;
  /** Told after each run: how long it took and how many sessions it had. */
  onRun?: (portalId: number, ms: number, size: number) => void;
}

const occurrencesOf = (portalId: number, effects: readonly TimelineEffect[]) =>
  effects.map((e) => ({ ...e, portalId, timestamp: new Date(e.timestamp) }));

export function createSyncRuns(deps: SyncRunsDeps) {
  const drainMs = deps.drainMs ?? 120_000;

  /** The portal's pending sessions whose scheduled time has come (auto-sync off: none), oldest first. */
  function dueIds(portalId: number, except?: string): string[] {
    const options = deps.options.get(portalId);
    const due = deps.store.pending(portalId, deps.batchSize + 1).filter((p) => {
      const at = scheduledSyncAt(options, p.since);
      return at !== null && at <= deps.now() && p.sessionId !== except;
    });
    return due.map((p) => p.sessionId);
  }

  /** Posts timeline events; throws when one of `mine` could not be posted (so that session's job retries). */
  async function postTimeline(portalId: number, effects: TimelineEffect[], mine: ReadonlySet<string>) {
    if (effects.length === 0) return;
    const { failed } = await deps.timeline.postMany(portalId, occurrencesOf(portalId, effects));
    const own = failed.filter((f) => mine.has(f.occurrenceId));
    if (own.length === 0) return;
    const reason = `timeline event for contact ${own[0]!.objectId} not posted: ${own[0]!.reason}`;
    throw new AppError(own.every((f) => f.retryable) ? 'upstream_unavailable' : 'validation', reason);
  }

  /** One batched run; the timeline events of `own` (if given) must be posted, or this throws. */
  async function run(portalId: number, ids: string[], own?: string): Promise<SessionOutcome[]> {
    const started = deps.now();
    const outcomes = await deps.sync.syncSessions(portalId, ids);
    const synced = outcomes.flatMap((o) => (o.status === 'synced' ? o.result.timelineEvents : []));
    const mine = outcomes.find((o) => o.sessionId === own);
    const mineEvents = mine?.status === 'synced' ? mine.result.timelineEvents : [];
    await postTimeline(portalId, synced, new Set(mineEvents.map((e) => e.occurrenceId)));
    deps.onRun?.(portalId, deps.now() - started, outcomes.length);
    return outcomes;
  }

  return {
    postTimeline,
    occurrencesOf,
    /** Runs for `sessionId`, then drains the portal until nothing is due, time is up or `signal` stops it. */
    async runFor(portalId: number, sessionId: string, signal?: AbortSignal) {
      const started = deps.now();
      await deps.provisioning.ensure(portalId);
      const first = await run(
        portalId,
        [sessionId, ...dueIds(portalId, sessionId)].slice(0, deps.batchSize),
        sessionId,
      );
      const runs = [first.length];
      let clean = first.every((o) => o.status !== 'failed'); // after a failure, leave the rest to their own jobs
      while (clean && !signal?.aborted && deps.now() - started < drainMs) {
        const next = dueIds(portalId).slice(0, deps.batchSize);
        if (next.length === 0) break;
        const outcomes = await run(portalId, next);
        runs.push(outcomes.length);
        clean = outcomes.every((o) => o.status !== 'failed');
      }
      return { mine: first.find((o) => o.sessionId === sessionId)!, runs };
    },
  };
}

export type SyncRuns = ReturnType<typeof createSyncRuns>;
