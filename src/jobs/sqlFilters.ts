import type Database from 'better-sqlite3';
import type { Db } from '../db/openDatabase.ts';

type Param = string | number | null;

/** A WHERE clause with at most one `?`; a clause whose value is undefined is a filter not asked for. */
export type Condition = readonly [clause: string] | readonly [clause: string, value: Param | undefined];

/**
 * Builds `WHERE a = ? AND b < ?` from the conditions that apply. Leaving absent filters out of the SQL
 * (rather than `? IS NULL OR col = ?`) lets SQLite use the per-portal indexes.
 */
export function whereOf(conditions: readonly Condition[]) {
  const clauses: string[] = [];
  const params: Param[] = [];
  for (const [clause, ...value] of conditions) {
    if (value.length === 1 && value[0] === undefined) continue;
    clauses.push(clause);
    params.push(...(value as Param[]));
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** Prepares each distinct SQL text once; filter combinations are few, so the cache stays small. */
export function statementCache(db: Db) {
  const cache = new Map<string, Database.Statement>();
  return (sql: string): Database.Statement => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
}

/** Prune deletes at most this many rows per statement (see deleteInChunks). */
export const PRUNE_CHUNK = 5_000;

/**
 * Runs a `DELETE … WHERE id IN (SELECT … LIMIT PRUNE_CHUNK)` until it deletes less than a chunk. Each run is
 * its own transaction, so pruning a busy day never holds the write lock long enough to stall the workers.
 */
export function deleteInChunks(stmt: Database.Statement, ...params: unknown[]): number {
  let total = 0;
  let deleted: number;
  do {
    deleted = stmt.run(...params).changes;
    total += deleted;
  } while (deleted >= PRUNE_CHUNK);
  return total;
}
