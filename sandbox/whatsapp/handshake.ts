import { randomInt } from 'node:crypto';
import { setWebhook } from './accounts.ts';
import type { WhatsAppSandboxState } from './state.ts';

/**
 * Meta's endpoint verification (reference §2, M-endpoint): when a callback URL or verify token is saved, Meta
 * sends `GET <url>?hub.mode=subscribe&hub.challenge=<C>&hub.verify_token=<T>` and expects HTTP 200 with the
 * raw challenge as the whole body. [M] Meta's TLS requirement (valid certificate) is not modelled: the
 * sandbox talks plain HTTP on 127.0.0.1.
 */

export interface HandshakeResult {
  ok: boolean;
  status: number;
  body: string;
  challenge: string;
  /** Why it failed, in words (undefined when ok). */
  reason?: string;
}

/** Performs the GET handshake against a callback URL and checks the echoed challenge. */
export async function verifyWebhookEndpoint(input: {
  url: string;
  verifyToken: string;
  challenge?: string;
  timeoutMs?: number;
}): Promise<HandshakeResult> {
  const challenge = input.challenge ?? String(randomInt(100_000_000, 2_000_000_000)); // Meta sends a number
  const url = new URL(input.url);
  url.searchParams.set('hub.mode', 'subscribe');
  url.searchParams.set('hub.challenge', challenge);
  url.searchParams.set('hub.verify_token', input.verifyToken);
  try {
    const res = await fetch(url, {
      headers: { 'user-agent': 'facebookplatform/1.0 (+http://developers.facebook.com)' },
      signal: AbortSignal.timeout(input.timeoutMs ?? 5_000),
    });
    const body = await res.text();
    if (res.status !== 200) return { ok: false, status: res.status, body, challenge, reason: `HTTP ${res.status}` };
    if (body !== challenge)
      return { ok: false, status: res.status, body, challenge, reason: 'body is not the challenge' };
    return { ok: true, status: res.status, body, challenge };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, status: 0, body: '', challenge, reason };
  }
}

/**
 * What saving the callback URL in Meta's dashboard does: the handshake first, and the URL is stored only
 * if it passes. Returns the handshake result either way.
 */
export async function subscribeWebhook(
  state: WhatsAppSandboxState,
  input: { url: string; verifyToken: string; appId?: string },
): Promise<HandshakeResult> {
  const result = await verifyWebhookEndpoint({ url: input.url, verifyToken: input.verifyToken });
  if (result.ok) {
    setWebhook(state, {
      url: input.url,
      verifyToken: input.verifyToken,
      ...(input.appId ? { appId: input.appId } : {}),
    });
  }
  return result;
}
