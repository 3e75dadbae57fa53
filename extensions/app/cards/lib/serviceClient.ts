import { hubspot } from '@hubspot/ui-extensions';
import type { z } from 'zod';
import { SERVICE_ORIGIN } from './serviceOrigin.ts';

/**
 * The only module in the cards that calls hubspot.fetch. HubSpot signs each request (v3) so the service
 * can trust it; the rules it enforces (hubspot-platform.md §2.3): absolute HTTPS URL on a permitted origin,
 * no custom headers, 1 MB each way, 15 s default timeout — we ask for less, a card must feel fast.
 */

const TIMEOUT_MS = 10_000;

export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    /** The error body's `details` (e.g. per-field messages of a validation error), as the server sent it. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export interface ServiceRequest<S extends z.ZodType> {
  path: string;
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, string | number>;
  body?: Record<string, unknown>;
  /** The response schema from @switchboard/contract: a drifted server fails loudly here, not in the UI. */
  schema: S;
}

function urlFor(path: string, query: Record<string, string | number> = {}): string {
  const url = new URL(path, SERVICE_ORIGIN);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
  return url.toString();
}

async function errorFrom(response: Response): Promise<ServiceError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error?.message) {
      return new ServiceError(body.error.message, response.status, body.error.code ?? 'unknown', body.error.details);
    }
  } catch {
    // not JSON: fall through to a generic message
  }
  return new ServiceError(`Switchboard answered ${response.status}`, response.status, 'unknown');
}

/** Calls a service endpoint and returns its parsed response; throws ServiceError with the server's message. */
export async function callService<S extends z.ZodType>(req: ServiceRequest<S>): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await hubspot.fetch(urlFor(req.path, req.query), {
      method: req.method ?? 'GET',
      timeout: TIMEOUT_MS,
      ...(req.body ? { body: req.body } : {}),
    });
  } catch {
    throw new ServiceError('Switchboard could not be reached. Try again in a moment.', 0, 'unreachable');
  }
  if (!response.ok) throw await errorFrom(response);
  const parsed = req.schema.safeParse(await response.json());
  if (!parsed.success)
    throw new ServiceError('Switchboard sent an unexpected answer.', response.status, 'bad_response');
  return parsed.data;
}
