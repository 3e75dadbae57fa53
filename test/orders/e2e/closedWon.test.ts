import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverWebhooks, type WebhookEvent } from '../../../sandbox/hubspot/caller/index.ts';
import { moveDealToStage, readRecords, readTimeline } from '../../../sandbox/hubspot/controlPlane.ts';
import type { ObjectChange } from '../../../sandbox/hubspot/state.ts';
import { webhookEmitterOf } from '../../../sandbox/hubspot/webhookEmitter.ts';
import { eventsFor } from '../../../sandbox/hubspot/webhookEvents.ts';
import { crmFactory } from '../support/crmFactory.ts';
import { eventually, type OrderServiceWorld, startOrderServiceWorld } from './orderServiceWorld.ts';

let w: OrderServiceWorld;
beforeEach(async () => {
  w = await startOrderServiceWorld();
});
afterEach(async () => w?.close());

const ordersOf = (dealId: string) =>
  w.db.prepare('SELECT id, number, company_id, status FROM orders WHERE deal_id = ?').all(dealId) as {
    id: number;
    number: string;
    company_id: string | null;
    status: string;
  }[];
const occurrences = (eventTypeName: string, objectId: string) =>
  readTimeline(w.state, w.portalId).filter((o) => o.eventTypeName === eventTypeName && o.objectId === objectId);

describe('a deal reaches Closed Won (end to end: sandbox → webhook → worker → HubSpot)', () => {
  it('yields exactly one order linked to the deal’s company, the deal shows it and the timeline has Order created', async () => {
    const dealId = w.seeded.dealIds.contractsent!;
    moveDealToStage(w.state, w.portalId, dealId, 'closedwon');
    await w.flushWebhooks();

    const props = await eventually(() => {
      const p = w.deal(dealId).properties;
      return p.switchboard_order_number ? p : undefined;
    });
    const [order] = ordersOf(dealId);
    expect(ordersOf(dealId)).toHaveLength(1);
    expect(props).toMatchObject({
      switchboard_order_number: order!.number,
      switchboard_order_status: 'new',
      switchboard_order_link: `${w.service.url}/orders/${w.portalId}/${order!.id}`,
    });
    expect(order!.company_id).toBe(w.seeded.companyIds[1]); // Contoso, the deal's associated company
    const [created] = await eventually(() => {
      const found = occurrences('order_created', dealId);
      return found.length > 0 ? found : undefined;
    });
    expect(created!.properties).toEqual({
      orderNumber: order!.number,
      status: 'new',
      value: '31000',
      currency: '',
      source: 'automatic',
    });
  });

  it('where the portal has no app events, Order created lands on the deal as a note instead', async () => {
    w.seeded.portal.appEventsEnabled = false; // HubSpot has not approved app events for this app (403)
    const dealId = w.seeded.dealIds.contractsent!;
    moveDealToStage(w.state, w.portalId, dealId, 'closedwon');
    await w.flushWebhooks();

    const number = await eventually(() => w.deal(dealId).properties.switchboard_order_number);
    const note = await eventually(() =>
      readRecords(w.state, w.portalId, 'notes').find((n) =>
        n.properties.hs_note_body?.includes(`Order ${number} created`),
      ),
    );
    expect(note.properties.hs_note_body).toContain('Status: new');
    expect(occurrences('order_created', dealId)).toEqual([]);
  });

  it('when the deal has no company, the customer company is created from the contact and linked', async () => {
    const crm = crmFactory(w.state, w.seeded.portal);
    const contactId = crm.contact({ email: 'olga@brandnew-customer.example.com', company: 'Brandnew Customer AG' });
    const dealId = crm.deal({ properties: { dealstage: 'contractsent', amount: '990' }, contactIds: [contactId] });
    moveDealToStage(w.state, w.portalId, dealId, 'closedwon');
    await w.flushWebhooks();

    await eventually(() => w.deal(dealId).properties.switchboard_order_number);
    const companies = readRecords(w.state, w.portalId, 'companies');
    const created = companies.find((c) => c.properties.domain === 'brandnew-customer.example.com');
    expect(created?.properties.name).toBe('Brandnew Customer AG');
    expect(ordersOf(dealId).map((o) => o.company_id)).toEqual([created!.id]);
  });

  it('when HubSpot delivers the webhook 3 times to two service instances at once, one order exists', async () => {
    const second = await w.secondInstance();
    const dealId = w.seeded.dealIds.qualifiedtobuy!;
    // Our own delivery, so the exact same events (same eventIds) can be sent three times, as HubSpot retries do.
    webhookEmitterOf(w.state)!.stop();
    const app = w.state.webhookApps.get(w.seeded.client.appId)!;
    const events: WebhookEvent[] = [];
    w.state.events.on('change', (c: ObjectChange) => events.push(...eventsFor(app, c)));
    moveDealToStage(w.state, w.portalId, dealId, 'closedwon');
    expect(events.map((e) => e.propertyName)).toEqual(['dealstage']);

    const deliver = (url: string) =>
      deliverWebhooks({ targetUrl: `${url}/webhooks/hubspot`, clientSecret: app.clientSecret, events });
    const reports = await Promise.all([deliver(w.service.url), deliver(second.url), deliver(w.service.url)]);
    expect(reports.flat().map((r) => r.delivered)).toEqual([true, true, true]);

    await eventually(() => w.deal(dealId).properties.switchboard_order_number);
    await eventually(() => occurrences('order_created', dealId).length === 1);
    // Give any duplicate work time to show up before counting.
    await new Promise((r) => setTimeout(r, 500));
    expect(ordersOf(dealId)).toHaveLength(1);
    expect(occurrences('order_created', dealId)).toHaveLength(1);
    const events_ = w.db.prepare('SELECT COUNT(*) AS n FROM webhook_events WHERE object_id = ?').get(Number(dealId));
    expect(events_).toEqual({ n: 1 });
  });

  it('when a deal moves to a stage that is not Closed Won, no order is created', async () => {
    const dealId = w.seeded.dealIds.appointmentscheduled!;
    moveDealToStage(w.state, w.portalId, dealId, 'closedlost');
    await w.flushWebhooks();
    const handled = w.db.prepare(
      "SELECT COUNT(*) AS n FROM jobs WHERE type = 'orders.dealChanged' AND object_key = ? AND status = 'completed'",
    );
    await eventually(() => (handled.get(`deal:${dealId}`) as { n: number }).n > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(ordersOf(dealId)).toEqual([]);
    expect(w.deal(dealId).properties.switchboard_order_number).toBeUndefined();
  });
});
