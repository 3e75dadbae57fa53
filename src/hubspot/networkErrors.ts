/**
 * What a thrown transport error means for a retry. Node's fetch (undici, used by @hubspot/api-client 14,
 * reference §1 version note) throws `TypeError('fetch failed')` with the system error in `cause`;
 * the http module puts `code` on the error itself; `AbortSignal.timeout` gives a `TimeoutError`.
 */
export type NetworkFailureKind =
  /** The request never reached HubSpot: safe to retry even a non-idempotent write. */
  | 'not_sent'
  /** The connection broke or timed out after sending: HubSpot may have acted on it. */
  | 'outcome_unknown'
  /** Our own caller cancelled: never retry. */
  | 'cancelled'
  /** Not a transport error at all (a bug, a bad argument): retrying would not help. */
  | 'unexpected';

const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const OUTCOME_UNKNOWN = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'TIMEOUT',
]);

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/** A short code naming the transport failure (`ECONNRESET`, `TIMEOUT`, `ABORTED`…), or undefined. */
export function networkErrorCode(error: unknown): string | undefined {
  const name = field(error, 'name');
  if (name === 'TimeoutError') return 'TIMEOUT';
  if (name === 'AbortError') return 'ABORTED';
  for (const candidate of [error, field(error, 'cause')]) {
    const code = field(candidate, 'code');
    if (typeof code === 'string' && code !== '') return code;
  }
  return undefined;
}

/** Sorts a thrown error into one of the kinds above. Only the code is read, never the message. */
export function classifyNetworkError(error: unknown): { kind: NetworkFailureKind; code: string } {
  const code = networkErrorCode(error) ?? 'UNKNOWN';
  if (code === 'ABORTED') return { kind: 'cancelled', code };
  if (NOT_SENT.has(code)) return { kind: 'not_sent', code };
  if (OUTCOME_UNKNOWN.has(code)) return { kind: 'outcome_unknown', code };
  return { kind: 'unexpected', code };
}
