import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecords, readTimeline } from '../../../sandbox/hubspot/controlPlane.ts';
import { signWebhookBody } from '../../../sandbox/whatsapp/index.ts';
import { consent, contact, jobsSettled, syncDemoTemplates } from './support.ts';
import { APP_SECRET, startWhatsAppWorld, type WhatsAppWorld } from './whatsappWorld.ts';

let w: WhatsAppWorld;
beforeEach(async () => {
  w = await startWhatsAppWorld();
  await syncDemoTemplates(w);
});
afterEach(() => w.close());

const messagesIn = () => (w.service.db.prepare('SELECT COUNT(*) AS n FROM whatsapp_messages').get() as { n: number }).n;
const contactProperties = (contactId: string) =>
  readRecords(w.hubspot.state, w.portalId, 'contacts').find((r) => r.id === contactId)!.properties;

describe('inbound WhatsApp messages, end to end', () => {
  it('STOP → opted out, the confirmation is sent, the timeline and contact show it, and no further sends go out', async () => {
    const anna = contact(w, 0);
    consent(w, anna.phone);
    w.whatsapp.sendInbound({ from: anna.phone, text: 'stop' });
    await w.whatsapp.flush();
    await jobsSettled(w);

    const state = w.service.whatsapp.stores.contacts.find(w.portalId, anna.phone)!;
    expect(state.optOut).toMatchObject({ scope: 'all' });
    const confirmation = w.whatsapp.state.sent.filter((m) => m.type === 'text');
    expect(confirmation).toHaveLength(1);
    expect(confirmation[0]!.text).toMatch(/no longer receive/);
    const events = readTimeline(w.hubspot.state, w.portalId).filter((e) => e.objectId === anna.id);
    expect(events.map((e) => e.eventTypeName)).toEqual(
      expect.arrayContaining(['whatsapp_reply_received', 'whatsapp_message_status']),
    );
    expect(contactProperties(anna.id)).toMatchObject({ whatsapp_opt_in_status: 'opted_out' });

    const before = w.whatsapp.state.sent.length;
    const after = await w.service.whatsapp.sender.send({
      portalId: w.portalId,
      contactId: anna.id,
      content: { kind: 'template', name: 'order_update' },
      idempotencyKey: 'e2e:after-stop',
    });
    expect(after.outcome).toBe('refused');
    if (after.outcome === 'refused') expect(after.reasons.map((r) => r.code)).toContain('opted_out');
    expect(w.whatsapp.state.sent).toHaveLength(before);

    await w.whatsapp.flush(); // the same inbound webhook again: nothing more is sent
    await jobsSettled(w);
    expect(w.whatsapp.state.sent.filter((m) => m.type === 'text')).toHaveLength(1);
  });

  it('a routed keyword creates one HubSpot ticket holding the message, assigned to the owner', async () => {
    const lucia = contact(w, 2);
    const ownerId = String(w.seeded.owners[0]!.id);
    const account = w.service.whatsapp.stores.accounts.find(w.portalId)!;
    w.service.whatsapp.stores.accounts.updateSettings(
      w.portalId,
      {
        ...account.settings,
        routingRules: [
          {
            id: 'billing',
            team: 'billing',
            keywords: ['invoice'],
            assignTo: { kind: 'owner', ownerId },
            createTicket: true,
          },
        ],
      },
      Date.now(),
    );
    w.whatsapp.sendInbound({ from: lucia.phone, text: 'Where is my invoice for March?' });
    await w.whatsapp.flush();
    await jobsSettled(w);

    const tickets = readRecords(w.hubspot.state, w.portalId, 'tickets');
    expect(tickets).toHaveLength(1);
    expect(String(tickets[0]!.properties.content)).toContain('Where is my invoice for March?');
    expect(tickets[0]!.properties.hubspot_owner_id).toBe(ownerId);
    expect(contactProperties(lucia.id).hubspot_owner_id).toBe(ownerId);
    const reply = readTimeline(w.hubspot.state, w.portalId).find(
      (e) => e.objectId === lucia.id && e.eventTypeName === 'whatsapp_reply_received',
    );
    expect(reply?.properties.text).toContain('invoice');

    await w.whatsapp.flush();
    await jobsSettled(w);
    expect(readRecords(w.hubspot.state, w.portalId, 'tickets')).toHaveLength(1);
  });

  it('a bad signature on the provider webhook → 401 and nothing stored', async () => {
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: w.demo.wabaId,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: w.demo.displayPhoneNumber, phone_number_id: w.demo.phoneNumberId },
                contacts: [{ profile: { name: 'Mallory' }, wa_id: '4915123456701' }],
                messages: [
                  {
                    from: '4915123456701',
                    id: 'wamid.forged',
                    timestamp: '1760000000',
                    type: 'text',
                    text: { body: 'STOP' },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    const post = (signature: string | undefined) =>
      fetch(`${w.url}/webhooks/whatsapp/${w.portalId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) },
        body,
      });
    for (const signature of [undefined, signWebhookBody('wrong-secret', body), 'sha256=abc']) {
      const res = await post(signature);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/signature/i);
    }
    const tampered = await fetch(`${w.url}/webhooks/whatsapp/${w.portalId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhookBody(APP_SECRET, body) },
      body: body.replace('STOP', 'STOP!'),
    });
    expect(tampered.status).toBe(401);
    const otherPortal = await fetch(`${w.url}/webhooks/whatsapp/999999`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhookBody(APP_SECRET, body) },
      body,
    });
    expect(otherPortal.status).toBe(401);
    expect(messagesIn()).toBe(0);

    const good = await post(signWebhookBody(APP_SECRET, body));
    expect(good.status).toBe(200);
    expect(messagesIn()).toBe(1);
  });

  it("answers Meta's GET handshake only with the portal's verify token", async () => {
    const ok = await w.whatsapp.verifyWebhook({
      url: `${w.url}/webhooks/whatsapp/${w.portalId}`,
      verifyToken: 'e2e-verify-token',
    });
    expect(ok.ok).toBe(true);
    const wrong = await w.whatsapp.verifyWebhook({
      url: `${w.url}/webhooks/whatsapp/${w.portalId}`,
      verifyToken: 'nope',
    });
    expect(wrong.ok).toBe(false);
    expect(wrong.status).toBe(403);
  });
});
