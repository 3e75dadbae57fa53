import type { Db } from '../db/openDatabase.ts';
import { AppError } from '../errors.ts';
import { type JobRow, toJob } from './jobRow.ts';
import { deleteInChunks, PRUNE_CHUNK, statementCache, whereOf } from './sqlFilters.ts';
import type { SqliteRunLog } from './sqliteRunLog.ts';
import type { Clock, DeadLetterFilter, Job, Page, PruneResult } from './types.ts';

function parseCursor(cursor: string | null | undefined): number | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  const id = Number(cursor);
  if (!Number.isSafeInteger(id) || id < 1) throw new AppError('validation', 'cursor: not a cursor this list returned');
  return id;
}

const deadWhere = (target: number | DeadLetterFilter) =>
  typeof target === 'number'
    ? whereOf([["status = 'dead'"], ['id = ?', target]])
    : whereOf([["status = 'dead'"], ['portal_id = ?', target.portalId], ['type = ?', target.type]]);

/** Dead letters, replay, purge and pruning: the operator's side of the queue. */
export function createSqliteAdmin(db: Db, opts: { clock: Clock; auditMs: number; runs: SqliteRunLog }) {
  const { clock, runs } = opts;
  const stmt = statementCache(db);
  const pruneJobs = db.prepare(`DELETE FROM jobs WHERE id IN (
    SELECT id FROM jobs WHERE status = 'completed' AND finished_at < ? LIMIT ${PRUNE_CHUNK})`);
  const getStmt = db.prepare<[number], JobRow>('SELECT * FROM jobs WHERE id = ?');
  // Only a waiting job is moved: a running one will look again itself, a finished one has nothing to wait for.
  const wakeStmt = db.prepare(
    "UPDATE jobs SET run_at = @now, updated_at = @now WHERE idempotency_key = @key AND status = 'pending' AND run_at > @now",
  );

  function listDeadLetters(q: DeadLetterFilter & { limit: number; cursor?: string | null }): Page<Job> {
    const where = whereOf([
      ["status = 'dead'"],
      ['portal_id = ?', q.portalId],
      ['type = ?', q.type],
      ['id < ?', parseCursor(q.cursor)],
    ]);
    // Newest first; one extra row tells whether another page exists.
    const rows = stmt(`SELECT * FROM jobs ${where.sql} ORDER BY id DESC LIMIT ?`).all(...where.params, q.limit + 1);
    const items = (rows as JobRow[]).slice(0, q.limit).map(toJob);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > q.limit && last ? String(last.id) : null };
  }

  const replayTx = db.transaction((target: number | DeadLetterFilter, by: string): number => {
    const now = clock();
    const where = deadWhere(target);
    const rows = stmt(`UPDATE jobs SET status = 'pending', attempts = 0, run_at = ?, finished_at = NULL,
        claimed_at = NULL, replays = replays + 1, updated_at = ? ${where.sql} RETURNING *`).all(
      now,
      now,
      ...where.params,
    );
    for (const row of rows as JobRow[])
      runs.record(row, 'replayed', now, { code: 'replay', message: `replayed by ${by}` });
    return rows.length;
  });

  function prune(now = clock()): PruneResult {
    const before = now - opts.auditMs;
    return { jobs: deleteInChunks(pruneJobs, before), runs: runs.prune(before) };
  }

  const discardStmt = db.prepare(
    "DELETE FROM jobs WHERE portal_id = @portalId AND object_key = @objectKey AND type = @type AND status IN ('pending', 'dead')",
  );
  const discardTx = db.transaction((portalId: number, objectKey: string, types: readonly string[]) =>
    types.reduce((n, type) => n + discardStmt.run({ portalId, objectKey, type }).changes, 0),
  );

  return {
    /**
     * Deletes the waiting (and dead) jobs of these types about one object: a privacy deletion must not leave the
     * person's data in job payloads until they run. Running jobs finish; their results are pruned with the rest.
     */
    discardWaiting: (portalId: number, objectKey: string, types: readonly string[]): number =>
      discardTx(portalId, objectKey, types),
    /** Makes the pending job with this idempotency key due now; false when there is none waiting. */
    wake: (key: string): boolean => wakeStmt.run({ key, now: clock() }).changes === 1,
    get: (id: number): Job | undefined => {
      const row = getStmt.get(id);
      return row ? toJob(row) : undefined;
    },
    listDeadLetters,
    replay: (target: number | DeadLetterFilter, by: string): number => replayTx.immediate(target, by),
    purgeDeadLetters(target: number | DeadLetterFilter): number {
      const where = deadWhere(target);
      return stmt(`DELETE FROM jobs ${where.sql}`).run(...where.params).changes;
    },
    prune,
  };
}
