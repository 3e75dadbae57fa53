import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { deliverWebhooks, type WebhookEvent } from '../../sandbox/hubspot/caller/index.ts';
import { webhookInboxPath } from '../../src/webhooks/index.ts';
import { eventually } from '../jobs/support.ts';
import { PORTAL } from './eventWorld.ts';
import { freePort } from '../../sandbox/listen.ts';
import { serviceEnv, startChildService } from './support/childService.ts';
import { objectHistory, seededRandom, shuffle, webhookEvent } from './webhookFixtures.ts';

const SECRET = 'inbox-kill-test-client-secret';
const CHILD = join(import.meta.dirname, 'support/webhookChild.ts');
const DEALS = 300; // × (creation + 9 stage changes)
const CONTACTS = 1_000;

const children: ReturnType<typeof startChildService>[] = [];
afterAll(() => {
  for (const c of children) c.child.kill('SIGKILL');
});

function scenario() {
  const random = seededRandom(5_052);
  const deals = Array.from({ length: DEALS }, (_, i) =>
    objectHistory({ type: 'deal', objectId: 70_000 + i, changes: 9, property: 'dealstage', start: 1_764_000_000_000 }),
  ).flat();
  const contacts = Array.from({ length: CONTACTS }, (_, i) =>
    webhookEvent({
      subscriptionType: 'contact.creation',
      subscriptionId: 22,
      objectId: 80_000 + i,
      propertyName: undefined,
    }),
  );
  const distinct = [...deals, ...contacts];
  const duplicates = Array.from({ length: distinct.length / 5 }, () =>
    structuredClone(distinct[Math.floor(random() * distinct.length)]!),
  );
  return { distinct, deliveries: shuffle([...distinct, ...duplicates], random) };
}

/** Delivers every event in batches of 50, four batches in flight, as HubSpot's retrying sender. */
async function deliverAll(url: string, events: WebhookEvent[]): Promise<boolean[]> {
  const batches = Array.from({ length: Math.ceil(events.length / 50) }, (_, i) => events.slice(i * 50, i * 50 + 50));
  const delivered: boolean[] = [];
  for (let i = 0; i < batches.length; i += 4) {
    const reports = await Promise.all(
      batches.slice(i, i + 4).map((batch) => deliverWebhooks({ targetUrl: url, clientSecret: SECRET, events: batch })),
    );
    delivered.push(...reports.flat().map((r) => r.delivered));
  }
  return delivered;
}

describe('kill -9 of both processes of a split deployment while webhooks are fanned out', () => {
  it('every acknowledged event is stored once and every handler sees each of its events once', {
    timeout: 120_000,
  }, async () => {
    const base = await serviceEnv({ hubspotUrl: 'http://127.0.0.1:9', clientSecret: SECRET });
    const env = { ...base, LOG_LEVEL: 'warn', TEST_PORTAL_ID: String(PORTAL) };
    const workerEnv = { ...env, WEBHOOK_CHILD_ROLE: 'worker', PORT: String(await freePort()) };
    const web = startChildService({ ...env, LOG_LEVEL: 'info', WEBHOOK_CHILD_ROLE: 'web' }, CHILD);
    const worker = startChildService({ ...workerEnv, LOG_LEVEL: 'info' }, CHILD);
    children.push(web, worker);
    const url = `${await web.listening}/webhooks/hubspot`;
    await worker.listening;
    const db = new Database(env.DATABASE_PATH, { readonly: true });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const inboxDb = new Database(webhookInboxPath(env.DATABASE_PATH), { readonly: true });
    const inbox = () => (inboxDb.prepare('SELECT COUNT(*) AS n FROM webhook_inbox').get() as { n: number }).n;

    const { distinct, deliveries } = scenario();
    const sending = deliverAll(url, deliveries);
    // The worker dies as soon as the fan-out has stored something: mid-slice or between two.
    await eventually(() => count('SELECT COUNT(*) AS n FROM webhook_events') > 0, 30_000);
    worker.child.kill('SIGKILL');
    await worker.exited;
    const storedAtKill = count('SELECT COUNT(*) AS n FROM webhook_events');
    const delivered = await sending;
    expect(delivered.every(Boolean)).toBe(true);
    // Every delivery is acknowledged; the HTTP process dies too: what it acknowledged must be on disk.
    web.child.kill('SIGKILL');
    await web.exited;
    expect(storedAtKill).toBeLessThan(distinct.length);
    expect(inbox()).toBeGreaterThan(0);

    const restarted = startChildService({ ...workerEnv, LOG_LEVEL: 'info' }, CHILD);
    children.push(restarted);
    await restarted.listening;
    const unfinished = "SELECT COUNT(*) AS n FROM jobs WHERE status IN ('pending', 'running')";
    await eventually(() => inbox() === 0 && count(unfinished) === 0, 60_000);
    restarted.child.kill('SIGTERM');
    expect((await restarted.exited).code).toBe(0);

    expect(count('SELECT COUNT(*) AS n FROM webhook_events')).toBe(distinct.length);
    expect(count("SELECT COUNT(*) AS n FROM jobs WHERE status = 'dead'")).toBe(0);
    // Each job records how many events its handler was given; over an object's jobs, each event counts once.
    const seen = db
      .prepare(
        `SELECT type, object_key AS object, SUM(json_extract(result, '$.events')) AS events FROM jobs
         WHERE status = 'completed' GROUP BY type, object_key`,
      )
      .all() as { type: string; object: string; events: number }[];
    expect(seen).toHaveLength(DEALS + CONTACTS);
    for (const s of seen) expect(s.events).toBe(s.type === 'test.dealTimeline' ? 10 : 1);
    db.close();
    inboxDb.close();
  });
});
