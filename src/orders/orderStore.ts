import { randomUUID } from 'node:crypto';
import type { Db } from '../db/openDatabase.ts';
import type { AuditLog } from './auditLog.ts';
import { type HistoryRow, type OrderRow, orderParams, toOrder, toStatusChange } from './orderRows.ts';
import type { Actor, NewOrder, Order, StatusChange } from './types.ts';

/**
 * All SQL about creating and reading orders, and the write-back lease. Exactly once per deal: the INSERT computes
 * the next per-portal number and does nothing on a (portal, deal) conflict, so concurrent creators — other
 * requests, other workers, other processes on the same file — all end up with the one row (liteque's rule:
 * the idempotency key is a UNIQUE column).
 */
export interface NumberFormat {
  prefix: string;
  digits: number;
}

export interface CreateResult {
  order: Order;
  created: boolean;
}

// `WHERE true` is required by SQLite's parser for INSERT … SELECT … ON CONFLICT (sqlite.org/lang_upsert.html, 2.2).
const INSERT_ONCE = `
  INSERT INTO orders (portal_id, seq, number, deal_id, name, company_id, customer, contacts, line_items, custom,
    order_date, value, currency, status, source, hubspot_sync, created_at, updated_at)
  SELECT @portalId, n.seq, printf(@format, @prefix, n.seq), @dealId, @name, @companyId, @customer, @contacts,
    @lineItems, @custom, @orderDate, @value, @currency, @status, @source, 'pending', @at, @at
  FROM (SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM orders WHERE portal_id = @portalId) AS n
  WHERE true
  ON CONFLICT (portal_id, deal_id) DO NOTHING
  RETURNING *`;

/** Creation, reads and the HubSpot write-back lease; field and status changes live in orderChanges.ts. */
export function createOrderStore(db: Db, audit: AuditLog) {
  const insertOnce = db.prepare<Record<string, unknown>, OrderRow>(INSERT_ONCE);
  const byDeal = db.prepare<[number, string], OrderRow>('SELECT * FROM orders WHERE portal_id = ? AND deal_id = ?');
  const byId = db.prepare<[number, number], OrderRow>('SELECT * FROM orders WHERE portal_id = ? AND id = ?');
  const byCompany = db.prepare<Record<string, unknown>, OrderRow>(`
    SELECT * FROM orders WHERE portal_id = @portalId AND company_id = @companyId AND (@before IS NULL OR id < @before)
    ORDER BY id DESC LIMIT @limit`);
  const history = db.prepare<[number], HistoryRow>('SELECT * FROM order_status_history WHERE order_id = ? ORDER BY id');
  const addHistory = db.prepare(
    'INSERT INTO order_status_history (order_id, from_status, to_status, actor, at) VALUES (?, ?, ?, ?, ?)',
  );
  const claim = db.prepare(`
    UPDATE orders SET sync_lease_token = @token, sync_lease_until = @until
    WHERE portal_id = @portalId AND id = @id AND hubspot_sync = 'pending'
      AND (sync_lease_until IS NULL OR sync_lease_until <= @now)`);
  const synced = db.prepare(`
    UPDATE orders SET hubspot_sync = 'synced', sync_lease_token = NULL, sync_lease_until = NULL
    WHERE id = @id AND sync_lease_token = @token`);
  const pendingSync = db.prepare<[number, number, number], OrderRow>(`
    SELECT * FROM orders WHERE portal_id = ? AND hubspot_sync = 'pending'
      AND (sync_lease_until IS NULL OR sync_lease_until <= ?) ORDER BY id LIMIT ?`);
  const portalsPending = db
    .prepare<[number], number>(`SELECT DISTINCT portal_id FROM orders WHERE hubspot_sync = 'pending'
      AND (sync_lease_until IS NULL OR sync_lease_until <= ?)`)
    .pluck();
  const release = db.prepare(
    'UPDATE orders SET sync_lease_token = NULL, sync_lease_until = NULL WHERE id = ? AND sync_lease_token = ?',
  );

  const createTx = db.transaction((o: NewOrder, format: NumberFormat, actor: Actor, at: string): CreateResult => {
    const params = { ...orderParams(o), prefix: format.prefix, format: `%s%0${format.digits}d`, at };
    const row = insertOnce.get(params);
    if (!row) return { order: toOrder(byDeal.get(o.portalId, o.dealId)!), created: false };
    const order = toOrder(row);
    addHistory.run(order.id, null, order.status, actor, at);
    audit.record({ portalId: o.portalId, orderId: order.id, actor, action: 'order.created', after: order, at });
    return { order, created: true };
  });

  return {
    /** Inserts the order unless the deal already has one; either way returns the deal's order. */
    createOnce(o: NewOrder, format: NumberFormat, actor: Actor, now: Date): CreateResult {
      // IMMEDIATE takes the write lock up front, so a second process waits (busy_timeout) instead of failing.
      return createTx.immediate(o, format, actor, now.toISOString());
    },
    byDeal(portalId: number, dealId: string): Order | undefined {
      const row = byDeal.get(portalId, dealId);
      return row ? toOrder(row) : undefined;
    },
    byId(portalId: number, id: number): Order | undefined {
      const row = byId.get(portalId, id);
      return row ? toOrder(row) : undefined;
    },
    /** Newest first; `before` is the last id of the previous page (keyset paging). */
    byCompany(portalId: number, companyId: string, page: { limit: number; before?: number }): Order[] {
      const params = { portalId, companyId, before: page.before ?? null, limit: page.limit };
      return byCompany.all(params).map(toOrder);
    },
    history(orderId: number): StatusChange[] {
      return history.all(orderId).map(toStatusChange);
    },
    /**
     * Claims the pending HubSpot write-back of an order for `leaseMs`; returns the lease token, or undefined
     * when the order is synced or another caller holds a live lease (it is doing the write right now).
     */
    claimSync(portalId: number, id: number, nowMs: number, leaseMs: number): string | undefined {
      const token = randomUUID();
      const changes = claim.run({ portalId, id, token, now: nowMs, until: nowMs + leaseMs }).changes;
      return changes === 1 ? token : undefined;
    },
    /** Marks the write-back done — unless a change since the claim took the lease away (then it stays pending). */
    markSynced(id: number, token: string): boolean {
      return synced.run({ id, token }).changes === 1;
    },
    /** Orders whose deal write-back is pending and unclaimed (its last holder failed or died), oldest first. */
    pendingSync(portalId: number, nowMs: number, limit: number): Order[] {
      return pendingSync.all(portalId, nowMs, limit).map(toOrder);
    },
    /** Portals with such orders: what the periodic sweep visits. */
    portalsPendingSync(nowMs: number): number[] {
      return portalsPending.all(nowMs);
    },
    releaseSync(id: number, token: string): void {
      release.run(id, token);
    },
    transaction<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
  };
}

export type OrderStore = ReturnType<typeof createOrderStore>;
