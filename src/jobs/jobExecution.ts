import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { isLeaseLost } from './jobRow.ts';
import type { Queue } from './queue.ts';
import { RetryAfter, type RetryClassifier, toJobError } from './retryPolicy.ts';
import type { ClaimedJob } from './types.ts';

/** What a handler receives. `heartbeat` renews the lease by hand (the worker also renews it on a timer). */
export interface JobContext<P = unknown> {
  job: ClaimedJob<P>;
  payload: P;
  /** Aborted when the worker shuts down past its grace period or the lease was lost to another worker. */
  signal: AbortSignal;
  heartbeat(): Promise<void>;
}

export type JobHandler<P = unknown> = (ctx: JobContext<P>) => unknown;

export interface RegisteredHandler {
  handler: JobHandler<unknown>;
  /** A zod schema (or anything with parse) checking the payload before the handler sees it. */
  payload?: { parse(raw: unknown): unknown };
}

export interface ExecutionDeps {
  queue: Queue;
  leaseMs: number;
  heartbeatMs: number;
  classify: RetryClassifier;
  logger: Logger;
}

/** Abort reasons, so the outcome code can tell a shutdown from a lost lease. */
export class ShutdownAbort extends Error {
  override name = 'ShutdownAbort';
}
class LeaseLostAbort extends Error {
  override name = 'LeaseLostAbort';
}

export interface Execution {
  done: Promise<void>;
  abort(reason: ShutdownAbort): void;
  /** Stops renewing the lease, so it expires and another worker can take the job. */
  abandon(): void;
}

function parsePayload(job: ClaimedJob, registered: RegisteredHandler): unknown {
  if (!registered.payload) return job.payload;
  try {
    return registered.payload.parse(job.payload);
  } catch (err) {
    // A payload that does not parse will not parse next time either: not retryable.
    throw new AppError('validation', `payload of ${job.type} job ${job.id}: ${(err as Error).message}`);
  }
}

type Outcome =
  | { kind: 'complete'; result: unknown }
  | { kind: 'retryAfter'; delayMs: number; reason: string }
  | { kind: 'fail'; retryable: boolean; err: unknown }
  | { kind: 'standDown' };

/** What a handler's error means for the job. The abort reason wins: we asked the handler to stop. */
function outcomeOfError(err: unknown, signal: AbortSignal, classify: RetryClassifier): Outcome {
  const reason: unknown = signal.aborted ? signal.reason : undefined;
  if (reason instanceof LeaseLostAbort) return { kind: 'standDown' }; // another worker owns the job now
  if (err instanceof RetryAfter) return { kind: 'retryAfter', delayMs: err.delayMs, reason: err.reason };
  // Released without using an attempt: stopping was our decision, not the job's failure.
  if (reason instanceof ShutdownAbort) return { kind: 'retryAfter', delayMs: 0, reason: 'shutdown' };
  return { kind: 'fail', retryable: classify(err).retryable, err };
}

/** Writes the outcome. A stale-lease refusal means another worker owns the job now, and its outcome wins. */
async function recordOutcome(queue: Queue, job: ClaimedJob, outcome: Outcome, log: Logger): Promise<void> {
  try {
    if (outcome.kind === 'complete') await queue.complete(job, job.leaseToken, outcome.result);
    else if (outcome.kind === 'retryAfter') {
      await queue.retryAfter(job, job.leaseToken, outcome.delayMs, outcome.reason);
    } else if (outcome.kind === 'fail') {
      const error = toJobError(outcome.err);
      log.warn({ code: error.code, retryable: outcome.retryable }, 'job failed');
      await queue.fail(job, job.leaseToken, error, { retryable: outcome.retryable });
    } else log.warn('handler stopped: lease lost to another worker');
  } catch (err) {
    if (isLeaseLost(err)) log.warn('lease lost before the outcome was recorded; the new owner decides');
    else log.error({ err }, 'could not record job outcome; the lease will expire and the job run again');
  }
}

/** Renews the lease every heartbeatMs; losing it aborts the handler. Returns the manual heartbeat and a stop. */
function keepLeaseAlive(deps: ExecutionDeps, job: ClaimedJob, controller: AbortController, log: Logger) {
  const heartbeat = async (): Promise<void> => {
    try {
      await deps.queue.extendLease(job, job.leaseToken, deps.leaseMs);
    } catch (err) {
      if (isLeaseLost(err)) controller.abort(new LeaseLostAbort('lease lost to another worker'));
      throw err;
    }
  };
  const timer = setInterval(() => {
    heartbeat().catch((err: unknown) => {
      if (!isLeaseLost(err)) log.warn({ err }, 'lease renewal failed; will retry');
    });
  }, deps.heartbeatMs);
  return { heartbeat, stop: () => clearInterval(timer) };
}

/** Runs one claimed job to an outcome recorded in the queue. `done` never rejects: problems are logged. */
export function startExecution(deps: ExecutionDeps, job: ClaimedJob, registered: RegisteredHandler): Execution {
  const controller = new AbortController();
  const log = deps.logger.child({ jobId: job.id, type: job.type, portalId: job.portalId, attempt: job.attempts });
  const lease = keepLeaseAlive(deps, job, controller, log);

  const run = async (): Promise<Outcome> => {
    try {
      const payload = parsePayload(job, registered);
      const result = await registered.handler({ job, payload, signal: controller.signal, heartbeat: lease.heartbeat });
      return { kind: 'complete', result };
    } catch (err) {
      return outcomeOfError(err, controller.signal, deps.classify);
    }
  };
  const done = run()
    .then((outcome) => recordOutcome(deps.queue, job, outcome, log))
    .finally(lease.stop);

  return { done, abort: (reason) => controller.abort(reason), abandon: lease.stop };
}
