import { afterEach, describe, expect, it } from 'vitest';
import { queueScenario, type StatusScenario } from '../../sandbox/whatsapp/index.ts';
import type { StatusChange } from '../../src/messaging/applyStatusEvent.ts';
import type { EventOutcome } from '../../src/messaging/providerEvents.ts';
import { sendWhatsAppMessage } from '../../src/messaging/sendMessage.ts';
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
const CONTACT = { mobilephone: PHONE, firstname: 'Ada' };

let world: SandboxWorld;
let w: MessagingDb;
afterEach(() => world?.close());

async function setUp() {
  w = messagingDb();
  world = await startSandboxWorld({ now: w.clock.now });
  w.accounts.save(demoAccount(), w.clock.now());
  registerOrderUpdate(w, [
    { position: 1, source: { from: 'contact', property: 'firstname' } },
    { position: 2, source: { from: 'static', text: '#1234' } },
  ]);
  grantConsent(w, PHONE);
}

async function sendOne(key: string) {
  const outcome = await sendWhatsAppMessage(sendDeps(w, world.provider), {
    contactId: '501',
    contact: CONTACT,
    content: { kind: 'template', name: 'order_update' },
    idempotencyKey: key,
  });
  if (outcome.outcome !== 'sent') throw new Error(`not sent: ${JSON.stringify(outcome)}`);
  return outcome.message;
}

/** Every webhook the sandbox has for us, verified, parsed and applied in arrival order. */
async function applyWebhooks(): Promise<EventOutcome[]> {
  const settings = w.accounts.find(PORTAL)!.settings;
  return (await world.webhooks()).flatMap((hook) => w.events.handle(PORTAL, settings, hook.events));
}

const kinds = (outcomes: EventOutcome[]) =>
  outcomes.map((o) => (o.kind === 'status' ? describeChange(o.change) : o.kind));
const describeChange = (c: StatusChange) => (c.kind === 'changed' ? `${c.from}→${c.to}` : c.kind);

describe('status webhooks from the sandbox applied to the conversation store', () => {
  it.each<[string, StatusScenario, string, string[]]>([
    ['normal', { kind: 'normal' }, 'read', ['accepted→sent', 'sent→delivered', 'delivered→read']],
    [
      'duplicated delivered',
      { kind: 'duplicated' },
      'read',
      ['accepted→sent', 'sent→delivered', 'duplicate', 'delivered→read'],
    ],
    ['reordered read, delivered, sent', { kind: 'reordered' }, 'read', ['accepted→read', 'unchanged', 'unchanged']],
    ['read without delivered', { kind: 'read_without_delivered' }, 'read', ['accepted→sent', 'sent→read']],
    ['sent dropped', { kind: 'dropped' }, 'read', ['accepted→delivered', 'delivered→read']],
    [
      'failed after sent',
      { kind: 'failed', code: 131026, afterSent: true },
      'failed',
      ['accepted→sent', 'sent→failed'],
    ],
    [
      'delivered after failed (multi-device)',
      {
        kind: 'custom',
        steps: [
          { status: 'failed', offsetMs: 0, errorCode: 131000 },
          { status: 'delivered', offsetMs: 1000 },
        ],
      },
      'failed',
      ['accepted→failed', 'unchanged'],
    ],
  ])('%s ends %s, reporting only real changes', async (_case, scenario, final, changes) => {
    await setUp();
    queueScenario(world.sandbox.state, scenario);
    const message = await sendOne('card:1');
    const outcomes = await applyWebhooks();
    expect(kinds(outcomes)).toEqual(changes);
    expect(w.store.findById(message.id)?.status).toBe(final);
  });

  it('keeps when each status happened, also for a delivered that arrives after read', async () => {
    await setUp();
    queueScenario(world.sandbox.state, { kind: 'reordered' });
    const message = await sendOne('card:1');
    await applyWebhooks();
    const after = w.store.findById(message.id)!;
    const accepted = world.sandbox.state.sent[0]!.acceptedAt;
    const second = (ms: number) => Math.floor(ms / 1000) * 1000; // webhook timestamps are whole seconds
    expect([after.sentAt, after.deliveredAt, after.readAt]).toEqual([
      second(accepted),
      second(accepted + 1_000),
      second(accepted + 5_000),
    ]);
  });

  it('the whole batch redelivered (at-least-once) changes nothing the second time', async () => {
    await setUp();
    await sendOne('card:1');
    const hooks = await world.webhooks();
    const settings = w.accounts.find(PORTAL)!.settings;
    const first = hooks.flatMap((h) => w.events.handle(PORTAL, settings, h.events));
    const again = hooks.flatMap((h) => w.events.handle(PORTAL, settings, h.events));
    expect(first.every((o) => o.kind === 'status' && o.change.kind === 'changed')).toBe(true);
    expect(again.map((o) => (o.kind === 'status' ? o.change.kind : o.kind))).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect(again.flatMap((o) => (o.kind === 'status' ? o.effects : []))).toEqual([]);
  });

  it('a status that arrives before the send was recorded is applied when it is', async () => {
    await setUp();
    const pending = w.store.insertOutbound(
      { portalId: PORTAL, phone: PHONE, phoneNumberId: world.demo.phoneNumberId, kind: 'text', idempotencyKey: 'k' },
      w.clock.now(),
    );
    const early = w.statuses.applyStatusEvent(
      {
        kind: 'status',
        businessNumberId: 'p',
        providerMessageId: 'wamid.EARLY',
        status: 'sent',
        at: new Date(w.clock.now()),
        recipientId: '34612345678',
      },
      w.clock.now(),
    );
    expect(early.kind).toBe('unknown_message');
    const changes = w.statuses.recordAccepted(pending.message.id, 'wamid.EARLY', w.clock.now());
    expect(changes.map(describeChange)).toEqual(['accepted→sent']);
    expect(w.store.findById(pending.message.id)?.status).toBe('sent');
  });

  it('effects: a timeline event per real change, and the contact status only from its latest message', async () => {
    await setUp();
    queueScenario(world.sandbox.state, { kind: 'no_read' });
    queueScenario(world.sandbox.state, { kind: 'no_read' });
    await sendOne('card:older');
    await sendOne('card:newer');
    const outcomes = (await applyWebhooks()).filter((o) => o.kind === 'status');
    const effects = outcomes.flatMap((o) => (o.kind === 'status' ? o.effects : []));
    expect(
      effects.filter((e) => e.kind === 'timeline').map((e) => (e.kind === 'timeline' ? e.event.kind : '')),
    ).toEqual(['whatsapp_delivered', 'whatsapp_delivered']);
    // Four changes (sent, delivered ×2) but only the newer message writes the contact's last status.
    expect(effects.filter((e) => e.kind === 'contact_properties')).toHaveLength(2);
  });
});
