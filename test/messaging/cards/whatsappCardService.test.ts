import type { SendRequest } from '@switchboard/contract';
import { WhatsAppCardResponse } from '@switchboard/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { failNextSends, queueScenario, sendInbound } from '../../../sandbox/whatsapp/index.ts';
import { AppError } from '../../../src/errors.ts';
import { grantConsent } from '../messagingFixtures.ts';
import { CONTACT_ID, type CardWorld, OTHER_PORTAL, PHONE, PORTAL, startCardWorld } from './cardWorld.ts';

let c: CardWorld;
afterEach(() => c?.close());

const query = { portalId: PORTAL, contactId: CONTACT_ID };
const template = (requestId: string, over: Partial<Extract<SendRequest, { kind: 'template' }>> = {}): SendRequest => ({
  kind: 'template',
  ...query,
  templateName: 'order_update',
  language: 'en_US',
  requestId,
  ...over,
});
const text = (requestId: string, body = 'Your parcel left the warehouse.'): SendRequest => ({
  kind: 'text',
  ...query,
  text: body,
  requestId,
});

/** The AppError a promise rejects with (a test fails if it resolves). */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

describe('the WhatsApp card: what it shows when it opens', () => {
  it('shows the conversation oldest first with each status, the failure reason and the open window', async () => {
    c = await startCardWorld();
    grantConsent(c.w, PHONE);
    queueScenario(c.sandbox.sandbox.state, { kind: 'normal' });
    await c.service.send(template('click-0001'));
    c.clock.advance(60_000);
    queueScenario(c.sandbox.sandbox.state, { kind: 'failed', code: 131026 });
    await c.service.send(template('click-0002'));
    c.clock.advance(60_000);
    await c.applyWebhooks();
    sendInbound(c.sandbox.sandbox.state, { from: PHONE, text: 'Thanks, where is it now?' });
    const inboundAt = c.clock.now();
    await c.applyWebhooks();

    const view = WhatsAppCardResponse.parse(await c.service.view(query));
    expect(view.phone).toBe(PHONE);
    expect(
      view.messages.map((m) => [m.direction, m.templateName, m.status, m.failureReason === null ? null : 'why']),
    ).toEqual([
      ['outbound', 'order_update', 'read', null],
      ['outbound', 'order_update', 'failed', 'why'],
      ['inbound', null, null, null],
    ]);
    expect(view.messages[0]?.text).toBe(
      'Hi Ada, your order A-1042 has been updated. Reply here if you have any questions.',
    );
    expect(view.messages[1]?.failureReason).toBe(
      'WhatsApp could not deliver this message: the number may not use WhatsApp, or cannot receive it.',
    );
    expect(view.messages[2]?.text).toBe('Thanks, where is it now?');
    expect(view.windowOpenUntil).toBe(new Date(inboundAt + 24 * 3_600_000).toISOString());
    expect(view.freeTextRefusals).toEqual([]);
  });

  it('lists approved templates only, and explains why free text is closed for a contact who never wrote', async () => {
    c = await startCardWorld();
    const view = await c.service.view(query);
    expect(view.templates.map((t) => `${t.name}/${t.language}/${t.parameterCount}`)).toEqual([
      'order_update/en_US/2',
      'order_update/es/2',
      'payment_reminder/en_US/3',
      'welcome/en_US/1',
    ]);
    expect(view.windowOpenUntil).toBeNull();
    expect(view.freeTextRefusals.map((r) => r.code)).toEqual(['window_closed']);
    expect(view.messages).toEqual([]);
    expect(view.consent).toEqual({ marketing: 'unknown', utility: 'unknown', optedOut: false, updatedAt: null });
  });

  it('a contact without a usable number gets phone null and the reason, not a crash', async () => {
    c = await startCardWorld({ firstname: 'Ada', mobilephone: '' });
    const view = await c.service.view(query);
    expect(view.phone).toBeNull();
    expect(view.freeTextRefusals.map((r) => r.code)).toEqual(['no_phone', 'window_closed']);
  });

  it('after STOP the contact shows as opted out, and marketing as denied', async () => {
    c = await startCardWorld();
    grantConsent(c.w, PHONE);
    c.w.contacts.recordOptOut({ portalId: PORTAL, phone: PHONE, now: c.clock.now() }, 'all', 'keyword:STOP');
    expect((await c.service.view(query)).consent).toMatchObject({ marketing: 'denied', optedOut: true });
  });
});

describe('the WhatsApp card: template preview', () => {
  it('fills the template from the mapped contact properties, with the fallback for an empty one', async () => {
    c = await startCardWorld({ firstname: '', mobilephone: '+34 612 34 56 78' });
    grantConsent(c.w, PHONE);
    const preview = await c.service.preview({ ...query, templateName: 'order_update', language: 'en_US' });
    expect(preview).toEqual({
      text: 'Hi there, your order A-1042 has been updated. Reply here if you have any questions.',
      refusals: [],
    });
  });

  it('lists every reason the template cannot go, the same the send would give, with unfilled variables kept', async () => {
    c = await startCardWorld();
    const preview = await c.service.preview({ ...query, templateName: 'payment_reminder', language: 'en_US' });
    expect(preview.text).toBe('Hi {{1}}, a payment of {{2}} is due on {{3}}.');
    expect(preview.refusals.map((r) => r.code)).toEqual([
      'no_consent',
      'variable_missing',
      'variable_missing',
      'variable_missing',
    ]);
    const send = await refusal(c.service.send(template('click-0003', { templateName: 'payment_reminder' })));
    expect((send.details as { refusals: unknown }).refusals).toEqual(preview.refusals);
    expect(c.sandbox.sandbox.state.sent).toHaveLength(0);
  });
});

describe('the WhatsApp card: sending', () => {
  it('a template reaches the sandbox with the contact’s values as parameters and comes back as sent', async () => {
    c = await startCardWorld();
    grantConsent(c.w, PHONE);
    const { message } = await c.service.send(template('click-0001'));
    const [sent] = c.sandbox.sandbox.state.sent;
    expect(sent).toMatchObject({ to: PHONE, type: 'template' });
    expect(sent?.template).toMatchObject({
      name: 'order_update',
      language: 'en_US',
      bodyParameters: ['Ada', 'A-1042'],
    });
    expect(message).toMatchObject({
      direction: 'outbound',
      templateName: 'order_update',
      status: 'sent',
      failureReason: null,
      text: 'Hi Ada, your order A-1042 has been updated. Reply here if you have any questions.',
    });
    expect(c.queuedJobs().map((j) => j.type)).toEqual(['whatsapp.crmEffects']);
  });

  it('the same requestId twice (HubSpot retried the fetch) sends one message, also when both arrive at once', async () => {
    c = await startCardWorld();
    grantConsent(c.w, PHONE);
    const [a, b] = await Promise.all([c.service.send(template('click-0001')), c.service.send(template('click-0001'))]);
    const later = await c.service.send(template('click-0001'));
    expect(c.sandbox.sandbox.state.sent).toHaveLength(1);
    expect(new Set([a.message.id, b.message.id, later.message.id]).size).toBe(1);
    // A new click to the same person moments later waits out the pair interval as a queued send job, not in the request.
    const second = await c.service.send(template('click-0002'));
    expect(second.message).toMatchObject({ status: 'queued' });
    expect(c.sandbox.sandbox.state.sent).toHaveLength(1);
    expect(c.queuedJobs().map((j) => j.type)).toContain('whatsapp.send');
  });

  it('free text outside the 24-hour window is refused with the reason, before any call to WhatsApp', async () => {
    c = await startCardWorld();
    grantConsent(c.w, PHONE);
    const calls = c.sandbox.sandbox.state.callLog.length;
    const err = await refusal(c.service.send(text('click-0001')));
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('The contact has never written to this business');
    expect((err.details as { refusals: { code: string }[] }).refusals.map((r) => r.code)).toEqual(['window_closed']);
    expect(c.sandbox.sandbox.state.callLog).toHaveLength(calls);
    expect(c.w.store.conversation(PORTAL, PHONE)).toEqual([]);
  });

  it('free text inside the window goes out as text', async () => {
    c = await startCardWorld();
    sendInbound(c.sandbox.sandbox.state, { from: PHONE, text: 'Hello?' });
    await c.applyWebhooks();
    const { message } = await c.service.send(text('click-0001', 'Hi Ada, it ships today.'));
    expect(message).toMatchObject({ direction: 'outbound', status: 'sent', text: 'Hi Ada, it ships today.' });
    expect(c.sandbox.sandbox.state.sent.map((s) => [s.type, s.text])).toEqual([['text', 'Hi Ada, it ships today.']]);
  });

  it('a send WhatsApp asks to retry shows as queued and waits in the durable send queue, once', async () => {
    c = await startCardWorld();
    grantConsent(c.w, PHONE);
    failNextSends(c.sandbox.sandbox.state, 131000);
    const first = await c.service.send(template('click-0001'));
    const retry = await c.service.send(template('click-0001'));
    expect(first.message).toMatchObject({ status: 'queued', failureReason: null });
    // The retry of the click does not race the queue: the job owns the pending message.
    expect(retry.message).toMatchObject({ id: first.message.id, status: 'queued' });
    expect(c.sandbox.sandbox.state.sent).toEqual([]);
    const sends = c.queuedJobs().filter((j) => j.type === 'whatsapp.send');
    expect(sends.map((j) => j.key)).toEqual(['whatsapp.send:card:click-0001']);
    expect(JSON.parse(sends[0]!.payload)).toEqual({
      contactId: CONTACT_ID,
      content: { kind: 'template', name: 'order_update', language: 'en_US' },
      idempotencyKey: 'card:click-0001',
    });
  });

  it('a final failure is stored and answered as a failed message with the reason a rep can act on', async () => {
    c = await startCardWorld();
    sendInbound(c.sandbox.sandbox.state, { from: PHONE, text: 'Hello?' });
    await c.applyWebhooks();
    failNextSends(c.sandbox.sandbox.state, 131047);
    const { message } = await c.service.send(text('click-0001'));
    expect(message).toMatchObject({
      status: 'failed',
      failureReason:
        'More than 24 hours have passed since this contact last wrote: only an approved template can be sent.',
    });
  });
});

describe('the WhatsApp card: consent', () => {
  it('records a decision with its source and answers the consent as stored', async () => {
    c = await startCardWorld();
    const source = 'verbal, call on 2026-03-02';
    const granted = await c.service.recordConsent({ ...query, category: 'marketing', granted: true, source });
    expect(granted.consent).toEqual({
      marketing: 'granted',
      utility: 'unknown',
      optedOut: false,
      updatedAt: new Date(c.clock.now()).toISOString(),
    });
    c.clock.advance(1_000);
    const denied = await c.service.recordConsent({ ...query, category: 'utility', granted: false, source });
    expect(denied.consent).toMatchObject({ marketing: 'granted', utility: 'denied' });
    expect((await c.service.view(query)).consent).toEqual(denied.consent);
    expect(c.w.contacts.find(PORTAL, PHONE)).toMatchObject({
      contactId: CONTACT_ID,
      consent: { marketing: { state: 'granted', source }, utility: { state: 'revoked', source } },
    });
  });

  it('a contact without a number cannot have WhatsApp consent recorded, and says why', async () => {
    c = await startCardWorld({ firstname: 'Ada' });
    const err = await refusal(
      c.service.recordConsent({ ...query, category: 'marketing', granted: true, source: 'web form' }),
    );
    expect(err).toMatchObject({ code: 'conflict', message: expect.stringContaining('no usable mobile or phone') });
  });
});

describe('the WhatsApp card: a portal only ever sees its own data', () => {
  it('a portal without WhatsApp is told to connect it, and nothing is sent', async () => {
    c = await startCardWorld();
    const other = { portalId: OTHER_PORTAL, contactId: CONTACT_ID };
    expect(await refusal(c.service.view(other))).toMatchObject({ code: 'not_configured' });
    expect(await refusal(c.service.send(template('click-0001', { portalId: OTHER_PORTAL })))).toMatchObject({
      code: 'not_configured',
    });
    expect(c.sandbox.sandbox.state.callLog.filter((l) => l.method === 'POST')).toEqual([]);
  });

  it('another portal’s contact id is not found, even when that portal is connected', async () => {
    c = await startCardWorld();
    c.connectOtherPortal();
    const other = { portalId: OTHER_PORTAL, contactId: CONTACT_ID };
    expect(await refusal(c.service.view(other))).toMatchObject({ code: 'not_found' });
    expect(
      await refusal(c.service.recordConsent({ ...other, category: 'marketing', granted: true, source: 'web form' })),
    ).toMatchObject({ code: 'not_found' });
    expect(c.w.contacts.findByContact(OTHER_PORTAL, CONTACT_ID)).toEqual([]);
  });

  it('the same phone number in another portal shows none of this portal’s messages or consent', async () => {
    c = await startCardWorld();
    grantConsent(c.w, PHONE);
    await c.service.send(template('click-0001'));
    c.connectOtherPortal();
    c.crms.of(OTHER_PORTAL).contacts.set('777', { firstname: 'Ada', mobilephone: PHONE });
    const view = await c.service.view({ portalId: OTHER_PORTAL, contactId: '777' });
    expect(view.phone).toBe(PHONE);
    expect(view.messages).toEqual([]);
    expect(view.consent.marketing).toBe('unknown');
    expect(view.templates).toEqual([]);
  });

  it('a requestId already used in another portal is refused, and that portal’s message is not shown', async () => {
    c = await startCardWorld();
    grantConsent(c.w, PHONE);
    await c.service.send(template('click-0001'));
    c.connectOtherPortal();
    c.crms.of(OTHER_PORTAL).contacts.set(CONTACT_ID, { firstname: 'Bo', mobilephone: '+34 699 00 00 00' });
    const err = await refusal(c.service.send(template('click-0001', { portalId: OTHER_PORTAL })));
    expect(err).toMatchObject({
      code: 'conflict',
      message: 'requestId click-0001 was already used for another message',
    });
    expect(err.details).toBeUndefined();
    expect(c.sandbox.sandbox.state.sent).toHaveLength(1);
  });
});
