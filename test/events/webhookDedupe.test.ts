import { afterEach, describe, expect, it } from 'vitest';
import { deliverWebhooks, type WebhookEvent } from '../../sandbox/hubspot/caller/index.ts';
import type { ObjectEvents } from '../../src/webhooks/index.ts';
import { TEST_SECRET } from '../support/testApp.ts';
import { type EventWorld, startEventWorld, unseenEvents } from './eventWorld.ts';
import { objectHistory, seededRandom, shuffle } from './webhookFixtures.ts';

const T0 = 1_764_000_000_000;
const DEALS = 80; // × (creation + 5 stage changes) = 480 events
const CONTACTS = 40; // × (creation + 7 email changes) = 320 events

/** 800 distinct events over 120 objects, in the shapes HubSpot sends (legacy, eventType, generic object.*). */
function distinctEvents(random: () => number): WebhookEvent[] {
  const deals = Array.from({ length: DEALS }, (_, i) =>
    objectHistory({ type: 'deal', objectId: 9_000 + i, changes: 5, property: 'dealstage', start: T0 + i * 10_000 }),
  );
  const contacts = Array.from({ length: CONTACTS }, (_, i) =>
    objectHistory({ type: 'contact', objectId: 50_000 + i, changes: 7, property: 'email', start: T0 + i * 7_000 }),
  );
  // Every 8th deal: its first change happened before its creation was recorded (clock skew): creations go first.
  for (const [i, history] of deals.entries()) if (i % 8 === 0) history[1]!.occurredAt = T0 + i * 10_000 - 5;
  const all = [...deals.flat(), ...contacts.flat()];
  for (const e of all) {
    const pick = random();
    if (pick < 0.1 && e.subscriptionType === 'deal.propertyChange') {
      // The generic form of the same subscription (hubspot-platform.md §4.1 crmObjects) [M: objectTypeId].
      Object.assign(e, { subscriptionType: 'object.propertyChange', objectTypeId: '0-3', subscriptionId: 31 });
    } else if (pick > 0.9) {
      // The documented sample's key name (§4.2): eventType instead of subscriptionType.
      const { subscriptionType, ...rest } = e;
      for (const k of Object.keys(e)) delete (e as Record<string, unknown>)[k];
      Object.assign(e, { ...rest, eventType: subscriptionType });
    }
  }
  return all;
}

/** Records what each handler saw, per object. */
function recorder() {
  const calls: { handler: string; object: string; occurredAt: number[]; creationFirst: boolean; ids: number[] }[] = [];
  const record = (batch: ObjectEvents) => {
    calls.push({
      handler: batch.handler,
      object: `${batch.objectType}:${batch.objectId}`,
      occurredAt: batch.events.map((e) => e.occurredAt),
      creationFirst: batch.events[0]?.action === 'creation',
      ids: batch.events.map((e) => e.body.eventId),
    });
  };
  return { calls, record };
}

let world: EventWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

// `inbox`: deliveries are answered once appended to the inbox and stored by the fan-out (beside the worker in
// production, called here between deliveries): the outcome must be the same as storing them directly.
describe.each(['direct', 'inbox'] as const)(
  'webhook intake (%s): 1,000 events with 20 % duplicates, shuffled, in signed batches over HTTP',
  (intake) => {
    it('stores each event once, enqueues one job per object and handler, and a handler sees its object in order', async () => {
      world = await startEventWorld({ intake });
      const seen = recorder();
      world.spine.webhooks.subscribe(
        [{ event: 'deal.creation' }, { event: 'deal.propertyChange', propertyName: 'dealstage' }],
        'test.dealTimeline',
        seen.record,
      );
      world.spine.webhooks.subscribe(
        [{ event: 'contact.creation' }, { event: 'contact.propertyChange', propertyName: 'email' }],
        'test.contactSync',
        seen.record,
      );
      world.spine.webhooks.subscribe([{ event: 'contact.creation' }], 'test.contactAudit', seen.record);

      const random = seededRandom(20_250_106);
      const distinct = distinctEvents(random);
      const duplicates = Array.from({ length: 200 }, () => structuredClone(distinct[Math.floor(random() * 800)]!));
      const deliveries = shuffle([...distinct, ...duplicates], random);
      expect(deliveries).toHaveLength(1_000);

      const deliver = () =>
        deliverWebhooks({ targetUrl: world!.webhookUrl, clientSecret: TEST_SECRET, events: deliveries });
      const first = await deliver();
      expect(first.every((b) => b.delivered && b.attempts.length === 1)).toBe(true);
      expect(first.length).toBeGreaterThanOrEqual(11); // batches of fewer than 100
      if (intake === 'inbox') {
        expect(world.counts()).toMatchObject({ events: 0, jobs: 0, inbox: first.length });
        expect(world.fanOut()).toMatchObject({ deliveries: first.length });
      }

      const expectedJobs = DEALS + CONTACTS * 2;
      const after = world.counts();
      expect(after).toMatchObject({ events: 800, streams: expectedJobs, jobs: expectedJobs });
      const doubled = world.db
        .prepare('SELECT type, object_key, COUNT(*) AS n FROM jobs GROUP BY type, object_key HAVING n > 1')
        .all();
      expect(doubled).toEqual([]);

      // HubSpot delivers the same batches again (retries, duplicates): twice more, nothing changes.
      for (const _ of [2, 3]) {
        expect((await deliver()).every((b) => b.delivered)).toBe(true);
        world.fanOut();
        expect(world.counts()).toEqual(after);
      }

      await world.spine.worker.runUntilIdle();
      expect((await world.spine.queue.stats()).byStatus).toMatchObject({
        completed: expectedJobs,
        pending: 0,
        dead: 0,
      });
      expect(seen.calls).toHaveLength(expectedJobs);
      const perObject = new Map<string, WebhookEvent[]>();
      for (const e of distinct) {
        const type = e.objectTypeId === '0-3' ? 'deal' : String(e.subscriptionType ?? e.eventType).split('.')[0];
        const list = perObject.get(`${type}:${e.objectId}`) ?? [];
        list.push(e);
        perObject.set(`${type}:${e.objectId}`, list);
      }
      for (const call of seen.calls) {
        const events = perObject.get(call.object)!;
        const wanted = call.handler === 'test.contactAudit' ? events.filter((e) => e.changeFlag === 'NEW') : events;
        expect(new Set(call.ids)).toEqual(new Set(wanted.map((e) => e.eventId)));
        expect(call.ids).toHaveLength(wanted.length);
        expect(call.creationFirst).toBe(true);
        const changes = call.occurredAt.slice(1);
        expect(changes).toEqual([...changes].sort((a, b) => a - b));
      }
      expect(unseenEvents(world.db)).toBe(0);
    });
  },
);
