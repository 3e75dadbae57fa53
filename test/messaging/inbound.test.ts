import { afterEach, describe, expect, it } from 'vitest';
import { sendInbound } from '../../sandbox/whatsapp/index.ts';
import { decideInbound } from '../../src/messaging/inbound/inboundDecision.ts';
import type { EventOutcome } from '../../src/messaging/providerEvents.ts';
import { sendReply, sendWhatsAppMessage } from '../../src/messaging/sendMessage.ts';
import { defaultWhatsAppSettings, WhatsAppSettingsSchema } from '../../src/messaging/whatsappSettings.ts';
import type { InboundContent } from '../../src/whatsapp/provider.ts';
import { type SandboxWorld, startSandboxWorld } from '../whatsapp/sandboxWorld.ts';
import {
  demoAccount,
  grantConsent,
  type MessagingDb,
  messagingDb,
  PORTAL,
  sendDeps,
  registerOrderUpdate,
} from './messagingFixtures.ts';

const PHONE = '+34612345678';

const routed = WhatsAppSettingsSchema.parse({
  routingRules: [
    {
      id: 'billing',
      team: 'billing',
      keywords: ['invoice', 'factura', 'refund'],
      assignTo: { kind: 'team', teamId: '77' },
      createTicket: true,
      ticket: { pipeline: '0', stage: '1' },
    },
    {
      id: 'sales',
      team: 'sales',
      keywords: ['price', 'precio', 'quote'],
      assignTo: { kind: 'owner', ownerId: '9001' },
    },
  ],
});
const text = (t: string): InboundContent => ({ type: 'text', text: t });

describe('deciding what an inbound message means', () => {
  it.each<[string, string, InboundContent]>([
    ['STOP', 'opt_out:all', text('STOP')],
    ['stop, any case, with punctuation', 'opt_out:all', text('  Stop! ')],
    ['baja with an accent', 'opt_out:all', text('bája.')],
    ['CANCELAR', 'opt_out:all', text('cancelar')],
    [
      'Unsubscribe as a template button (Meta example payload)',
      'opt_out:all',
      { type: 'button', text: 'Unsubscribe', payload: 'Unsubscribe' },
    ],
    [
      'our STOP_PROMOS quick-reply payload',
      'opt_out:marketing',
      { type: 'button', text: 'No more offers', payload: 'STOP_PROMOS' },
    ],
    [
      "Meta's Stop promotions button",
      'opt_out:marketing',
      { type: 'button', text: 'Stop promotions', payload: 'Stop promotions' },
    ],
    ['STOP_PROMOS typed as text is not a button', 'reply', text('STOP_PROMOS')],
    ['stop inside a sentence is not an opt-out', 'reply', text("please don't stop my order")],
    ['START', 'opt_in', text('start')],
    ['a billing keyword', 'route:billing', text('Where is my FACTURA?')],
    ['a sales keyword in a list reply', 'route:sales', { type: 'interactive', replyId: 'quote', title: 'Get a quote' }],
    ['a keyword inside another word does not route', 'reply', text('priceless')],
    ['an ordinary question', 'reply', text('Does it come in another color?')],
    ['a reaction', 'reply', { type: 'reaction', emoji: '👍', messageId: 'wamid.X' }],
  ])('%s → %s', (_case, expected, content) => {
    const d = decideInbound(content, routed);
    const got = d.kind === 'opt_out' ? `opt_out:${d.scope}` : d.kind === 'route' ? `route:${d.rule.id}` : d.kind;
    expect(got).toBe(expected);
  });

  it('opt-out keywords are configurable per portal', () => {
    const settings = WhatsAppSettingsSchema.parse({ optOutKeywords: ['PARAR'] });
    expect(decideInbound(text('parar'), settings).kind).toBe('opt_out');
    expect(decideInbound(text('STOP'), settings).kind).toBe('reply');
  });
});

let world: SandboxWorld;
let w: MessagingDb;
afterEach(() => world?.close());

async function setUp() {
  w = messagingDb();
  world = await startSandboxWorld({ now: w.clock.now });
  w.accounts.save(
    { ...demoAccount(), settings: { ...demoAccount().settings, routingRules: routed.routingRules } },
    w.clock.now(),
  );
  registerOrderUpdate(w, [
    { position: 1, source: { from: 'static', text: 'there' } },
    { position: 2, source: { from: 'static', text: '#1' } },
  ]);
  grantConsent(w, PHONE);
}

async function receive(input: Parameters<typeof sendInbound>[1]): Promise<EventOutcome[]> {
  sendInbound(world.sandbox.state, input);
  const settings = w.accounts.find(PORTAL)!.settings;
  const outcomes = (await world.webhooks()).flatMap((hook) => w.events.handle(PORTAL, settings, hook.events));
  return outcomes.filter((o) => o.kind === 'inbound');
}

const sendTemplate = (key: string) =>
  sendWhatsAppMessage(sendDeps(w, world.provider), {
    contactId: '501',
    contact: { mobilephone: PHONE },
    content: { kind: 'template', name: 'order_update' },
    idempotencyKey: key,
  });

describe('inbound messages from the sandbox', () => {
  it('STOP: opted out, a confirmation goes out, and eligibility refuses every later send', async () => {
    await setUp();
    expect((await sendTemplate('before')).outcome).toBe('sent');
    const [outcome] = await receive({ from: PHONE, text: 'Stop' });
    if (outcome?.kind !== 'inbound' || outcome.duplicate) throw new Error('expected a new inbound message');
    expect(outcome.decision).toMatchObject({ kind: 'opt_out', scope: 'all', keyword: 'STOP' });
    expect(w.contacts.find(PORTAL, PHONE)?.optOut).toMatchObject({ scope: 'all', source: 'keyword:STOP' });
    expect(outcome.effects.map((e) => (e.kind === 'timeline' ? e.event.kind : e.kind))).toEqual([
      'whatsapp_reply_received',
      'contact_properties',
      'whatsapp_opted_out',
      'contact_properties',
    ]);

    const confirmation = await sendReply({ ...sendDeps(w, world.provider), portalId: PORTAL }, outcome.send!);
    expect(confirmation.outcome).toBe('sent');
    expect(world.sandbox.state.sent.at(-1)?.text).toBe(defaultWhatsAppSettings().optOutConfirmation);

    const sentBefore = world.sandbox.state.sent.length;
    const after = await sendTemplate('after');
    expect(after).toMatchObject({ outcome: 'refused', reasons: [{ code: 'opted_out' }] });
    const freeText = await sendWhatsAppMessage(sendDeps(w, world.provider), {
      contactId: '501',
      contact: { mobilephone: PHONE },
      content: { kind: 'text', body: 'Are you sure?' },
      idempotencyKey: 'text-after',
    });
    expect(freeText).toMatchObject({ outcome: 'refused', reasons: [{ code: 'opted_out' }] });
    expect(world.sandbox.state.sent).toHaveLength(sentBefore);
  });

  it('START after STOP clears the opt-out and records consent', async () => {
    await setUp();
    await receive({ from: PHONE, text: 'BAJA' });
    w.clock.advance(60_000);
    const [outcome] = await receive({ from: PHONE, text: 'start' });
    expect(outcome).toMatchObject({ kind: 'inbound', decision: { kind: 'opt_in' }, send: { to: PHONE } });
    const state = w.contacts.find(PORTAL, PHONE)!;
    expect(state.optOut).toBeNull();
    expect(state.consent.utility).toMatchObject({ state: 'granted', source: 'keyword:START' });
    expect((await sendTemplate('again')).outcome).toBe('sent');
  });

  it('a routed keyword decides the team and a ticket holding the message', async () => {
    await setUp();
    const [outcome] = await receive({ from: PHONE, text: 'I need a copy of my invoice for March' });
    if (outcome?.kind !== 'inbound' || outcome.duplicate) throw new Error('expected a new inbound message');
    expect(outcome.decision).toMatchObject({
      kind: 'route',
      rule: { id: 'billing', team: 'billing' },
      keyword: 'invoice',
    });
    expect(outcome.effects).toContainEqual({
      kind: 'assign_team',
      contact: { contactId: null, phone: PHONE },
      teamId: '77',
    });
    expect(outcome.effects).toContainEqual({
      kind: 'ticket',
      contact: { contactId: null, phone: PHONE },
      ticket: expect.objectContaining({
        content: 'I need a copy of my invoice for March',
        pipeline: '0',
        stage: '1',
        idempotencyKey: `wa:${outcome.message.providerMessageId}:ticket`,
      }),
    });
  });

  it('an inbound message opens the 24-hour window: free text is then allowed, from the number written to', async () => {
    await setUp();
    const refused = await sendWhatsAppMessage(sendDeps(w, world.provider), {
      contactId: '501',
      contact: { mobilephone: PHONE },
      content: { kind: 'text', body: 'hi' },
      idempotencyKey: 't1',
    });
    expect(refused).toMatchObject({ outcome: 'refused', reasons: [{ code: 'window_closed' }] });
    await receive({ from: PHONE, text: 'Does it come in another color?' });
    expect(w.contacts.find(PORTAL, PHONE)).toMatchObject({
      lastInboundNumberId: world.demo.phoneNumberId,
      profileName: 'Sandbox User',
    });
    const sent = await sendWhatsAppMessage(sendDeps(w, world.provider), {
      contactId: '501',
      contact: { mobilephone: PHONE },
      content: { kind: 'text', body: 'Yes, in blue.' },
      idempotencyKey: 't2',
    });
    expect(sent.outcome).toBe('sent');
  });

  it('the same inbound webhook twice stores one message and decides once', async () => {
    await setUp();
    sendInbound(world.sandbox.state, { from: PHONE, text: 'STOP' });
    const [hook] = await world.webhooks();
    const settings = w.accounts.find(PORTAL)!.settings;
    const first = w.events.handle(PORTAL, settings, hook!.events);
    const second = w.events.handle(PORTAL, settings, hook!.events);
    expect(first[0]).toMatchObject({ kind: 'inbound', duplicate: false });
    expect(second).toEqual([{ kind: 'inbound', duplicate: true, providerMessageId: expect.any(String) }]);
    expect(w.store.conversation(PORTAL, PHONE)).toHaveLength(1);
  });

  it('a button tap links the reply to our template message and its contact', async () => {
    await setUp();
    const sent = await sendTemplate('tpl');
    const [outcome] = await receive({ from: PHONE, button: { payload: 'STOP_PROMOS', text: 'No more offers' } });
    expect(outcome).toMatchObject({
      kind: 'inbound',
      message: { contactId: '501', replyTo: sent.outcome === 'sent' ? sent.message.providerMessageId : '' },
      decision: { kind: 'opt_out', scope: 'marketing' },
    });
  });

  it('131050 on a marketing template records a marketing opt-out', async () => {
    await setUp();
    w.templates.register(
      PORTAL,
      {
        name: 'welcome',
        language: 'en_US',
        category: 'MARKETING',
        status: 'APPROVED',
        bodyText: 'Thanks for joining {{1}}.',
      },
      w.clock.now(),
    );
    w.templates.setMapping(
      PORTAL,
      'welcome',
      'en_US',
      [{ position: 1, source: { from: 'static', text: 'us' } }],
      w.clock.now(),
    );
    const { setRecipient } = await import('../../sandbox/whatsapp/index.ts');
    setRecipient(world.sandbox.state, PHONE, { stoppedMarketing: true });
    const sent = await sendWhatsAppMessage(sendDeps(w, world.provider), {
      contactId: '501',
      contact: { mobilephone: PHONE },
      content: { kind: 'template', name: 'welcome' },
      idempotencyKey: 'mk',
    });
    expect(sent.outcome).toBe('sent');
    const settings = w.accounts.find(PORTAL)!.settings;
    const outcomes = (await world.webhooks()).flatMap((h) => w.events.handle(PORTAL, settings, h.events));
    expect(outcomes[0]).toMatchObject({
      kind: 'status',
      change: { kind: 'changed', to: 'failed', failure: { code: '131050' } },
    });
    expect(w.contacts.find(PORTAL, PHONE)?.optOut).toMatchObject({ scope: 'marketing', source: 'whatsapp:131050' });
  });
});
