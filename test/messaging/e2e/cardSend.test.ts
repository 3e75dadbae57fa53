import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consent, contact, syncDemoTemplates } from './support.ts';
import { eventually, ok, startWhatsAppWorld, type WhatsAppWorld } from './whatsappWorld.ts';

let w: WhatsAppWorld;
beforeEach(async () => {
  w = await startWhatsAppWorld();
  await syncDemoTemplates(w);
  // payment_reminder: "Hi {{1}}, a payment of {{2}} is due on {{3}}." — {{2}} and {{3}} come from the contact's deal.
  const mapped = await w.admin(
    'PUT',
    `/admin/portals/${w.portalId}/whatsapp/templates/payment_reminder/en_US/mapping`,
    {
      mapping: [
        { position: 1, source: { from: 'contact', property: 'firstname' } },
        { position: 2, source: { from: 'deal', property: 'amount' }, format: { kind: 'money', currency: 'EUR' } },
        { position: 3, source: { from: 'deal', property: 'dealname' } },
      ],
    },
  );
  if (mapped.status !== 200) throw new Error(JSON.stringify(mapped.body));
});
afterEach(() => w.close());

describe("the WhatsApp card, end to end through HubSpot's signed fetch", () => {
  it('a template send reaches WhatsApp with every parameter filled from the contact and its deal, once per click', async () => {
    const anna = contact(w, 0);
    const base = { portalId: w.portalId, contactId: anna.id };
    ok(
      await w.card('POST', '/api/cards/whatsapp/consent', {
        ...base,
        category: 'utility',
        granted: true,
        source: 'call',
      }),
    );
    const preview = ok(
      await w.card('POST', '/api/cards/whatsapp/preview', {
        ...base,
        templateName: 'payment_reminder',
        language: 'en_US',
      }),
    );
    expect(preview.refusals).toEqual([]);
    expect(preview.text).toMatch(/^Hi Anna, a payment of €?4,800(\.00)?\s?€? is due on Northwind — pallet racks\.$/);

    const click = {
      ...base,
      kind: 'template',
      templateName: 'payment_reminder',
      language: 'en_US',
      requestId: 'click-0001',
    };
    const first = ok(await w.card('POST', '/api/cards/whatsapp/send', click));
    const retry = ok(await w.card('POST', '/api/cards/whatsapp/send', click)); // HubSpot retrying the fetch
    expect(retry.message.id).toBe(first.message.id);
    expect(w.whatsapp.state.sent).toHaveLength(1);
    const body = w.whatsapp.state.sent[0]!.body as { template: { components: { parameters: { text: string }[] }[] } };
    const params = body.template.components.flatMap((c) => c.parameters.map((p) => p.text));
    expect(params[0]).toBe('Anna');
    expect(params[1]).toMatch(/4,800/);
    expect(params[2]).toBe('Northwind — pallet racks');

    await w.whatsapp.flush();
    const view = await eventually(async () => {
      const v = ok(await w.card('GET', `/api/cards/whatsapp?portalId=${w.portalId}&contactId=${anna.id}`));
      return v.messages[0]?.status === 'read' ? v : undefined;
    }, 'the card to show the message read');
    expect(view.messages[0]).toMatchObject({ direction: 'outbound', templateName: 'payment_reminder' });
    expect(view.consent.utility).toBe('granted');
  });

  it('free text outside the window is refused with the reason, and nothing reaches WhatsApp', async () => {
    const jonas = contact(w, 1);
    consent(w, jonas.phone);
    const view = ok(await w.card('GET', `/api/cards/whatsapp?portalId=${w.portalId}&contactId=${jonas.id}`));
    expect(view.windowOpenUntil).toBeNull();
    expect(view.freeTextRefusals.map((r: { code: string }) => r.code)).toContain('window_closed');
    const sent = await w.card('POST', '/api/cards/whatsapp/send', {
      portalId: w.portalId,
      contactId: jonas.id,
      kind: 'text',
      text: 'Hello!',
      requestId: 'click-text-1',
    });
    expect(sent.ok).toBe(false);
    if (!sent.ok) {
      expect(sent.status).toBe(409);
      expect(sent.message).toMatch(/only an approved template can be sent/);
    }
    expect(w.whatsapp.state.sent).toHaveLength(0);
  });
});
