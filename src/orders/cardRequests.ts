import type { Db } from '../db/openDatabase.ts';

/**
 * All SQL about *Create order* clicks (migration 0034). HubSpot may retry a card's hubspot.fetch once
 * (hubspot-platform.md §2.3); the order is unique per deal anyway, but the retry must get the first attempt's
 * answer — `created: true` — or the card would tell the rep the order "already existed".
 */
export interface CardRequest {
  dealId: string;
  orderId: number;
  created: boolean;
}

export interface CardRequestsRepo {
  find(portalId: number, requestId: string): CardRequest | undefined;
  /**
   * Records the answer to a click. Two attempts of one click racing each other may both get here: `created` is
   * kept true once either saw the order created, and the stored answer is returned.
   */
  remember(portalId: number, requestId: string, answer: CardRequest, at: Date): CardRequest;
  forgetPortal(portalId: number): number;
}

interface Row {
  deal_id: string;
  order_id: number;
  created: 0 | 1;
}

const toRequest = (r: Row): CardRequest => ({ dealId: r.deal_id, orderId: r.order_id, created: r.created === 1 });

export function createCardRequestsRepo(db: Db): CardRequestsRepo {
  const byId = db.prepare<[number, string], Row>(
    'SELECT deal_id, order_id, created FROM order_card_requests WHERE portal_id = ? AND request_id = ?',
  );
  const upsert = db.prepare<unknown[], Row>(`INSERT INTO order_card_requests
      (portal_id, request_id, deal_id, order_id, created, at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (portal_id, request_id) DO UPDATE SET created = max(created, excluded.created)
    RETURNING deal_id, order_id, created`);
  const forget = db.prepare('DELETE FROM order_card_requests WHERE portal_id = ?');

  return {
    find(portalId, requestId) {
      const row = byId.get(portalId, requestId);
      return row ? toRequest(row) : undefined;
    },
    remember(portalId, requestId, a, at) {
      const row = upsert.get(portalId, requestId, a.dealId, a.orderId, a.created ? 1 : 0, at.toISOString());
      return toRequest(row!);
    },
    forgetPortal: (portalId) => forget.run(portalId).changes,
  };
}
