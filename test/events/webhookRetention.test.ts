import { afterEach, describe, expect, it } from 'vitest';
import { deliverWebhooks } from '../../sandbox/hubspot/caller/index.ts';
import { TEST_SECRET } from '../support/testApp.ts';
import { type EventWorld, startEventWorld } from './eventWorld.ts';
import { webhookEvent } from './webhookFixtures.ts';

let world: EventWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('pruning stored webhook events', () => {
  it('deletes processed events older than the cutoff and keeps the ones a handler still has to see', async () => {
    world = await startEventWorld();
    const w = world;
    w.spine.webhooks.subscribe([{ event: 'deal.propertyChange' }], 'test.deals', () => undefined);
    w.spine.webhooks.subscribe([{ event: 'contact.creation' }], 'test.contacts', () => undefined);
    const deal = webhookEvent({ objectId: 1 });
    const contact = webhookEvent({ subscriptionType: 'contact.creation', objectId: 2, propertyName: undefined });
    await deliverWebhooks({ targetUrl: w.webhookUrl, clientSecret: TEST_SECRET, events: [deal, contact] });
    // Only the deal's job runs: the contact's event is still waiting for its handler.
    w.db.prepare("UPDATE jobs SET run_at = run_at + 3600000 WHERE type = 'test.contacts'").run();
    await w.spine.worker.runUntilIdle();

    expect(w.spine.webhooks.prune(Date.now() - 60_000)).toMatchObject({ events: 0 }); // nothing old enough yet
    expect(w.spine.webhooks.prune(Date.now() + 1)).toMatchObject({ events: 1 });
    const left = w.db.prepare('SELECT object_type AS type FROM webhook_events').all();
    expect(left).toEqual([{ type: 'contact' }]);
  });
});
