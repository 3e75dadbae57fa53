/** The durable job queue and its worker: the only way the rest of the service runs background work. */
export type { BackoffPolicy } from './backoff.ts';
export { backoffCeiling, backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';
export type { JobContext, JobHandler } from './jobExecution.ts';
export { isLeaseLost } from './jobRow.ts';
export type { Queue, RunLog } from './queue.ts';
export { defaultClassifier, RetryAfter, type RetryClassifier, toJobError } from './retryPolicy.ts';
export { DEFAULT_AUDIT_MS, DEFAULT_MAX_ATTEMPTS, SqliteQueue, type SqliteQueueOptions } from './sqliteQueue.ts';
export type * from './types.ts';
export { Worker, type WorkerOptions } from './worker.ts';
