import type { Db } from '../db/openDatabase.ts';
import type { ConflictPolicy } from '../mapping/orderFields.ts';
import type { AuditLog } from './auditLog.ts';
import type { Actor } from './types.ts';

/**
 * All SQL about deal/order conflicts. Every conflict is stored with the policy applied; every detection and
 * resolution writes an audit entry in the same transaction (issue 6 §6).
 */
export type Resolution = 'hubspot' | 'switchboard' | 'value' | 'agreement';

export interface OrderConflict {
  id: number;
  portalId: number;
  orderId: number;
  dealId: string;
  field: string;
  property: string;
  hubspotValue: string | null;
  switchboardValue: string | null;
  policy: ConflictPolicy;
  status: 'open' | 'resolved';
  resolution: Resolution | null;
  resolvedValue: string | null;
  resolvedBy: string | null;
  detectedAt: string;
  resolvedAt: string | null;
}

export type DetectedConflict = Pick<
  OrderConflict,
  'portalId' | 'orderId' | 'dealId' | 'field' | 'property' | 'hubspotValue' | 'switchboardValue' | 'policy'
>;

interface Row {
  id: number;
  portal_id: number;
  order_id: number;
  deal_id: string;
  field: string;
  property: string;
  hubspot_value: string | null;
  switchboard_value: string | null;
  policy: ConflictPolicy;
  status: 'open' | 'resolved';
  resolution: Resolution | null;
  resolved_value: string | null;
  resolved_by: string | null;
  detected_at: string;
  resolved_at: string | null;
}

const toConflict = (r: Row): OrderConflict => ({
  id: r.id,
  portalId: r.portal_id,
  orderId: r.order_id,
  dealId: r.deal_id,
  field: r.field,
  property: r.property,
  hubspotValue: r.hubspot_value,
  switchboardValue: r.switchboard_value,
  policy: r.policy,
  status: r.status,
  resolution: r.resolution,
  resolvedValue: r.resolved_value,
  resolvedBy: r.resolved_by,
  detectedAt: r.detected_at,
  resolvedAt: r.resolved_at,
});

export function createConflictsRepo(db: Db, audit: AuditLog) {
  const insert = db.prepare<Record<string, unknown>, Row>(`
    INSERT INTO order_conflicts (portal_id, order_id, deal_id, field, property, hubspot_value, switchboard_value,
      policy, status, detected_at)
    VALUES (@portalId, @orderId, @dealId, @field, @property, @hubspotValue, @switchboardValue, @policy, 'open', @at)
    RETURNING *`);
  const openFor = db.prepare<[number, string], Row>(
    "SELECT * FROM order_conflicts WHERE order_id = ? AND field = ? AND status = 'open'",
  );
  const refresh = db.prepare<Record<string, unknown>, Row>(`
    UPDATE order_conflicts SET hubspot_value = @hubspotValue, switchboard_value = @switchboardValue WHERE id = @id RETURNING *`);
  const resolveStmt = db.prepare<Record<string, unknown>, Row>(`
    UPDATE order_conflicts SET status = 'resolved', resolution = @resolution, resolved_value = @value,
      resolved_by = @actor, resolved_at = @at
    WHERE portal_id = @portalId AND id = @id AND status = 'open' RETURNING *`);
  const byId = db.prepare<[number, number], Row>('SELECT * FROM order_conflicts WHERE portal_id = ? AND id = ?');
  const list = db.prepare<Record<string, unknown>, Row>(`
    SELECT * FROM order_conflicts WHERE portal_id = @portalId AND (@status IS NULL OR status = @status)
      AND (@orderId IS NULL OR order_id = @orderId) ORDER BY id`);

  const detectedEntry = (c: OrderConflict, actor: Actor, at: string) => ({
    portalId: c.portalId,
    orderId: c.orderId,
    conflictId: c.id,
    actor,
    action: 'conflict.detected' as const,
    field: c.field,
    before: c.switchboardValue,
    after: c.hubspotValue,
    detail: { property: c.property, policy: c.policy },
    at,
  });

  const resolveTx = db.transaction(
    (portalId: number, id: number, resolution: Resolution, value: string | null, actor: Actor, at: string) => {
      const row = resolveStmt.get({ portalId, id, resolution, value, actor, at });
      if (!row) return undefined;
      const c = toConflict(row);
      const entry = {
        portalId,
        orderId: c.orderId,
        conflictId: id,
        actor,
        action: 'conflict.resolved' as const,
        field: c.field,
        at,
      };
      audit.record({
        ...entry,
        before: c.switchboardValue,
        after: value,
        detail: { resolution, hubspotValue: c.hubspotValue },
      });
      return c;
    },
  );

  const detectTx = db.transaction(
    (d: DetectedConflict, actor: Actor, at: string): { conflict: OrderConflict; isNew: boolean } => {
      const open = openFor.get(d.orderId, d.field);
      if (open && open.hubspot_value === d.hubspotValue && open.switchboard_value === d.switchboardValue) {
        return { conflict: toConflict(open), isNew: false }; // the same disagreement reported again: nothing new
      }
      const row = open ? refresh.get({ ...d, id: open.id })! : insert.get({ ...d, at })!;
      const conflict = toConflict(row);
      audit.record(detectedEntry(conflict, actor, at));
      return { conflict, isNew: !open };
    },
  );

  return {
    /** Records a disagreement (or refreshes the open one for the same field) with a `conflict.detected` entry. */
    detect(d: DetectedConflict, actor: Actor, now: Date) {
      return detectTx.immediate(d, actor, now.toISOString());
    },
    /** Closes an open conflict; undefined when it is not open (already resolved, or another portal's). */
    resolve(portalId: number, id: number, resolution: Resolution, value: string | null, actor: Actor, now: Date) {
      return resolveTx.immediate(portalId, id, resolution, value, actor, now.toISOString());
    },
    byId(portalId: number, id: number): OrderConflict | undefined {
      const row = byId.get(portalId, id);
      return row ? toConflict(row) : undefined;
    },
    list(portalId: number, filter: { status?: 'open' | 'resolved'; orderId?: number } = {}): OrderConflict[] {
      return list.all({ portalId, status: filter.status ?? null, orderId: filter.orderId ?? null }).map(toConflict);
    },
    transaction<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
  };
}

export type ConflictsRepo = ReturnType<typeof createConflictsRepo>;
