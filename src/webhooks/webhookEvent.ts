import { z } from 'zod';

/**
 * One HubSpot webhook event as delivered (hubspot-platform.md §4.2, hubspot-api.md §10.2, sample §12.1).
 * Only the fields intake relies on are checked; the rest (propertyValue, changeSource, merge and association
 * details…) pass through untouched to the handlers, so a field HubSpot adds or shapes differently never turns
 * a whole batch into a 400 that HubSpot would retry for 24 hours and then drop.
 */
const EventSchema = z
  .looseObject({
    eventId: z.number().int(),
    subscriptionId: z.number().int(),
    portalId: z.number().int().positive(),
    occurredAt: z.number().int().nonnegative(),
    // Current payloads say subscriptionType, the stored docs sample says eventType (§4.2 [M]): accept both.
    subscriptionType: z
      .string()
      .regex(/^[\w-]+\.\w+$/, 'must look like deal.propertyChange')
      .optional(),
    eventType: z
      .string()
      .regex(/^[\w-]+\.\w+$/, 'must look like deal.propertyChange')
      .optional(),
    objectId: z.number().int(),
    // Generic object.* events name the object by type id (`0-3`) [M].
    objectTypeId: z.string().min(1).optional(),
    propertyName: z.string().optional(),
  })
  .refine((e) => e.subscriptionType !== undefined || e.eventType !== undefined, {
    message: 'required (or eventType)',
    path: ['subscriptionType'],
  });

/** A delivery: a JSON array of (HubSpot says fewer than 100) events. The body limit bounds it anyway. */
export const WebhookBatchSchema = z.array(EventSchema);
export type RawWebhookEvent = z.output<typeof EventSchema>;

const SUBSCRIPTION_TYPE = /^[\w-]+\.\w+$/;
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
const isTypeName = (v: unknown) => v === undefined || (typeof v === 'string' && SUBSCRIPTION_TYPE.test(v));

function isEvent(e: unknown): boolean {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return false;
  const r = e as Record<string, unknown>;
  return (
    isInt(r.eventId) &&
    isInt(r.subscriptionId) &&
    isInt(r.portalId) &&
    r.portalId > 0 &&
    isInt(r.occurredAt) &&
    r.occurredAt >= 0 &&
    isInt(r.objectId) &&
    isTypeName(r.subscriptionType) &&
    isTypeName(r.eventType) &&
    (r.subscriptionType !== undefined || r.eventType !== undefined) &&
    (r.objectTypeId === undefined || (typeof r.objectTypeId === 'string' && r.objectTypeId.length > 0)) &&
    (r.propertyName === undefined || typeof r.propertyName === 'string')
  );
}

/**
 * WebhookBatchSchema's checks written out, for the request path: a zod parse of 100 events costs more than the
 * rest of the validation together (bench/webhooks.ts). It accepts nothing the schema refuses; on false, parse with
 * the schema for the error naming the field. Tested against the schema in test/events/webhookBatchCheck.test.ts.
 */
export function isWebhookBatch(body: unknown): body is RawWebhookEvent[] {
  return Array.isArray(body) && body.every(isEvent);
}

/** An event ready to store: the dedupe key, the object it is about, and the body kept for the handlers. */
export interface InboundEvent {
  portalId: number;
  subscriptionId: number;
  eventId: number;
  occurredAt: number;
  objectId: number;
  /** `deal`, `contact`, … — the same for `deal.propertyChange` and `object.propertyChange` of type 0-3. */
  objectType: string;
  /** `creation`, `propertyChange`, `privacyDeletion`, … */
  action: string;
  propertyName: string | undefined;
  /** The event as sent minus attemptNumber, which differs between retries of one event. */
  body: string;
}

// Standard object type ids (hubspot-api.md §2; the same table as sandbox/hubspot/webhookEvents.ts).
const OBJECT_TYPE_BY_ID: Record<string, string> = {
  '0-1': 'contact',
  '0-2': 'company',
  '0-3': 'deal',
  '0-5': 'ticket',
  '0-7': 'product',
  '0-8': 'line_item',
};

/** `deal.propertyChange` → deal/propertyChange; `object.creation` + `0-1` → contact/creation. */
export function objectOf(subscriptionType: string, objectTypeId: string | undefined) {
  const dot = subscriptionType.indexOf('.');
  const prefix = subscriptionType.slice(0, dot);
  const action = subscriptionType.slice(dot + 1);
  if (prefix !== 'object') return { objectType: prefix, action };
  // A custom object keeps its type id (`2-123456`) as its type; a generic event without one is [M].
  const objectType = objectTypeId === undefined ? 'object' : (OBJECT_TYPE_BY_ID[objectTypeId] ?? objectTypeId);
  return { objectType, action };
}

/** Normalises a validated event. */
export function toInboundEvent(raw: RawWebhookEvent): InboundEvent {
  const { attemptNumber: _attempt, ...kept } = raw;
  const subscriptionType = (raw.subscriptionType ?? raw.eventType)!;
  return {
    portalId: raw.portalId,
    subscriptionId: raw.subscriptionId,
    eventId: raw.eventId,
    occurredAt: raw.occurredAt,
    objectId: raw.objectId,
    ...objectOf(subscriptionType, raw.objectTypeId),
    propertyName: raw.propertyName,
    body: JSON.stringify(kept),
  };
}
