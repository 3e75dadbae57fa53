import type { Db } from '../db/openDatabase.ts';

/**
 * Everything the orders capability stores about a portal, deleted when the portal is disconnected (the forget
 * registry in connections calls this). Children before parents: history, requests and conflicts reference orders.
 */
const BY_ORDER = ['order_status_history'];
const BY_PORTAL = [
  'order_card_requests',
  'order_conflicts',
  'order_audit',
  'order_pending_deals',
  'orders',
  'order_company_links',
  'order_field_mappings',
  'order_stage_statuses',
  'order_settings',
];

export function createForgetOrders(db: Db) {
  const byOrder = BY_ORDER.map((t) =>
    db.prepare(`DELETE FROM ${t} WHERE order_id IN (SELECT id FROM orders WHERE portal_id = ?)`),
  );
  const byPortal = BY_PORTAL.map((t) => db.prepare(`DELETE FROM ${t} WHERE portal_id = ?`));
  const forget = db.transaction((portalId: number) =>
    [...byOrder, ...byPortal].reduce((n, statement) => n + statement.run(portalId).changes, 0),
  );
  /** Deletes the portal's orders data; returns how many rows went. */
  return (portalId: number): number => forget.immediate(portalId);
}
