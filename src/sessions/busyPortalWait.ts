import type { SessionStore } from './sessionStore.ts';

/**
 * How long a sync job waits when its portal is busy with another job's runs. Runs take the oldest due sessions first,
 * a batch each, and the job holding the portal keeps running them while sessions are due (syncRuns.ts); a session
 * with n pending sessions ahead of it is in about run n / batch + 1 from now (the one running now may have started
 * before it arrived). Waiting about that long once, rather than asking again every second, keeps a burst of 1,000
 * sessions from rescheduling its jobs thousands of times; the session itself is synced by the holder meanwhile, so a
 * long guess only delays when its job records "done". Jittered, so waiters do not return together.
 */
const DEFAULT_RUN_MS = 2_000; // a 100-session run under the OAuth budget (bench/sessions.ts) [M]
const MIN_WAIT_MS = 250;
const MAX_WAIT_MS = 60_000;

export interface BusyWaitOptions {
  store: Pick<SessionStore, 'pendingAhead'>;
  batchSize: number;
  random?: () => number;
}

export function createBusyPortalWait(o: BusyWaitOptions) {
  const random = o.random ?? Math.random;
  // Per portal, how long a full run took here lately: the best guess for the runs a waiting job waits for.
  const lastRunMs = new Map<number, number>();

  return {
    /** A run of `size` sessions took `ms`; a small run (a quiet moment) does not lower the estimate of a full one. */
    recordRun(portalId: number, ms: number, size: number): void {
      const known = lastRunMs.get(portalId) ?? DEFAULT_RUN_MS;
      lastRunMs.set(portalId, size * 2 >= o.batchSize ? ms : Math.max(known, ms));
    },
    /** Milliseconds to wait; `receivedAt` of the job's session, or undefined when only a short wait makes sense. */
    delay(portalId: number, receivedAt?: number): number {
      const runMs = lastRunMs.get(portalId) ?? DEFAULT_RUN_MS;
      const ahead = receivedAt === undefined ? 0 : o.store.pendingAhead(portalId, receivedAt);
      const runs = Math.floor(ahead / o.batchSize) + 1;
      const wait = Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, runs * runMs));
      return Math.round(wait * (0.75 + random() * 0.5));
    },
  };
}

export type BusyPortalWait = ReturnType<typeof createBusyPortalWait>;
