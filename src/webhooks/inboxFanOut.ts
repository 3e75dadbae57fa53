import type { Db } from '../db/openDatabase.ts';
import { isWebhookBatch, toInboundEvent } from './webhookEvent.ts';
import type { InboxRow, WebhookInbox } from './webhookInbox.ts';
import type { TransactionalEnqueue, WebhookIntake } from './webhookIntake.ts';

export interface InboxFanOutDeps {
  /** The main database: events, streams, jobs. */
  db: Db;
  inbox: WebhookInbox;
  intake: Pick<WebhookIntake, 'deliveryOf' | 'storeDeliveries'>;
  queue: Pick<TransactionalEnqueue, 'notifyAvailable'>;
  now: () => number;
  /**
   * About how long one slice holds the main database's write lock and its process's event loop (the worker's jobs
   * wait meanwhile). Longer slices write an index page once for more events (bench/webhooks.ts).
   */
  sliceMs?: number;
}

export interface FanOutTally {
  deliveries: number;
  jobs: number;
}

/** Rows read per query inside a slice: a slice stops at the first read past its time budget. */
const ROWS_PER_READ = 2;
/** Stored rows are deleted from the inbox at most this often: each delete takes the lock appends need. */
const CLEAN_UP_EVERY_MS = 100;

function eventsOf(row: InboxRow) {
  const body: unknown = JSON.parse(row.body);
  // Validated before it was stored; a row that no longer is means a bug, so the slice fails loudly and stays.
  if (!isWebhookBatch(body)) throw new Error(`webhook inbox row ${row.id} is not a valid webhook batch`);
  return body.map(toInboundEvent);
}

/**
 * Moves deliveries from the inbox into webhook_events and jobs (webhookIntake.ts), oldest first, a slice at a time:
 * each slice stores several deliveries in one transaction of the main database. Stored rows are deleted from the
 * inbox afterwards, every CLEAN_UP_EVERY_MS: a crash before that leaves them in the inbox, and the next fan-out
 * stores them again, which changes nothing — every event finds its dedupe key taken, as in a HubSpot redelivery,
 * so no job is enqueued twice either. Two fan-outs at once (two worker processes) only duplicate that work.
 */
export function createInboxFanOut(deps: InboxFanOutDeps) {
  const sliceMs = deps.sliceMs ?? 20;
  // Inbox ids only grow (AUTOINCREMENT), so the last stored id is all this fan-out needs to remember.
  let storedThrough = 0;
  let deletedThrough = 0;
  let cleanedAt = 0;

  const slice = deps.db.transaction((): FanOutTally & { through: number } => {
    const started = performance.now();
    const now = deps.now();
    const tally = { deliveries: 0, jobs: 0, through: storedThrough };
    while (performance.now() - started < sliceMs) {
      const rows = deps.inbox.after(tally.through, ROWS_PER_READ);
      if (rows.length === 0) break;
      const deliveries = rows.map((r) => deps.intake.deliveryOf(eventsOf(r)));
      tally.jobs += deps.intake.storeDeliveries(deliveries, now);
      tally.deliveries += rows.length;
      tally.through = rows.at(-1)!.id;
    }
    return tally;
  });

  /** Deletes what this fan-out stored and lets the inbox's WAL be reused (checkpointed here, not by appends). */
  function cleanUp(): void {
    cleanedAt = performance.now();
    if (storedThrough === deletedThrough) return;
    deps.inbox.removeThrough(storedThrough);
    deletedThrough = storedThrough;
    deps.inbox.checkpoint();
  }

  /** Stores the next slice of deliveries, if any wait: the write lock is not taken for an empty inbox. */
  function drainSlice(): FanOutTally {
    if (!deps.inbox.pending(storedThrough)) {
      if (performance.now() - cleanedAt >= CLEAN_UP_EVERY_MS) cleanUp();
      return { deliveries: 0, jobs: 0 };
    }
    const { through, ...tally } = slice.immediate();
    storedThrough = through;
    if (tally.jobs > 0) deps.queue.notifyAvailable();
    if (performance.now() - cleanedAt >= CLEAN_UP_EVERY_MS) cleanUp();
    return tally;
  }

  return {
    drainSlice,
    cleanUp,
    /** Stores everything waiting now and empties the inbox, synchronously (tests, scripts). */
    drain(): FanOutTally {
      const total: FanOutTally = { deliveries: 0, jobs: 0 };
      for (;;) {
        const tally = drainSlice();
        total.deliveries += tally.deliveries;
        total.jobs += tally.jobs;
        if (tally.deliveries === 0) break;
      }
      cleanUp();
      return total;
    },
  };
}

export type InboxFanOut = ReturnType<typeof createInboxFanOut>;
