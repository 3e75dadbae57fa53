import { z } from 'zod';
import { AppError } from '../errors.ts';
import { isStandardField, type OrderFieldKind, STANDARD_ORDER_FIELDS } from '../mapping/orderFields.ts';
import { parseTyped, toHubspot } from '../mapping/orderValues.ts';
import type { OrderConflict } from './conflictsRepo.ts';
import { updateDeal } from './dealWriteback.ts';
import { fieldValue } from './orderFieldAccess.ts';
import type { OrdersDeps } from './ordersDeps.ts';
import type { Actor, Order } from './types.ts';

/**
 * Resolves an open manual conflict (issue 6 §6, "resolved through the API"): keep HubSpot's value, keep
 * Switchboard's, or set both to a given value. HubSpot is written before the conflict is closed, so a failed write
 * leaves it open for another try. Each resolution is audited (conflictsRepo.resolve).
 */
export const ConflictResolution = z.union([
  z.literal('hubspot'),
  z.literal('switchboard'),
  z.object({ value: z.string().nullable() }),
]);
export type ConflictResolution = z.infer<typeof ConflictResolution>;

export interface ResolveResult {
  conflict: OrderConflict;
  order: Order;
}

function kindOf(deps: OrdersDeps, c: OrderConflict): OrderFieldKind {
  const mapped = deps.mapping.get(c.portalId).fields.find((m) => m.field === c.field);
  if (mapped) return mapped.kind;
  return isStandardField(c.field) ? STANDARD_ORDER_FIELDS[c.field].kind : 'text';
}

function openConflict(deps: OrdersDeps, portalId: number, id: number): OrderConflict {
  const c = deps.conflicts.byId(portalId, id);
  if (!c) throw new AppError('not_found', `conflict ${id} does not exist in portal ${portalId}`);
  if (c.status !== 'open') throw new AppError('conflict', `conflict ${id} was already resolved (${c.resolution})`);
  return c;
}

/** The value both sides end up with. 'switchboard' takes the order's current value (it may have moved on). */
function target(c: OrderConflict, order: Order, kind: OrderFieldKind, r: ConflictResolution): string | null {
  if (r === 'hubspot') return c.hubspotValue;
  if (r === 'switchboard') return fieldValue(order, c.field) ?? c.switchboardValue;
  const parsed = parseTyped(kind, r.value);
  if (!parsed.ok) throw new AppError('validation', `${c.field}: ${parsed.message}`, { field: c.field });
  if (c.field === 'name' && parsed.value === null)
    throw new AppError('validation', 'an order needs a name', { field: 'name' });
  return parsed.value;
}

export async function resolveConflict(
  deps: OrdersDeps,
  portalId: number,
  conflictId: number,
  resolution: ConflictResolution,
  opts: { actor?: Actor } = {},
): Promise<ResolveResult> {
  const actor = opts.actor ?? 'api:conflicts';
  const c = openConflict(deps, portalId, conflictId);
  const order = deps.store.byId(portalId, c.orderId);
  if (!order) throw new AppError('not_found', `order ${c.orderId} of conflict ${conflictId} does not exist`);
  const kind = kindOf(deps, c);
  const value = target(c, order, kind, resolution);
  if (resolution !== 'hubspot' && value !== c.hubspotValue) {
    await updateDeal(deps.hubspot, portalId, c.dealId, { [c.property]: toHubspot(kind, value) }, 'interactive');
  }
  const how = typeof resolution === 'string' ? resolution : 'value';
  const now = new Date(deps.now());
  return deps.conflicts.transaction(() => {
    const updated = deps.changes.updateFields(portalId, order.id, { [c.field]: value }, actor, now, { conflictId });
    const conflict = deps.conflicts.resolve(portalId, conflictId, how, value, actor, now);
    if (!conflict) throw new AppError('conflict', `conflict ${conflictId} was resolved by someone else meanwhile`);
    return { conflict, order: updated.order };
  });
}
