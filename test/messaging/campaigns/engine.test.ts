import { afterEach, describe, expect, it } from 'vitest';
import { sendInbound } from '../../../sandbox/whatsapp/index.ts';
import { type CampaignEngine, createCampaignEngine, type TickReport } from '../../../src/messaging/campaigns/engine.ts';
import { sendStepProperties } from '../../../src/messaging/runtime/campaignJobs.ts';
import { sendWhatsAppMessage } from '../../../src/messaging/sendMessage.ts';
import { type SandboxWorld, startSandboxWorld } from '../../whatsapp/sandboxWorld.ts';
import { InMemoryCrm } from '../fakeCrm.ts';
import { demoAccount, grantConsent, type MessagingDb, messagingDb, PORTAL, sendDeps } from '../messagingFixtures.ts';

const ADA = { id: '501', phone: '+34612345678' };
const DAY = 86_400_000;

/** Three steps with waits: welcome, 1 day, order update, 2 days, payment reminder. */
const THREE_STEP_DRIP = {
  purpose: 'marketing' as const,
  steps: [
    { id: 'welcome', type: 'send_template' as const, template: 'welcome' },
    { id: 'wait-1', type: 'wait' as const, days: 1 },
    { id: 'update', type: 'send_template' as const, template: 'order_update' },
    { id: 'wait-2', type: 'wait' as const, days: 2 },
    { id: 'reminder', type: 'send_template' as const, template: 'payment_reminder' },
  ],
};

let world: SandboxWorld;
let w: MessagingDb;
let crm: InMemoryCrm;
let engine: CampaignEngine;
afterEach(() => world?.close());

async function setUp(startIso: string) {
  w = messagingDb();
  w.clock.set(startIso);
  world = await startSandboxWorld({ now: w.clock.now });
  w.accounts.save(demoAccount(), w.clock.now());
  const listed = await world.provider.listTemplates();
  if (!listed.ok) throw new Error('sync failed');
  for (const t of listed.templates) w.templates.saveSynced(PORTAL, t, w.clock.now());
  const byName = (name: string, positions: number) =>
    w.templates.setMapping(
      PORTAL,
      name,
      'en_US',
      Array.from({ length: positions }, (_, i) => ({
        position: i + 1,
        source: { from: 'contact' as const, property: 'firstname' },
      })),
      w.clock.now(),
    );
  byName('welcome', 1);
  byName('order_update', 2);
  byName('payment_reminder', 3);
  grantConsent(w, ADA.phone);
  crm = new InMemoryCrm({ [ADA.id]: { mobilephone: ADA.phone, firstname: 'Ada' } });
  const language = (portalId: number) => w.accounts.find(portalId)!.settings.defaultLanguage;
  engine = createCampaignEngine({ ...w, crm, sendProperties: sendStepProperties(w.templates, language) });
}

/** One engine tick at the clock's time, its sends made one after another against the sandbox. */
async function tick(): Promise<TickReport> {
  const report = await engine.tick(w.clock.now());
  for (const action of report.actions) {
    const content = {
      kind: 'template' as const,
      name: action.template,
      ...(action.overrides ? { overrides: action.overrides } : {}),
    };
    await sendWhatsAppMessage(sendDeps(w, world.provider), {
      contactId: action.contactId,
      contact: action.contact,
      content,
      idempotencyKey: action.idempotencyKey,
      campaign: { campaignId: action.campaignId, enrollmentId: action.enrollmentId },
    });
  }
  return report;
}

const sentTemplates = () =>
  world.sandbox.state.sent.map((m) => [new Date(m.acceptedAt).toISOString(), m.template?.name]);

describe('a three-step drip run by the engine against the WhatsApp sandbox (injected clock)', () => {
  it('sends in order, waits for business hours, and each send lands once', async () => {
    await setUp('2026-03-06T19:00:00Z'); // Friday 20:00 in Madrid: closed
    const campaign = w.campaigns.create(PORTAL, 'onboarding', THREE_STEP_DRIP, w.clock.now());
    expect(engine.enroll(campaign.id, ADA.id, w.clock.now()).created).toBe(true);
    expect(engine.enroll(campaign.id, ADA.id, w.clock.now()).created).toBe(false);

    expect((await tick()).actions).toEqual([]); // closed: nothing until Monday
    w.clock.set('2026-03-07T12:00:00Z');
    expect((await tick()).advanced).toBe(0); // Saturday: not due
    w.clock.set('2026-03-09T08:00:00Z'); // Monday 09:00 Madrid
    expect((await tick()).actions.map((a) => a.template)).toEqual(['welcome']);
    w.clock.advance(DAY);
    await tick();
    w.clock.advance(2 * DAY);
    const last = await tick();
    w.clock.advance(DAY);
    await tick();

    expect(sentTemplates()).toEqual([
      ['2026-03-09T08:00:00.000Z', 'welcome'],
      ['2026-03-10T08:00:00.000Z', 'order_update'],
      ['2026-03-12T08:00:00.000Z', 'payment_reminder'],
    ]);
    expect(world.sandbox.state.sent.every((m) => m.template?.bodyParameters.every((p) => p === 'Ada'))).toBe(true);
    expect(last.finished).toEqual([{ enrollmentId: expect.any(Number), status: 'completed', reason: 'finished' }]);
    expect(w.metrics.perCampaign(PORTAL, { from: 0, to: Date.parse('2027-01-01') })).toMatchObject([
      { campaignId: campaign.id, sent: 3, enrollments: { completed: 1 } },
    ]);
  });

  it('stops when the contact replies: the third step is never sent', async () => {
    await setUp('2026-03-09T08:00:00Z');
    const campaign = w.campaigns.create(PORTAL, 'onboarding', THREE_STEP_DRIP, w.clock.now());
    engine.enroll(campaign.id, ADA.id, w.clock.now());
    await tick();
    w.clock.advance(DAY);
    await tick();
    w.clock.advance(3_600_000);
    sendInbound(world.sandbox.state, { from: ADA.phone, text: 'Thanks! When does it ship?' });
    const settings = w.accounts.find(PORTAL)!.settings;
    for (const hook of await world.webhooks()) w.events.handle(PORTAL, settings, hook.events);
    w.clock.advance(2 * DAY);
    const report = await tick();

    expect(sentTemplates().map(([, name]) => name)).toEqual(['welcome', 'order_update']);
    expect(report.finished).toEqual([{ enrollmentId: expect.any(Number), status: 'stopped', reason: 'replied' }]);
  });

  it('stops on opt-out, and a contact deleted in HubSpot is stopped as missing', async () => {
    await setUp('2026-03-09T08:00:00Z');
    crm.contacts.set('502', { mobilephone: '+34699999999', firstname: 'Bo' });
    const campaign = w.campaigns.create(PORTAL, 'onboarding', THREE_STEP_DRIP, w.clock.now());
    engine.enroll(campaign.id, ADA.id, w.clock.now());
    engine.enroll(campaign.id, '502', w.clock.now());
    engine.enroll(campaign.id, 'gone', w.clock.now());
    w.contacts.recordOptOut({ portalId: PORTAL, phone: ADA.phone, now: w.clock.now() }, 'all', 'keyword:STOP');
    const report = await tick();
    expect(report.finished.map((f) => f.reason).sort()).toEqual(['contact_missing', 'opted_out']);
    expect(report.actions.map((a) => a.contactId)).toEqual(['502']);
  });

  it('two ticks racing over the same enrollment send once (compare-and-swap on the version)', async () => {
    await setUp('2026-03-09T08:00:00Z');
    const campaign = w.campaigns.create(PORTAL, 'onboarding', THREE_STEP_DRIP, w.clock.now());
    engine.enroll(campaign.id, ADA.id, w.clock.now());
    const [a, b] = await Promise.all([engine.tick(w.clock.now()), engine.tick(w.clock.now())]);
    expect(a.actions.length + b.actions.length).toBe(1);
    expect(a.lostRaces + b.lostRaces).toBe(1);
  });

  it('a paused campaign holds its contacts; resuming continues where they were', async () => {
    await setUp('2026-03-09T08:00:00Z');
    const campaign = w.campaigns.create(PORTAL, 'onboarding', THREE_STEP_DRIP, w.clock.now());
    engine.enroll(campaign.id, ADA.id, w.clock.now());
    w.campaigns.setStatus(campaign.id, 'paused', w.clock.now());
    expect((await tick()).advanced).toBe(0);
    w.campaigns.setStatus(campaign.id, 'active', w.clock.now());
    expect((await tick()).actions.map((a) => a.template)).toEqual(['welcome']);
  });
});
