import { afterEach, describe, expect, it } from 'vitest';
import { type InboundInput, subscribeWebhook } from '../../sandbox/whatsapp/index.ts';
import {
  APP_SECRET,
  fixture,
  signatureMatches,
  startReceiver,
  startWorld,
  textBody,
  VERIFY_TOKEN,
  type WebhookBody,
  type World,
} from './whatsapp.helpers.ts';

const USER = '+16505551234';
let world: World;
afterEach(() => world?.close());

type Message = { id: string; timestamp: string; context?: { id: string } } & Record<string, unknown>;
const firstMessage = (body: WebhookBody) => body.entry[0]!.changes[0]!.value.messages![0] as Message;

/**
 * For each inbound fixture: what a simulated user does to produce it. The sandbox runs at the fixture's
 * timestamp under the fixture's WABA id, so the webhook must equal the fixture except the new wamid.
 */
const cases: [string, (f: WebhookBody) => InboundInput][] = [
  ['webhook-inbound-text-message.json', () => ({ from: USER, text: 'Does it come in another color?' })],
  [
    'webhook-inbound-button-message.json',
    (f) => ({
      from: USER,
      button: { payload: 'Unsubscribe', text: 'Unsubscribe' },
      replyTo: firstMessage(f).context!.id,
    }),
  ],
  [
    'webhook-inbound-interactive-button-reply-message.json',
    (f) => ({
      from: USER,
      buttonReply: { id: 'cancel-button', title: 'Cancel' },
      replyTo: firstMessage(f).context!.id,
    }),
  ],
  [
    'webhook-inbound-interactive-list-reply-message.json',
    (f) => ({
      from: USER,
      listReply: { id: 'priority_express', title: 'Priority Mail Express', description: 'Next Day to 2 Days' },
      replyTo: firstMessage(f).context!.id,
    }),
  ],
  [
    'webhook-inbound-reaction-message.json',
    () => ({
      from: USER,
      reaction: { messageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RTJEOTc2ODVERUY5RDlGNkYA', emoji: '👍' },
    }),
  ],
  [
    'webhook-inbound-image-message.json',
    () => ({
      from: USER,
      image: {
        id: '1003383421387256',
        caption: 'Taj Mahal',
        mimeType: 'image/jpeg',
        sha256: 'SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=',
      },
    }),
  ],
  ['webhook-inbound-unsupported-message.json', () => ({ from: USER, unsupported: true })],
];

describe('WhatsApp sandbox: inbound messages from a simulated user', () => {
  it.each(cases)('produces a signed webhook equal to %s (apart from the wamid)', async (file, input) => {
    const expected = fixture<WebhookBody>(file);
    const at = Number(firstMessage(expected).timestamp) * 1000;
    world = await startWorld({ wabaId: expected.entry[0]!.id, now: () => at });
    const { id } = world.sandbox.sendInbound({ ...input(expected), profileName: 'Sheena Nelson' });
    await world.sandbox.flush();
    firstMessage(expected).id = id;
    const [received] = world.receiver.received;
    expect(received!.json).toEqual(expected);
    expect(signatureMatches(APP_SECRET, received!.raw, received!.headers['x-hub-signature-256'])).toBe(true);
  });

  it('a button reply defaults its context to the last message sent to that user', async () => {
    world = await startWorld();
    const sent = await world.send({
      messaging_product: 'whatsapp',
      to: USER,
      type: 'template',
      template: {
        name: 'welcome',
        language: { code: 'en_US' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'Acme' }] }],
      },
    });
    world.sandbox.sendInbound({ from: USER, button: { payload: 'STOP_PROMOS', text: 'Stop promotions' } });
    await world.sandbox.flush();
    expect(world.receiver.messages()[0]).toMatchObject({
      context: { from: '15550783881', id: sent.body.messages![0]!.id },
    });
    expect(() => world.sandbox.sendInbound({ from: '+447700900123', buttonReply: { id: 'x', title: 'X' } })).toThrow(
      /replyTo/,
    );
  });

  it('an inbound message opens the 24 h window: free text then goes through, until 24 h pass', async () => {
    let now = 1_750_000_000_000;
    world = await startWorld({ now: () => now, windowErrorMode: 'sync' });
    expect((await world.send(textBody(USER, 'before'))).body.error?.code).toBe(131047);
    world.sandbox.sendInbound({ from: USER, text: 'hello!' });
    now += 24 * 3600_000 - 1;
    expect((await world.send(textBody(USER, 'inside'))).status).toBe(200);
    now += 1;
    expect((await world.send(textBody(USER, 'after'))).body.error?.code).toBe(131047);
  });

  it('in async mode the same free text is delivered normally once the user has written', async () => {
    world = await startWorld();
    world.sandbox.sendInbound({ from: USER, text: 'hi' });
    const id = (await world.send(textBody(USER, 'reply'))).body.messages![0]!.id;
    await world.sandbox.flush();
    const statuses = world.receiver.statuses().filter((s) => s.id === id);
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    expect(statuses[0]!.pricing).toEqual({
      billable: false,
      pricing_model: 'PMP',
      category: 'service',
      type: 'free_customer_service',
    });
  });
});

describe('WhatsApp sandbox: GET verification handshake', () => {
  it('passes when the endpoint echoes hub.challenge for the right verify token', async () => {
    world = await startWorld();
    const result = await world.sandbox.verifyWebhook({
      url: world.receiver.url,
      verifyToken: VERIFY_TOKEN,
      challenge: '1158201444',
    });
    expect(result).toMatchObject({ ok: true, status: 200, body: '1158201444' });
  });

  it('fails on a wrong token (403) and on an endpoint that does not echo the raw challenge', async () => {
    world = await startWorld();
    expect(await world.sandbox.verifyWebhook({ url: world.receiver.url, verifyToken: 'wrong' })).toMatchObject({
      ok: false,
      status: 403,
    });
    const sloppy = await startReceiver({ echo: (challenge) => JSON.stringify({ challenge }) });
    const res = await world.sandbox.verifyWebhook({ url: sloppy.url, verifyToken: VERIFY_TOKEN, challenge: '42' });
    expect(res).toMatchObject({
      ok: false,
      status: 200,
      body: '{"challenge":"42"}',
      reason: 'body is not the challenge',
    });
    await sloppy.close();
  });

  it('subscribeWebhook stores the callback URL only after a successful handshake', async () => {
    world = await startWorld();
    const { state } = world.sandbox;
    const other = await startReceiver({ verifyToken: 'other-token' });
    expect((await subscribeWebhook(state, { url: other.url, verifyToken: 'bad' })).ok).toBe(false);
    expect(state.webhookTarget(state.wabas.keys().next().value!)?.url).toBe(world.receiver.url);
    expect((await subscribeWebhook(state, { url: other.url, verifyToken: 'other-token' })).ok).toBe(true);
    expect(state.webhookTarget(state.wabas.keys().next().value!)?.url).toBe(other.url);
    await other.close();
  });
});
