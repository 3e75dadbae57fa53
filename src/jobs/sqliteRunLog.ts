import type { Db } from '../db/openDatabase.ts';
import type { JobRow } from './jobRow.ts';
import type { RunLog } from './queue.ts';
import { type Condition, deleteInChunks, PRUNE_CHUNK, statementCache, whereOf } from './sqlFilters.ts';
import type { DailyCount, JobError, JobRun, RunOutcome, RunQuery } from './types.ts';

interface RunRow {
  id: number;
  job_id: number;
  portal_id: number;
  type: string;
  object_key: string | null;
  outcome: RunOutcome;
  attempt: number;
  duration_ms: number | null;
  reason_code: string | null;
  reason_message: string | null;
  at: number;
}

const toRun = (r: RunRow): JobRun => ({
  id: r.id,
  jobId: r.job_id,
  portalId: r.portal_id,
  type: r.type,
  objectKey: r.object_key,
  outcome: r.outcome,
  attempt: r.attempt,
  durationMs: r.duration_ms,
  reason: r.reason_code === null ? null : { code: r.reason_code, message: r.reason_message ?? '' },
  at: r.at,
});

const FAILURE_OUTCOMES = "outcome IN ('retrying', 'failed', 'dead')";

/** All SQL about job_runs. `record` is called by the queue inside the transaction that changes the job. */
export function createSqliteRunLog(db: Db) {
  const insert = db.prepare(`INSERT INTO job_runs
    (job_id, portal_id, type, object_key, outcome, attempt, duration_ms, reason_code, reason_message, at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  // Dead letters keep their history until replayed or purged, like the dead letters themselves.
  const pruneStmt = db.prepare(`DELETE FROM job_runs WHERE id IN (SELECT id FROM job_runs
    WHERE at < ? AND job_id NOT IN (SELECT id FROM jobs WHERE status = 'dead') LIMIT ${PRUNE_CHUNK})`);
  const stmt = statementCache(db);

  function select(q: RunQuery, more: Condition[]): JobRun[] {
    const where = whereOf([['portal_id = ?', q.portalId], ['type = ?', q.type], ['id < ?', q.beforeId], ...more]);
    const sql = `SELECT * FROM job_runs ${where.sql} ORDER BY id DESC LIMIT ?`;
    return (stmt(sql).all(...where.params, q.limit) as RunRow[]).map(toRun);
  }

  const log: RunLog = {
    recent: async (q) => select(q, []),
    failures: async (q) => select(q, [[FAILURE_OUTCOMES], ['at >= ?', q.since]]),
    dailyCounts: async (q): Promise<DailyCount[]> => {
      const until = q.until ?? Number.MAX_SAFE_INTEGER;
      const where = whereOf([
        ['at >= ?', q.since],
        ['at < ?', until],
        ['portal_id = ?', q.portalId],
      ]);
      const sql = `SELECT date(at / 1000, 'unixepoch') AS day, type, outcome, COUNT(*) AS count
        FROM job_runs ${where.sql} GROUP BY day, type, outcome ORDER BY day, type, outcome`;
      return stmt(sql).all(...where.params) as DailyCount[];
    },
  };

  return {
    log,
    /** Appends one run for the job row as it was when the run ended; duration counts from the claim. */
    record(row: JobRow, outcome: RunOutcome, now: number, reason: JobError | null, attempt = row.attempts): void {
      const duration = row.claimed_at === null ? null : Math.max(0, now - row.claimed_at);
      insert.run(
        row.id,
        row.portal_id,
        row.type,
        row.object_key,
        outcome,
        attempt,
        duration,
        reason?.code ?? null,
        reason?.message ?? null,
        now,
      );
    },
    prune: (before: number): number => deleteInChunks(pruneStmt, before),
  };
}

export type SqliteRunLog = ReturnType<typeof createSqliteRunLog>;
