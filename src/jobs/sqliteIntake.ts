import type { Db } from '../db/openDatabase.ts';
import { type JobInsert, toJobInsert } from './enqueueInput.ts';
import { type JobRow, toJob } from './jobRow.ts';
import type { Clock, EnqueueInput, EnqueueResult } from './types.ts';

/**
 * Enqueueing. The idempotency key is a UNIQUE column and the INSERT does nothing on conflict, so a
 * duplicate (a webhook delivered twice, a card POST retried) returns the job that already exists.
 */
export function createSqliteIntake(db: Db, opts: { clock: Clock; maxAttempts: number }) {
  const insert = db.prepare<Record<string, unknown>, JobRow>(`INSERT INTO jobs
    (type, portal_id, object_key, idempotency_key, payload, status, priority, run_at, max_attempts, created_at, updated_at)
    VALUES (@type, @portalId, @objectKey, @idempotencyKey, @payload, 'pending', @priority, @runAt, @maxAttempts, @now, @now)
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING *`);
  const byKey = db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE idempotency_key = ?');

  function insertOne(job: JobInsert, now: number): EnqueueResult {
    const created = insert.get({ ...job, now });
    if (created) return { job: toJob(created), duplicate: false };
    const existing = byKey.get(job.idempotencyKey);
    if (!existing) throw new Error(`jobs: conflict on ${job.idempotencyKey} but no row found`);
    return { job: toJob(existing), duplicate: true };
  }

  // One transaction for the whole batch: fast (one commit) and all-or-nothing.
  const insertAll = db.transaction((jobs: JobInsert[], now: number) => jobs.map((j) => insertOne(j, now)));

  /**
   * Synchronous so a caller holding its own SQLite transaction (webhook intake storing events) can enqueue
   * inside it: better-sqlite3 turns the nested transaction into a savepoint, and events and jobs commit together.
   */
  function enqueueManySync(inputs: readonly EnqueueInput[]): EnqueueResult[] {
    const now = opts.clock();
    // Validate everything first: one bad input rejects the batch before anything is written.
    const jobs = inputs.map((input, i) => toJobInsert(input, { now, maxAttempts: opts.maxAttempts }, `jobs[${i}]`));
    return insertAll.immediate(jobs, now);
  }

  function enqueueSync(input: EnqueueInput): EnqueueResult {
    const now = opts.clock();
    const job = toJobInsert(input, { now, maxAttempts: opts.maxAttempts });
    return insertAll.immediate([job], now)[0]!;
  }

  return { enqueueSync, enqueueManySync };
}
