import { createHmac } from 'node:crypto';
import { digestsEqual } from './hubspotSignature.ts';

/**
 * Meta signs every WhatsApp webhook with `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`
 * (reference/whatsapp.md §2). There is no timestamp, so deduplication (by message id and status) is what makes
 * replays harmless; the check itself only proves the body came from Meta unchanged.
 */
export type MetaSignatureCheck = { ok: true } | { ok: false; reason: string };

export function signMetaBody(appSecret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

export function checkMetaSignature(rawBody: Buffer, header: string | undefined, appSecret: string): MetaSignatureCheck {
  if (!header) return { ok: false, reason: 'missing X-Hub-Signature-256 header' };
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match) return { ok: false, reason: 'X-Hub-Signature-256 is not sha256=<64 hex digits>' };
  const expected = signMetaBody(appSecret, rawBody).slice('sha256='.length);
  return digestsEqual(match[1]!.toLowerCase(), expected, 'hex')
    ? { ok: true }
    : { ok: false, reason: 'X-Hub-Signature-256 does not match' };
}
