import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverWebhooks } from '../../sandbox/hubspot/caller/index.ts';
import { type Db, openDatabase } from '../../src/db/openDatabase.ts';
import { createWebhookInbox } from '../../src/webhooks/webhookInbox.ts';
import { tempDbPath } from '../jobs/support.ts';
import { TEST_SECRET } from '../support/testApp.ts';
import { type EventWorld, startEventWorld, unseenEvents } from './eventWorld.ts';
import { objectHistory, postSigned, webhookEvent } from './webhookFixtures.ts';

let world: EventWorld | undefined;
const opened: Db[] = [];
afterEach(async () => {
  await world?.close();
  world = undefined;
  for (const db of opened.splice(0)) db.close();
});

const history = (objectId: number) =>
  objectHistory({ type: 'deal', objectId, changes: 3, property: 'dealstage', start: 1_764_000_000_000 });

describe('webhook intake through the inbox', () => {
  it('answers with what it queued, and the fan-out stores it as direct intake would', async () => {
    world = await startEventWorld({ intake: 'inbox' });
    world.spine.webhooks.subscribe([{ event: 'deal.propertyChange' }], 'test.deals', () => undefined);
    const res = await postSigned(world.webhookUrl, JSON.stringify([webhookEvent(), webhookEvent({ objectId: 2 })]));
    expect(res).toEqual({ status: 200, body: { received: 2, queued: 2 } });
    expect(world.counts()).toMatchObject({ inbox: 1, events: 0, jobs: 0 });
    expect(world.fanOut()).toEqual({ deliveries: 1, jobs: 2 });
    expect(world.counts()).toMatchObject({ inbox: 0, events: 2, jobs: 2 });
  });

  it('events of an unknown portal are acknowledged, then dropped by the fan-out with one log line', async () => {
    world = await startEventWorld({ intake: 'inbox' });
    world.spine.webhooks.subscribe([{ event: 'deal.propertyChange' }], 'test.deals', () => undefined);
    const body = JSON.stringify([webhookEvent({ portalId: 999 }), webhookEvent({ portalId: 999, objectId: 2 })]);
    expect((await postSigned(world.webhookUrl, body)).status).toBe(200);
    expect(world.fanOut()).toEqual({ deliveries: 1, jobs: 0 });
    expect(world.counts()).toMatchObject({ inbox: 0, events: 0, jobs: 0 });
    const lines = world.logs.lines.filter((l) => l.includes('unknown or uninstalled portal'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"events":2');
  });

  it('when a fan-out slice fails half-way, none of it is stored and the next one stores every event once', async () => {
    world = await startEventWorld({ intake: 'inbox' });
    const w = world;
    const seen: number[][] = [];
    w.spine.webhooks.subscribe([{ event: 'deal.creation' }, { event: 'deal.propertyChange' }], 'test.deals', (b) => {
      seen.push(b.events.map((e) => e.body.eventId));
    });
    const events = [1, 2, 3, 4, 5].flatMap(history);
    await deliverWebhooks({ targetUrl: w.webhookUrl, clientSecret: TEST_SECRET, events, batchSize: 4 });
    // The disk fills up after the events are written, while the slice enqueues their jobs.
    w.db.exec("CREATE TRIGGER full BEFORE INSERT ON jobs BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    expect(() => w.fanOut()).toThrow(/disk is full/);
    expect(w.counts()).toMatchObject({ inbox: 5, events: 0, streams: 0, jobs: 0 });

    w.db.exec('DROP TRIGGER full');
    expect(w.fanOut()).toEqual({ deliveries: 5, jobs: 5 });
    expect(w.counts()).toMatchObject({ inbox: 0, events: 20, jobs: 5 });
    await w.spine.worker.runUntilIdle();
    expect(seen.flat().sort()).toEqual(events.map((e) => e.eventId).sort());
    expect(unseenEvents(w.db)).toBe(0);
  });

  it('the background fan-out stores deliveries as they arrive and wakes the worker', async () => {
    world = await startEventWorld({ intake: 'inbox' });
    const w = world;
    const handled: number[] = [];
    w.spine.webhooks.subscribe([{ event: 'deal.propertyChange' }], 'test.deals', (b) => void handled.push(b.objectId));
    w.spine.worker.start();
    w.spine.webhooks.fanOut.start();
    await postSigned(w.webhookUrl, JSON.stringify([webhookEvent({ objectId: 41 }), webhookEvent({ objectId: 42 })]));
    const until = Date.now() + 3_000;
    while (handled.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    expect(handled.sort()).toEqual([41, 42]);
    await w.spine.webhooks.fanOut.stop();
    expect(w.counts().inbox).toBe(0);
  });
});

describe('appending to the inbox while another process holds its write lock (a fan-out deleting rows)', () => {
  /** The inbox on a file database, and a second connection to it: another process of the service. */
  function twoConnections() {
    const path = tempDbPath();
    const db = openDatabase(path);
    const inbox = createWebhookInbox({ db, now: Date.now });
    const other = new Database(path);
    opened.push(db, other);
    return { db, other, inbox };
  }

  it('waits without stopping the event loop, and commits once the lock is free', async () => {
    const { db, other, inbox } = twoConnections();
    other.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    const appended = inbox.append('[]', 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(ticks).toBeGreaterThanOrEqual(10); // SQLite's busy handler would have held the loop for all 100 ms
    expect(db.prepare('SELECT COUNT(*) AS n FROM webhook_inbox').get()).toEqual({ n: 0 });
    other.exec('COMMIT');
    expect(await appended).toEqual({ received: 0, queued: 0 });
    clearInterval(ticker);
    expect(db.prepare('SELECT COUNT(*) AS n FROM webhook_inbox').get()).toEqual({ n: 1 });
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5_000); // the connection's own setting is back
  });

  it('refuses the delivery (503, HubSpot retries it) when the lock stays taken past the busy timeout', async () => {
    const { db, other, inbox } = twoConnections();
    db.pragma('busy_timeout = 50');
    other.exec('BEGIN IMMEDIATE');
    await expect(inbox.append('[]', 0)).rejects.toMatchObject({ code: 'upstream_unavailable' });
    other.exec('COMMIT');
    expect(db.prepare('SELECT COUNT(*) AS n FROM webhook_inbox').get()).toEqual({ n: 0 });
  });
});
