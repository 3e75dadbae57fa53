import { z } from 'zod';

/**
 * HubSpot's error envelope (reference §11.1; 429 bodies §11.2). The docs say to treat every field as
 * optional, so anything unreadable parses to `{}` rather than throwing inside error handling.
 */
const StringList = z.array(z.string());
const Context = z.record(z.string(), z.unknown()).catch({});

const ErrorDetail = z
  .object({
    message: z.string().optional().catch(undefined),
    code: z.string().optional().catch(undefined),
    in: z.string().optional().catch(undefined),
    context: Context.optional(),
  })
  .loose();

export const HubspotErrorBody = z
  .object({
    status: z.string().optional().catch(undefined),
    message: z.string().optional().catch(undefined),
    category: z.string().optional().catch(undefined),
    subCategory: z.unknown().optional(),
    correlationId: z.string().optional().catch(undefined),
    policyName: z.string().optional().catch(undefined),
    errorType: z.string().optional().catch(undefined),
    errors: z.array(ErrorDetail).optional().catch(undefined),
    context: Context.optional(),
    id: z.string().optional().catch(undefined),
  })
  .loose();
export type HubspotErrorBody = z.infer<typeof HubspotErrorBody>;

/** Parses an error body leniently: a string is tried as JSON, anything unreadable gives `{}`. */
export function parseErrorBody(body: unknown): HubspotErrorBody {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return {};
    }
  }
  const result = HubspotErrorBody.safeParse(value);
  return result.success ? result.data : {};
}

/** A context entry as a list of strings (HubSpot sends `Record<string, string[]>`; be tolerant of scalars). */
export function contextList(context: Record<string, unknown> | undefined, key: string): string[] {
  const value = context?.[key];
  if (value === undefined || value === null) return [];
  const parsed = StringList.safeParse(Array.isArray(value) ? value.map(String) : [String(value)]);
  return parsed.success ? parsed.data : [];
}
