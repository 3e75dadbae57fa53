import { z } from 'zod';
import { type CrmFailure, validationFailure } from './crmErrors.ts';

/**
 * zod shapes of the CRM object request bodies (reference §2 schemas). Property values are strings on the wire; JSON
 * numbers/booleans are accepted and stringified as HubSpot's JSON binding does, null clears like "". [U]
 */
const propertyValue = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .transform((v) => (v === null ? '' : String(v)));

export const propertiesMap = z.record(z.string(), propertyValue);

const objectId = z.union([z.string(), z.number()]).transform(String);

export const inlineAssociation = z.object({
  to: z.object({ id: objectId }),
  types: z.array(z.object({ associationCategory: z.string(), associationTypeId: z.number().int() })),
});

export const createInput = z.object({
  properties: propertiesMap,
  associations: z.array(inlineAssociation).optional(),
  objectWriteTraceId: z.string().optional(),
});

export const updateInput = z.object({ properties: propertiesMap });

export const batchCreate = z.object({ inputs: z.array(createInput) });
export const batchUpdate = z.object({
  inputs: z.array(
    z.object({
      id: objectId,
      properties: propertiesMap,
      idProperty: z.string().optional(),
      objectWriteTraceId: z.string().optional(),
    }),
  ),
});
export const batchUpsert = z.object({
  inputs: z.array(
    z.object({
      id: objectId,
      idProperty: z.string(),
      properties: propertiesMap,
      objectWriteTraceId: z.string().optional(),
    }),
  ),
});
export const batchRead = z.object({
  inputs: z.array(z.object({ id: objectId })),
  properties: z.array(z.string()).optional(),
  propertiesWithHistory: z.array(z.string()).optional(),
  idProperty: z.string().optional(),
});
export const batchArchive = z.object({ inputs: z.array(z.object({ id: objectId })) });

/** Parses `body` or returns HubSpot's 400 naming the first offending field. */
export function parseBody<T>(
  schema: z.ZodType<T>,
  body: unknown,
): { ok: true; value: T } | { ok: false; failure: CrmFailure } {
  const r = schema.safeParse(body ?? {});
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  const where = issue?.path.join('.') || 'body';
  return { ok: false, failure: validationFailure(`Invalid input JSON: ${where}: ${issue?.message ?? 'invalid'}`) };
}
