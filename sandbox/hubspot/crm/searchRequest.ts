import { z } from 'zod';
import { type CrmFailure, validationFailure } from './crmErrors.ts';

/**
 * Parses POST /crm/v3/objects/{t}/search bodies and enforces HubSpot's documented limits (reference §3 [D]):
 * ≤ 5 filterGroups, ≤ 6 filters per group, ≤ 18 filters in all, one sort, limit ≤ 200 (default 10), `after` an
 * integer string with after + limit ≤ 10,000, body ≤ 3,000 characters. Exceeding any of them is a 400
 * VALIDATION_ERROR; the exact messages are [U].
 */
export const OPERATORS = [
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
] as const;

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const filter = z.object({
  propertyName: z.string().min(1),
  operator: z.enum(OPERATORS),
  value: scalar.optional(),
  highValue: scalar.optional(),
  values: z.array(scalar).optional(),
});

const sort = z.union([
  z.string().transform((s) => ({
    propertyName: s.replace(/^-/, ''),
    direction: s.startsWith('-') ? ('DESCENDING' as const) : ('ASCENDING' as const),
  })),
  z.object({ propertyName: z.string(), direction: z.enum(['ASCENDING', 'DESCENDING']).default('ASCENDING') }),
]);

const searchBody = z.object({
  filterGroups: z.array(z.object({ filters: z.array(filter) })).default([]),
  sorts: z.array(sort).default([]),
  query: z.string().optional(),
  properties: z.array(z.string()).optional(),
  limit: z.number().int().optional(),
  after: z.union([z.string(), z.number()]).transform(String).optional(),
});

export type SearchFilter = z.infer<typeof filter>;
export interface SearchRequest {
  filterGroups: { filters: SearchFilter[] }[];
  sort?: { propertyName: string; direction: 'ASCENDING' | 'DESCENDING' };
  query?: string;
  properties?: string[];
  limit: number;
  offset: number;
}

export const MAX_BODY_CHARS = 3000;
export const MAX_RESULTS = 10_000;

function checkFilter(f: SearchFilter): string | undefined {
  const needsValue = ['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN'];
  if (needsValue.includes(f.operator) && f.value === undefined)
    return `${f.operator} on ${f.propertyName} needs a value`;
  if (f.operator === 'BETWEEN' && (f.value === undefined || f.highValue === undefined)) {
    return `BETWEEN on ${f.propertyName} needs value and highValue`;
  }
  if ((f.operator === 'IN' || f.operator === 'NOT_IN') && !f.values?.length)
    return `${f.operator} on ${f.propertyName} needs values`;
  return undefined;
}

function checkLimits(b: z.infer<typeof searchBody>): string | undefined {
  const groups = b.filterGroups;
  const total = groups.reduce((n, g) => n + g.filters.length, 0);
  if (groups.length > 5) return `Too many filter groups: ${groups.length} given, at most 5 allowed.`;
  if (groups.some((g) => g.filters.length > 6)) return 'Too many filters in a filter group: at most 6 allowed.';
  if (total > 18) return `Too many filters: ${total} given, at most 18 allowed across all filter groups.`;
  if (b.sorts.length > 1) return 'Only one sort is allowed.';
  const limit = b.limit ?? 10;
  if (limit < 0 || limit > 200) return `limit must be between 0 and 200, got ${limit}.`;
  return undefined;
}

/** Parses a search body; `rawLength` is the character length of the request body as received. */
export function parseSearch(raw: unknown, rawLength: number): SearchRequest | CrmFailure {
  if (rawLength > MAX_BODY_CHARS) {
    return validationFailure(
      `Request body is ${rawLength} characters; search requests are limited to ${MAX_BODY_CHARS}.`,
    );
  }
  const r = searchBody.safeParse(raw ?? {});
  if (!r.success) {
    const i = r.error.issues[0];
    return validationFailure(`Invalid input JSON: ${i?.path.join('.') || 'body'}: ${i?.message ?? 'invalid'}`);
  }
  const b = r.data;
  const problem =
    checkLimits(b) ??
    b.filterGroups
      .flatMap((g) => g.filters)
      .map(checkFilter)
      .find((m) => m !== undefined);
  if (problem) return validationFailure(problem);
  const limit = b.limit ?? 10;
  const after = b.after ?? '0';
  if (!/^\d+$/.test(after)) return validationFailure(`after must be an integer string, got ${after}.`);
  const offset = Number(after);
  if (offset + limit > MAX_RESULTS) {
    return validationFailure(`Paging past ${MAX_RESULTS} results is not supported: after ${offset} + limit ${limit}.`);
  }
  return { filterGroups: b.filterGroups, sort: b.sorts[0], query: b.query, properties: b.properties, limit, offset };
}
