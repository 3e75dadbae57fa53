import { AppError, isAppError } from '../errors.ts';
import type { CompanyPlan } from './companyLink.ts';
import { companyPropertyNames, type DealBundle } from './dealBundle.ts';
import { readDealBundles } from './dealBundles.ts';
import { changedOnly, dealPropertiesFor, updateDeals } from './dealWriteback.ts';
import { orderCreatedEffect, type TimelineEffect } from './effects.ts';
import { itemErrorToAppError } from './hubspotErrors.ts';
import { draftFromDeal } from './orderFromDeal.ts';
import type { OrdersDeps } from './ordersDeps.ts';
import { linkCompany } from './syncDeal.ts';
import type { Actor, Order, OrderSource } from './types.ts';

/**
 * The burst path of createOrderFromDeal (issue 6 §8): many closed deals at once — batch reads of deals, their
 * associations, companies, contacts and line items, then one batch update for all deals. Same guarantees per deal
 * (one order per deal, one write-back under the lease); each deal gets its own outcome.
 */
export type BurstOutcome =
  | { dealId: string; status: 'created' | 'existing'; order: Order }
  | { dealId: string; status: 'skipped'; reason: string }
  | { dealId: string; status: 'failed'; error: AppError };

export interface BurstResult {
  outcomes: BurstOutcome[];
  effects: TimelineEffect[];
}

interface Pending {
  order: Order;
  token: string;
  bundle: DealBundle;
}

interface BurstContext {
  source: OrderSource;
  actor: Actor;
}

const asAppError = (err: unknown) =>
  isAppError(err) ? err : new AppError('upstream_unavailable', `unexpected failure: ${(err as Error).message ?? err}`);

async function skipReason(deps: OrdersDeps, portalId: number, b: DealBundle): Promise<string | undefined> {
  const { pipeline, dealstage } = b.deal.properties;
  if (dealstage && (await deps.stages.isTrigger(portalId, pipeline, dealstage))) return undefined;
  return `deal ${b.deal.id} is in stage ${dealstage ?? '(none)'} of pipeline ${pipeline ?? 'default'}, which does not create orders`;
}

type Found = { order: Order; created: boolean; plan?: CompanyPlan } | { skipped: string };

/** The deal's order, created from the read bundle when it has none yet (company plan kept for linking). */
async function findOrCreate(deps: OrdersDeps, portalId: number, bundle: DealBundle, ctx: BurstContext): Promise<Found> {
  const existing = deps.store.byDeal(portalId, bundle.deal.id);
  if (existing) return { order: existing, created: false };
  if (ctx.source === 'automatic') {
    const reason = await skipReason(deps, portalId, bundle);
    if (reason) return { skipped: reason };
  }
  const settings = deps.settings.get(portalId);
  const mapping = deps.mapping.get(portalId);
  const plan = await deps.companies.plan(portalId, bundle, {
    allowCreate: settings.createCompanies,
    properties: companyPropertyNames(mapping.fields),
  });
  const draft = draftFromDeal({ portalId, bundle, plan, mapping, settings, source: ctx.source });
  const format = { prefix: settings.numberPrefix, digits: settings.numberDigits };
  const { order, created } = deps.store.createOnce(draft, format, ctx.actor, new Date(deps.now()));
  return { order, created, ...(created ? { plan } : {}) };
}

/** Finds or creates the deal's order and, when its write-back is pending, claims it and links the company. */
async function claimOne(
  deps: OrdersDeps,
  portalId: number,
  bundle: DealBundle,
  ctx: BurstContext,
): Promise<{ outcome: BurstOutcome; pending?: Pending }> {
  const dealId = bundle.deal.id;
  const found = await findOrCreate(deps, portalId, bundle, ctx);
  if ('skipped' in found) return { outcome: { dealId, status: 'skipped', reason: found.skipped } };
  const status = found.created ? ('created' as const) : ('existing' as const);
  const token =
    found.order.hubspotSync === 'pending'
      ? deps.store.claimSync(portalId, found.order.id, deps.now(), deps.syncLeaseMs)
      : undefined;
  if (!token) return { outcome: { dealId, status, order: found.order } };
  try {
    const linkOpts = { plan: found.plan, actor: ctx.actor, reread: async () => bundle };
    const order = await linkCompany(deps, found.order, linkOpts);
    return { outcome: { dealId, status, order }, pending: { order, token, bundle } };
  } catch (err) {
    deps.store.releaseSync(found.order.id, token);
    throw err;
  }
}

/** One batch update for every claimed deal; marks each synced or releases it with the reason. */
async function writeBack(deps: OrdersDeps, portalId: number, pending: Pending[], actor: Actor) {
  const { lifecycle } = deps.settings.get(portalId);
  const ctx = { lifecycle, orderUrl: deps.orderUrl };
  const updates = pending.map((p) => ({
    id: p.order.dealId,
    properties: changedOnly(dealPropertiesFor(p.order, ctx), p.bundle.deal.properties),
  }));
  const failed = await updateDeals(deps.hubspot, portalId, updates);
  const at = new Date(deps.now()).toISOString();
  const done: Pending[] = [];
  const errors = new Map<string, AppError>();
  pending.forEach((p, i) => {
    const error = failed.get(p.order.dealId);
    if (error) {
      deps.store.releaseSync(p.order.id, p.token);
      errors.set(
        p.order.dealId,
        itemErrorToAppError({ ...error, category: 'DEAL_UPDATE' }, `deal ${p.order.dealId} was not updated`),
      );
      return;
    }
    const entry = {
      portalId,
      orderId: p.order.id,
      actor,
      action: 'deal.updated' as const,
      after: updates[i]!.properties,
      at,
    };
    deps.audit.record({ ...entry, detail: { dealId: p.order.dealId, batch: true } });
    deps.store.markSynced(p.order.id, p.token);
    done.push(p);
  });
  return { done, errors };
}

/** Creates the orders of many deals at once; duplicates in `dealIds` count once. */
export async function createOrdersForDeals(
  deps: OrdersDeps,
  input: { portalId: number; dealIds: readonly string[]; source?: OrderSource; actor?: Actor },
): Promise<BurstResult> {
  const { portalId } = input;
  const ctx: BurstContext = { source: input.source ?? 'automatic', actor: input.actor ?? 'system:webhook' };
  const dealIds = [...new Set(input.dealIds)];
  const synced = new Map(
    dealIds.map((id) => [id, deps.store.byDeal(portalId, id)] as const).filter(([, o]) => o?.hubspotSync === 'synced'),
  );
  const toRead = dealIds.filter((id) => !synced.has(id));
  const bundles = await readDealBundles(deps.hubspot, portalId, toRead, deps.mapping.get(portalId).fields);
  const outcomes = new Map<string, BurstOutcome>();
  for (const [id, order] of synced) outcomes.set(id, { dealId: id, status: 'existing', order: order! });
  const pending: Pending[] = [];
  for (const dealId of toRead) {
    const read = bundles.get(dealId)!;
    if (!read.ok) {
      outcomes.set(dealId, { dealId, status: 'failed', error: read.error });
      continue;
    }
    try {
      const claimed = await claimOne(deps, portalId, read.bundle, ctx);
      outcomes.set(dealId, claimed.outcome);
      if (claimed.pending) pending.push(claimed.pending);
    } catch (err) {
      outcomes.set(dealId, { dealId, status: 'failed', error: asAppError(err) });
    }
  }
  const { done, errors } = await writeBack(deps, portalId, pending, ctx.actor);
  for (const [dealId, error] of errors) outcomes.set(dealId, { dealId, status: 'failed', error });
  const effects = done.map((p) => orderCreatedEffect({ ...p.order, hubspotSync: 'synced' }));
  return { outcomes: dealIds.map((id) => outcomes.get(id)!), effects };
}
