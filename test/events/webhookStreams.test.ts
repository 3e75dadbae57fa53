import { afterEach, describe, expect, it } from 'vitest';
import { deliverWebhooks, type WebhookEvent } from '../../sandbox/hubspot/caller/index.ts';
import type { ObjectEvents } from '../../src/webhooks/index.ts';
import { eventually, gate } from '../jobs/support.ts';
import { TEST_SECRET } from '../support/testApp.ts';
import { type EventWorld, PORTAL, startEventWorld, unseenEvents } from './eventWorld.ts';
import { postSigned, webhookEvent } from './webhookFixtures.ts';

let world: EventWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A world with one handler for deal stage changes that records what it saw; `hold` makes it wait. */
async function dealWorld(opts: { hold?: Promise<void>; failFirst?: number } = {}) {
  world = await startEventWorld();
  const seen: { dealId: number; values: unknown[] }[] = [];
  let failures = opts.failFirst ?? 0;
  world.spine.webhooks.subscribe(
    [{ event: 'deal.propertyChange', propertyName: 'dealstage' }],
    'test.dealStage',
    async (b: ObjectEvents) => {
      seen.push({ dealId: b.objectId, values: b.events.map((e) => e.body.propertyValue) });
      if (opts.hold) await opts.hold;
      if (failures-- > 0) throw new Error('HubSpot was down');
    },
  );
  const w = world;
  const send = async (events: WebhookEvent[]) => {
    const reports = await deliverWebhooks({ targetUrl: w.webhookUrl, clientSecret: TEST_SECRET, events });
    expect(reports.every((r) => r.delivered)).toBe(true);
  };
  return { world: w, seen, send };
}

const stage = (value: string, at: number, dealId = 9001) =>
  webhookEvent({ objectId: dealId, propertyValue: value, occurredAt: 1_764_000_000_000 + at });

describe('webhook streams: one job per object and handler, events in order', () => {
  it('when a deal changes again while its job waits, the change joins that job', async () => {
    const { world, seen, send } = await dealWorld();
    await send([stage('qualified', 1)]);
    await send([stage('contract', 2)]);
    expect(world.counts().jobs).toBe(1);
    await world.spine.worker.runUntilIdle();
    expect(seen).toEqual([{ dealId: 9001, values: ['qualified', 'contract'] }]);
  });

  it('when a deal changes after its job finished, a new job sees only the new change', async () => {
    const { world, seen, send } = await dealWorld();
    await send([stage('qualified', 1)]);
    await world.spine.worker.runUntilIdle();
    await send([stage('closedwon', 2)]);
    expect(world.counts().jobs).toBe(2);
    await world.spine.worker.runUntilIdle();
    expect(seen.map((s) => s.values)).toEqual([['qualified'], ['closedwon']]);
  });

  it('when a deal changes while its job runs, the next job waits for it and then sees the change', async () => {
    const hold = gate();
    const { world, seen, send } = await dealWorld({ hold: hold.promise });
    world.spine.worker.start();
    await send([stage('qualified', 1)]);
    await eventually(() => seen.length === 1);
    await send([stage('closedwon', 2)]);
    expect(world.counts().jobs).toBe(2);
    await new Promise((r) => setTimeout(r, 100)); // the second job is claimed and finds the deal busy
    expect(seen).toHaveLength(1);
    hold.open();
    await eventually(() => seen.length === 2, 5_000);
    expect(seen.map((s) => s.values)).toEqual([['qualified'], ['closedwon']]);
    // It waited by deferring (retry-after: no attempt used), not by running beside the first job.
    const second = world.db.prepare('SELECT attempts, deferrals FROM jobs ORDER BY id DESC LIMIT 1').get();
    expect(second).toMatchObject({ attempts: 1 });
    expect((second as { deferrals: number }).deferrals).toBeGreaterThan(0);
  });

  it('when the handler fails, the retry gets the same events and they are processed only once it succeeds', async () => {
    const { world, seen, send } = await dealWorld({ failFirst: 1 });
    await send([stage('qualified', 1), stage('contract', 2)]);
    await world.spine.worker.runUntilIdle(); // first run fails; the retry is scheduled after backoff
    const [job] = world.db.prepare('SELECT id, attempts, status FROM jobs').all() as { id: number; status: string }[];
    expect(job?.status).toBe('pending');
    world.db.prepare('UPDATE jobs SET run_at = 0').run(); // skip the backoff wait
    world.spine.queue.notifyAvailable();
    await world.spine.worker.runUntilIdle();
    expect(seen.map((s) => s.values)).toEqual([
      ['qualified', 'contract'],
      ['qualified', 'contract'],
    ]);
    expect(unseenEvents(world.db)).toBe(0);
  });
});

describe('webhook streams behind a dead letter', () => {
  it("a job dead-lettered before it began holds its deal's later changes until replayed, then sees them all", async () => {
    const { world, seen, send } = await dealWorld();
    await send([stage('qualified', 1)]);
    // The operator's view: the job failed for good before it ever ran (simulated: its row marked dead).
    world.db.prepare("UPDATE jobs SET status = 'dead', last_error_code = 'internal'").run();
    await send([stage('contract', 2)]);
    expect(world.counts().jobs).toBe(1); // no second job: the dead letter still owns the deal's events
    const [dead] = (await world.spine.queue.listDeadLetters({ limit: 10 })).items;
    expect(await world.spine.queue.replay(dead!.id)).toBe(1);
    await world.spine.worker.runUntilIdle();
    expect(seen).toEqual([{ dealId: 9001, values: ['qualified', 'contract'] }]);
  });
});

describe('webhook intake: what is acknowledged but not stored', () => {
  it('events for an unknown portal get 200, are dropped, and leave one log line for the batch', async () => {
    const { world } = await dealWorld();
    const body = JSON.stringify([stage('a', 1), stage('b', 2)].map((e) => ({ ...e, portalId: 999 })));
    const res = await postSigned(world.webhookUrl, body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 2, stored: 0, dropped: 2 });
    expect(world.counts()).toMatchObject({ events: 0, jobs: 0 });
    const lines = world.logs.lines.filter((l) => l.includes('unknown or uninstalled portal'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"portalId":999');
  });

  it('events for an uninstalled portal are dropped; the installed portal in the same batch is stored', async () => {
    const { world } = await dealWorld();
    world.installations.upsert(
      { portalId: 7, authKind: 'oauth', status: 'uninstalled', statusReason: 'uninstalled', hubDomain: null },
      new Date(),
    );
    const body = JSON.stringify([{ ...stage('a', 1), portalId: 7 }, stage('b', 2)]);
    const res = await postSigned(world.webhookUrl, body);
    expect(res.body).toMatchObject({ received: 2, stored: 1, dropped: 1, jobs: 1 });
  });

  it('events no handler subscribed to are acknowledged and not stored', async () => {
    const { world } = await dealWorld();
    const other = webhookEvent({ subscriptionType: 'company.creation', propertyName: undefined, portalId: PORTAL });
    const res = await postSigned(
      world.webhookUrl,
      JSON.stringify([other, stage('x', 1, 1), webhookEvent({ propertyName: 'amount' })]),
    );
    expect(res.body).toMatchObject({ received: 3, stored: 1, ignored: 2 });
    expect(world.counts().events).toBe(1);
  });
});
