import { afterEach, describe, expect, it, vi } from 'vitest';
import { queueScenario, setRecipient, signWebhookBody, type StatusScenario } from '../../sandbox/whatsapp/index.ts';
import {
  APP_SECRET,
  fixture,
  fixtureText,
  signatureMatches,
  startWorld,
  templateBody,
  textBody,
  type WebhookBody,
  type World,
} from './whatsapp.helpers.ts';

const USER = '+16505551234';
/** The fixtures' clock: sent at 1750263773, delivered +2 s, read +28 s. */
const FIXTURE_TIMES = { now: () => 1_750_263_773_000, statusOffsetsMs: { sent: 0, delivered: 2_000, read: 28_000 } };

let world: World;
afterEach(() => world?.close());

/** The fixture with its wamid replaced by ours (ids are the only thing the sandbox cannot share with it). */
function withId(name: string, id: string): WebhookBody {
  const body = fixture<WebhookBody>(name);
  body.entry[0]!.changes[0]!.value.statuses![0]!.id = id;
  return body;
}

async function sendTemplate(to = USER): Promise<string> {
  const res = await world.send(templateBody(to, 'order_update', ['Ada', '#1234']));
  expect(res.status).toBe(200);
  return res.body.messages![0]!.id;
}

describe('WhatsApp sandbox: status webhooks', () => {
  it('signs with X-Hub-Signature-256 = HMAC-SHA256(app secret, raw body), checked independently', async () => {
    world = await startWorld();
    await sendTemplate();
    await world.sandbox.flush();
    expect(world.receiver.received).toHaveLength(3);
    for (const r of world.receiver.received) {
      expect(signatureMatches(APP_SECRET, r.raw, r.headers['x-hub-signature-256'])).toBe(true);
      expect(signatureMatches('wrong_secret', r.raw, r.headers['x-hub-signature-256'])).toBe(false);
      expect(r.headers['content-type']).toBe('application/json');
    }
  });

  it("the sandbox's signer reproduces the published test vector", () => {
    const vector = /X-Hub-Signature-256: (sha256=[0-9a-f]{64})/.exec(fixtureText('signature-vector.txt'))![1];
    const body = fixtureText('signature-vector.body.json');
    expect(Buffer.byteLength(body)).toBe(477);
    expect(signWebhookBody('test_app_secret', body)).toBe(vector);
    expect(signWebhookBody('test_app_secret', `${body}\n`)).not.toBe(vector);
  });

  it('posts sent → delivered → read, each identical to the constructed fixtures apart from the wamid', async () => {
    world = await startWorld(FIXTURE_TIMES);
    const id = await sendTemplate();
    await world.sandbox.flush();
    expect(world.receiver.received.map((r) => r.json)).toEqual([
      withId('constructed-webhook-status-sent.json', id),
      withId('constructed-webhook-status-delivered.json', id),
      withId('constructed-webhook-status-read.json', id),
    ]);
  });

  it('failed 131026 and failed 131047 match their fixtures', async () => {
    world = await startWorld({ now: () => 1_698_231_447_000 });
    setRecipient(world.sandbox.state, '32476755376', { onWhatsApp: false });
    const undeliverable = await sendTemplate('+32476755376');
    world.sandbox.state.setClock(1_750_264_000_000);
    const outsideWindow = (await world.send(textBody(USER, 'still there?'))).body.messages![0]!.id;
    await world.sandbox.flush();
    expect(world.receiver.received.map((r) => r.json)).toEqual([
      withId('constructed-webhook-status-failed-131026.json', undeliverable),
      withId('constructed-webhook-status-failed-131047.json', outsideWindow),
    ]);
  });

  const scenarios: [string, StatusScenario, string[]][] = [
    ['duplicated', { kind: 'duplicated' }, ['sent', 'delivered', 'delivered', 'read']],
    ['reordered', { kind: 'reordered' }, ['read', 'delivered', 'sent']],
    ['read without delivered', { kind: 'read_without_delivered' }, ['sent', 'read']],
    ['dropped sent', { kind: 'dropped' }, ['delivered', 'read']],
    ['no read receipts', { kind: 'no_read' }, ['sent', 'delivered']],
    ['failed after sent', { kind: 'failed', code: 131049, afterSent: true }, ['sent', 'failed']],
    [
      'delivered after failed (multi-device)',
      {
        kind: 'custom',
        steps: [
          { status: 'failed', offsetMs: 0, errorCode: 131000 },
          { status: 'delivered', offsetMs: 500 },
        ],
      },
      ['failed', 'delivered'],
    ],
  ];

  it.each(scenarios)('scenario %s posts exactly %j', async (_name, scenario, expected) => {
    world = await startWorld(FIXTURE_TIMES);
    queueScenario(world.sandbox.state, scenario);
    const id = await sendTemplate();
    const next = await sendTemplate(); // the queued scenario applies to one message only
    await world.sandbox.flush();
    const mine = world.receiver.statuses().filter((s) => s.id === id);
    expect(mine.map((s) => s.status)).toEqual(expected);
    expect(
      world.receiver
        .statuses()
        .filter((s) => s.id === next)
        .map((s) => s.status),
    ).toEqual(['sent', 'delivered', 'read']);
    for (const s of mine.filter((x) => x.status === 'failed')) expect(s.errors?.[0]?.code).toEqual(expect.any(Number));
  });

  it('reordered statuses keep the timestamps of when they happened', async () => {
    world = await startWorld(FIXTURE_TIMES);
    queueScenario(world.sandbox.state, { kind: 'reordered' });
    await sendTemplate();
    await world.sandbox.flush();
    expect(world.receiver.statuses().map((s) => [s.status, s.timestamp])).toEqual([
      ['read', '1750263801'],
      ['delivered', '1750263775'],
      ['sent', '1750263773'],
    ]);
  });

  it('a per-recipient scenario applies to every message to that user; a queued one wins for one message', async () => {
    world = await startWorld();
    setRecipient(world.sandbox.state, USER, { scenario: { kind: 'no_read' } });
    queueScenario(world.sandbox.state, { kind: 'duplicated', status: 'sent' });
    const [a, b] = [await sendTemplate(), await sendTemplate()];
    await world.sandbox.flush();
    const of = (id: string) =>
      world.receiver
        .statuses()
        .filter((s) => s.id === id)
        .map((s) => s.status);
    expect(of(a)).toEqual(['sent', 'sent', 'delivered', 'read']);
    expect(of(b)).toEqual(['sent', 'delivered']);
  });

  it('retries a webhook answered with non-200 (here 500, 500, 204) and stops at 200', async () => {
    world = await startWorld({ receiverReply: (n) => [500, 500, 204][n - 1] ?? 200 });
    queueScenario(world.sandbox.state, { kind: 'custom', steps: [{ status: 'sent', offsetMs: 0 }] });
    await sendTemplate();
    const report = await world.sandbox.flush();
    expect(report).toMatchObject({ attempts: 4, delivered: 1, gaveUp: 0 });
    const bodies = world.receiver.received.map((r) => r.raw.toString());
    expect(new Set(bodies).size).toBe(1);
    expect(world.sandbox.state.outbox.deliveries[0]!.attempts.map((a) => a.httpStatus)).toEqual([500, 500, 204, 200]);
  });

  it('gives up after maxAttempts when the endpoint keeps failing', async () => {
    world = await startWorld({ maxAttempts: 3, receiverReply: () => 503 });
    queueScenario(world.sandbox.state, { kind: 'custom', steps: [{ status: 'sent', offsetMs: 0 }] });
    await sendTemplate();
    expect(await world.sandbox.flush()).toMatchObject({ attempts: 3, delivered: 0, gaveUp: 1 });
    expect(world.receiver.received).toHaveLength(3);
    expect(world.sandbox.state.outbox.pending()).toHaveLength(0);
  });

  it('delivers on its own with autoDeliver; a failed post is retried after a backoff, behind later ones', async () => {
    world = await startWorld({
      autoDeliver: true,
      deliveryDelayMs: 1,
      retryBaseMs: 20,
      receiverReply: (n) => (n === 1 ? 500 : 200),
    });
    await sendTemplate();
    const { deliveries } = world.sandbox.state.outbox;
    await vi.waitFor(() => expect(deliveries.map((d) => d.state)).toEqual(['delivered', 'delivered', 'delivered']), {
      timeout: 2_000,
    });
    expect(deliveries[0]!.attempts.map((a) => a.httpStatus)).toEqual([500, 200]);
    expect(world.receiver.statuses().map((s) => s.status)).toEqual(['sent', 'delivered', 'read', 'sent']);
  });
});
