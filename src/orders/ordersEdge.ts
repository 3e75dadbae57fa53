import type {
  CompanyOrdersResponse,
  CreateOrderRequest,
  CreateOrderResponse,
  DealOrderResponse,
  OrderDetail,
} from '../contract/orders.ts';
import type { Queue } from '../jobs/index.ts';
import { createdEffectsOf, enqueueEffects } from './jobs/timelineJob.ts';
import { companyOrders, createOrderFromCard, dealOrderView, orderDetail } from './orderQueries.ts';
import type { OrdersDeps } from './ordersDeps.ts';
import type { Actor } from './types.ts';
import { type OrderStatusUpdate, updateOrderStatus } from './updateOrderStatus.ts';

/**
 * What the Orders card and the order-system API call: one method per endpoint. Writes hand their timeline effects
 * to the job spine (one durable job per occurrence), so the HTTP answer never waits on the timeline and a failed
 * post is retried on its own.
 */
export interface OrdersEdgeDeps {
  orders: OrdersDeps;
  queue: Pick<Queue, 'enqueueMany'>;
}

export function createOrdersEdge({ orders, queue }: OrdersEdgeDeps) {
  return {
    dealView: (portalId: number, dealId: string): Promise<DealOrderResponse> => dealOrderView(orders, portalId, dealId),

    companyOrders: (portalId: number, companyId: string, page: { limit: number; before?: number }) =>
      companyOrders(orders, portalId, companyId, page) satisfies CompanyOrdersResponse,

    /** *Create order*: one order per deal; *Order created* is posted once the deal shows the order. */
    async createFromCard(request: CreateOrderRequest, actor: Actor): Promise<CreateOrderResponse> {
      const { response } = await createOrderFromCard(orders, request, actor);
      await enqueueEffects(queue, createdEffectsOf([orders.store.byId(request.portalId, response.order.id)]));
      return response;
    },

    orderDetail: (portalId: number, orderId: number): OrderDetail => orderDetail(orders, portalId, orderId),

    /** Status and shipping from the order system: the deal follows, *Order status changed* is posted. */
    async updateStatus(portalId: number, orderId: number, update: OrderStatusUpdate, actor: Actor) {
      const beforeSync = (effects: Parameters<typeof enqueueEffects>[1]) => enqueueEffects(queue, effects);
      const result = await updateOrderStatus(orders, portalId, orderId, update, { actor, beforeSync });
      // A retry that finished an earlier write-back carries that change's effect (same occurrence: no duplicate).
      await enqueueEffects(queue, result.effects);
      return { changed: result.changed, order: orderDetail(orders, portalId, orderId) };
    },
  };
}

export type OrdersEdge = ReturnType<typeof createOrdersEdge>;
