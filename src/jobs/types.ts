/** Epoch milliseconds, injected so tests can move time (lease expiry, backoff, audit period) without waiting. */
export type Clock = () => number;

export type JobStatus = 'pending' | 'running' | 'completed' | 'dead';

/** Why a job last failed: a machine-readable reason (an AppError code where there is one) and a message. */
export interface JobError {
  code: string;
  message: string;
}

export interface Job<P = unknown> {
  id: number;
  type: string;
  portalId: number;
  /** The CRM object the job is about (`deal:123`), for the integration log. */
  objectKey: string | null;
  idempotencyKey: string;
  payload: P;
  status: JobStatus;
  priority: number;
  runAt: number;
  /** Runs started (a claim counts one); retry-after reschedules give theirs back. */
  attempts: number;
  maxAttempts: number;
  deferrals: number;
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  lastError: JobError | null;
  result: unknown;
  replays: number;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

/** A job this worker holds; the token proves it on complete/fail/retryAfter/extendLease. */
export interface ClaimedJob<P = unknown> extends Job<P> {
  leaseToken: string;
}

/** Anything with a job id: a Job, a ClaimedJob or `{ id }`. */
export interface JobRef {
  id: number;
}

export interface EnqueueInput {
  type: string;
  portalId: number;
  payload: unknown;
  idempotencyKey: string;
  objectKey?: string;
  /** Higher runs first. Default 0. */
  priority?: number;
  /** Epoch ms; default now. */
  runAt?: number;
  maxAttempts?: number;
}

export interface EnqueueResult {
  job: Job;
  /** True when a job with this idempotency key already existed; `job` is that one, unchanged. */
  duplicate: boolean;
}

export interface ClaimOptions {
  limit: number;
  leaseMs: number;
  /** Only these job types (the ones the worker has handlers for). */
  types?: readonly string[];
}

export interface DeadLetterFilter {
  portalId?: number;
  type?: string;
}

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; null on the last one. */
  nextCursor: string | null;
}

export interface PortalPause {
  portalId: number;
  reason: string;
  pausedAt: number;
}

export interface StatusCount {
  status: JobStatus;
  count: number;
}

export interface QueueStats {
  byStatus: Record<JobStatus, number>;
  byType: (StatusCount & { type: string })[];
  byPortal: (StatusCount & { portalId: number })[];
  pausedPortals: PortalPause[];
  /** run_at of the oldest job that is due and waiting: how far behind the workers are. */
  oldestDueRunAt: number | null;
}

export interface PruneResult {
  jobs: number;
  runs: number;
}

/** retrying: rescheduled; failed: non-retryable error, dead-lettered; dead: attempts used up, dead-lettered. */
export type RunOutcome = 'completed' | 'retrying' | 'dead' | 'failed' | 'replayed';

export interface JobRun {
  id: number;
  jobId: number;
  portalId: number;
  type: string;
  objectKey: string | null;
  outcome: RunOutcome;
  attempt: number;
  durationMs: number | null;
  reason: JobError | null;
  at: number;
}

export interface RunQuery {
  portalId?: number;
  type?: string;
  limit: number;
  /** Only runs with a smaller id (paging backwards from the newest). */
  beforeId?: number;
}

export interface DailyCount {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  type: string;
  outcome: RunOutcome;
  count: number;
}
