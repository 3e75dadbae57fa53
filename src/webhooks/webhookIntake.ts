import type { Db } from '../db/openDatabase.ts';
import type { EnqueueInput, EnqueueResult } from '../jobs/index.ts';
import type { Logger } from '../logger.ts';
import { createGroupCommit } from './groupCommit.ts';
import type { InboundEvent } from './webhookEvent.ts';
import type { StreamRef, WebhookEventsRepo } from './webhookEventsRepo.ts';
import type { WebhookRouting } from './webhookRouting.ts';
import { jobForNewEvents } from './streamJobs.ts';

/** Enqueueing inside the caller's SQLite transaction (SqliteQueue), then waking the worker after the commit. */
export interface TransactionalEnqueue {
  enqueueManySync(inputs: readonly EnqueueInput[]): EnqueueResult[];
  notifyAvailable(): void;
}

export interface WebhookIntakeDeps {
  db: Db;
  repo: WebhookEventsRepo;
  routing: WebhookRouting;
  queue: TransactionalEnqueue;
  /** Whether the portal has the app installed (active or waiting for re-authorization). */
  portalInstalled(portalId: number): boolean;
  /** Whether we forgot this object for privacy: late retries about it must not store it again. */
  isForgotten(portalId: number, objectType: string, objectId: number): boolean;
  logger: Logger;
  now: () => number;
}

export interface IntakeReport {
  received: number;
  stored: number;
  duplicates: number;
  /** No handler wants them: acknowledged, not stored. */
  ignored: number;
  /** Unknown or uninstalled portal, or a forgotten contact: acknowledged, not stored. */
  dropped: number;
  jobs: number;
}

interface Group {
  stream: StreamRef;
  /** The smallest id of the stream's new events in this commit. */
  firstNewId: number;
  /** The delivery that brought the stream's first new event: its report counts the job. */
  owner: IntakeReport;
}

function addToGroup(groups: Map<string, Group>, e: InboundEvent, rowId: number, handler: string, owner: IntakeReport) {
  const id = `${handler}|${e.portalId}|${e.objectType}|${e.objectId}`;
  if (groups.has(id)) return;
  const stream = { portalId: e.portalId, objectType: e.objectType, objectId: e.objectId, handler };
  groups.set(id, { stream, firstNewId: rowId, owner });
}

const newReport = (received: number): IntakeReport => ({
  received,
  stored: 0,
  duplicates: 0,
  ignored: 0,
  dropped: 0,
  jobs: 0,
});

/** A delivery's events (of installed portals) and the report its request is answered with. */
export interface Delivery {
  events: readonly InboundEvent[];
  report: IntakeReport;
}

/**
 * Webhook intake: store each new event once (dedupe key UNIQUE), and make sure exactly one job waits per object
 * and handler: later events of an object whose job has not begun join it (streamJobs.ts); a redelivery stores
 * nothing and enqueues nothing. Events and jobs commit in one SQLite transaction — grouped across concurrent
 * deliveries, or across inbox rows when the fan-out stores them (inboxFanOut.ts); no HubSpot call and no
 * per-event log line on this path.
 */
export function createWebhookIntake(deps: WebhookIntakeDeps) {
  const { repo, routing } = deps;

  /** Inserts a delivery's new events, adding the object × handler groups that got new ones. */
  function storeEvents(events: readonly InboundEvent[], report: IntakeReport, groups: Map<string, Group>, now: number) {
    for (const e of events) {
      const handlers = routing.handlersFor(e.objectType, e.action, e.propertyName);
      if (handlers.length === 0) {
        report.ignored += 1;
        continue;
      }
      if (deps.isForgotten(e.portalId, e.objectType, e.objectId)) {
        report.dropped += 1;
        continue;
      }
      const rowId = repo.insertEvent(e, now);
      if (rowId === undefined) {
        report.duplicates += 1;
        continue;
      }
      report.stored += 1;
      for (const handler of handlers) addToGroup(groups, e, rowId, handler, report);
    }
  }

  /** A job for each group that has none waiting; the delivery that brought the group's first event counts it. */
  function enqueueJobs(groups: readonly Group[]): number {
    const inputs: EnqueueInput[] = [];
    for (const g of groups) {
      const input = jobForNewEvents(repo, routing, g.stream, g.firstNewId);
      if (!input) continue;
      inputs.push(input);
      g.owner.jobs += 1;
    }
    if (inputs.length > 0) deps.queue.enqueueManySync(inputs);
    return inputs.length;
  }

  /** Stores deliveries and enqueues their jobs; call inside a write transaction. Returns how many jobs. */
  function storeDeliveries(deliveries: readonly Delivery[], now: number): number {
    const groups = new Map<string, Group>();
    for (const d of deliveries) storeEvents(d.events, d.report, groups, now);
    return groups.size > 0 ? enqueueJobs([...groups.values()]) : 0;
  }

  const commit = deps.db.transaction(storeDeliveries);

  const grouped = createGroupCommit((deliveries: readonly Delivery[]) => {
    if (commit.immediate(deliveries, deps.now()) > 0) deps.queue.notifyAvailable();
    return deliveries.map((d) => d.report);
  });

  /** The delivery of `events` minus those of portals without the app, with one log line per such portal. */
  function deliveryOf(events: readonly InboundEvent[]): Delivery {
    const report = newReport(events.length);
    const verdicts = new Map<number, boolean>();
    for (const e of events) if (!verdicts.has(e.portalId)) verdicts.set(e.portalId, deps.portalInstalled(e.portalId));
    if ([...verdicts.values()].every(Boolean)) return { events, report };
    const kept = events.filter((e) => verdicts.get(e.portalId));
    for (const [portalId, installed] of verdicts) {
      if (installed) continue;
      const count = events.filter((e) => e.portalId === portalId).length;
      deps.logger.warn({ portalId, events: count }, 'webhook events for an unknown or uninstalled portal dropped');
    }
    report.dropped += events.length - kept.length;
    return { events: kept, report };
  }

  return {
    /** Stores a verified, validated delivery and enqueues its jobs; resolves once they are committed. */
    async ingest(events: readonly InboundEvent[]): Promise<IntakeReport> {
      const delivery = deliveryOf(events);
      return delivery.events.length === 0 ? delivery.report : grouped(delivery);
    },
    deliveryOf,
    storeDeliveries,
  };
}

export type WebhookIntake = ReturnType<typeof createWebhookIntake>;
