import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './openDatabase.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');
const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/**
 * Reads `NNNN_name.sql` files in version order. Versions must be unique; gaps are allowed because capabilities
 * are developed in parallel, each with its own block of numbers. A migration is applied once, in order.
 */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: FILE_PATTERN.exec(file) }))
    .filter((f): f is { file: string; match: RegExpExecArray } => f.match !== null)
    .map(({ file, match }) => ({
      version: Number(match[1]),
      name: match[2]!,
      sql: readFileSync(join(dir, file), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    const previous = migrations[i - 1];
    if (previous && previous.version === m.version) {
      throw new Error(`migrations ${previous.name} and ${m.name} share version ${m.version}`);
    }
  });
  return migrations;
}

/**
 * Applies every migration not yet recorded in `schema_migrations`, each in its own transaction, so a failing
 * migration leaves the database at the previous version. Returns the versions applied. Safe when several processes
 * start on one database at once (a web process and a worker): each migration's transaction takes the write lock
 * first (BEGIN IMMEDIATE) and looks again whether another process applied it meanwhile.
 */
export function migrate(db: Db, migrations: Migration[] = loadMigrations()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const isApplied = db.prepare<[number], number>('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applyOnce = db.transaction((m: Migration): boolean => {
    if (isApplied.get(m.version)) return false;
    db.exec(m.sql);
    record.run(m.version, m.name, new Date().toISOString());
    return true;
  });
  const done: number[] = [];
  for (const m of migrations) {
    if (isApplied.get(m.version)) continue;
    if (applyOnce.immediate(m)) done.push(m.version);
  }
  return done;
}
