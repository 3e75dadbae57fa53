import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig, type Config } from '../src/config.ts';
import { createInstallationsRepo } from '../src/connections/installationsRepo.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/openDatabase.ts';
import { createLogger } from '../src/logger.ts';
import { createApp } from './app.ts';

/**
 * Composition root: the only place that reads the environment, opens the database and builds real clients.
 * Exported so the demo and end-to-end tests can start the real service in-process.
 */
export async function startService(config: Config) {
  const logger = createLogger(config.logLevel);
  const db = openDatabase(config.databasePath);
  const applied = migrate(db);
  if (applied.length > 0) logger.info({ applied }, 'database migrated');

  let shuttingDown = false;
  const app = createApp({
    config,
    logger,
    now: () => Date.now(),
    installations: createInstallationsRepo(db),
    health: {
      isReady: () => {
        if (shuttingDown) return { ready: false, reason: 'shutting down' };
        try {
          db.prepare('SELECT 1').get();
          return { ready: true };
        } catch (err) {
          return { ready: false, reason: `database unavailable: ${(err as Error).message}` };
        }
      },
    },
  });

  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  logger.info({ url, publicOrigin: config.publicOrigin, database: config.databasePath }, 'switchboard listening');

  /** Stop accepting, let in-flight requests finish (bounded), then close the database. */
  async function stop(): Promise<void> {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info('shutting down');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownTimeoutMs).unref());
    await Promise.race([closed, timeout]);
    server.closeAllConnections();
    db.close();
    logger.info('stopped');
  }

  return { url, port, db, logger, stop };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const service = await startService(config);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      service.stop().then(
        () => process.exit(0),
        (err) => {
          service.logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
