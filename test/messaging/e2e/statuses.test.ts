import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecords, readTimeline } from '../../../sandbox/hubspot/controlPlane.ts';
import { failNextSends, queueScenario, setRecipient, type StatusScenario } from '../../../sandbox/whatsapp/index.ts';
import { consent, contact, jobsSettled, syncDemoTemplates } from './support.ts';
import { startWhatsAppWorld, type WhatsAppWorld } from './whatsappWorld.ts';

let w: WhatsAppWorld;
beforeEach(async () => {
  w = await startWhatsAppWorld();
  await syncDemoTemplates(w);
});
afterEach(() => w.close());

const template = { kind: 'template' as const, name: 'order_update' };
const send = (
  contactId: string,
  key: string,
  content: Parameters<WhatsAppWorld['service']['whatsapp']['sender']['send']>[0]['content'] = template,
) => w.service.whatsapp.sender.send({ portalId: w.portalId, contactId, content, idempotencyKey: key });

const statusEvents = (contactId: string) =>
  readTimeline(w.hubspot.state, w.portalId)
    .filter((e) => e.objectId === contactId && e.eventTypeName === 'whatsapp_message_status')
    .map((e) => e.properties.status);

const contactProperties = (contactId: string) =>
  readRecords(w.hubspot.state, w.portalId, 'contacts').find((r) => r.id === contactId)!.properties;

describe('status webhooks, end to end', () => {
  const cases: [string, StatusScenario, string[]][] = [
    ['duplicated', { kind: 'duplicated', status: 'delivered' }, ['sent', 'delivered', 'read']],
    ['reordered', { kind: 'reordered', order: ['read', 'sent', 'delivered'] }, ['sent', 'read']],
    ['read without delivered', { kind: 'read_without_delivered' }, ['sent', 'read']],
  ];
  it.each(cases)('%s statuses end read, with one timeline event per real change', async (_, scenario, events) => {
    const anna = contact(w, 0);
    consent(w, anna.phone);
    queueScenario(w.whatsapp.state, scenario);
    const outcome = await send(anna.id, `e2e:${scenario.kind}`);
    expect(outcome.outcome).toBe('sent');
    await w.whatsapp.flush();
    await jobsSettled(w);

    const stored = w.service.whatsapp.stores.store.findByKey(`e2e:${scenario.kind}`)!;
    expect(stored.status).toBe('read');
    expect(statusEvents(anna.id).sort()).toEqual([...events].sort());
    expect(contactProperties(anna.id)).toMatchObject({
      whatsapp_last_message_status: 'read',
      whatsapp_response_status: 'awaiting_reply',
    });
    expect(contactProperties(anna.id).whatsapp_last_message_at).toBeTruthy();

    await w.whatsapp.flush(); // nothing left; a redelivery would be a duplicate
    await jobsSettled(w);
    expect(statusEvents(anna.id).sort()).toEqual([...events].sort());
  });

  it('131026 (not on WhatsApp) ends failed with a reason a rep can act on', async () => {
    const jonas = contact(w, 1);
    consent(w, jonas.phone);
    setRecipient(w.whatsapp.state, jonas.phone, { onWhatsApp: false });
    expect((await send(jonas.id, 'e2e:131026')).outcome).toBe('sent'); // accepted, fails asynchronously
    await w.whatsapp.flush();
    await jobsSettled(w);
    const stored = w.service.whatsapp.stores.store.findByKey('e2e:131026')!;
    expect(stored.status).toBe('failed');
    expect(stored.failure).toMatchObject({ code: '131026', reason: 'undeliverable' });
    expect(stored.failure?.message).toMatch(/WhatsApp/i);
    expect(statusEvents(jonas.id)).toContain('failed');
    const failedEvent = readTimeline(w.hubspot.state, w.portalId).find(
      (e) => e.objectId === jonas.id && e.properties.status === 'failed',
    )!;
    expect(failedEvent.properties.failureReason).toBe(stored.failure?.message);
  });

  it('131047 from WhatsApp (window closed at Meta) surfaces as a clear failure, not a retry', async () => {
    const lucia = contact(w, 2);
    consent(w, lucia.phone);
    failNextSends(w.whatsapp.state, 131047);
    const outcome = await send(lucia.id, 'e2e:131047');
    expect(outcome.outcome).toBe('failed');
    if (outcome.outcome !== 'failed') return;
    expect(outcome.failure).toMatchObject({ code: '131047', reason: 'outside_window', action: 'fail' });
    expect(outcome.failure.message).toMatch(/24.hour/i);
  });

  it('free text outside the 24-hour window is refused before any provider call, with the reason', async () => {
    const miguel = contact(w, 3);
    consent(w, miguel.phone);
    const before = w.whatsapp.state.callLog.length;
    const outcome = await send(miguel.id, 'e2e:text', { kind: 'text', body: 'Hello!' });
    expect(outcome.outcome).toBe('refused');
    if (outcome.outcome !== 'refused') return;
    expect(outcome.reasons.map((r) => r.code)).toContain('window_closed');
    expect(outcome.reasons.find((r) => r.code === 'window_closed')?.message).toMatch(/template/);
    expect(w.whatsapp.state.callLog.length).toBe(before);
  });
});
