import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { migrate } from '../../src/db/migrate.ts';
import { type Db, openDatabase } from '../../src/db/openDatabase.ts';
import type { EnqueueInput } from '../../src/jobs/index.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
const JOBS_SQL = readFileSync(join(ROOT, 'src/db/migrations/0004_jobs.sql'), 'utf8');

/**
 * A database with the jobs schema. Only 0004 is applied, through the real migrate(), so these tests stand
 * apart from other capabilities' migrations (the jobs tables reference none of their tables).
 */
export function openJobsDb(path = ':memory:'): Db {
  const db = openDatabase(path);
  migrate(db, [{ version: 4, name: 'jobs', sql: JOBS_SQL }]);
  return db;
}

export const tempDbPath = (): string => join(mkdtempSync(join(tmpdir(), 'switchboard-jobs-')), 'jobs.db');

/** A clock that only moves when told to. Starts on a Monday morning (UTC) so daily counts are readable. */
export function manualClock(start = Date.UTC(2025, 0, 6, 9, 0, 0)) {
  let now = start;
  const clock = () => now;
  clock.advance = (ms: number) => {
    now += ms;
  };
  return clock;
}

let seq = 0;
/** Factory with overrides: a valid job for portal 101 with a fresh idempotency key. */
export const jobInput = (overrides: Partial<EnqueueInput> = {}): EnqueueInput => {
  seq += 1;
  return { type: 'test.noop', portalId: 101, payload: { n: seq }, idempotencyKey: `test-${seq}`, ...overrides };
};

/** A promise with its resolve exposed: lets a test hold a handler mid-run. */
export function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Resolves when `check` is true, or rejects after `ms` (so a broken wake-up fails fast instead of hanging). */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 3_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
