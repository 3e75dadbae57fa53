import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCallLog, readRecords, readTimeline } from '../../sandbox/hubspot/controlPlane.ts';
import { appEventTypeFromHsmeta, registerAppEventType } from '../../sandbox/hubspot/crm/appEvents.ts';
import { createRecord } from '../../sandbox/hubspot/crm/seedRecords.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openDatabase } from '../../src/db/openDatabase.ts';
import { APP_EVENTS_DIR, loadAppEventCatalog } from '../../src/timeline/appEventCatalog.ts';
import { createTimelineBatch } from '../../src/timeline/postTimelineBatch.ts';
import { createTimeline } from '../../src/timeline/postTimelineEvent.ts';
import { createTimelineRepo } from '../../src/timeline/timelineRepo.ts';
import { type CrmWorld, startCrmWorld } from '../sandbox/support/crmSandbox.ts';
import { directHubspotCall } from '../support/directHubspotCall.ts';

let world: CrmWorld;
afterEach(async () => world?.close());

async function setup(appEventsEnabled: boolean, contacts = 3) {
  world = await startCrmWorld({ appEventsEnabled });
  for (const file of readdirSync(APP_EVENTS_DIR)) {
    registerAppEventType(
      world.portal,
      appEventTypeFromHsmeta(JSON.parse(readFileSync(join(APP_EVENTS_DIR, file), 'utf8'))),
    );
  }
  const ids = Array.from(
    { length: contacts },
    (_, i) => createRecord(world.state, world.portal, 'contacts', { email: `p${i}@acme.test` }).id,
  );
  const db = openDatabase(':memory:');
  migrate(db);
  const hubspot = directHubspotCall(world.client);
  const repo = createTimelineRepo(db);
  const catalog = loadAppEventCatalog();
  const timeline = createTimeline({ hubspot, repo, catalog, now: Date.now });
  return { ids, hubspot, batch: createTimelineBatch({ hubspot, repo, catalog, now: Date.now, timeline }) };
}

const summarized = (objectId: string, n = 1) => ({
  portalId: 4242,
  eventUid: 'conversation_summarized',
  objectId,
  occurrenceId: `session-s${n}-contact-${objectId}`,
  properties: {
    title: 'Call',
    durationMinutes: '30',
    summary: 'Brief',
    sentiment: 'neutral',
    summaryUrl: 'https://x.test/s',
  },
  timestamp: new Date('2026-03-02T08:00:00Z'),
});

describe('timeline events in batches', () => {
  it('posts 250 occurrences in 3 calls, and none again the second time', async () => {
    const { ids, hubspot, batch } = await setup(true, 250);
    const occurrences = ids.map((id) => summarized(id));
    expect(await batch.postMany(4242, occurrences)).toEqual({ done: 250, failed: [] });
    expect(hubspot.calls).toBe(3);
    expect(readCallLog(world.state, { pathPrefix: '/integrators/timeline/2026-03/events/batch' })).toHaveLength(3);
    expect(await batch.postMany(4242, occurrences)).toEqual({ done: 250, failed: [] });
    expect(hubspot.calls).toBe(3);
    expect(readTimeline(world.state, 4242)).toHaveLength(250);
  });

  it('takes HubSpot’s 409 for an occurrence already there (posted before we recorded it) as done', async () => {
    const { ids, batch } = await setup(true);
    const first = summarized(ids[0]!);
    // Posted before, but our record of it was lost (a crash between HubSpot's answer and our commit).
    await world.call('POST', '/integrators/timeline/2026-03/events/batch', {
      inputs: [
        {
          eventTypeName: 'conversation_summarized',
          id: first.occurrenceId,
          objectId: first.objectId,
          properties: first.properties,
        },
      ],
    });
    expect(await batch.postMany(4242, [first, summarized(ids[1]!)])).toEqual({ done: 2, failed: [] });
    expect(readTimeline(world.state, 4242)).toHaveLength(2);
  });

  it('reports an occurrence HubSpot refuses, with its reason, and posts the others', async () => {
    const { ids, batch } = await setup(true);
    const result = await batch.postMany(4242, [summarized(ids[0]!), summarized('999999')]);
    expect(result.done).toBe(1);
    expect(result.failed).toEqual([
      {
        occurrenceId: 'session-s1-contact-999999',
        objectId: '999999',
        reason: expect.stringContaining('999999'),
        retryable: false,
      },
    ]);
  });

  it('where the portal has no app events, falls back to one note per occurrence', async () => {
    const { ids, batch } = await setup(false, 2);
    expect(
      await batch.postMany(
        4242,
        ids.map((id) => summarized(id)),
      ),
    ).toEqual({ done: 2, failed: [] });
    expect(readRecords(world.state, 4242, 'notes')).toHaveLength(2);
    expect(readTimeline(world.state, 4242)).toHaveLength(0);
  });
});
