import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig, type Config } from '../src/config.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/openDatabase.ts';
import { createLogger } from '../src/logger.ts';
import { callbackCompleterFor } from '../src/workflowActions/index.ts';
import { createTimelineRepo } from '../src/timeline/timelineRepo.ts';
import { createApp } from './app.ts';
import { composeConnections } from './composeConnections.ts';
import { composeOrders, type OrdersWiring } from './composeOrders.ts';
import { composeSessions } from './composeSessions.ts';
import { composeWhatsApp } from './composeWhatsApp.ts';
import type { HubspotCall } from '../src/hubspot/hubspotCall.ts';
import { createHubspotMessagingCrm } from '../src/messaging/hubspot/hubspotMessagingCrm.ts';
import { webhookInboxPath } from '../src/webhooks/index.ts';
import { buildEventSpine, type EventSpine, type EventSpineDeps } from './eventSpine.ts';

/** How often finished jobs, old runs and processed webhook events are pruned. */
const PRUNE_INTERVAL_MS = 60 * 60_000;

export interface ServiceOptions {
  /** Registers capabilities on the event spine (webhook subscriptions, workflow actions) before the server listens. */
  register?: (spine: EventSpine) => void;
  /** Worker tuning (concurrency, lease length); the defaults suit production. */
  worker?: EventSpineDeps['worker'];
  /** Orders tuning (batch window, sweep period), or false to leave orders out (spine-only benchmarks). */
  orders?: Pick<OrdersWiring, 'batchWindowMs' | 'sweepIntervalMs'> | false;
  /** WhatsApp tuning: an injected clock for campaigns and the 24-hour window (tests), the campaign sweep period. */
  whatsapp?: { now?: () => number; campaignSweepMs?: number };
  /**
   * False: this process only serves HTTP. It runs no worker and no webhook fan-out, and answers HubSpot webhooks
   * once the delivery is in the inbox; a process on the same database that runs the worker stores it. Default true.
   */
  runWorker?: boolean;
}

/**
 * Composition root: the only place that reads the environment, opens the database and builds real clients.
 * Exported so the demo and end-to-end tests can start the real service in-process.
 */
export async function startService(config: Config, options: ServiceOptions = {}) {
  const logger = createLogger(config.logLevel);
  const db = openDatabase(config.databasePath);
  const applied = migrate(db);
  if (applied.length > 0) logger.info({ applied }, 'database migrated');
  // Gateway, vault and connections; the job queue listens on `connections.hooks` below.
  const connections = composeConnections({ config, db, logger });
  // Webhook deliveries answered from the inbox wait in a file of their own (src/webhooks/webhookInbox.ts).
  const webhookInboxDb = openDatabase(webhookInboxPath(config.databasePath));
  // The event spine: durable queue + worker, webhook intake, workflow actions (issue 5).
  const spine = buildEventSpine({
    db,
    installations: connections.installations,
    logger,
    now: () => Date.now(),
    completeCallback: callbackCompleterFor(connections.gateway),
    worker: options.worker,
    webhooks: { inboxDb: webhookInboxDb, intake: options.runWorker === false ? 'inbox' : 'direct' },
  });
  // A portal that needs re-authorization keeps its jobs, paused, until it is reconnected.
  connections.hooks.subscribe({
    onNeedsReauthorization: (portalId, reason) => spine.queue.pausePortal(portalId, reason),
    onReauthorized: (portalId) => spine.queue.resumePortal(portalId),
  });
  // Timeline posts hold record ids only, but a disconnected portal leaves nothing behind.
  connections.forget.register('timeline_posts', (portalId) => createTimelineRepo(db).forgetPortal(portalId));
  connections.forget.register('webhook_events', (portalId) => spine.webhooks.forgetPortal(portalId));
  connections.forget.register('workflow_action_executions', (portalId) => spine.workflowActions.forgetPortal(portalId));
  // Conversation sessions (issue 8): the platform API, sync jobs, the Sessions card, privacy cleanups.
  const sessions = composeSessions({
    config,
    db,
    now: () => Date.now(),
    gateway: connections.gateway,
    keyring: connections.keyring,
    apiKeys: connections.apiKeys,
    spine,
    forget: connections.forget,
    hooks: connections.hooks,
  });
  // Orders (issue 6): Closed Won → order, the Orders card, the order-system API, conflicts and audit.
  const orders =
    options.orders === false ? undefined : composeOrders({ config, db, logger, connections, spine, ...options.orders });
  // WhatsApp (issue 7): provider webhooks, the contact card, the workflow actions, campaigns, on both ports.
  const whatsapp = composeWhatsAppCapability(config, { db, logger, connections, spine }, options.whatsapp);
  options.register?.(spine);

  let shuttingDown = false;
  const app = createApp({
    config,
    logger,
    now: () => Date.now(),
    installations: connections.installations,
    connections: connections.routes,
    webhooks: spine.webhooks,
    workflowActions: spine.workflowActions,
    integrationLog: spine.queue.runs,
    deadLetters: spine.queue,
    sessions: sessions.routes,
    orders: orders?.routes,
    whatsapp: whatsapp.routes,
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
  if (options.runWorker !== false) {
    spine.worker.start();
    spine.webhooks.fanOut.start();
  }
  const prune = () => spine.prune().catch((err: unknown) => logger.error({ err }, 'pruning failed'));
  const pruneTimer = setInterval(prune, PRUNE_INTERVAL_MS).unref();
  void prune();

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
    // No more webhooks can arrive; in-flight jobs get the grace period, the rest are released for the next start.
    clearInterval(pruneTimer);
    await spine.webhooks.fanOut.stop();
    const { abandoned } = await spine.worker.stop({ graceMs: config.shutdownTimeoutMs });
    if (abandoned > 0) logger.warn({ abandoned }, 'jobs still running at shutdown; their leases will expire');
    orders?.close();
    whatsapp.close();
    connections.close();
    db.close();
    webhookInboxDb.close();
    logger.info('stopped');
  }

  return { url, port, db, logger, connections, spine, sessions, orders, whatsapp, stop };
}

/**
 * WhatsApp over the gateway (the MessagingCrm port: contacts, timeline, properties, tickets) and the provider port.
 * Unknown inbound numbers follow the portal's matching rules (a contact is created only where they say so).
 */
function composeWhatsAppCapability(
  config: Config,
  core: {
    db: ReturnType<typeof openDatabase>;
    logger: ReturnType<typeof createLogger>;
    connections: ReturnType<typeof composeConnections>;
    spine: EventSpine;
  },
  options: ServiceOptions['whatsapp'] = {},
) {
  const { db, logger, connections, spine } = core;
  const now = options.now ?? (() => Date.now());
  const hubspot: HubspotCall = (portalId, opts, fn) => connections.gateway.call(portalId, opts, fn);
  const crm = createHubspotMessagingCrm({ db, hubspot, now, unmatchedPhone: () => 'portalRules' });
  connections.forget.register('whatsapp_crm', (portalId) => crm.forgetPortal(portalId));
  spine.forgetContact.register('whatsapp_crm', (portalId, contactId) => crm.forgetContact(portalId, contactId));
  const whatsapp = composeWhatsApp({
    config,
    db,
    logger,
    now,
    keyring: connections.keyring,
    crm,
    spine,
    forget: connections.forget,
    hooks: connections.hooks,
    ...(options.campaignSweepMs ? { campaignSweepMs: options.campaignSweepMs } : {}),
  });
  const admin = {
    ...whatsapp.stores,
    providers: whatsapp.portals,
    engine: whatsapp.engine,
    installations: connections.installations,
    fields: connections.discovery,
    publicOrigin: config.publicOrigin,
    now,
  };
  return { ...whatsapp, routes: { ...whatsapp.routes, admin } };
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
  const service = await startService(config, { runWorker: config.runWorker });
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
