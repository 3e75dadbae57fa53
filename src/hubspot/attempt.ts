import type { Client } from '@hubspot/api-client';
import type { SecretValue } from './credentials.ts';
import type { HubspotFailure } from './retryPolicy.ts';
import { createAttemptClient, type Exchange } from './sdkClient.ts';

/** One attempt's result: the value, or what the retry classifier needs to decide. */
export type AttemptOutcome<T> =
  | { ok: true; value: T; exchange: Exchange }
  | { ok: false; failure: Pick<HubspotFailure, 'status' | 'body' | 'headers' | 'error'>; exchange: Exchange };

/** A raw HubSpot answer from `gateway.request` (an endpoint the SDK lacks). */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface RawRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the API origin, e.g. `/integrators/timeline/v4/events`. */
  path: string;
  qs?: Record<string, string | number | boolean>;
  /** JSON body, or a pre-encoded string with `contentType`. */
  body?: unknown;
  contentType?: string;
}

/** The SDK's ApiException (one class per generated module, so matched by shape; reference §1.3). */
interface ApiExceptionLike {
  code: number;
  body: unknown;
  headers: Record<string, string>;
}

const isApiException = (e: unknown): e is ApiExceptionLike =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'number' && 'body' in e;

/**
 * The SDK has no timeout and no abort signal, so a hung socket would hang the caller: give up after
 * `ms` with a TimeoutError (networkErrors.ts: outcome unknown, so non-idempotent writes are not retried).
 */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new Error(`HubSpot did not answer within ${ms} ms`);
      err.name = 'TimeoutError';
      reject(err);
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Runs `fn` against a fresh SDK client carrying `token` (none for the OAuth endpoints). */
export async function runSdkAttempt<T>(
  basePath: string,
  token: SecretValue | undefined,
  fn: (client: Client) => Promise<T>,
  timeoutMs: number,
): Promise<AttemptOutcome<T>> {
  const { client, exchange } = createAttemptClient({ basePath, accessToken: token?.reveal() });
  try {
    return { ok: true, value: await withTimeout(fn(client), timeoutMs), exchange };
  } catch (error) {
    if (!isApiException(error)) return { ok: false, failure: { error }, exchange };
    const failure = { status: error.code, body: error.body, headers: error.headers };
    return { ok: false, failure, exchange: { ...exchange, status: exchange.status ?? error.code } };
  }
}

const headersOf = (h: Headers): Record<string, string> => Object.fromEntries([...h.entries()]);

async function bodyOf(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Sends a raw request with `client.apiRequest`, which never throws on 4xx/5xx (reference §1.1): the status
 * is checked here, so a 429 or 500 reaches the classifier like any SDK failure.
 */
export async function runRawAttempt(
  basePath: string,
  token: SecretValue | undefined,
  req: RawRequest,
  timeoutMs: number,
): Promise<AttemptOutcome<RawResponse>> {
  const { client, exchange } = createAttemptClient({ basePath, accessToken: token?.reveal() });
  exchange.method = req.method;
  exchange.url = `${basePath}${req.path}`;
  const encoded = req.contentType !== undefined;
  try {
    const send = async () => {
      const res = await client.apiRequest({
        method: req.method,
        path: req.path,
        ...(req.qs ? { qs: req.qs } : {}),
        ...(req.body === undefined ? {} : { body: req.body }),
        ...(encoded ? { defaultJson: false, headers: { 'Content-Type': req.contentType! } } : {}),
        ...(token === undefined ? { authType: 'none' } : {}),
      });
      return { status: res.status, headers: headersOf(res.headers), body: await bodyOf(res) };
    };
    const raw = await withTimeout(send(), timeoutMs);
    Object.assign(exchange, { status: raw.status, headers: raw.headers });
    if (raw.status >= 200 && raw.status < 300) return { ok: true, value: raw, exchange };
    return { ok: false, failure: { status: raw.status, body: raw.body, headers: raw.headers }, exchange };
  } catch (error) {
    return { ok: false, failure: { error }, exchange };
  }
}
