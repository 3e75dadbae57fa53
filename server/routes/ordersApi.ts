import express, { Router } from 'express';
import { PositiveIdParam } from '@switchboard/contract';
import type { ApiKeys } from '../../src/connections/apiKeys.ts';
import { OrderStatusUpdate } from '../../src/orders/index.ts';
import type { OrdersEdge } from '../../src/orders/ordersEdge.ts';
import { apiKeyOf, requireApiKey } from '../middleware/requireApiKey.ts';
import { parseOrThrow } from '../parse.ts';

export interface OrdersApiRouteDeps {
  apiKeys: Pick<ApiKeys, 'resolve'>;
  orders: Pick<OrdersEdge, 'orderDetail' | 'updateStatus'>;
  bodyLimit: string;
}

/**
 * The order-system API (issue 6 §5): `PATCH /api/orders/:id` moves an order along its lifecycle and sets shipping
 * details, `GET /api/orders/:id` reads it. A per-portal API key (scope `orders`) names the portal: an order of
 * another portal is simply not found. The key is checked before the body is read, so a refused call reads nothing.
 */
export function ordersApiRoutes(deps: OrdersApiRouteDeps): Router {
  const router = Router();
  const apiKey = requireApiKey(deps.apiKeys, 'orders');
  const json = express.json({ limit: deps.bodyLimit });
  const orderId = (id: unknown) => parseOrThrow(PositiveIdParam, id, 'params.id');

  router.get('/api/orders/:id', apiKey, (req, res) => {
    res.json(deps.orders.orderDetail(apiKeyOf(res).portalId, orderId(req.params.id)));
  });

  router.patch('/api/orders/:id', apiKey, json, async (req, res) => {
    const id = orderId(req.params.id);
    const update = parseOrThrow(OrderStatusUpdate, req.body, 'body');
    const key = apiKeyOf(res);
    res.json(await deps.orders.updateStatus(key.portalId, id, update, `api:order-system#${key.id}`));
  });
  return router;
}
