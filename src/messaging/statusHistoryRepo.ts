import type { Db } from '../db/openDatabase.ts';
import type { DeliveryStatus } from '../whatsapp/provider.ts';

/**
 * All SQL about whatsapp_message_statuses: each status webhook once per (provider message id, status),
 * the dedupe key of reference/whatsapp.md §3. Rows come back in arrival order.
 */
export interface StatusRecord {
  providerMessageId: string;
  status: DeliveryStatus;
  occurredAt: number;
  receivedAt: number;
  errorCode: string | null;
}

interface Row {
  provider_message_id: string;
  status: DeliveryStatus;
  occurred_at: number;
  received_at: number;
  error_code: string | null;
}

const toRecord = (r: Row): StatusRecord => ({
  providerMessageId: r.provider_message_id,
  status: r.status,
  occurredAt: r.occurred_at,
  receivedAt: r.received_at,
  errorCode: r.error_code,
});

export function createStatusHistoryRepo(db: Db) {
  const insert = db.prepare(`
    INSERT INTO whatsapp_message_statuses (provider_message_id, status, occurred_at, received_at, error_code)
    VALUES (@providerMessageId, @status, @occurredAt, @receivedAt, @errorCode)
    ON CONFLICT (provider_message_id, status) DO NOTHING`);
  // rowid keeps insertion order for equal received_at (several statuses in one webhook batch).
  const list = db.prepare<[string], Row>(
    'SELECT * FROM whatsapp_message_statuses WHERE provider_message_id = ? ORDER BY received_at, rowid',
  );
  return {
    /** false when this (message, status) was already recorded: a duplicate webhook. */
    record: (r: StatusRecord): boolean => insert.run(r).changes === 1,
    list: (providerMessageId: string): StatusRecord[] => list.all(providerMessageId).map(toRecord),
  };
}

export type StatusHistoryRepo = ReturnType<typeof createStatusHistoryRepo>;
