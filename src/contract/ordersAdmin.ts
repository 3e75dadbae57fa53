import { z } from 'zod';

/**
 * The orders admin endpoints under `/admin/portals/:portalId/orders/…` (issue 6 §3, §6): what the settings page
 * and the operator send. Settings bodies and conflict resolutions are parsed with the orders module's own schemas
 * (OrderSettings, ConflictResolution); these are the shapes that exist only at this edge.
 */
export const ORDER_FIELD_KINDS = ['text', 'number', 'date', 'bool'] as const;

export const OrderMappingRow = z.object({
  /** `name`, `orderDate`, `value`, `currency`, `customer.name|domain|phone|address`, or `custom.<key>`. */
  field: z.string().min(1).max(60),
  source: z.enum(['deal', 'company']),
  /** HubSpot internal property name; checked against the portal's discovered fields. */
  property: z.string().regex(/^[a-z0-9_]{1,100}$/, 'must be a HubSpot internal property name'),
  kind: z.enum(ORDER_FIELD_KINDS),
  required: z.boolean().default(false),
  conflictPolicy: z.enum(['hubspot', 'switchboard', 'manual']).default('hubspot'),
});

export const OrderMappingBody = z.object({
  fields: z.array(OrderMappingRow).min(1).max(60),
  /** HubSpot deal stage id → the status a new order starts in. */
  stageStatus: z.record(z.string().min(1), z.string().min(1)).default({}),
});
export type OrderMappingBody = z.input<typeof OrderMappingBody>;

export const OrderConflictsQuery = z.object({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  orderId: z.coerce.number().int().positive().optional(),
});

export const OrderAuditQuery = z.object({
  orderId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `nextBeforeId` of the previous page. */
  beforeId: z.coerce.number().int().positive().optional(),
});

export const PositiveIdParam = z.coerce.number().int().positive();
