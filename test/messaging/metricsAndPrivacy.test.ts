import { describe, expect, it } from 'vitest';
import type { DeliveryStatus } from '../../src/whatsapp/provider.ts';
import { type MessagingDb, messagingDb, PORTAL } from './messagingFixtures.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

/** A conversation store with outbound messages taken through statuses, and inbound replies. */
function storeWith() {
  const w = messagingDb();
  let n = 0;
  const outbound = (
    phone: string,
    template: string,
    at: number,
    statuses: DeliveryStatus[],
    extra: { contactId?: string; campaignId?: number } = {},
  ) => {
    n += 1;
    const { message } = w.store.insertOutbound(
      {
        portalId: PORTAL,
        phone,
        phoneNumberId: 'p1',
        kind: 'template',
        templateName: template,
        templateLanguage: 'en_US',
        idempotencyKey: `k${n}`,
        ...extra,
      },
      at,
    );
    const wamid = `wamid.${n}`;
    w.statuses.recordAccepted(message.id, wamid, at);
    statuses.forEach((status, i) => {
      const failure =
        status === 'failed'
          ? {
              failure: {
                provider: 'meta' as const,
                code: '131026',
                reason: 'undeliverable' as const,
                action: 'fail' as const,
                message: 'x',
              },
            }
          : {};
      w.statuses.applyStatusEvent(
        {
          kind: 'status',
          businessNumberId: 'p1',
          providerMessageId: wamid,
          status,
          at: new Date(at + (i + 1) * MIN),
          recipientId: phone.slice(1),
          ...failure,
        },
        at + (i + 1) * MIN,
      );
    });
    return message;
  };
  const refused = (phone: string, template: string, at: number) => {
    n += 1;
    const { message } = w.store.insertOutbound(
      {
        portalId: PORTAL,
        phone,
        phoneNumberId: 'p1',
        kind: 'template',
        templateName: template,
        templateLanguage: 'en_US',
        idempotencyKey: `k${n}`,
      },
      at,
    );
    w.store.markSendFailure(message.id, { code: '132001', reason: 'template_missing', message: 'gone' }, true, at);
  };
  const inbound = (phone: string, at: number, extra: { contactId?: string } = {}) => {
    n += 1;
    w.store.insertInbound(
      {
        portalId: PORTAL,
        phone,
        phoneNumberId: 'p1',
        kind: 'text',
        providerMessageId: `wamid.in${n}`,
        createdAt: at,
        body: 'hi',
        ...extra,
      },
      at,
    );
  };
  return { w, outbound, refused, inbound };
}

describe('metrics: delivery, read and response rates', () => {
  it('per template, with replies attributed to the latest message before them, within 24 h', () => {
    const { w, outbound, refused, inbound } = storeWith();
    outbound('+34600000001', 'order_update', T0, ['sent', 'delivered', 'read']);
    inbound('+34600000001', T0 + 2 * HOUR); // replies to the read one
    outbound('+34600000002', 'order_update', T0, ['sent', 'delivered']);
    inbound('+34600000002', T0 + 25 * HOUR); // too late to count
    outbound('+34600000003', 'order_update', T0, ['failed']);
    refused('+34600000004', 'order_update', T0);
    outbound('+34600000005', 'welcome', T0, ['sent', 'read']); // read without delivered counts as delivered
    outbound('+34600000005', 'welcome', T0 + HOUR, ['sent']);
    inbound('+34600000005', T0 + 2 * HOUR); // after the second welcome: only that one responded

    expect(w.metrics.perTemplate(PORTAL, { from: T0, to: T0 + 2 * 86_400_000 })).toEqual([
      {
        name: 'order_update',
        language: 'en_US',
        sent: 3,
        delivered: 2,
        read: 1,
        failed: 2,
        responded: 1,
        deliveryRate: 2 / 3,
        readRate: 1 / 3,
        responseRate: 1 / 3,
      },
      {
        name: 'welcome',
        language: 'en_US',
        sent: 2,
        delivered: 1,
        read: 1,
        failed: 0,
        responded: 1,
        deliveryRate: 0.5,
        readRate: 0.5,
        responseRate: 0.5,
      },
    ]);
  });

  it('the period filters by when the message was created; an empty period has no rows', () => {
    const { w, outbound } = storeWith();
    outbound('+34600000001', 'order_update', T0, ['sent']);
    expect(w.metrics.perTemplate(PORTAL, { from: T0 + 1, to: T0 + HOUR })).toEqual([]);
  });

  it('per campaign, with enrollments by status', () => {
    const { w, outbound } = storeWith();
    const campaign = w.campaigns.create(
      PORTAL,
      'drip',
      { steps: [{ id: 'a', type: 'send_template', template: 'welcome' }] },
      T0,
    );
    const e1 = w.enrollments.enroll({ campaignId: campaign.id, portalId: PORTAL, contactId: '1' }, T0).enrollment;
    w.enrollments.enroll({ campaignId: campaign.id, portalId: PORTAL, contactId: '2' }, T0);
    w.enrollments.saveAdvance(e1, { ...e1, status: 'completed', stopReason: 'finished', nextRunAt: null }, T0);
    outbound('+34600000001', 'welcome', T0, ['sent', 'delivered'], { campaignId: campaign.id });
    outbound('+34600000002', 'welcome', T0, ['failed'], { campaignId: campaign.id });
    outbound('+34600000003', 'welcome', T0, ['sent']); // not in the campaign
    expect(w.metrics.perCampaign(PORTAL, { from: 0, to: T0 + HOUR })).toEqual([
      {
        campaignId: campaign.id,
        enrollments: { active: 1, completed: 1 },
        sent: 2,
        delivered: 1,
        read: 0,
        failed: 1,
        responded: 0,
        deliveryRate: 0.5,
        readRate: 0,
        responseRate: 0,
      },
    ]);
  });
});

describe("privacy: deleting a contact's message data", () => {
  function populated() {
    const { w, outbound, inbound } = storeWith();
    const ada = '+34600000001';
    outbound(ada, 'order_update', T0, ['sent', 'delivered'], { contactId: '501' });
    inbound(ada, T0 + HOUR); // never linked to the contact id
    w.contacts.recordConsent({ portalId: PORTAL, phone: ada, now: T0 }, 'marketing', 'granted', 'form');
    w.contacts.linkContact({ portalId: PORTAL, phone: ada, now: T0 }, '501');
    const campaign = w.campaigns.create(PORTAL, 'drip', { steps: [{ id: 'a', type: 'wait', days: 1 }] }, T0);
    w.enrollments.enroll({ campaignId: campaign.id, portalId: PORTAL, contactId: '501' }, T0);
    outbound('+34600000002', 'order_update', T0, ['sent'], { contactId: '502' }); // someone else
    return { w, ada };
  }
  const count = (w: MessagingDb, table: string) =>
    (w.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

  it.each([
    ['by contact id', { contactId: '501' }],
    ['by phone', { phone: '+34600000001' }],
  ])('%s: messages both ways, status history, consent and enrollments go; other contacts stay', (_case, subject) => {
    const { w, ada } = populated();
    const report = w.privacy.deleteContactData(PORTAL, subject);
    expect(report).toEqual({
      phones: [ada],
      contactIds: ['501'],
      messages: 2,
      statuses: 2,
      contactStates: 1,
      enrollments: 1,
    });
    expect(w.store.conversation(PORTAL, ada)).toEqual([]);
    expect(w.contacts.find(PORTAL, ada)).toBeUndefined();
    expect(count(w, 'whatsapp_messages')).toBe(1);
    expect(count(w, 'whatsapp_message_statuses')).toBe(1);
  });

  it('asking again finds nothing left', () => {
    const { w } = populated();
    w.privacy.deleteContactData(PORTAL, { contactId: '501' });
    expect(w.privacy.deleteContactData(PORTAL, { contactId: '501' })).toMatchObject({
      messages: 0,
      statuses: 0,
      contactStates: 0,
      enrollments: 0,
    });
  });
});
