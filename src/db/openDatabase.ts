import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Opens the SQLite database with the settings the job queue and webhook intake rely on:
 * WAL (readers never block the writer), a busy timeout instead of SQLITE_BUSY errors under contention,
 * and foreign keys enforced.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // First: switching to WAL takes a lock, and another process may be opening the same file right now.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // safe with WAL: a crash may lose the last commit only on power loss
  db.pragma('foreign_keys = ON');
  return db;
}
