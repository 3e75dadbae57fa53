import { fromHubspot, toHubspot } from '../mapping/orderValues.ts';
import { type ConflictPolicy, type OrderFieldMapping, reconciledFields } from '../mapping/orderFields.ts';
import type { FieldIssue } from '../mapping/applyOrderMapping.ts';
import type { OrderConflict } from './conflictsRepo.ts';
import { updateDeal } from './dealWriteback.ts';
import { dealNotFound, isNotFoundError } from './hubspotErrors.ts';
import { fieldValue } from './orderFieldAccess.ts';
import type { OrdersDeps } from './ordersDeps.ts';
import type { Actor, Order } from './types.ts';

/**
 * Compares a deal with its order and applies the portal's policy per disagreeing field (issue 6 §6): HubSpot wins →
 * the order takes the deal's value; Switchboard wins → the deal takes the order's value (one PATCH for all such
 * fields); manual → an open conflict with both values. Every conflict and resolution lands in the audit trail.
 * The `orders.dealChanged` job calls this on `deal.propertyChange` webhooks for mapped properties. Costs 1 read (+1 write).
 */
export interface ReconcileResult {
  order: Order | null;
  conflicts: OrderConflict[];
  /** Values HubSpot holds that do not fit their order field (left alone). */
  unreadable: FieldIssue[];
}

/**
 * Where a deal and its order disagree on a mapped deal field, and what the portal's policy does about it (issue 6
 * §6). Pure. Values compare in canonical form (mapping/orderValues.ts): "12500.50" and "12500.5" agree.
 */
export interface Disagreement {
  mapping: OrderFieldMapping;
  hubspotValue: string | null;
  switchboardValue: string | null;
}

export type PolicyAction = 'update_order' | 'update_deal' | 'open_manual';

const ACTION: Record<ConflictPolicy, PolicyAction> = {
  hubspot: 'update_order',
  switchboard: 'update_deal',
  manual: 'open_manual',
};

export const actionFor = (policy: ConflictPolicy): PolicyAction => ACTION[policy];

/**
 * Disagreements between the deal's current properties and the order. A property the read did not return
 * (e.g. `deal_currency_code` in a single-currency portal) is not a disagreement: HubSpot has no opinion on it.
 */
export function findDisagreements(
  mapping: readonly OrderFieldMapping[],
  deal: Readonly<Record<string, string | null | undefined>>,
  order: Order,
): { disagreements: Disagreement[]; unreadable: FieldIssue[] } {
  const disagreements: Disagreement[] = [];
  const unreadable: FieldIssue[] = [];
  for (const m of reconciledFields(mapping)) {
    if (!(m.property in deal)) continue;
    const read = fromHubspot(m.kind, deal[m.property]);
    if (!read.ok) {
      unreadable.push({ field: m.field, message: `deal ${m.property} ${read.message}` });
      continue;
    }
    const ours = fieldValue(order, m.field) ?? null;
    if (read.value !== ours) disagreements.push({ mapping: m, hubspotValue: read.value, switchboardValue: ours });
  }
  return { disagreements, unreadable };
}

async function readDeal(deps: OrdersDeps, portalId: number, dealId: string, properties: string[]) {
  try {
    return await deps.hubspot(portalId, { feature: 'orders' }, (c) => c.crm.deals.basicApi.getById(dealId, properties));
  } catch (e) {
    throw isNotFoundError(e) ? dealNotFound(portalId, dealId) : e;
  }
}

function detected(order: Order, d: Disagreement) {
  const { field, property, conflictPolicy: policy } = d.mapping;
  return {
    portalId: order.portalId,
    orderId: order.id,
    dealId: order.dealId,
    field,
    property,
    policy,
    hubspotValue: d.hubspotValue,
    switchboardValue: d.switchboardValue,
  };
}

/** HubSpot wins: conflict, order change and resolution in one transaction. */
function applyHubspotWins(deps: OrdersDeps, order: Order, list: Disagreement[], actor: Actor, now: Date) {
  return deps.conflicts.transaction(() =>
    list.map((d) => {
      const { conflict } = deps.conflicts.detect(detected(order, d), actor, now);
      deps.changes.updateFields(order.portalId, order.id, { [d.mapping.field]: d.hubspotValue }, actor, now, {
        conflictId: conflict.id,
      });
      return deps.conflicts.resolve(order.portalId, conflict.id, 'hubspot', d.hubspotValue, actor, now)!;
    }),
  );
}

/** Switchboard wins: the deal is written first; only a successful write is recorded as resolved. */
async function applySwitchboardWins(deps: OrdersDeps, order: Order, list: Disagreement[], actor: Actor, now: Date) {
  if (list.length === 0) return [];
  const properties = Object.fromEntries(
    list.map((d) => [d.mapping.property, toHubspot(d.mapping.kind, d.switchboardValue)]),
  );
  await updateDeal(deps.hubspot, order.portalId, order.dealId, properties);
  return deps.conflicts.transaction(() =>
    list.map((d) => {
      const { conflict } = deps.conflicts.detect(detected(order, d), actor, now);
      return deps.conflicts.resolve(order.portalId, conflict.id, 'switchboard', d.switchboardValue, actor, now)!;
    }),
  );
}

/** Open manual conflicts whose field now agrees are closed as resolved by agreement. */
function closeAgreed(deps: OrdersDeps, order: Order, disagreeing: Set<string>, actor: Actor, now: Date) {
  const open = deps.conflicts.list(order.portalId, { status: 'open', orderId: order.id });
  return open
    .filter((c) => !disagreeing.has(c.field))
    .flatMap((c) => deps.conflicts.resolve(order.portalId, c.id, 'agreement', c.switchboardValue, actor, now) ?? []);
}

export async function reconcileDeal(
  deps: OrdersDeps,
  portalId: number,
  dealId: string,
  opts: { actor?: Actor } = {},
): Promise<ReconcileResult> {
  const actor = opts.actor ?? 'system:reconcile';
  const order = deps.store.byDeal(portalId, dealId);
  if (!order) return { order: null, conflicts: [], unreadable: [] };
  const mapping = deps.mapping.get(portalId).fields;
  const deal = await readDeal(
    deps,
    portalId,
    dealId,
    reconciledFields(mapping).map((m) => m.property),
  );
  const { disagreements, unreadable } = findDisagreements(mapping, deal.properties, order);
  const now = new Date(deps.now());
  const by = (a: string) => disagreements.filter((d) => actionFor(d.mapping.conflictPolicy) === a);
  const conflicts = [
    ...(await applySwitchboardWins(deps, order, by('update_deal'), actor, now)),
    ...applyHubspotWins(deps, order, by('update_order'), actor, now),
    ...by('open_manual').map((d) => deps.conflicts.detect(detected(order, d), actor, now).conflict),
    ...closeAgreed(deps, order, new Set(disagreements.map((d) => d.mapping.field)), actor, now),
  ];
  return { order: deps.store.byId(portalId, order.id) ?? order, conflicts, unreadable };
}
