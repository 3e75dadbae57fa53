import { type RequestHandler, Router } from 'express';
import type { ApiKeys } from '../../src/connections/apiKeys.ts';
import type { OrdersAdmin } from '../../src/orders/ordersAdmin.ts';
import type { OrdersEdge } from '../../src/orders/ordersEdge.ts';
import { adminOrderRoutes } from './adminOrders.ts';
import { ordersApiRoutes } from './ordersApi.ts';
import { ordersCardRoutes } from './ordersCards.ts';

/** What createApp needs for orders (built by server/composeOrders.ts). */
export interface OrdersRouteDeps {
  edge: OrdersEdge;
  admin: OrdersAdmin;
  apiKeys: Pick<ApiKeys, 'resolve'>;
}

/**
 * The orders capability's HTTP edge outside `/admin`: the Orders card (HubSpot-signed) and the order-system API
 * (per-portal API key). Both read their body only after authenticating, so this mounts before the app-wide JSON
 * parser. The admin endpoints go under `/admin` with `ordersAdminRoutes`.
 */
export function ordersRoutes(deps: OrdersRouteDeps & { signed: RequestHandler[]; bodyLimit: string }): Router {
  const router = Router();
  router.use(ordersCardRoutes({ signed: deps.signed, orders: deps.edge }));
  router.use(ordersApiRoutes({ apiKeys: deps.apiKeys, orders: deps.edge, bodyLimit: deps.bodyLimit }));
  return router;
}

export const ordersAdminRoutes = (deps: OrdersRouteDeps): Router => adminOrderRoutes(deps.admin);
