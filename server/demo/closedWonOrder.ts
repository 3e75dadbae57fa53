import { moveDealToStage, readRecords, readTimeline } from '../../sandbox/hubspot/controlPlane.ts';
import { uploadProject } from '../../sandbox/hubspot/projectUpload.ts';
import { webhookEmitterOf } from '../../sandbox/hubspot/webhookEmitter.ts';
import type { DemoContext, DemoScenario } from './context.ts';
import { type Json, settingsPageRequest } from './settingsPage.ts';

/** Waits for `check` to return something (the worker runs in the background). */
async function until<T>(what: string, check: () => T | undefined): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not happen within 15 s`);
}

function timelineLine(ctx: DemoContext, eventTypeName: string, dealId: string): string | undefined {
  const found = readTimeline(ctx.sandboxes.hubspot.state, ctx.portalId).find(
    (o) => o.eventTypeName === eventTypeName && o.objectId === dealId,
  );
  if (!found) return undefined;
  const p = found.properties as Record<string, string>;
  return `app event ${eventTypeName} (occurrence ${found.id}): ${JSON.stringify(p)}`;
}

/**
 * A rep drags a deal to Closed Won: HubSpot's webhook reaches the service, the worker creates the order (company,
 * contacts, line items), writes it back to the deal and posts *Order created*; the order system then moves it on.
 */
export const closedWonOrderScenario: DemoScenario = {
  title: 'A deal closes: Closed Won → order, deal update, timeline (orders)',
  async run(ctx) {
    const { state } = ctx.sandboxes.hubspot;
    const seeded = ctx.sandboxes.demoPortal!;
    const targetUrl = `${ctx.service.url}/webhooks/hubspot`;
    uploadProject(state, {
      appId: seeded.client.appId,
      clientSecret: seeded.client.clientSecret,
      targetUrl,
      portals: [seeded.portal],
    });
    ctx.say(`  project uploaded: webhooks → ${targetUrl}, app events order_created / order_status_changed known`);
    const dealId = seeded.dealIds.qualifiedtobuy!;
    const deal = () => readRecords(state, ctx.portalId, 'deals').find((d) => d.id === dealId)!;
    moveDealToStage(state, ctx.portalId, dealId, 'closedwon');
    await webhookEmitterOf(state)!.flush();
    ctx.say(`  a rep moves "${deal().properties.dealname}" (deal ${dealId}) to Closed Won → deal.propertyChange sent`);

    const number = await until('the order', () => deal().properties.switchboard_order_number || undefined);
    ctx.say(`  order ${number} created; the deal now shows:`);
    for (const [name, value] of Object.entries(deal().properties).filter(([n]) => n.startsWith('switchboard_order'))) {
      ctx.say(`    ${name} = ${value}`);
    }
    ctx.say(`  timeline: ${await until('the timeline event', () => timelineLine(ctx, 'order_created', dealId))}`);

    const key = (
      await settingsPageRequest(ctx, 'POST', `/admin/portals/${ctx.portalId}/api-keys`, {
        name: 'ERP',
        scope: 'orders',
      })
    ).body;
    const orderId = Number(new URL(deal().properties.switchboard_order_link!).pathname.split('/').at(-1));
    const res = await fetch(`${ctx.service.url}/api/orders/${orderId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'in_production' }),
    });
    ctx.say(`  order system: PATCH /api/orders/${orderId} {"status":"in_production"} → ${res.status}`);
    ctx.say(`    deal switchboard_order_status = ${deal().properties.switchboard_order_status}`);
    ctx.say(`  timeline: ${await until('the status event', () => timelineLine(ctx, 'order_status_changed', dealId))}`);
    const bad = await fetch(`${ctx.service.url}/api/orders/${orderId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'teleported' }),
    });
    ctx.say(`  a status the lifecycle does not know → ${bad.status} (${((await bad.json()) as Json).error.message})`);
  },
};
