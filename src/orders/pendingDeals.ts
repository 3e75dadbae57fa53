import type { Db } from '../db/openDatabase.ts';

/**
 * All SQL about deals waiting for the order batch job (migration 0034). The webhook job adds a deal; the batch job
 * claims up to a batch of them with a lease, handles them and removes them. A claim is a compare-and-swap on rows
 * that are free, expired, or already the claiming job's own (the same job run again after a crash).
 */
export interface PendingDealsRepo {
  /** Adds the deal (again): a deal already waiting keeps its place. */
  add(portalId: number, dealId: string, nowMs: number): void;
  /** Claims up to `limit` waiting deals of the portal for job `jobId`, oldest first. */
  claim(portalId: number, jobId: number, opts: { nowMs: number; leaseMs: number; limit: number }): string[];
  /** Removes deals the job has handled (only while it still holds them). */
  remove(portalId: number, jobId: number, dealIds: readonly string[]): void;
  /** Portals with deals that are waiting, unclaimed or with an expired claim. */
  portalsWaiting(nowMs: number): number[];
  forgetPortal(portalId: number): number;
}

export function createPendingDealsRepo(db: Db): PendingDealsRepo {
  const insert = db.prepare(`INSERT INTO order_pending_deals (portal_id, deal_id, queued_at) VALUES (?, ?, ?)
    ON CONFLICT (portal_id, deal_id) DO NOTHING`);
  const FREE = '(claimed_by IS NULL OR claimed_by = @jobId OR claimed_until < @nowMs)';
  const claimRows = db.prepare<Record<string, number>, { deal_id: string }>(`UPDATE order_pending_deals
    SET claimed_by = @jobId, claimed_until = @until
    WHERE portal_id = @portalId AND deal_id IN (
      SELECT deal_id FROM order_pending_deals WHERE portal_id = @portalId AND ${FREE}
      ORDER BY queued_at, deal_id LIMIT @limit)
    RETURNING deal_id`);
  const removeRow = db.prepare(
    'DELETE FROM order_pending_deals WHERE portal_id = ? AND deal_id = ? AND claimed_by = ?',
  );
  const waiting = db
    .prepare<[number], number>(`SELECT DISTINCT portal_id FROM order_pending_deals
      WHERE claimed_by IS NULL OR claimed_until < ?`)
    .pluck();
  const forget = db.prepare('DELETE FROM order_pending_deals WHERE portal_id = ?');
  const removeAll = db.transaction((portalId: number, jobId: number, dealIds: readonly string[]) => {
    for (const dealId of dealIds) removeRow.run(portalId, dealId, jobId);
  });
  const claimTx = db.transaction((params: Record<string, number>) => claimRows.all(params).map((r) => r.deal_id));

  return {
    add: (portalId, dealId, nowMs) => void insert.run(portalId, dealId, nowMs),
    claim: (portalId, jobId, o) =>
      claimTx.immediate({ portalId, jobId, nowMs: o.nowMs, until: o.nowMs + o.leaseMs, limit: o.limit }),
    remove: (portalId, jobId, dealIds) => removeAll.immediate(portalId, jobId, dealIds),
    portalsWaiting: (nowMs) => waiting.all(nowMs),
    forgetPortal: (portalId) => forget.run(portalId).changes,
  };
}
