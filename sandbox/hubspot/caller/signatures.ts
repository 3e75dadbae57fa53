import { createHash, createHmac } from 'node:crypto';

/**
 * The signatures HubSpot puts on requests it sends (reference/hubspot-api.md §10.3–10.4,
 * hubspot-platform.md §2.4). Our own implementation with node:crypto, checked against the official vectors.
 */

/** v1 = hex(SHA-256(clientSecret + body)): legacy webhook deliveries, header `X-HubSpot-Signature`. */
export function signV1(clientSecret: string, body: string): string {
  return createHash('sha256')
    .update(clientSecret + body, 'utf8')
    .digest('hex');
}

/** v2 = hex(SHA-256(clientSecret + METHOD + url + body)): workflow actions and CRM cards. */
export function signV2(clientSecret: string, method: string, url: string, body: string): string {
  return createHash('sha256')
    .update(clientSecret + method.toUpperCase() + url + body, 'utf8')
    .digest('hex');
}

// Percent-escapes a verifier decodes before hashing (§10.4); HubSpot hashes the decoded form [M].
const DECODE: Record<string, string> = {
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

/** The URI as v3 hashes it: only the escapes of §10.4 decoded, everything else verbatim. */
export function v3Uri(url: string): string {
  return url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODE[m.toUpperCase()]!);
}

/** v3 = base64(HMAC-SHA256(key = clientSecret, METHOD + uri + body + timestamp)); timestamp in epoch ms. */
export function signV3(
  clientSecret: string,
  method: string,
  url: string,
  body: string,
  timestamp: number | string,
): string {
  return createHmac('sha256', clientSecret)
    .update(`${method.toUpperCase()}${v3Uri(url)}${body}${timestamp}`, 'utf8')
    .digest('base64');
}

/** The v3 header pair HubSpot adds to every outgoing request (§10.3). */
export function v3Headers(
  clientSecret: string,
  method: string,
  url: string,
  body: string,
  now: number,
): Record<string, string> {
  return {
    'X-HubSpot-Signature-v3': signV3(clientSecret, method, url, body, now),
    'X-HubSpot-Request-Timestamp': String(now),
  };
}
