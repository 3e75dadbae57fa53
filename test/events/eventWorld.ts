import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildEventSpine } from '../../server/eventSpine.ts';
import { createApp } from '../../server/app.ts';
import { createInstallationsRepo } from '../../src/connections/installationsRepo.ts';
import { migrate } from '../../src/db/migrate.ts';
import { type Db, openDatabase } from '../../src/db/openDatabase.ts';
import type { CompleteCallback } from '../../src/workflowActions/index.ts';
import { captureLogs, TEST_SECRET } from '../support/testApp.ts';

export const PORTAL = 62515;

/** Row counts a test compares before and after: what "nothing stored" and "nothing changed" mean. */
export function counts(db: Db, inboxDb: Db) {
  const n = (table: string, from = db) => (from.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    events: n('webhook_events'),
    streams: n('webhook_streams'),
    jobs: n('jobs'),
    executions: n('workflow_action_executions'),
    inbox: n('webhook_inbox', inboxDb),
  };
}

/** Stored events some stream (object × handler) has not been through yet: 0 once every handler caught up. */
export const unseenEvents = (db: Db): number =>
  (
    db
      .prepare(`SELECT COUNT(*) AS n FROM webhook_streams s JOIN webhook_events e ON e.portal_id = s.portal_id
        AND e.object_type = s.object_type AND e.object_id = s.object_id AND e.id > s.processed_through`)
      .get() as { n: number }
  ).n;

export interface EventWorldOptions {
  completeCallback?: CompleteCallback;
  /** Time for signatures and the spine; default the real clock (deliveries are signed with it). */
  now?: () => number;
  concurrency?: number;
  /** How deliveries are stored before the answer: directly (default) or in the inbox, for the fan-out. */
  intake?: 'direct' | 'inbox';
}

/**
 * The real app with the real event spine on an in-memory database, listening on 127.0.0.1 so the sandbox's
 * HubSpot caller can deliver to it over HTTP. The public origin is the listening origin, as HubSpot signs it.
 */
export async function startEventWorld(opts: EventWorldOptions = {}) {
  const db = openDatabase(':memory:');
  migrate(db);
  const inboxDb = openDatabase(':memory:');
  const installations = createInstallationsRepo(db);
  installations.upsert(
    { portalId: PORTAL, authKind: 'oauth', status: 'active', statusReason: null, hubDomain: 'acme.test' },
    new Date(),
  );
  const logs = captureLogs();
  const now = opts.now ?? Date.now;
  const completeCallback: CompleteCallback = opts.completeCallback ?? (async () => undefined);
  const spine = buildEventSpine({
    db,
    installations,
    logger: logs.logger,
    now,
    completeCallback,
    worker: { concurrency: opts.concurrency ?? 4, pollIntervalMs: 20 },
    webhooks: { inboxDb, intake: opts.intake ?? 'direct' },
  });
  const server = http.createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const app = createApp({
    config: { publicOrigin: origin, bodyLimit: '1mb', hubspot: { clientSecret: TEST_SECRET } },
    logger: logs.logger,
    now,
    installations,
    health: { isReady: () => ({ ready: true }) },
    webhooks: spine.webhooks,
    workflowActions: spine.workflowActions,
  });
  server.on('request', app);
  return {
    db,
    installations,
    logs,
    spine,
    origin,
    webhookUrl: `${origin}/webhooks/hubspot`,
    counts: () => counts(db, inboxDb),
    /** Stores what waits in the inbox, as the fan-out next to a worker would (nothing waits with direct intake). */
    fanOut: () => spine.webhooks.fanOut.drain(),
    async close() {
      await spine.worker.stop({ graceMs: 1_000 });
      await new Promise<void>((done) => server.close(() => done()));
      db.close();
      inboxDb.close();
    },
  };
}

export type EventWorld = Awaited<ReturnType<typeof startEventWorld>>;
