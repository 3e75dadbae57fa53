import { Writable } from 'node:stream';
import { createInstallationsRepo } from '../../src/connections/installationsRepo.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openDatabase } from '../../src/db/openDatabase.ts';
import { createLogger } from '../../src/logger.ts';
import { createApp, type AppDeps } from '../../server/app.ts';

export const TEST_SECRET = 'test-client-secret-0000';
export const TEST_ORIGIN = 'https://switchboard.test';

/** Captures log lines so tests can assert on what was (and was not) logged. */
export function captureLogs() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger('debug', stream) };
}

/** The real app on a fresh in-memory database, with a fixed clock unless overridden. */
export function buildTestApp(overrides: Partial<AppDeps> & { nowMs?: number } = {}) {
  const db = openDatabase(':memory:');
  migrate(db);
  const installations = createInstallationsRepo(db);
  const logs = captureLogs();
  const nowMs = overrides.nowMs ?? Date.now();
  const app = createApp({
    config: { publicOrigin: TEST_ORIGIN, bodyLimit: '100kb', hubspot: { clientSecret: TEST_SECRET } },
    logger: logs.logger,
    now: () => nowMs,
    installations,
    health: { isReady: () => ({ ready: true }) },
    ...overrides,
  });
  return { app, db, installations, logs, nowMs };
}
