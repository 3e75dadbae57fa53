import { signV3 } from '../middleware/hubspotSignature.ts';
import type { DemoContext } from './context.ts';

// biome-ignore lint/suspicious/noExplicitAny: the demo prints JSON answers as they come.
export type Json = any;

/**
 * A request from the app's settings page (hubspot.fetch, signed v3 by HubSpot for this portal) to the admin API:
 * no operator token needed. Returns the status and the JSON answer.
 */
export async function settingsPageRequest(
  ctx: DemoContext,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; ok: boolean; body: Json }> {
  const url = `${ctx.service.url}${path}${path.includes('?') ? '&' : '?'}portalId=${ctx.portalId}`;
  const raw = body === undefined ? '' : JSON.stringify(body);
  const timestamp = String(Date.now());
  const secret = ctx.sandboxes.demoPortal!.client.clientSecret;
  const headers: Record<string, string> = {
    'x-hubspot-signature-v3': signV3(secret, method, url, raw, timestamp),
    'x-hubspot-request-timestamp': timestamp,
    ...(raw ? { 'content-type': 'application/json' } : {}),
  };
  const res = await fetch(url, { method, headers, body: raw || undefined });
  return { status: res.status, ok: res.ok, body: (await res.json()) as Json };
}
