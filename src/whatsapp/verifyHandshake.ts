import { createHash, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../connections/secret.ts';

/**
 * Meta's GET verification handshake (reference/whatsapp.md §2 [M-endpoint]): on saving the callback URL,
 * Meta calls `GET <url>?hub.mode=subscribe&hub.challenge=<C>&hub.verify_token=<T>`. If the mode is
 * `subscribe` and the token is ours, answer 200 with the raw challenge as the body; otherwise 403.
 * Pure: the route passes the query and the portal's verify token, and sends back what this returns.
 */
export type HandshakeAnswer = { status: 200; body: string } | { status: 403; body: string };

/** What Meta may send; Express's query values can also be arrays, so anything but a string is refused. */
export type HandshakeQuery = Record<string, unknown>;

// Meta's challenges are short numbers; a bound keeps an attacker from using us as an echo of large bodies.
const MAX_CHALLENGE = 256;

/** Answers the GET handshake for one portal's verify token (undefined: none configured → 403). */
export function answerVerifyHandshake(query: HandshakeQuery, verifyToken: Secret | undefined): HandshakeAnswer {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe') return forbidden('hub.mode must be subscribe');
  if (typeof challenge !== 'string' || challenge.length === 0 || challenge.length > MAX_CHALLENGE) {
    return forbidden('hub.challenge is missing or too long');
  }
  if (!verifyToken || typeof token !== 'string' || !sameSecret(token, verifyToken.reveal())) {
    return forbidden('hub.verify_token does not match');
  }
  return { status: 200, body: challenge };
}

const forbidden = (why: string): HandshakeAnswer => ({ status: 403, body: `Forbidden: ${why}` });

/** Constant-time comparison of two strings of any length (hash first, so lengths do not leak or throw). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected)) && given.length === expected.length;
}
