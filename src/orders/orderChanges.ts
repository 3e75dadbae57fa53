import type { Db } from '../db/openDatabase.ts';
import type { OrderFieldValues } from '../mapping/applyOrderMapping.ts';
import type { AuditLog } from './auditLog.ts';
import { fieldValue, withFieldValues } from './orderFieldAccess.ts';
import { type OrderRow, orderParams, toOrder, toStatusChange } from './orderRows.ts';
import type { Actor, Order, OrderCustomer, OrderShipping, StatusChange } from './types.ts';

/**
 * All SQL that changes an existing order. Each change writes its status history and audit entries in the same
 * transaction. A status change marks the order's HubSpot write-back pending again and drops any lease, so a
 * write-back already in flight cannot mark the newer state as synced (orderStore.markSynced checks the token).
 */
export interface StatusUpdate {
  status: string;
  shipping: OrderShipping;
  completedAt: string | null;
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

const UPDATE_ORDER = `
  UPDATE orders SET name = @name, company_id = @companyId, customer = @customer, contacts = @contacts,
    line_items = @lineItems, custom = @custom, order_date = @orderDate, value = @value, currency = @currency,
    status = @status, carrier = @carrier, tracking_number = @trackingNumber, shipped_at = @shippedAt,
    completed_at = @completedAt, updated_at = @at
  WHERE portal_id = @portalId AND id = @id
  RETURNING *`;

export function createOrderChanges(db: Db, audit: AuditLog) {
  const current = db.prepare<[number, number], OrderRow>('SELECT * FROM orders WHERE portal_id = ? AND id = ?');
  const update = db.prepare<Record<string, unknown>, OrderRow>(UPDATE_ORDER);
  const pending = db.prepare(
    "UPDATE orders SET hubspot_sync = 'pending', sync_lease_token = NULL, sync_lease_until = NULL WHERE id = ?",
  );
  const addHistory = db.prepare(`
    INSERT INTO order_status_history (order_id, from_status, to_status, actor, at) VALUES (?, ?, ?, ?, ?)
    RETURNING *`);

  const load = (portalId: number, id: number): Order => {
    const row = current.get(portalId, id);
    if (!row) throw new Error(`order ${id} of portal ${portalId} vanished inside a transaction`);
    return toOrder(row);
  };
  const save = (o: Order, at: string): Order => toOrder(update.get({ ...orderParams(o), id: o.id, at })!);

  const statusTx = db.transaction((portalId: number, id: number, next: StatusUpdate, actor: Actor, at: string) => {
    const before = load(portalId, id);
    const after = save({ ...before, status: next.status, shipping: next.shipping, completedAt: next.completedAt }, at);
    let change: StatusChange | null = null;
    if (before.status !== after.status) {
      const row = addHistory.get(id, before.status, after.status, actor, at) as Parameters<typeof toStatusChange>[0];
      change = toStatusChange(row);
      const entry = { portalId, orderId: id, actor, action: 'order.status_changed' as const, field: 'status', at };
      audit.record({ ...entry, before: before.status, after: after.status });
    }
    if (JSON.stringify(before.shipping) !== JSON.stringify(after.shipping)) {
      const entry = { portalId, orderId: id, actor, action: 'order.fields_changed' as const, field: 'shipping', at };
      audit.record({ ...entry, before: before.shipping, after: after.shipping });
    }
    pending.run(id);
    return { before, order: { ...after, hubspotSync: 'pending' as const }, change };
  });

  const fieldsTx = db.transaction(
    (portalId: number, id: number, values: OrderFieldValues, actor: Actor, at: string, detail: unknown) => {
      const before = load(portalId, id);
      const changes: FieldChange[] = Object.entries(values)
        .map(([field, after]) => ({ field, before: fieldValue(before, field) ?? null, after }))
        .filter((c) => c.before !== c.after);
      if (changes.length === 0) return { order: before, changes };
      const order = save(withFieldValues(before, values), at);
      for (const c of changes) {
        const entry = { portalId, orderId: id, actor, action: 'order.fields_changed' as const, at, detail };
        audit.record({ ...entry, field: c.field, before: c.before, after: c.after });
      }
      return { order, changes };
    },
  );

  const customerTx = db.transaction(
    (portalId: number, id: number, customer: OrderCustomer, actor: Actor, at: string) => {
      const before = load(portalId, id);
      const order = save({ ...before, customer }, at);
      const entry = { portalId, orderId: id, actor, action: 'order.customer_linked' as const, field: 'customer', at };
      audit.record({ ...entry, before: before.customer, after: customer });
      return order;
    },
  );

  return {
    /** Sets status and shipping (history + audit) and marks the deal write-back pending. */
    changeStatus(portalId: number, id: number, next: StatusUpdate, actor: Actor, now: Date) {
      return statusTx.immediate(portalId, id, next, actor, now.toISOString());
    },
    /** Changes mapped fields; one audit entry per field that really changed. */
    updateFields(portalId: number, id: number, values: OrderFieldValues, actor: Actor, now: Date, detail?: unknown) {
      return fieldsTx.immediate(portalId, id, values, actor, now.toISOString(), detail ?? null);
    },
    /** Links the order to a HubSpot company (matched or created after the order was claimed). */
    linkCustomer(portalId: number, id: number, customer: OrderCustomer, actor: Actor, now: Date): Order {
      return customerTx.immediate(portalId, id, customer, actor, now.toISOString());
    },
  };
}

export type OrderChanges = ReturnType<typeof createOrderChanges>;
