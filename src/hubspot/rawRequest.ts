import type { Client } from '@hubspot/api-client';

/**
 * Calls an endpoint the SDK has no typed method for (timeline v4, introspection) through `client.apiRequest`.
 * apiRequest resolves for every status (reference/hubspot-api.md §1.1), so a non-2xx answer is turned into an error
 * shaped like the SDK's ApiException (`code`, `body`, `headers`) — the gateway's retry classifier then treats both
 * kinds of call the same way.
 */
export class HubspotHttpError extends Error {
  constructor(
    readonly code: number,
    readonly body: unknown,
    readonly headers: Record<string, string>,
    path: string,
  ) {
    super(`HubSpot answered ${code} to ${path}`);
    this.name = 'HubspotHttpError';
  }
}

export async function requestJson<T = unknown>(
  client: Client,
  req: { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; path: string; body?: unknown },
): Promise<T> {
  const response = await client.apiRequest({ method: req.method, path: req.path, body: req.body });
  const text = await response.text();
  const body: unknown = text === '' ? undefined : safeJson(text);
  if (!response.ok) {
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    throw new HubspotHttpError(response.status, body, headers, req.path);
  }
  return body as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
