import { type RequestHandler, Router } from 'express';
import {
  CompanyOrdersQuery,
  CREATE_ORDER_PATH,
  DealOrderQuery,
  ORDERS_COMPANY_CARD_PATH,
  ORDERS_DEAL_CARD_PATH,
} from '@switchboard/contract';
import { parseCreateOrderRequest } from '../../src/orders/index.ts';
import type { OrdersEdge } from '../../src/orders/ordersEdge.ts';
import { parseOrThrow } from '../parse.ts';

export interface OrdersCardRouteDeps {
  /** Verifies HubSpot's v3 signature (hubspot.fetch requests are signed) and parses the body. */
  signed: RequestHandler[];
  orders: Pick<OrdersEdge, 'dealView' | 'companyOrders' | 'createFromCard'>;
}

/**
 * The Orders card's endpoints (contract: src/contract/orders.ts). The portal comes from the signed request — the
 * query of a GET, the body of the POST — trusted only because HubSpot's v3 signature covers the full URL and the
 * body (hubspot-platform.md §2.3). HubSpot may retry a POST once: creating is idempotent per deal and per requestId.
 */
export function ordersCardRoutes(deps: OrdersCardRouteDeps): Router {
  const router = Router();

  router.get(ORDERS_DEAL_CARD_PATH, ...deps.signed, async (req, res) => {
    const { portalId, dealId } = parseOrThrow(DealOrderQuery, req.query, 'query');
    res.json(await deps.orders.dealView(portalId, dealId));
  });

  router.get(ORDERS_COMPANY_CARD_PATH, ...deps.signed, (req, res) => {
    const { portalId, companyId, ...page } = parseOrThrow(CompanyOrdersQuery, req.query, 'query');
    res.json(deps.orders.companyOrders(portalId, companyId, page));
  });

  router.post(CREATE_ORDER_PATH, ...deps.signed, async (req, res) => {
    const request = parseCreateOrderRequest(req.body);
    // The card proxy's user id is not confirmed to reach us (sandbox README), so the actor is the card itself.
    res.json(await deps.orders.createFromCard(request, 'user:card'));
  });
  return router;
}
