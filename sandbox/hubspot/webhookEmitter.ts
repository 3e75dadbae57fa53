import { type BatchReport, type DeliverOptions, deliverWebhooks, type WebhookEvent } from './caller/deliverWebhooks.ts';
import type { ObjectChange, SandboxState, WebhookAppConfig } from './state.ts';
import { appInstalledIn, eventsFor } from './webhookEvents.ts';

/**
 * Listens to record changes (`state.events` 'change') and tells subscribed apps, like HubSpot's webhook
 * service: events are queued per app and sent in batches after a short delay or on `flush()`.
 * So moving a deal to Closed Won reaches the service as `deal.propertyChange` for `dealstage`.
 */

export interface EmitterOptions {
  /** Wait this long after the first queued event before sending, so bursts share a request. */
  flushDelayMs?: number;
  /** Passed to deliverWebhooks: retries, delays and sleep are injectable for tests. */
  delivery?: Pick<DeliverOptions, 'maxAttempts' | 'retryDelayMs' | 'timeoutMs' | 'sleep' | 'batchSize'>;
}

export interface WebhookEmitter {
  /** Sends everything queued now and resolves when those deliveries (with their retries) are done. */
  flush(): Promise<BatchReport[]>;
  /** Events waiting to be sent. */
  pending(): number;
  /** Every batch delivered so far, newest last. */
  readonly deliveries: { appId: number; targetUrl: string; report: BatchReport }[];
  stop(): void;
}

const emitters = new WeakMap<SandboxState, WebhookEmitter>();

/** Registers (or replaces) an app's webhook settings and subscriptions. */
export function configureWebhooks(state: SandboxState, config: WebhookAppConfig): void {
  state.webhookApps.set(config.appId, { ...config, subscriptions: config.subscriptions.map((s) => ({ ...s })) });
}

/** The running emitter of a sandbox, if any. */
export function webhookEmitterOf(state: SandboxState): WebhookEmitter | undefined {
  return emitters.get(state);
}

/** Starts the emitter (one per state; a second call stops the first and starts afresh with the new options). */
export function startWebhookEmitter(state: SandboxState, options: EmitterOptions = {}): WebhookEmitter {
  emitters.get(state)?.stop();
  const queues = new Map<number, WebhookEvent[]>(); // appId -> events
  const inFlight = new Set<Promise<unknown>>();
  const deliveries: WebhookEmitter['deliveries'] = [];
  let timer: NodeJS.Timeout | undefined;

  const onChange = (c: ObjectChange) => {
    for (const app of state.webhookApps.values()) {
      if (!appInstalledIn(state, app, c.portalId)) continue;
      const events = eventsFor(app, c);
      if (events.length === 0) continue;
      const q = queues.get(app.appId) ?? [];
      q.push(...events);
      queues.set(app.appId, q);
      timer ??= setTimeout(() => void flush(), options.flushDelayMs ?? 50).unref();
    }
  };

  const sendApp = async (appId: number, events: WebhookEvent[]): Promise<BatchReport[]> => {
    const app = state.webhookApps.get(appId);
    if (!app) return [];
    const reports = await deliverWebhooks({
      ...options.delivery,
      targetUrl: app.targetUrl,
      clientSecret: app.clientSecret,
      events,
      now: () => state.now(),
    });
    for (const report of reports) deliveries.push({ appId, targetUrl: app.targetUrl, report });
    return reports;
  };

  const flush = async (): Promise<BatchReport[]> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const work = [...queues.entries()].map(([appId, events]) => sendApp(appId, events));
    queues.clear();
    const all = Promise.all(work);
    inFlight.add(all);
    try {
      // Also wait for deliveries a timer started earlier, so "flush then assert" sees everything.
      const mine = (await all).flat();
      await Promise.all([...inFlight]);
      return mine;
    } finally {
      inFlight.delete(all);
    }
  };

  state.events.on('change', onChange);
  const emitter: WebhookEmitter = {
    flush,
    pending: () => [...queues.values()].reduce((n, q) => n + q.length, 0),
    deliveries,
    stop() {
      state.events.off('change', onChange);
      if (timer) clearTimeout(timer);
      timer = undefined;
      queues.clear();
      emitters.delete(state);
    },
  };
  emitters.set(state, emitter);
  return emitter;
}
