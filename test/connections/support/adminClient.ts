import { signV3 } from '../../../server/middleware/hubspotSignature.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read admin JSON bodies freely.
export type Json = any;

export interface AdminResponse {
  status: number;
  body: Json;
}

/** Calls the admin API as the operator (bearer) or as a portal's settings page (HubSpot v3 signature). */
export function adminClient(serviceUrl: string, o: { bearer?: string; signAs?: { portalId: number; secret: string } }) {
  return async (method: string, path: string, body?: unknown): Promise<AdminResponse> => {
    let url = `${serviceUrl}${path}`;
    const headers: Record<string, string> = {};
    const raw = body === undefined ? '' : JSON.stringify(body);
    if (raw !== '') headers['content-type'] = 'application/json';
    if (o.bearer !== undefined) headers.authorization = `Bearer ${o.bearer}`;
    if (o.signAs) {
      url += `${url.includes('?') ? '&' : '?'}portalId=${o.signAs.portalId}`;
      const timestamp = String(Date.now());
      headers['x-hubspot-signature-v3'] = signV3(o.signAs.secret, method, url, raw, timestamp);
      headers['x-hubspot-request-timestamp'] = timestamp;
    }
    const res = await fetch(url, { method, headers, body: raw === '' ? undefined : raw });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
  };
}
