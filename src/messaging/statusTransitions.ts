import type { DeliveryStatus } from '../whatsapp/provider.ts';

/**
 * How a message's status moves (issue 7 §6, DESIGN "statuses only move forward"). Pure.
 * - Forward only: pending < accepted < sent < delivered < read. A status at or below the current one
 *   changes nothing (reordered or duplicated webhooks, reference/whatsapp.md §3).
 * - `read` may come without `delivered` (Meta sends no `delivered` when both happen at once, §3 [M-status]).
 * - `failed` is final: nothing moves a failed message.
 * - [inferred, §3 YC-upd] A `failed` after `delivered`/`read` (multi-device) does not undo a delivery the
 *   user already had; it stays in the history only.
 */

export type MessageStatus = 'pending' | 'accepted' | 'sent' | 'delivered' | 'read' | 'failed' | 'received';

const RANK: Record<Exclude<MessageStatus, 'failed' | 'received'>, number> = {
  pending: 0,
  accepted: 1,
  sent: 2,
  delivered: 3,
  read: 4,
};

export type Transition =
  | { changed: true; status: MessageStatus }
  | { changed: false; status: MessageStatus; why: 'stale' | 'final' | 'already_delivered' | 'not_outbound' };

/** The status after `incoming` arrives at a message that is `current`. */
export function nextStatus(current: MessageStatus, incoming: DeliveryStatus): Transition {
  if (current === 'received') return { changed: false, status: current, why: 'not_outbound' };
  if (current === 'failed') return { changed: false, status: current, why: 'final' };
  if (incoming === 'failed') {
    return RANK[current] >= RANK.delivered
      ? { changed: false, status: current, why: 'already_delivered' }
      : { changed: true, status: 'failed' };
  }
  return RANK[incoming] > RANK[current]
    ? { changed: true, status: incoming }
    : { changed: false, status: current, why: 'stale' };
}
