import { afterEach, describe, expect, it } from 'vitest';
import { failNextSends, setTemplateStatus } from '../../sandbox/whatsapp/index.ts';
import { SEND_CLAIM_MS, type SendRequest, sendWhatsAppMessage } from '../../src/messaging/sendMessage.ts';
import { type SandboxWorld, startSandboxWorld } from '../whatsapp/sandboxWorld.ts';
import { demoAccount, grantConsent, type MessagingDb, messagingDb, PORTAL, sendDeps } from './messagingFixtures.ts';

const PHONE = '+34612345678';

let world: SandboxWorld;
let w: MessagingDb;
afterEach(() => world?.close());

async function setUp() {
  w = messagingDb();
  world = await startSandboxWorld({ now: w.clock.now });
  w.accounts.save(demoAccount(), w.clock.now());
  const sync = await world.provider.listTemplates();
  if (!sync.ok) throw new Error('sync failed');
  for (const t of sync.templates) w.templates.saveSynced(PORTAL, t, w.clock.now());
  w.templates.setMapping(
    PORTAL,
    'payment_reminder',
    'en_US',
    [
      { position: 1, source: { from: 'contact', property: 'firstname' }, fallback: 'there' },
      { position: 2, source: { from: 'deal', property: 'amount' }, format: { kind: 'money', currency: 'EUR' } },
      { position: 3, source: { from: 'deal', property: 'due_date' }, format: { kind: 'date' } },
    ],
    w.clock.now(),
  );
  grantConsent(w, PHONE);
}

const request = (over: Partial<SendRequest> = {}): SendRequest => ({
  contactId: '501',
  contact: { mobilephone: '612 34 56 78', firstname: '' },
  deal: { amount: '149.9', due_date: '2026-03-20' },
  content: { kind: 'template', name: 'payment_reminder' },
  idempotencyKey: 'workflow:cb-1',
  ...over,
});
const send = (over: Partial<SendRequest> = {}) => sendWhatsAppMessage(sendDeps(w, world.provider), request(over));

describe('one sender at a time per message (the send claim)', () => {
  it('the same key sent twice at once (a retry, another instance) reaches WhatsApp once; the other is told it is in flight', async () => {
    await setUp();
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.outcome, b.outcome].sort()).toEqual(['in_flight', 'sent']);
    expect(world.sandbox.state.sent).toHaveLength(1);
    expect((await send()).outcome).toBe('duplicate');
  });

  it('a claim left by a caller that died is taken over once it expires, and the message goes out', async () => {
    await setUp();
    const key = 'workflow:cb-crashed';
    const row = {
      portalId: PORTAL,
      phone: PHONE,
      phoneNumberId: '106540352242922',
      kind: 'template',
      idempotencyKey: key,
    };
    const { message } = w.store.insertOutbound(row, w.clock.now());
    expect(w.store.claimSend(message.id, w.clock.now(), SEND_CLAIM_MS)).toBe(true); // then the process died
    expect((await send({ idempotencyKey: key })).outcome).toBe('in_flight');
    expect(world.sandbox.state.sent).toHaveLength(0);
    w.clock.advance(SEND_CLAIM_MS);
    expect((await send({ idempotencyKey: key })).outcome).toBe('sent');
    expect(world.sandbox.state.sent).toHaveLength(1);
  });
});

describe('sending one WhatsApp message', () => {
  it('a mapped template reaches the sandbox with its variables filled and the rendered text is stored', async () => {
    await setUp();
    const outcome = await send();
    expect(outcome.outcome).toBe('sent');
    expect(world.sandbox.state.sent[0]?.template?.bodyParameters).toEqual(['there', '€149.90', 'March 20, 2026']);
    expect(world.sandbox.state.sent[0]?.to).toBe(PHONE);
    const stored = outcome.outcome === 'sent' ? outcome.message : undefined;
    expect(stored).toMatchObject({
      status: 'accepted',
      body: 'Hi there, a payment of €149.90 is due on March 20, 2026.',
      contactId: '501',
      templateCategory: 'UTILITY',
    });
    expect(outcome.outcome === 'sent' && outcome.effects.map((e) => e.kind)).toEqual([
      'timeline',
      'contact_properties',
    ]);
  });

  it('the same idempotency key twice (workflow retried with one callbackId) sends once', async () => {
    await setUp();
    const first = await send();
    const second = await send();
    expect(second).toEqual({ outcome: 'duplicate', message: first.outcome === 'sent' ? first.message : undefined });
    expect(world.sandbox.state.sent).toHaveLength(1);
  });

  it('a refused send makes no provider call and stores nothing', async () => {
    await setUp();
    const calls = world.sandbox.state.callLog.length;
    const outcome = await send({ content: { kind: 'text', body: 'Hello?' } });
    expect(outcome).toMatchObject({ outcome: 'refused', reasons: [{ code: 'window_closed' }] });
    expect(world.sandbox.state.callLog).toHaveLength(calls);
    expect(w.store.conversation(PORTAL, PHONE)).toEqual([]);
  });

  it('a retryable provider error leaves the message pending; the retry with the same key sends it', async () => {
    await setUp();
    failNextSends(world.sandbox.state, 131000);
    const first = await send();
    expect(first).toMatchObject({
      outcome: 'failed',
      failure: { reason: 'transient', action: 'retry' },
      message: { status: 'pending' },
    });
    const retry = await send({ attempt: 2 });
    expect(retry).toMatchObject({ outcome: 'sent', message: { status: 'accepted', failure: null } });
    expect(w.store.conversation(PORTAL, PHONE)).toHaveLength(1);
  });

  it('a final provider error is stored with the reason a rep can read', async () => {
    await setUp();
    setTemplateStatus(world.sandbox.state, world.demo.wabaId, 'payment_reminder', 'en_US', 'PAUSED');
    const outcome = await send();
    expect(outcome).toMatchObject({ outcome: 'failed', failure: { code: '132015', reason: 'template_paused' } });
    expect(outcome.outcome === 'failed' && outcome.message).toMatchObject({
      status: 'failed',
      failure: {
        code: '132015',
        reason: 'template_paused',
        message: 'WhatsApp paused this template because of low quality.',
      },
    });
    expect(
      outcome.outcome === 'failed' && outcome.effects.map((e) => (e.kind === 'timeline' ? e.event.kind : e.kind)),
    ).toEqual(['whatsapp_failed']);
    expect(await send()).toMatchObject({ outcome: 'duplicate' });
  });

  it('a pending message that became ineligible before its retry is closed as failed, not sent', async () => {
    await setUp();
    failNextSends(world.sandbox.state, 131000);
    await send();
    w.contacts.recordOptOut({ portalId: PORTAL, phone: PHONE, now: w.clock.now() }, 'all', 'keyword:STOP');
    expect(await send({ attempt: 2 })).toMatchObject({ outcome: 'refused', reasons: [{ code: 'opted_out' }] });
    expect(w.store.findByKey('workflow:cb-1')).toMatchObject({ status: 'failed', failure: { code: 'ineligible' } });
    expect(world.sandbox.state.sent).toHaveLength(0);
  });
});
