import { randomUUID } from 'node:crypto';
import type { Db } from '../db/openDatabase.ts';
import { type BackoffPolicy, backoffDelay } from './backoff.ts';
import { clipMessage, type JobRow, leaseLost, toClaimedJob, toJob } from './jobRow.ts';
import { claimSql, releaseSql, reapSql } from './leaseSql.ts';
import type { SqliteRunLog } from './sqliteRunLog.ts';
import type { ClaimedJob, ClaimOptions, Clock, Job, JobError, JobRef } from './types.ts';

export interface LeaseOptions {
  clock: Clock;
  backoff: BackoffPolicy;
  random: () => number;
  runs: SqliteRunLog;
}

const byClaimOrder = (a: JobRow, b: JobRow) => b.priority - a.priority || a.run_at - b.run_at || a.id - b.id;

/**
 * Claiming and settling jobs. Every write runs in a BEGIN IMMEDIATE transaction: it takes SQLite's write
 * lock up front, so processes sharing the file queue up behind the busy timeout. A deferred transaction
 * that reads before writing (fail does) would instead get SQLITE_BUSY_SNAPSHOT when another process
 * committed in between, without waiting.
 */
export function createSqliteLeases(db: Db, opts: LeaseOptions) {
  const { clock, runs } = opts;
  const reapDead = db.prepare<{ now: number }, JobRow>(reapSql('dead'));
  const reapRetry = db.prepare<{ now: number }, JobRow>(reapSql('pending'));
  const claimStmt = db.prepare<Record<string, unknown>, JobRow>(claimSql);
  const release = db.prepare<Record<string, unknown>, JobRow>(releaseSql);
  const held = db.prepare<[number, string], JobRow>(
    "SELECT * FROM jobs WHERE id = ? AND status = 'running' AND lease_token = ?",
  );
  const extend = db.prepare<[number, number, number, string]>(`UPDATE jobs SET lease_expires_at = ?, updated_at = ?
    WHERE id = ? AND status = 'running' AND lease_token = ?`);

  /** A lease that ran out means its worker died or stalled: that run counts as an attempt that failed. */
  function reapExpired(now: number): void {
    const reason = { code: 'lease_expired', message: 'the worker holding the lease stopped renewing it' };
    for (const row of reapDead.all({ now })) runs.record(row, 'dead', now, reason);
    for (const row of reapRetry.all({ now })) runs.record(row, 'retrying', now, reason);
  }

  const claimTx = db.transaction((workerId: string, o: ClaimOptions, now: number): ClaimedJob[] => {
    reapExpired(now);
    const rows = claimStmt.all({
      now,
      workerId,
      token: randomUUID(),
      leaseUntil: now + o.leaseMs,
      limit: o.limit,
      types: o.types ? JSON.stringify(o.types) : null,
    });
    // RETURNING gives no order guarantee; hand jobs out in claim order.
    return rows.sort(byClaimOrder).map(toClaimedJob);
  });

  /** Ends a lease with a new state; the WHERE on (status, lease_token) is the compare-and-swap. */
  function settle(job: JobRef, token: string, now: number, change: Record<string, unknown>): JobRow {
    const unchanged = { runAt: null, finishedAt: null, giveBack: 0, result: null, code: null, message: null };
    const row = release.get({ ...unchanged, ...change, id: job.id, token, now });
    if (!row) throw leaseLost(job.id);
    return row;
  }

  const completeTx = db.transaction((job: JobRef, token: string, result: unknown) => {
    const now = clock();
    const row = settle(job, token, now, {
      status: 'completed',
      runAt: null,
      finishedAt: now,
      result: JSON.stringify(result ?? null),
    });
    runs.record(row, 'completed', now, null);
  });

  const failTx = db.transaction((job: JobRef, token: string, error: JobError, retryable: boolean): Job => {
    const current = held.get(job.id, token);
    if (!current) throw leaseLost(job.id);
    const now = clock();
    const reason = { code: error.code, message: clipMessage(error.message) };
    const retry = retryable && current.attempts < current.max_attempts;
    const delay = retry ? backoffDelay(current.attempts, opts.backoff, opts.random) : 0;
    const row = settle(job, token, now, {
      status: retry ? 'pending' : 'dead',
      runAt: retry ? now + delay : null,
      finishedAt: retry ? null : now,
      code: reason.code,
      message: reason.message,
    });
    runs.record(row, retry ? 'retrying' : retryable ? 'dead' : 'failed', now, reason);
    return toJob(row);
  });

  const retryAfterTx = db.transaction((job: JobRef, token: string, delayMs: number, reason: string) => {
    const now = clock();
    const message = `rescheduled in ${delayMs} ms without using an attempt`;
    const row = settle(job, token, now, {
      status: 'pending',
      runAt: now + delayMs,
      giveBack: 1,
      code: reason,
      message,
    });
    runs.record(row, 'retrying', now, { code: reason, message }, row.attempts + 1);
  });

  return {
    claim(workerId: string, o: ClaimOptions): ClaimedJob[] {
      if (o.limit < 1) return [];
      return claimTx.immediate(workerId, o, clock());
    },
    complete: (job: JobRef, token: string, result?: unknown): void => completeTx.immediate(job, token, result),
    fail: (job: JobRef, token: string, error: JobError, retryable: boolean): Job =>
      failTx.immediate(job, token, error, retryable),
    retryAfter(job: JobRef, token: string, delayMs: number, reason: string): void {
      retryAfterTx.immediate(job, token, Math.max(0, Math.round(delayMs)), reason);
    },
    extendLease(job: JobRef, token: string, leaseMs: number): void {
      const now = clock();
      if (extend.run(now + leaseMs, now, job.id, token).changes === 0) throw leaseLost(job.id);
    },
  };
}
