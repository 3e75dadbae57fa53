import { exchange, realSleep } from './http.ts';
import { signV2, v3Headers } from './signatures.ts';

/**
 * What HubSpot's `hubspot.fetch` proxy does between a card and our service (hubspot-platform.md §2.3):
 * only an Authorization header may pass, the body is sent as JSON, request and response are capped at 1 MB,
 * the request is signed v2 + v3, it times out after 15 s by default and is retried once on a connection
 * problem or a 5xx. Non-2xx answers reach the card as proxy category BAD_GATEWAY.
 */

export interface CardFetchOptions {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  clientSecret: string;
  portalId: number;
  userId: number;
  userEmail: string;
  appId?: number;
  /** Append userId/userEmail/portalId/appId to the query: NOT confirmed for production, so off by default [M]. */
  appendMetadata?: boolean;
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type CardFetchResult =
  | { ok: true; status: number; body: unknown; text: string; attempts: number; signedUrl: string }
  | {
      ok: false;
      category: 'BAD_REQUEST' | 'BAD_GATEWAY' | 'TIMEOUT' | 'PAYLOAD_TOO_LARGE';
      message: string;
      status?: number;
      attempts: number;
    };

export const CARD_PAYLOAD_LIMIT = 1024 * 1024;

/** Rejects what the proxy rejects before anything is sent (the dev proxy mirrors production here [C]). */
function checkHeaders(headers: Record<string, string> | undefined): string | undefined {
  const names = Object.keys(headers ?? {});
  if (names.length > 1) return "Only 'Authorization' header is allowed";
  if (names.length === 1 && names[0]!.toLowerCase() !== 'authorization') {
    return "Invalid Request Headers provided. Only 'Authorization' header is allowed from hubspot.fetch()";
  }
  return undefined;
}

function targetUrl(opts: CardFetchOptions): string {
  if (!opts.appendMetadata) return opts.url;
  const url = new URL(opts.url);
  url.searchParams.set('userId', String(opts.userId));
  url.searchParams.set('userEmail', opts.userEmail);
  url.searchParams.set('portalId', String(opts.portalId));
  if (opts.appId !== undefined) url.searchParams.set('appId', String(opts.appId));
  return url.toString();
}

/** Calls the service like a card's `hubspot.fetch(url, {method, body, headers, timeout})`. */
export async function cardFetch(opts: CardFetchOptions): Promise<CardFetchResult> {
  const headerProblem = checkHeaders(opts.headers);
  if (headerProblem) return { ok: false, category: 'BAD_REQUEST', message: headerProblem, status: 400, attempts: 0 };
  const method = opts.method ?? 'POST';
  const body = opts.body === undefined || method === 'GET' ? '' : JSON.stringify(opts.body);
  if (Buffer.byteLength(body) > CARD_PAYLOAD_LIMIT) {
    return { ok: false, category: 'PAYLOAD_TOO_LARGE', message: 'request body exceeds 1 MB', attempts: 0 };
  }
  const url = targetUrl(opts);
  const now = opts.now ?? Date.now;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    const headers: Record<string, string> = {
      ...(opts.headers ?? {}),
      'X-HubSpot-Signature': signV2(opts.clientSecret, method, url, body),
      'X-HubSpot-Signature-Version': 'v2',
      ...v3Headers(opts.clientSecret, method, url, body, now()),
    };
    if (body !== '') headers['Content-Type'] = 'application/json';
    const result = await exchange(url, {
      method,
      headers,
      body: body === '' ? undefined : body,
      timeoutMs: opts.timeoutMs ?? 15_000,
    });
    const retryable = !result.ok ? result.reason === 'network' : result.status >= 500;
    if (retryable && attempts < 2) {
      await (opts.sleep ?? realSleep)(250);
      continue;
    }
    if (!result.ok) {
      return {
        ok: false,
        category: result.reason === 'timeout' ? 'TIMEOUT' : 'BAD_GATEWAY',
        message: result.message,
        attempts,
      };
    }
    if (Buffer.byteLength(result.text) > CARD_PAYLOAD_LIMIT) {
      return {
        ok: false,
        category: 'PAYLOAD_TOO_LARGE',
        message: 'response body exceeds 1 MB',
        status: result.status,
        attempts,
      };
    }
    if (result.status < 200 || result.status >= 300) {
      return { ok: false, category: 'BAD_GATEWAY', message: result.text, status: result.status, attempts };
    }
    return {
      ok: true,
      status: result.status,
      body: parseJson(result.text),
      text: result.text,
      attempts,
      signedUrl: url,
    };
  }
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}
