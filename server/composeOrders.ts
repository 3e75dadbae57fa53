import type { Config } from '../src/config.ts';
import type { Db } from '../src/db/openDatabase.ts';
import type { HubspotCall } from '../src/hubspot/hubspotCall.ts';
import type { Logger } from '../src/logger.ts';
import { createOrdersDeps, type OrdersDeps } from '../src/orders/index.ts';
import { createForgetOrders } from '../src/orders/forgetPortal.ts';
import { DEFAULT_BATCH_WINDOW_MS, enqueueProvisioning, registerOrderJobs, sweep } from '../src/orders/jobs/index.ts';
import { createOrdersAdmin } from '../src/orders/ordersAdmin.ts';
import { createOrdersEdge } from '../src/orders/ordersEdge.ts';
import { loadAppEventCatalog } from '../src/timeline/appEventCatalog.ts';
import { createTimeline, type Timeline } from '../src/timeline/postTimelineEvent.ts';
import { createTimelineRepo } from '../src/timeline/timelineRepo.ts';
import type { ConnectionServices } from './composeConnections.ts';
import type { EventSpine } from './eventSpine.ts';
import type { OrdersRouteDeps } from './routes/orders.ts';

/** How often write-backs nobody finished and deals nobody scheduled are looked for. [M] */
const SWEEP_INTERVAL_MS = 5 * 60_000;

export interface OrdersWiring {
  config: Pick<Config, 'publicOrigin'>;
  db: Db;
  logger: Logger;
  now?: () => number;
  connections: Pick<ConnectionServices, 'gateway' | 'hooks' | 'forget' | 'discovery' | 'apiKeys'>;
  spine: Pick<EventSpine, 'webhooks' | 'worker' | 'queue'>;
  /** The shared timeline poster, when the composition root built one; otherwise orders build their own. */
  timeline?: Timeline;
  batchWindowMs?: number;
  sweepIntervalMs?: number;
}

/**
 * `${PUBLIC_ORIGIN}/orders/<portal>/<order>`: the order link written to the deal. No page answers there yet [M]:
 * the link names the order stably, so a page (or a redirect to the deal's Orders tab) can come without a rewrite.
 */
export const orderUrlFor =
  (publicOrigin: string) =>
  (o: { portalId: number; id: number }): string =>
    `${publicOrigin}/orders/${o.portalId}/${o.id}`;

/** The periodic sweep (maintenanceJobs.ts): it only enqueues jobs, so a failure is logged and tried next period. */
function startSweeper(
  orders: OrdersDeps,
  queue: OrdersWiring['spine']['queue'],
  logger: Logger,
  o: { periodMs: number; batchWindowMs: number },
) {
  const log = logger.child({ component: 'orders' });
  const run = () => sweep(orders, queue, o).catch((err: unknown) => log.error({ err }, 'orders sweep failed'));
  const timer = setInterval(run, o.periodMs).unref();
  return { run, stop: () => clearInterval(timer) };
}

/**
 * Part of the composition root: the orders capability (issue 6) on the gateway, the event spine and the timeline —
 * its webhook subscription and jobs, provisioning of the deal properties whenever a portal connects, its forget
 * cleanup, the periodic sweep, and the services behind its routes.
 */
export function composeOrders(w: OrdersWiring) {
  const now = w.now ?? Date.now;
  const { gateway, hooks, forget, discovery, apiKeys } = w.connections;
  const { queue } = w.spine;
  const hubspot: HubspotCall = (portalId, opts, fn) => gateway.call(portalId, opts, fn);
  const orders: OrdersDeps = createOrdersDeps({ db: w.db, hubspot, now, orderUrl: orderUrlFor(w.config.publicOrigin) });
  const timeline =
    w.timeline ?? createTimeline({ hubspot, repo: createTimelineRepo(w.db), catalog: loadAppEventCatalog(), now });
  const batchWindowMs = w.batchWindowMs ?? DEFAULT_BATCH_WINDOW_MS;
  registerOrderJobs({ orders, timeline, webhooks: w.spine.webhooks, worker: w.spine.worker, queue, batchWindowMs });
  forget.register('orders', createForgetOrders(w.db));

  const provision = (portalId: number, why: string) => enqueueProvisioning(queue, portalId, why, now());
  // Every install, reinstall and private-app token (re)provisions: someone may have deleted a property meanwhile.
  hooks.subscribe({ onConnected: (portalId, how) => provision(portalId, how.reinstall ? 'reconnect' : 'install') });

  const periodMs = w.sweepIntervalMs ?? SWEEP_INTERVAL_MS;
  const sweeper = startSweeper(orders, queue, w.logger, { periodMs, batchWindowMs });

  const routes: OrdersRouteDeps = {
    edge: createOrdersEdge({ orders, queue }),
    admin: createOrdersAdmin({ orders, fields: discovery, provision }),
    apiKeys,
  };
  return {
    orders,
    timeline,
    routes,
    /** Runs the sweep now (tests, and after a restart). */
    sweep: sweeper.run,
    close: sweeper.stop,
  };
}

export type OrdersServices = ReturnType<typeof composeOrders>;
