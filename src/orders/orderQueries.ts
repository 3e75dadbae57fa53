import {
  type CompanyOrdersResponse,
  CreateOrderRequest,
  type CreateOrderResponse,
  type DealOrderResponse,
  type OrderDetail,
  orderFormErrorsOf,
} from '../contract/orders.ts';
import { AppError, isAppError } from '../errors.ts';
import { mapDealToOrder } from '../mapping/applyOrderMapping.ts';
import { customerCandidate } from './companyLink.ts';
import { createOrderFromDeal } from './createOrderFromDeal.ts';
import { readDealBundle } from './dealBundle.ts';
import type { TimelineEffect } from './effects.ts';
import type { OrdersDeps } from './ordersDeps.ts';
import { formFieldOf, overridesFromForm, prefillFields, toOrderDetail, toOrderSummary } from './orderViews.ts';
import type { Actor, Order } from './types.ts';

/** What the Orders card reads and sends (contract: src/contract/orders.ts). Routes stay thin: parse, call, reply. */

function detail(deps: OrdersDeps, o: Order): OrderDetail {
  const open = deps.conflicts.list(o.portalId, { status: 'open', orderId: o.id }).length;
  return toOrderDetail(o, deps.store.history(o.id), open);
}

/** One order with history, for the card and the order-system API. */
export function orderDetail(deps: OrdersDeps, portalId: number, orderId: number): OrderDetail {
  const o = deps.store.byId(portalId, orderId);
  if (!o) throw new AppError('not_found', `order ${orderId} does not exist in portal ${portalId}`);
  return detail(deps, o);
}

/**
 * The deal's order, or — without one — the *Create order* form pre-filled from the mapped deal data (1–4 HubSpot
 * reads; no search: a prefill must stay fast, the company is matched when the order is created).
 */
export async function dealOrderView(deps: OrdersDeps, portalId: number, dealId: string): Promise<DealOrderResponse> {
  const order = deps.store.byDeal(portalId, dealId);
  if (order) return { state: 'linked', order: detail(deps, order) };
  const { fields: mapping, stageStatus } = deps.mapping.get(portalId);
  const settings = deps.settings.get(portalId);
  const bundle = await readDealBundle(deps.hubspot, portalId, dealId, mapping, 'interactive');
  const company = bundle.company?.properties ?? customerCandidate(bundle);
  const ctx = { stageStatus, initialStatus: settings.lifecycle.initial, defaultCurrency: settings.defaultCurrency };
  const mapped = mapDealToOrder(mapping, { deal: bundle.deal.properties, company }, ctx);
  return { state: 'none', prefill: { dealId, ...prefillFields(mapped.values, mapped.issues) } };
}

/** A company's orders, newest first, `limit` per page. */
export function companyOrders(
  deps: OrdersDeps,
  portalId: number,
  companyId: string,
  page: { limit: number; before?: number },
): CompanyOrdersResponse {
  const rows = deps.store.byCompany(portalId, companyId, { limit: page.limit + 1, before: page.before });
  const orders = rows.slice(0, page.limit);
  const nextBefore = rows.length > page.limit ? (orders.at(-1)?.id ?? null) : null;
  return { orders: orders.map(toOrderSummary), nextBefore };
}

/** Parses a *Create order* request; a bad field is a `validation` error with one message per form field. */
export function parseCreateOrderRequest(body: unknown): CreateOrderRequest {
  const parsed = CreateOrderRequest.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = orderFormErrorsOf(parsed.error);
  throw new AppError('validation', `the order form has errors: ${Object.values(fields).join('; ')}`, { fields });
}

/** Mapping errors name order fields (`customer.name`); the card shows them next to form fields (`customerName`). */
function withFormFields(err: unknown): unknown {
  const fields =
    isAppError(err) && err.code === 'validation'
      ? (err.details as { fields?: Record<string, string> })?.fields
      : undefined;
  if (!isAppError(err) || !fields) return err;
  const byForm = Object.fromEntries(Object.entries(fields).map(([f, m]) => [formFieldOf(f), m]));
  return new AppError('validation', err.message, { ...(err.details as object), fields: byForm });
}

/** A requestId names one click; the same id for another deal is a caller bug, not a retry. */
function checkRequestId(deps: OrdersDeps, request: CreateOrderRequest): boolean {
  if (!request.requestId) return false;
  const known = deps.cardRequests.find(request.portalId, request.requestId);
  if (known && known.dealId !== request.dealId) {
    throw new AppError('validation', `requestId ${request.requestId} was already used for deal ${known.dealId}`, {
      fields: { requestId: 'This request id belongs to another deal' },
    });
  }
  return known?.created ?? false;
}

/**
 * The card's *Create order* button: one order per deal, and a retried request (same requestId) gets the first
 * attempt's answer — also when the first attempt created the order but failed writing the deal.
 */
export async function createOrderFromCard(
  deps: OrdersDeps,
  request: CreateOrderRequest,
  actor: Actor,
): Promise<{ response: CreateOrderResponse; effects: TimelineEffect[] }> {
  const { portalId, dealId, requestId } = request;
  const createdBefore = checkRequestId(deps, request);
  const remember = (orderId: number, created: boolean) =>
    requestId
      ? deps.cardRequests.remember(portalId, requestId, { dealId, orderId, created }, new Date(deps.now()))
      : undefined;
  const input = {
    portalId,
    dealId,
    source: 'manual' as const,
    actor,
    priority: 'interactive' as const,
    overrides: overridesFromForm(request.fields),
    onCreated: (o: Order) => void remember(o.id, true),
  };
  const result = await createOrderFromDeal(deps, input).catch((e) => {
    throw withFormFields(e);
  });
  if (result.status === 'skipped') throw new AppError('internal', 'a manual order was skipped'); // manual never skips
  const created = remember(result.order.id, result.status === 'created')?.created ?? result.status === 'created';
  return {
    response: { created: created || createdBefore, order: detail(deps, result.order) },
    effects: result.effects,
  };
}
