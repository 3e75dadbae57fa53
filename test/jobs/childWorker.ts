/**
 * A worker in its own process, for the race and kill -9 tests: `tsx childWorker.ts <race|crash> <db> <name>`.
 * Prints `ready`, waits for a line on stdin, then works; in crash mode it prints `effect-written` after the
 * target job's effect committed and hangs there, so the parent can SIGKILL it between effect and complete.
 */
import { openDatabase } from '../../src/db/openDatabase.ts';
import { SqliteQueue, Worker } from '../../src/jobs/index.ts';
import { effectHandler } from './effectHandler.ts';

const CRASH_TARGET = 'effect-50'; // crash.test.ts names the same job

const [mode, dbPath, name] = process.argv.slice(2);
if (!dbPath || !name || (mode !== 'race' && mode !== 'crash')) {
  process.stderr.write('usage: childWorker.ts <race|crash> <db> <name>\n');
  process.exit(2);
}

const db = openDatabase(dbPath);
const worker = new Worker({ queue: new SqliteQueue(db), workerId: name, concurrency: 4, leaseMs: 10_000 });
worker.registerHandler(
  'effect.apply',
  effectHandler(db, name, {
    delayMs: mode === 'crash' ? 5 : 1,
    afterEffect: async (job) => {
      if (mode !== 'crash' || job.idempotencyKey !== CRASH_TARGET) return;
      process.stdout.write('effect-written\n');
      await new Promise(() => undefined); // never returns: the parent kills us here
    },
  }),
);

process.stdout.write('ready\n');
// If the test process dies first, our stdin closes: exit instead of lingering as an orphan.
process.stdin.on('end', () => process.exit(3));
process.stdin.once('data', () => {
  worker.runUntilIdle().then(
    () => {
      db.close();
      process.stdout.write('done\n');
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    },
  );
});
