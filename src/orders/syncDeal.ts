import type { HubspotCallOptions } from '../hubspot/hubspotCall.ts';
import type { CompanyPlan } from './companyLink.ts';
import { companyPropertyNames, type DealBundle } from './dealBundle.ts';
import { changedOnly, dealPropertiesFor, updateDeal } from './dealWriteback.ts';
import type { TimelineEffect } from './effects.ts';
import type { OrdersDeps } from './ordersDeps.ts';
import type { Actor, Order } from './types.ts';

/**
 * Brings the deal in line with its order: links the customer company if the order has none yet, writes
 * Switchboard's deal properties, marks the order synced — under the order's write-back lease, so of several
 * concurrent callers exactly one does it and the others return without a HubSpot call. On failure the lease is
 * released and the order stays pending, so the job spine's retry (or the next call) finishes the work.
 */
export interface SyncOptions {
  actor: Actor;
  effect: (order: Order) => TimelineEffect;
  priority?: HubspotCallOptions['priority'];
  /** The company plan made before the order was inserted; absent on a retry, when it is planned again. */
  plan?: CompanyPlan;
  /** Reads the deal again for a retry's company plan; without it, no company is linked (status updates). */
  reread?: () => Promise<DealBundle>;
  /** What the deal holds now, when known: unchanged properties are not sent. */
  dealNow?: Readonly<Record<string, string | null>>;
}

export interface SyncResult {
  order: Order;
  effects: TimelineEffect[];
}

/** Links the planned (or re-planned) company to the deal and the order; the order unchanged when there is none. */
export async function linkCompany(
  deps: OrdersDeps,
  order: Order,
  opts: Pick<SyncOptions, 'plan' | 'reread' | 'actor' | 'priority'>,
): Promise<Order> {
  if (order.customer.companyId || (!opts.plan && !opts.reread)) return order;
  const settings = deps.settings.get(order.portalId);
  const plan =
    opts.plan ??
    (await deps.companies.plan(order.portalId, await opts.reread!(), {
      allowCreate: settings.createCompanies,
      properties: companyPropertyNames(deps.mapping.get(order.portalId).fields),
      priority: opts.priority,
    }));
  const company = await deps.companies.carryOut(order.portalId, order.dealId, plan);
  if (!company) return order;
  const customer = { ...order.customer, companyId: company.id };
  return deps.changes.linkCustomer(order.portalId, order.id, customer, opts.actor, new Date(deps.now()));
}

/** Syncs the deal when the order is pending and nobody else is doing it; otherwise returns it as is. */
export async function syncDeal(deps: OrdersDeps, order: Order, opts: SyncOptions): Promise<SyncResult> {
  if (order.hubspotSync === 'synced') return { order, effects: [] };
  const token = deps.store.claimSync(order.portalId, order.id, deps.now(), deps.syncLeaseMs);
  if (!token) return { order, effects: [] };
  try {
    const linked = await linkCompany(deps, order, opts);
    const { lifecycle } = deps.settings.get(order.portalId);
    const properties = changedOnly(dealPropertiesFor(linked, { lifecycle, orderUrl: deps.orderUrl }), opts.dealNow);
    await updateDeal(deps.hubspot, order.portalId, order.dealId, properties, opts.priority);
    if (Object.keys(properties).length > 0) {
      const at = new Date(deps.now()).toISOString();
      const entry = { portalId: order.portalId, orderId: order.id, actor: opts.actor, action: 'deal.updated' as const };
      deps.audit.record({ ...entry, after: properties, detail: { dealId: order.dealId }, at });
    }
    const synced = deps.store.markSynced(order.id, token);
    const result = { ...linked, hubspotSync: synced ? ('synced' as const) : ('pending' as const) };
    return { order: result, effects: [opts.effect(result)] };
  } catch (err) {
    deps.store.releaseSync(order.id, token);
    throw err;
  }
}
