import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../src/db/migrate.ts';
import { openDatabase } from '../../src/db/openDatabase.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'switchboard-db-'));

const ROOT = join(import.meta.dirname, '../..');
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** Starts `n` processes that migrate the same new database file at the same instant. */
async function migrateConcurrently(path: string, n: number): Promise<{ applied?: number[]; error?: string }[]> {
  const startAt = Date.now() + 1_500; // after every process has loaded
  const runs = Array.from(
    { length: n },
    () =>
      new Promise<{ applied?: number[]; error?: string }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--import', TSX_LOADER, join(ROOT, 'test/db/support/migrateChild.ts'), path, String(startAt)],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
        });
        child.on('error', reject);
        child.on('exit', () => resolve(JSON.parse(out || '{"error":"no output"}')));
      }),
  );
  return Promise.all(runs);
}

describe('database migrations', () => {
  it('three processes starting on one new database apply every migration once between them, without errors', async () => {
    const path = join(tempDir(), 'shared.db');
    const results = await migrateConcurrently(path, 3);
    expect(results.map((r) => r.error)).toEqual([undefined, undefined, undefined]);
    const all = results.flatMap((r) => r.applied ?? []).sort((a, b) => a - b);
    expect(all).toEqual(loadMigrations().map((m) => m.version));
    const db = openDatabase(path);
    expect(migrate(db)).toEqual([]);
    db.close();
  }, 30_000);

  it('on a new database, applies every numbered migration and records it', () => {
    const db = openDatabase(':memory:');
    const applied = migrate(db);
    expect(applied).toEqual(loadMigrations().map((m) => m.version));
    const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(recorded).toEqual(loadMigrations().map((m) => ({ version: m.version, name: m.name })));
  });

  it('on a second start, applies nothing again', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    expect(migrate(db)).toEqual([]);
  });

  it('a file database is created with its folder and runs in WAL mode', () => {
    const path = join(tempDir(), 'nested', 'switchboard.db');
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('a failing migration leaves the database at the previous version', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '0001_one.sql'), 'CREATE TABLE one (id INTEGER);');
    writeFileSync(join(dir, '0002_broken.sql'), 'CREATE TABLE two (id INTEGER); INSERT INTO nowhere VALUES (1);');
    const db = openDatabase(':memory:');
    expect(() => migrate(db, loadMigrations(dir))).toThrow(/nowhere/);
    const versions = db.prepare('SELECT version FROM schema_migrations').all();
    expect(versions).toEqual([{ version: 1 }]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'two'").get()).toBeUndefined();
  });

  it('two migrations with one number are refused', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '0003_one.sql'), 'SELECT 1;');
    writeFileSync(join(dir, '0003_two.sql'), 'SELECT 1;');
    expect(() => loadMigrations(dir)).toThrow(/share version 3/);
  });

  it('a migration numbered below the newest applied one still runs, once', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '0001_one.sql'), 'CREATE TABLE one (id INTEGER);');
    writeFileSync(join(dir, '0010_ten.sql'), 'CREATE TABLE ten (id INTEGER);');
    const db = openDatabase(':memory:');
    expect(migrate(db, loadMigrations(dir))).toEqual([1, 10]);
    writeFileSync(join(dir, '0005_five.sql'), 'CREATE TABLE five (id INTEGER);');
    expect(migrate(db, loadMigrations(dir))).toEqual([5]);
    expect(migrate(db, loadMigrations(dir))).toEqual([]);
  });
});
