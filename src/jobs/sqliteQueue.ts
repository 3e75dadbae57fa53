import type { Db } from '../db/openDatabase.ts';
import { type BackoffPolicy, DEFAULT_BACKOFF } from './backoff.ts';
import type { Queue, RunLog } from './queue.ts';
import { createSqliteAdmin } from './sqliteAdmin.ts';
import { createSqliteIntake } from './sqliteIntake.ts';
import { createSqliteLeases } from './sqliteLeases.ts';
import { createSqliteRunLog } from './sqliteRunLog.ts';
import { createSqliteStats } from './sqliteStats.ts';
import type { ClaimOptions, Clock, DeadLetterFilter, EnqueueInput, EnqueueResult, JobError, JobRef } from './types.ts';

export interface SqliteQueueOptions {
  clock?: Clock;
  /** [0, 1) source for backoff jitter; injected so tests can pin it. */
  random?: () => number;
  backoff?: Partial<BackoffPolicy>;
  /** Default for jobs enqueued without their own maxAttempts. */
  maxAttempts?: number;
  /** How long completed jobs and runs are kept for the audit trail. */
  auditMs?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 10;
export const DEFAULT_AUDIT_MS = 14 * 24 * 60 * 60_000;

/**
 * The Queue on SQLite (WAL). Several instances — in one process or several processes on the same file —
 * can share a database: claims are serialized by SQLite's write lock and guarded by compare-and-swap.
 */
export class SqliteQueue implements Queue {
  readonly runs: RunLog;
  readonly #db: Db;
  readonly #listeners = new Set<() => void>();
  readonly #intake;
  readonly #leases;
  readonly #admin;
  readonly #stats;

  constructor(db: Db, options: SqliteQueueOptions = {}) {
    const clock = options.clock ?? Date.now;
    const runLog = createSqliteRunLog(db);
    this.#db = db;
    this.runs = runLog.log;
    this.#intake = createSqliteIntake(db, { clock, maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS });
    this.#leases = createSqliteLeases(db, {
      clock,
      runs: runLog,
      random: options.random ?? Math.random,
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    });
    this.#admin = createSqliteAdmin(db, { clock, runs: runLog, auditMs: options.auditMs ?? DEFAULT_AUDIT_MS });
    this.#stats = createSqliteStats(db, { clock });
  }

  /**
   * Enqueues inside the caller's SQLite transaction when there is one (webhook intake: events and their jobs
   * commit together). Listeners are told only outside a transaction; after committing, call notifyAvailable().
   */
  enqueueManySync(inputs: readonly EnqueueInput[]): EnqueueResult[] {
    const results = this.#intake.enqueueManySync(inputs);
    if (!this.#db.inTransaction && results.some((r) => !r.duplicate)) this.notifyAvailable();
    return results;
  }

  /** Tells in-process workers that jobs may be due, so they claim now rather than at the next poll. */
  notifyAvailable(): void {
    for (const listener of this.#listeners) listener();
  }

  onAvailable(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Makes a delayed job due now (e.g. a blocked workflow action whose message was delivered). Inside the
   * caller's transaction when there is one; listeners are told only outside it (as enqueueManySync).
   */
  wakeSync(idempotencyKey: string): boolean {
    const woken = this.#admin.wake(idempotencyKey);
    if (woken && !this.#db.inTransaction) this.notifyAvailable();
    return woken;
  }

  /** Deletes waiting and dead jobs of these types about one object (privacy deletion); returns how many. */
  discardWaitingSync(portalId: number, objectKey: string, types: readonly string[]): number {
    return this.#admin.discardWaiting(portalId, objectKey, types);
  }

  async enqueue(input: EnqueueInput) {
    return this.enqueueManySync([input])[0]!;
  }
  async enqueueMany(inputs: readonly EnqueueInput[]) {
    return this.enqueueManySync(inputs);
  }
  async claim(workerId: string, options: ClaimOptions) {
    return this.#leases.claim(workerId, options);
  }
  async complete(job: JobRef, leaseToken: string, result?: unknown) {
    this.#leases.complete(job, leaseToken, result);
  }
  async fail(job: JobRef, leaseToken: string, error: JobError, options: { retryable: boolean }) {
    return this.#leases.fail(job, leaseToken, error, options.retryable);
  }
  async retryAfter(job: JobRef, leaseToken: string, delayMs: number, reason: string) {
    this.#leases.retryAfter(job, leaseToken, delayMs, reason);
  }
  async extendLease(job: JobRef, leaseToken: string, leaseMs: number) {
    this.#leases.extendLease(job, leaseToken, leaseMs);
  }
  async get(id: number) {
    return this.#admin.get(id);
  }
  async listDeadLetters(query: DeadLetterFilter & { limit: number; cursor?: string | null }) {
    return this.#admin.listDeadLetters(query);
  }
  async replay(target: number | DeadLetterFilter, by = 'operator') {
    const count = this.#admin.replay(target, by);
    if (count > 0) this.notifyAvailable();
    return count;
  }
  async purgeDeadLetters(target: number | DeadLetterFilter) {
    return this.#admin.purgeDeadLetters(target);
  }
  async pausePortal(portalId: number, reason: string) {
    this.#stats.pausePortal(portalId, reason);
  }
  async resumePortal(portalId: number) {
    if (this.#stats.resumePortal(portalId)) this.notifyAvailable();
  }
  async stats() {
    return this.#stats.stats();
  }
  async prune(now?: number) {
    return this.#admin.prune(now);
  }
}
