import { describe, expect, it } from 'vitest';
import type { DeliveryStatus } from '../../../src/whatsapp/provider.ts';
import { demoAccountBody, OTHER, PORTAL, rows, type WhatsAppAdminApp, whatsappAdminApp } from './adminApp.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const HOUR = 3_600_000;
const ADA = '+34612345678';

/** Conversation history as the webhook would have left it: outbound template messages through statuses, replies. */
function history(w: WhatsAppAdminApp) {
  let n = 0;
  const outbound = (
    portalId: number,
    phone: string,
    at: number,
    statuses: DeliveryStatus[],
    extra: { contactId?: string; campaignId?: number } = {},
  ) => {
    n += 1;
    const { message } = w.store.insertOutbound(
      {
        portalId,
        phone,
        phoneNumberId: `p${portalId}`,
        kind: 'template',
        templateName: 'order_update',
        templateLanguage: 'en_US',
        idempotencyKey: `k${n}`,
        ...extra,
      },
      at,
    );
    w.statuses.recordAccepted(message.id, `wamid.${n}`, at);
    statuses.forEach((status, i) => {
      const event = {
        kind: 'status' as const,
        businessNumberId: `p${portalId}`,
        providerMessageId: `wamid.${n}`,
        status,
        at: new Date(at + (i + 1) * 60_000),
        recipientId: phone.slice(1),
      };
      w.statuses.applyStatusEvent(event, at + (i + 1) * 60_000);
    });
  };
  const inbound = (portalId: number, phone: string, at: number) => {
    n += 1;
    w.store.insertInbound(
      {
        portalId,
        phone,
        phoneNumberId: `p${portalId}`,
        kind: 'text',
        providerMessageId: `wamid.in${n}`,
        createdAt: at,
        body: 'hi',
      },
      at,
    );
  };
  return { outbound, inbound };
}

const metricsOf = (w: WhatsAppAdminApp, query: string, portalId = PORTAL) =>
  w.op('GET', `${w.base(portalId)}/metrics${query}`);

describe('WhatsApp admin: metrics', () => {
  it('delivery, read and response rates per template and per campaign (with its name) for the period asked', async () => {
    const w = whatsappAdminApp();
    const campaign = w.campaigns.create(PORTAL, 'Spring drip', { steps: [{ id: 'a', type: 'wait', days: 1 }] }, T0);
    const { outbound, inbound } = history(w);
    outbound(PORTAL, ADA, T0, ['sent', 'delivered', 'read'], { campaignId: campaign.id });
    inbound(PORTAL, ADA, T0 + HOUR);
    outbound(PORTAL, '+34600000002', T0, ['sent', 'delivered']);
    outbound(PORTAL, '+34600000003', T0 + 48 * HOUR, ['sent']); // after the period
    outbound(OTHER, '+34600000004', T0, ['sent', 'read']); // another portal's

    const res = await metricsOf(w, '?from=2026-03-02&to=2026-03-03');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      portalId: PORTAL,
      period: { from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' },
      templates: [
        {
          name: 'order_update',
          language: 'en_US',
          sent: 2,
          delivered: 2,
          read: 1,
          failed: 0,
          responded: 1,
          deliveryRate: 1,
          readRate: 0.5,
          responseRate: 0.5,
        },
      ],
      campaigns: [expect.objectContaining({ campaignId: campaign.id, name: 'Spring drip', sent: 1, responseRate: 1 })],
    });
  });

  it('without a period, the last 30 days are counted', async () => {
    const w = whatsappAdminApp();
    const res = await metricsOf(w, '');
    expect(res.status).toBe(200);
    const { from, to } = res.body.period;
    expect(Date.parse(to) - Date.parse(from)).toBe(30 * 24 * HOUR);
    expect(Date.parse(to)).toBe(w.clock.now());
    expect(res.body).toMatchObject({ templates: [], campaigns: [] });
  });

  it.each([
    ['a start after the end', '?from=2026-03-05&to=2026-03-01', 'query.from: from must be before to'],
    ['a date that is not ISO 8601', '?from=03/01/2026', 'query.from: must be an ISO 8601 date'],
    ['a date that does not exist', '?to=2026-02-30T25:00:00Z', 'query.to: is not a real date'],
  ])('%s is refused with 400 naming the query field', async (_case, query, message) => {
    const w = whatsappAdminApp();
    const res = await metricsOf(w, query);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });
});

describe("WhatsApp admin: deleting a contact's message data", () => {
  async function populated() {
    const w = whatsappAdminApp();
    const { outbound, inbound } = history(w);
    outbound(PORTAL, ADA, T0, ['sent', 'delivered'], { contactId: '501' });
    inbound(PORTAL, ADA, T0 + HOUR);
    w.contacts.recordConsent({ portalId: PORTAL, phone: ADA, now: T0 }, 'marketing', 'granted', 'form');
    const definition = { steps: [{ id: 'a', type: 'wait', days: 1 }] };
    const created = await w.op('POST', `${w.base()}/campaigns`, { name: 'Drip', definition });
    await w.op('POST', `${w.base()}/campaigns/${created.body.campaign.id}/enrollments`, { contactIds: ['501'] });
    outbound(OTHER, ADA, T0, ['sent'], { contactId: '501' }); // same person, other portal: not touched
    return w;
  }
  const count = (w: WhatsAppAdminApp, portalId: number) =>
    (w.db.prepare('SELECT COUNT(*) AS n FROM whatsapp_messages WHERE portal_id = ?').get(portalId) as { n: number }).n;

  it('by contact id: both directions and the status history go, in this portal only, and the counts are reported', async () => {
    const w = await populated();
    const res = await w.op('POST', `${w.base()}/privacy/deletions`, { contactId: '501' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      portalId: PORTAL,
      phones: [ADA],
      contactIds: ['501'],
      messages: 2,
      statuses: 2,
      contactStates: 1,
      enrollments: 1,
    });
    expect(count(w, PORTAL)).toBe(0);
    expect(count(w, OTHER)).toBe(1);
  });

  it("by phone as written in HubSpot, read with the portal's default country", async () => {
    const w = await populated();
    await w.op('PUT', `${w.base()}/account`, demoAccountBody());
    await w.op('PATCH', `${w.base()}/settings`, { defaultCountry: 'ES' });
    const res = await w.op('POST', `${w.base()}/privacy/deletions`, { phone: '612 34 56 78' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ phones: [ADA], contactIds: ['501'], messages: 2, enrollments: 1 });
    expect(count(w, PORTAL)).toBe(0);
  });

  it.each([
    ['both a contact id and a phone', { contactId: '501', phone: ADA }, 'body: give either contactId or phone'],
    ['neither', {}, 'body: give either contactId or phone'],
    ['a phone that is not a number', { phone: 'call me maybe' }, 'body.phone: "call me maybe" is not a phone number'],
    ['a national number without a default country', { phone: '612 34 56 78' }, 'body.phone:'],
  ])('%s is refused with 400 and nothing is deleted', async (_case, body, message) => {
    const w = await populated();
    const before = rows(w, 'whatsapp_messages');
    const res = await w.op('POST', `${w.base()}/privacy/deletions`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    expect(rows(w, 'whatsapp_messages')).toEqual(before);
  });
});
