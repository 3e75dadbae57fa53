import type { Db } from '../../src/db/openDatabase.ts';
import type { ClaimedJob, JobHandler } from '../../src/jobs/index.ts';

/** Tables the test handler writes: `invocations` counts runs, `effects` + `totals` are the side effect. */
export const EFFECT_TABLES = `
  CREATE TABLE IF NOT EXISTS invocations (job_key TEXT NOT NULL, worker TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS effects (job_key TEXT PRIMARY KEY, applied_by TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS totals (name TEXT PRIMARY KEY, amount INTEGER NOT NULL);
  INSERT OR IGNORE INTO totals (name, amount) VALUES ('applied', 0);`;

export interface EffectHooks {
  /** Simulated I/O time before the effect, so several jobs are in flight at once. */
  delayMs?: number;
  /** Runs after the effect committed but before the handler returns (i.e. before `complete`). */
  afterEffect?: (job: ClaimedJob) => Promise<void> | void;
}

/**
 * The pattern real handlers follow. A lease guarantees one *owner* at a time, not one *run*: a worker can
 * die after its side effect but before `complete`, and the job then runs again. So the effect is keyed by
 * the job's idempotency key and applied at most once — here a UNIQUE marker row written in the same
 * transaction as the effect; for a HubSpot write, the per-object idempotency key sent with (or looked up
 * before) the write.
 */
export function effectHandler(db: Db, worker: string, hooks: EffectHooks = {}): JobHandler {
  const logRun = db.prepare('INSERT INTO invocations (job_key, worker) VALUES (?, ?)');
  const mark = db.prepare('INSERT OR IGNORE INTO effects (job_key, applied_by) VALUES (?, ?)');
  const bump = db.prepare("UPDATE totals SET amount = amount + 1 WHERE name = 'applied'");
  const applyOnce = db.transaction((key: string): boolean => {
    if (mark.run(key, worker).changes === 0) return false; // applied by an earlier run: nothing to do
    bump.run();
    return true;
  });

  return async ({ job }) => {
    logRun.run(job.idempotencyKey, worker);
    if (hooks.delayMs) await new Promise((r) => setTimeout(r, hooks.delayMs));
    const applied = applyOnce(job.idempotencyKey);
    await hooks.afterEffect?.(job);
    return { applied };
  };
}

/** Reads back what the handlers did. */
export function effectReport(db: Db) {
  const perKey = db.prepare('SELECT job_key AS key, COUNT(*) AS runs FROM invocations GROUP BY job_key').all() as {
    key: string;
    runs: number;
  }[];
  const perWorker = db.prepare('SELECT worker, COUNT(*) AS runs FROM invocations GROUP BY worker').all() as {
    worker: string;
    runs: number;
  }[];
  const total = db.prepare("SELECT amount FROM totals WHERE name = 'applied'").get() as { amount: number };
  const effects = db.prepare('SELECT COUNT(*) AS n FROM effects').get() as { n: number };
  return { perKey, perWorker, applied: total.amount, effects: effects.n };
}
