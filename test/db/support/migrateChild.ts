import { migrate } from '../../../src/db/migrate.ts';
import { openDatabase } from '../../../src/db/openDatabase.ts';

/** One process starting on a shared database: waits for the agreed instant, migrates, reports what it applied. */
const [path, startAt] = process.argv.slice(2);
const db = openDatabase(path!);
while (Date.now() < Number(startAt)) {
  // spin until the shared start instant, so the processes race for real
}
try {
  process.stdout.write(JSON.stringify({ applied: migrate(db) }));
} catch (err) {
  process.stdout.write(JSON.stringify({ error: (err as Error).message }));
} finally {
  db.close();
}
