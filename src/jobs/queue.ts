import type {
  ClaimedJob,
  ClaimOptions,
  DailyCount,
  DeadLetterFilter,
  EnqueueInput,
  EnqueueResult,
  Job,
  JobError,
  JobRef,
  JobRun,
  Page,
  PruneResult,
  QueueStats,
  RunQuery,
} from './types.ts';

/**
 * The durable job queue, as the rest of the service sees it. Promise-based so a PostgreSQL implementation
 * (FOR UPDATE SKIP LOCKED, LISTEN/NOTIFY) can replace the SQLite one without touching callers.
 *
 * Lease rule: complete / fail / retryAfter / extendLease need the token the claim handed out; a stale token
 * (the lease expired and someone else claimed the job) is refused with AppError `conflict`.
 */
export interface Queue {
  /** Adds a job; a known idempotency key returns the existing job with `duplicate: true`. */
  enqueue(input: EnqueueInput): Promise<EnqueueResult>;
  /** Adds many jobs in one transaction; results are in input order. */
  enqueueMany(inputs: readonly EnqueueInput[]): Promise<EnqueueResult[]>;
  /** Leases up to `limit` due jobs of unpaused portals; expired leases are reclaimed first (attempt counted). */
  claim(workerId: string, options: ClaimOptions): Promise<ClaimedJob[]>;
  complete(job: JobRef, leaseToken: string, result?: unknown): Promise<void>;
  /** Retryable with attempts left → pending after backoff; otherwise → dead letter with this error. */
  fail(job: JobRef, leaseToken: string, error: JobError, options: { retryable: boolean }): Promise<Job>;
  /** Reschedules without using up an attempt (429 with Retry-After, shutdown release). */
  retryAfter(job: JobRef, leaseToken: string, delayMs: number, reason: string): Promise<void>;
  extendLease(job: JobRef, leaseToken: string, leaseMs: number): Promise<void>;

  get(id: number): Promise<Job | undefined>;
  listDeadLetters(query: DeadLetterFilter & { limit: number; cursor?: string | null }): Promise<Page<Job>>;
  /** Dead letters back to pending with attempts reset; each replay is recorded. Returns how many. */
  replay(target: number | DeadLetterFilter, by?: string): Promise<number>;
  /** Deletes dead letters for good. Returns how many. */
  purgeDeadLetters(target: number | DeadLetterFilter): Promise<number>;

  pausePortal(portalId: number, reason: string): Promise<void>;
  resumePortal(portalId: number): Promise<void>;
  stats(): Promise<QueueStats>;
  /** Removes completed jobs and runs older than the audit period; pending and dead jobs stay. */
  prune(now?: number): Promise<PruneResult>;

  /** Called after work became available in this process (enqueue, replay, resume); returns unsubscribe. */
  onAvailable(listener: () => void): () => void;
  readonly runs: RunLog;
}

/** Read side of the integration log (job_runs), for the health views. */
export interface RunLog {
  recent(query: RunQuery): Promise<JobRun[]>;
  /** Runs that did not complete: retrying, failed, dead. */
  failures(query: RunQuery & { since?: number }): Promise<JobRun[]>;
  dailyCounts(query: { since: number; until?: number; portalId?: number }): Promise<DailyCount[]>;
}
