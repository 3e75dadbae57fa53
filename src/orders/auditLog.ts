import type { Db } from '../db/openDatabase.ts';
import type { Actor, AuditAction, AuditEntry } from './types.ts';

/**
 * The orders audit trail: who, what, when, before, after (issue 6 §6). Written inside the same transaction as the
 * change it describes (the store and conflict repo call `record`), so a change without its entry cannot exist.
 */
export interface AuditInput {
  portalId: number;
  orderId: number | null;
  conflictId?: number | null;
  actor: Actor;
  action: AuditAction;
  field?: string | null;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
  at: string;
}

interface Row {
  id: number;
  portal_id: number;
  order_id: number | null;
  conflict_id: number | null;
  actor: string;
  action: AuditAction;
  field: string | null;
  before: string | null;
  after: string | null;
  detail: string | null;
  at: string;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
const parse = (v: string | null): unknown => (v === null ? null : JSON.parse(v));

const toEntry = (r: Row): AuditEntry => ({
  id: r.id,
  portalId: r.portal_id,
  orderId: r.order_id,
  conflictId: r.conflict_id,
  actor: r.actor,
  action: r.action,
  field: r.field,
  before: parse(r.before),
  after: parse(r.after),
  detail: parse(r.detail),
  at: r.at,
});

/** All SQL about the orders audit trail. */
export function createAuditLog(db: Db) {
  const insert = db.prepare(`
    INSERT INTO order_audit (portal_id, order_id, conflict_id, actor, action, field, before, after, detail, at)
    VALUES (@portalId, @orderId, @conflictId, @actor, @action, @field, @before, @after, @detail, @at)`);
  const forOrder = db.prepare<[number, number], Row>(
    'SELECT * FROM order_audit WHERE portal_id = ? AND order_id = ? ORDER BY id',
  );
  // Newest first, paged by id: `orderId` null = every order's entries.
  const page = db.prepare<Record<string, number | null>, Row>(`SELECT * FROM order_audit
    WHERE portal_id = @portalId AND (@orderId IS NULL OR order_id = @orderId) AND (@beforeId IS NULL OR id < @beforeId)
    ORDER BY id DESC LIMIT @limit`);
  const forConflict = db.prepare<[number, number], Row>(
    'SELECT * FROM order_audit WHERE portal_id = ? AND conflict_id = ? ORDER BY id',
  );

  return {
    record(e: AuditInput): void {
      insert.run({
        portalId: e.portalId,
        orderId: e.orderId,
        conflictId: e.conflictId ?? null,
        actor: e.actor,
        action: e.action,
        field: e.field ?? null,
        before: json(e.before),
        after: json(e.after),
        detail: json(e.detail),
        at: e.at,
      });
    },
    forOrder(portalId: number, orderId: number): AuditEntry[] {
      return forOrder.all(portalId, orderId).map(toEntry);
    },
    /** The portal's trail (or one order's), newest first, `limit` entries older than `beforeId`. */
    list(portalId: number, q: { orderId?: number; beforeId?: number; limit: number }): AuditEntry[] {
      const params = { portalId, orderId: q.orderId ?? null, beforeId: q.beforeId ?? null, limit: q.limit };
      return page.all(params).map(toEntry);
    },
    forConflict(portalId: number, conflictId: number): AuditEntry[] {
      return forConflict.all(portalId, conflictId).map(toEntry);
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
