import { AppError } from '../errors.ts';
import type { ClaimedJob, Job, JobStatus } from './types.ts';

/** A `jobs` row as SQLite returns it. */
export interface JobRow {
  id: number;
  type: string;
  portal_id: number;
  object_key: string | null;
  idempotency_key: string;
  payload: string;
  status: JobStatus;
  priority: number;
  run_at: number;
  attempts: number;
  max_attempts: number;
  deferrals: number;
  lease_owner: string | null;
  lease_token: string | null;
  lease_expires_at: number | null;
  claimed_at: number | null;
  last_error_code: string | null;
  last_error_message: string | null;
  result: string | null;
  replays: number;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export const toJob = (r: JobRow): Job => ({
  id: r.id,
  type: r.type,
  portalId: r.portal_id,
  objectKey: r.object_key,
  idempotencyKey: r.idempotency_key,
  payload: JSON.parse(r.payload) as unknown,
  status: r.status,
  priority: r.priority,
  runAt: r.run_at,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  deferrals: r.deferrals,
  leaseOwner: r.lease_owner,
  leaseExpiresAt: r.lease_expires_at,
  lastError: r.last_error_code === null ? null : { code: r.last_error_code, message: r.last_error_message ?? '' },
  result: r.result === null ? null : (JSON.parse(r.result) as unknown),
  replays: r.replays,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  finishedAt: r.finished_at,
});

export const toClaimedJob = (r: JobRow): ClaimedJob => ({ ...toJob(r), leaseToken: r.lease_token ?? '' });

/** The refusal for a stale lease token: the job was reclaimed (or finished) by someone else. */
export function leaseLost(jobId: number): AppError {
  return new AppError('conflict', `job ${jobId}: lease lost (expired and reclaimed, or already finished)`, {
    jobId,
    reason: 'lease_lost',
  });
}

/** Whether an error is the stale-lease refusal, so the worker can stand down quietly. */
export function isLeaseLost(err: unknown): boolean {
  if (!(err instanceof AppError) || err.code !== 'conflict') return false;
  const details = err.details as { reason?: unknown } | undefined;
  return details?.reason === 'lease_lost';
}

/** Error messages are capped so a huge upstream body cannot bloat every row that repeats it. */
export const MAX_ERROR_MESSAGE = 2_000;
export const clipMessage = (m: string): string =>
  m.length > MAX_ERROR_MESSAGE ? `${m.slice(0, MAX_ERROR_MESSAGE)}…` : m;
