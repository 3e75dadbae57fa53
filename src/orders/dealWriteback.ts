import type { HubspotCall, HubspotCallOptions } from '../hubspot/hubspotCall.ts';
import { runInBatches, withTraceIds } from '../hubspot/batching.ts';
import { isCompleted, type Lifecycle } from './lifecycle.ts';
import { DEAL_PROPS } from './properties.ts';
import type { Order } from './types.ts';

/**
 * What the deal shows about its order: Switchboard's own deal properties (properties.ts). The whole set is sent
 * on every write-back — these properties belong to Switchboard, so resending them is idempotent, and any one
 * successful write-back leaves the deal complete even if an earlier one was lost. Values equal to what the deal
 * already holds are dropped when the deal's current values are known (CONVENTIONS: send only changed properties).
 */
export interface WritebackContext {
  lifecycle: Lifecycle;
  orderUrl: (order: Order) => string;
}

/** Midnight UTC epoch ms: what a HubSpot `date` property takes (reference §2 "Dates"). */
const dayMs = (iso: string) => String(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`));

export function dealPropertiesFor(order: Order, ctx: WritebackContext): Record<string, string> {
  const completedOn = order.completedAt && isCompleted(ctx.lifecycle, order.status) ? dayMs(order.completedAt) : '';
  return {
    [DEAL_PROPS.number]: order.number,
    [DEAL_PROPS.status]: order.status,
    [DEAL_PROPS.link]: ctx.orderUrl(order),
    [DEAL_PROPS.carrier]: order.shipping.carrier ?? '',
    [DEAL_PROPS.tracking]: order.shipping.trackingNumber ?? '',
    [DEAL_PROPS.shippedAt]: order.shipping.shippedAt ? String(Date.parse(order.shipping.shippedAt)) : '',
    [DEAL_PROPS.completedOn]: completedOn,
  };
}

/** Drops values the deal already holds. HubSpot returns dates as ISO strings, so those compare as instants. */
export function changedOnly(
  wanted: Record<string, string>,
  current: Readonly<Record<string, string | null | undefined>> | undefined,
): Record<string, string> {
  if (!current) return wanted;
  const same = (a: string, b: string | null | undefined) => {
    const now = b ?? '';
    if (a === now) return true;
    return a !== '' && now !== '' && /^\d+$/.test(a) && Date.parse(now) === Number(a);
  };
  return Object.fromEntries(Object.entries(wanted).filter(([k, v]) => !same(v, current[k])));
}

/** PATCH one deal (1 call); nothing is sent when nothing changed. */
export async function updateDeal(
  hubspot: HubspotCall,
  portalId: number,
  dealId: string,
  properties: Record<string, string>,
  priority: HubspotCallOptions['priority'] = 'background',
): Promise<void> {
  if (Object.keys(properties).length === 0) return;
  await hubspot(portalId, { feature: 'orders', priority }, (c) => c.crm.deals.basicApi.update(dealId, { properties }));
}

/** Batch update of many deals (100 per call); returns the deal ids HubSpot did not update, with the reason. */
export async function updateDeals(
  hubspot: HubspotCall,
  portalId: number,
  updates: { id: string; properties: Record<string, string> }[],
): Promise<Map<string, { status: number; message: string }>> {
  const inputs = withTraceIds(updates.filter((u) => Object.keys(u.properties).length > 0));
  const outcomes = await runInBatches(inputs, (chunk) =>
    hubspot(portalId, { feature: 'orders' }, (c) => c.crm.deals.batchApi.update({ inputs: chunk })),
  );
  const failed = new Map<string, { status: number; message: string }>();
  for (const o of outcomes) if (!o.ok) failed.set(o.input.id, { status: o.error.status, message: o.error.message });
  return failed;
}
