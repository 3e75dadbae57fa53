import { AppError } from '../errors.ts';
import type { HubspotCallOptions } from '../hubspot/hubspotCall.ts';
import { companyPropertyNames, type DealBundle, readDealBundle } from './dealBundle.ts';
import { orderCreatedEffect, type TimelineEffect } from './effects.ts';
import { draftFromDeal } from './orderFromDeal.ts';
import type { OrdersDeps } from './ordersDeps.ts';
import { syncDeal } from './syncDeal.ts';
import type { Actor, Order, OrderSource } from './types.ts';

/**
 * Deal → order, the one function behind both the webhook job (a deal reached a closed-won stage) and the card's
 * *Create order* button (issue 6 §2). Exactly once per deal: duplicate and concurrent calls all get the same
 * order, and only the caller that wins the write-back lease writes to the deal and gets the timeline effect.
 * HubSpot calls for a lone deal with an associated company: 1 deal read + up to 3 batch reads + 1 deal update,
 * plus 1 pipelines read when the portal's pipeline cache is cold (automatic source only).
 */
export interface CreateOrderInput {
  portalId: number;
  dealId: string;
  source: OrderSource;
  /** The rep's edits from the *Create order* form, keyed by order field (`value`, `customer.name`, …). */
  overrides?: Readonly<Record<string, string | null>>;
  actor?: Actor;
  priority?: HubspotCallOptions['priority'];
  /** Called once the order row exists, before HubSpot is written: a card click remembers its order here. */
  onCreated?: (order: Order) => void;
}

export type CreateOrderResult =
  | { status: 'created' | 'existing'; order: Order; effects: TimelineEffect[] }
  /** Automatic source only: the deal is no longer in a stage that creates orders (it moved on, or settings changed). */
  | { status: 'skipped'; reason: string; effects: [] };

const defaultActor = (source: OrderSource) => (source === 'automatic' ? 'system:webhook' : 'user:card');

async function skipReason(deps: OrdersDeps, portalId: number, bundle: DealBundle): Promise<string | undefined> {
  const { pipeline, dealstage } = bundle.deal.properties;
  if (!dealstage) return `deal ${bundle.deal.id} has no deal stage`;
  if (await deps.stages.isTrigger(portalId, pipeline, dealstage)) return undefined;
  return `deal ${bundle.deal.id} is in stage ${dealstage} of pipeline ${pipeline ?? 'default'}, which does not create orders`;
}

/** Creates the deal's order (or returns the one it has) and brings the deal up to date. */
export async function createOrderFromDeal(deps: OrdersDeps, input: CreateOrderInput): Promise<CreateOrderResult> {
  if (!/^\d+$/.test(input.dealId)) throw new AppError('validation', `"${input.dealId}" is not a HubSpot deal id`);
  const { portalId, dealId, source } = input;
  const actor = input.actor ?? defaultActor(source);
  const priority = input.priority ?? (source === 'manual' ? 'interactive' : 'background');
  const mapping = deps.mapping.get(portalId);
  const reread = () => readDealBundle(deps.hubspot, portalId, dealId, mapping.fields, priority);
  const effect = orderCreatedEffect;

  const existing = deps.store.byDeal(portalId, dealId);
  if (existing) {
    const synced = await syncDeal(deps, existing, { actor, effect, priority, reread });
    return { status: 'existing', ...synced };
  }
  const bundle = await reread();
  if (source === 'automatic') {
    const reason = await skipReason(deps, portalId, bundle);
    if (reason) return { status: 'skipped', reason, effects: [] };
  }
  const settings = deps.settings.get(portalId);
  const plan = await deps.companies.plan(portalId, bundle, {
    overrides: input.overrides,
    allowCreate: settings.createCompanies,
    properties: companyPropertyNames(mapping.fields),
    priority,
  });
  const draft = draftFromDeal({ portalId, bundle, plan, mapping, settings, source, overrides: input.overrides });
  const format = { prefix: settings.numberPrefix, digits: settings.numberDigits };
  const { order, created } = deps.store.createOnce(draft, format, actor, new Date(deps.now()));
  if (created) input.onCreated?.(order);
  const opts = { actor, effect, priority, reread, dealNow: bundle.deal.properties, ...(created ? { plan } : {}) };
  const synced = await syncDeal(deps, order, opts);
  return { status: created ? 'created' : 'existing', ...synced };
}
