/**
 * Orders (issue 6): a closed-won deal becomes exactly one order; status flows back to the deal; conflicts are
 * resolved by per-field policy and audited. Wired by server/composeOrders.ts: jobs (./jobs), routes (ordersEdge,
 * ordersAdmin) and the card.
 */
export { createOrdersDeps, type OrdersDeps, type OrdersDepsInput } from './ordersDeps.ts';
export { createOrderFromDeal, type CreateOrderInput, type CreateOrderResult } from './createOrderFromDeal.ts';
export { createOrdersForDeals, type BurstOutcome, type BurstResult } from './createOrdersForDeals.ts';
export {
  OrderStatusUpdate,
  type StatusUpdateOptions,
  type StatusUpdateResult,
  updateOrderStatus,
} from './updateOrderStatus.ts';
export { reconcileDeal, type ReconcileResult } from './reconcileDeal.ts';
export { type SweepResult, syncPendingOrders } from './syncPendingOrders.ts';
export { ConflictResolution, resolveConflict, type ResolveResult } from './resolveConflict.ts';
export {
  companyOrders,
  createOrderFromCard,
  dealOrderView,
  orderDetail,
  parseCreateOrderRequest,
} from './orderQueries.ts';
export { DEAL_PROPS, ORDER_PROPERTY_GROUP, provisionOrderProperties } from './properties.ts';
export { ORDER_EVENTS, type TimelineEffect } from './effects.ts';
export { isClosedWonStage, isTriggerStage, type PipelineInfo, triggerStages } from './closedWonStages.ts';
export { DEFAULT_LIFECYCLE, Lifecycle } from './lifecycle.ts';
export { DEFAULT_ORDER_SETTINGS, OrderSettings, OrderSettingsPatch } from './orderSettings.ts';
export type { OrderConflict } from './conflictsRepo.ts';
export type { Actor, AuditEntry, Order, OrderSource, StatusChange } from './types.ts';
