import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { addTemplate, failNextSends, openWindow, sendInbound, setRecipient } from '../../sandbox/whatsapp/index.ts';
import type { SendResult, StatusEvent } from '../../src/whatsapp/provider.ts';
import { metaProvider } from '../messaging/messagingFixtures.ts';
import { type SandboxWorld, startSandboxWorld } from './sandboxWorld.ts';

const USER = '+34612345678';
const FIXED_NOW = () => Date.parse('2026-03-02T10:00:00Z');

/** A local port nothing listens on any more: connecting is refused. */
async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

let world: SandboxWorld;
afterEach(() => world?.close());

const orderUpdate = (to = USER, params = ['Ada', '#1234'], language = 'en_US') =>
  world.provider.sendTemplate({
    from: world.demo.phoneNumberId,
    to,
    template: {
      name: 'order_update',
      language,
      bodyParameters: params.map((text) => ({ type: 'text' as const, text })),
    },
  });

const failureOf = (r: SendResult) => {
  if (r.ok) throw new Error(`expected a failure, got ${r.providerMessageId}`);
  return r.failure;
};

describe('Meta Cloud API adapter against the WhatsApp sandbox', () => {
  it('sends a template whose parameters arrive filled, in order, and gets the wamid back', async () => {
    world = await startSandboxWorld();
    const result = await orderUpdate();
    expect(result).toMatchObject({ ok: true, recipientId: '34612345678' });
    const [sent] = world.sandbox.state.sent;
    expect(sent?.id).toBe(result.ok ? result.providerMessageId : '');
    expect(sent?.template).toMatchObject({ name: 'order_update', language: 'en_US', bodyParameters: ['Ada', '#1234'] });
    expect(sent?.body).toMatchObject({
      recipient_type: 'individual',
      template: { language: { policy: 'deterministic' } },
    });
  });

  it('sends quick-reply payloads and a correlation id that status webhooks echo', async () => {
    world = await startSandboxWorld();
    const result = await world.provider.sendTemplate({
      from: world.demo.phoneNumberId,
      to: USER,
      correlationId: 'campaign:7:welcome:v0',
      template: {
        name: 'welcome',
        language: 'en_US',
        bodyParameters: [{ type: 'text', text: 'Switchboard' }],
        quickReplyPayloads: [{ index: 0, payload: 'STOP_PROMOS' }],
      },
    });
    expect(result.ok).toBe(true);
    expect(world.sandbox.state.sent[0]?.template?.buttonParameters).toEqual([
      { type: 'payload', payload: 'STOP_PROMOS' },
    ]);
    const statuses = (await world.webhooks()).flatMap((w) => w.events) as StatusEvent[];
    expect(statuses.map((s) => s.correlationId)).toEqual([
      'campaign:7:welcome:v0',
      'campaign:7:welcome:v0',
      'campaign:7:welcome:v0',
    ]);
  });

  it('sends free text inside the 24-hour window', async () => {
    world = await startSandboxWorld();
    openWindow(world.sandbox.state, world.demo.phoneNumberId, USER);
    const result = await world.provider.sendText({
      from: world.demo.phoneNumberId,
      to: USER,
      body: 'Your order shipped 🚚',
    });
    expect(result.ok).toBe(true);
    expect(world.sandbox.state.sent[0]?.text).toBe('Your order shipped 🚚');
  });

  it.each([
    [
      'a template that is still PENDING',
      () =>
        world.provider.sendTemplate({
          from: world.demo.phoneNumberId,
          to: USER,
          template: { name: 'spring_sale', language: 'en_US', bodyParameters: [] },
        }),
      '132001',
      'template_missing',
    ],
    [
      'a language the template has no translation for',
      () => orderUpdate(USER, ['Ada', '#1'], 'fr'),
      '132001',
      'template_missing',
    ],
    ['one parameter too few', () => orderUpdate(USER, ['Ada']), '132000', 'template_params'],
    [
      'an invalid access token',
      () =>
        metaProvider(world.url, 'EAA-revoked').sendTemplate({
          from: world.demo.phoneNumberId,
          to: USER,
          template: { name: 'order_update', language: 'en_US', bodyParameters: [] },
        }),
      '190',
      'auth',
    ],
  ])('%s is refused and classified', async (_case, send, code, reason) => {
    world = await startSandboxWorld();
    const failure = failureOf(await send());
    expect([failure.code, failure.reason]).toEqual([code, reason]);
    expect(world.sandbox.state.sent).toHaveLength(0);
  });

  it('free text outside the window: 131047, answered synchronously by a number in sync mode', async () => {
    world = await startSandboxWorld({ windowErrorMode: 'sync' });
    const failure = failureOf(
      await world.provider.sendText({ from: world.demo.phoneNumberId, to: USER, body: 'hello?' }),
    );
    expect(failure).toMatchObject({ code: '131047', reason: 'outside_window', action: 'fail' });
  });

  it.each([
    [
      'free text outside the window',
      (w: SandboxWorld) => w.provider.sendText({ from: w.demo.phoneNumberId, to: USER, body: 'hi' }),
      '131047',
      'outside_window',
    ],
    [
      'a user not on WhatsApp',
      (w: SandboxWorld) => {
        setRecipient(w.sandbox.state, USER, { onWhatsApp: false });
        return orderUpdate();
      },
      '131026',
      'undeliverable',
    ],
  ])('%s is accepted, then a failed status webhook carries %s', async (_case, send, code, reason) => {
    world = await startSandboxWorld();
    expect((await send(world)).ok).toBe(true);
    const [webhook] = await world.webhooks();
    expect(webhook?.events).toEqual([
      expect.objectContaining({ kind: 'status', status: 'failed', failure: expect.objectContaining({ code, reason }) }),
    ]);
  });

  it('the 81st message in one second gets 130429, classified as a number throttle to retry', async () => {
    world = await startSandboxWorld({ now: FIXED_NOW });
    for (let i = 0; i < 80; i++) expect((await orderUpdate(`+346000000${String(i).padStart(2, '0')}`)).ok).toBe(true);
    const failure = failureOf(await orderUpdate('+34600000099'));
    expect(failure).toMatchObject({
      code: '130429',
      reason: 'throttled',
      scope: 'number',
      action: 'retry',
      retryAfterMs: 1_000,
    });
  });

  it('too many messages to one user get 131056, classified as a recipient throttle (4^X s)', async () => {
    world = await startSandboxWorld({ now: FIXED_NOW, pairRate: { burst: 2, refillMs: 6_000 } });
    expect((await orderUpdate()).ok).toBe(true);
    expect((await orderUpdate()).ok).toBe(true);
    const failure = failureOf(await orderUpdate());
    expect(failure).toMatchObject({ code: '131056', reason: 'throttled', scope: 'recipient', retryAfterMs: 4_000 });
  });

  it('an injected transient error (131000) is retryable', async () => {
    world = await startSandboxWorld();
    failNextSends(world.sandbox.state, 131000);
    expect(failureOf(await orderUpdate())).toMatchObject({ reason: 'transient', action: 'retry' });
    expect((await orderUpdate()).ok).toBe(true);
  });

  it('marks an inbound message as read; an unknown id is an invalid request', async () => {
    world = await startSandboxWorld();
    const inbound = sendInbound(world.sandbox.state, { from: USER, text: 'hola' });
    const from = world.demo.phoneNumberId;
    expect(await world.provider.markRead({ from, providerMessageId: inbound.id })).toEqual({ ok: true });
    expect(world.sandbox.state.inbound[0]?.readByBusiness).toBe(true);
    const unknown = await world.provider.markRead({ from, providerMessageId: 'wamid.nope' });
    expect(unknown).toMatchObject({ ok: false, failure: { reason: 'invalid_request' } });
  });

  it('lists every template across pages, without sending the token to the paging URL', async () => {
    world = await startSandboxWorld();
    for (let i = 0; i < 130; i++) {
      addTemplate(world.sandbox.state, world.demo.wabaId, {
        name: `bulk_${i}`,
        language: 'en_US',
        category: 'UTILITY',
        body: 'Hi {{1}}',
      });
    }
    const listed = await world.provider.listTemplates();
    if (!listed.ok) throw new Error(listed.failure.message);
    expect(listed.templates).toHaveLength(135);
    expect(listed.skipped).toEqual([]);
    const gets = world.sandbox.state.callLog.filter((c) => c.method === 'GET' && c.path.endsWith('/message_templates'));
    expect(gets).toHaveLength(2);
    expect(listed.templates.find((t) => t.name === 'welcome')).toEqual({
      providerTemplateId: expect.any(String),
      name: 'welcome',
      language: 'en_US',
      category: 'MARKETING',
      status: 'APPROVED',
      bodyText: 'Thanks for joining {{1}}. Tap below if you would rather not get offers from us.',
      header: 'text',
      quickReplies: ['Stop promotions'],
    });
  });

  it('a refused connection is a retryable network failure', async () => {
    world = await startSandboxWorld();
    const closed = metaProvider(await closedPortUrl());
    const result = await closed.sendText({ from: world.demo.phoneNumberId, to: USER, body: 'x' });
    expect(failureOf(result)).toMatchObject({ code: 'network', reason: 'network', action: 'retry' });
  });
});
