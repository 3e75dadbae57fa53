import { createHmac } from 'node:crypto';

/**
 * Meta signs every webhook POST with the app secret: `X-Hub-Signature-256: sha256=<hex>` is the HMAC-SHA256
 * of the raw body bytes (reference/whatsapp.md §2; vector examples/signature-vector.*). Receivers must verify
 * the bytes as received, before JSON parsing, so the sandbox signs exactly the string it sends.
 */
export function signWebhookBody(appSecret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** The legacy SHA-1 header (`X-Hub-Signature: sha1=<hex>`) Meta still sends alongside [U]; never rely on it. */
export function signWebhookBodySha1(appSecret: string, rawBody: string | Buffer): string {
  return `sha1=${createHmac('sha1', appSecret).update(rawBody).digest('hex')}`;
}
