import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HubSpot request signatures (reference/hubspot-api.md §10.3–10.5, hubspot-platform.md §2.4).
 * Written here rather than taken from @hubspot/api-client because its helper defaults to v1,
 * compares with `===` (not constant-time) and accepts non-numeric or future timestamps (§1.6).
 */

/** v3 rejects requests signed more than 5 minutes ago — and, our hardening, more than 5 minutes ahead. */
export const V3_MAX_SKEW_MS = 300_000;

// HubSpot decodes only these escapes in the URI before signing (§10.4). The table is [M] in the reference:
// recalled docs, matched by a third-party implementation; it lives here alone so it can be corrected in one place.
const V3_DECODED_ESCAPES: Record<string, string> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};
const V3_ESCAPE_PATTERN = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

export function decodeUriForV3(uri: string): string {
  return uri.replace(V3_ESCAPE_PATTERN, (m) => V3_DECODED_ESCAPES[m.toUpperCase()] ?? m);
}

const asBuffer = (body: Buffer | string): Buffer => (typeof body === 'string' ? Buffer.from(body, 'utf8') : body);

/** base64(HMAC-SHA256(secret, METHOD + decodedUri + body + timestamp)). */
export function signV3(secret: string, method: string, uri: string, body: Buffer | string, timestamp: string): string {
  return createHmac('sha256', secret)
    .update(`${method.toUpperCase()}${decodeUriForV3(uri)}`, 'utf8')
    .update(asBuffer(body))
    .update(timestamp, 'utf8')
    .digest('base64');
}

/** hex(SHA-256(secret + METHOD + uri + body)); the URI exactly as called. */
export function signV2(secret: string, method: string, uri: string, body: Buffer | string): string {
  return createHash('sha256')
    .update(`${secret}${method.toUpperCase()}${uri}`, 'utf8')
    .update(asBuffer(body))
    .digest('hex');
}

/** hex(SHA-256(secret + body)); legacy webhooks only. It has no timestamp, so a replay cannot be told apart. */
export function signV1(secret: string, body: Buffer | string): string {
  return createHash('sha256').update(secret, 'utf8').update(asBuffer(body)).digest('hex');
}

/** Constant-time comparison of two encoded digests; false (not a throw) when lengths differ. */
export function digestsEqual(given: string, expected: string, encoding: 'hex' | 'base64'): boolean {
  const a = Buffer.from(given, encoding);
  const b = Buffer.from(expected, encoding);
  // Buffer.from silently drops invalid characters, so also compare the canonical re-encoding.
  if (a.length !== b.length || a.toString(encoding) !== given) return false;
  return timingSafeEqual(a, b);
}

export type SignatureCheck = { ok: true; version: 'v1' | 'v2' | 'v3' } | { ok: false; reason: string };

export interface SignedRequest {
  method: string;
  /** Full URL HubSpot called: configured public origin + original path and query. */
  uri: string;
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

const header = (h: SignedRequest['headers'], name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Checks `X-HubSpot-Signature-v3` + `X-HubSpot-Request-Timestamp` against the secret at time `nowMs`. */
export function checkV3(req: SignedRequest, secret: string, nowMs: number): SignatureCheck {
  const signature = header(req.headers, 'x-hubspot-signature-v3');
  const timestamp = header(req.headers, 'x-hubspot-request-timestamp');
  if (!signature) return { ok: false, reason: 'missing X-HubSpot-Signature-v3 header' };
  if (!timestamp) return { ok: false, reason: 'missing X-HubSpot-Request-Timestamp header' };
  if (!/^\d{1,16}$/.test(timestamp))
    return { ok: false, reason: 'X-HubSpot-Request-Timestamp is not epoch milliseconds' };
  const skew = nowMs - Number(timestamp);
  if (skew > V3_MAX_SKEW_MS) return { ok: false, reason: 'X-HubSpot-Request-Timestamp is older than 5 minutes' };
  if (-skew > V3_MAX_SKEW_MS)
    return { ok: false, reason: 'X-HubSpot-Request-Timestamp is more than 5 minutes in the future' };
  const expected = signV3(secret, req.method, req.uri, req.rawBody, timestamp);
  return digestsEqual(signature, expected, 'base64')
    ? { ok: true, version: 'v3' }
    : { ok: false, reason: 'X-HubSpot-Signature-v3 does not match' };
}

/** Checks the v2 `X-HubSpot-Signature` (workflow actions, older callers). */
export function checkV2(req: SignedRequest, secret: string): SignatureCheck {
  const signature = header(req.headers, 'x-hubspot-signature');
  const version = header(req.headers, 'x-hubspot-signature-version');
  if (!signature) return { ok: false, reason: 'missing X-HubSpot-Signature header' };
  if (version !== undefined && version !== 'v2')
    return { ok: false, reason: `X-HubSpot-Signature-Version ${version} is not accepted here` };
  return digestsEqual(signature.toLowerCase(), signV2(secret, req.method, req.uri, req.rawBody), 'hex')
    ? { ok: true, version: 'v2' }
    : { ok: false, reason: 'X-HubSpot-Signature does not match' };
}
