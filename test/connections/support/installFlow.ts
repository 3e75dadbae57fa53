import { expect } from 'vitest';

/**
 * A person installing the app, driven over HTTP the way a browser would: our /oauth/install redirects to the
 * sandbox's consent page, the consent form is submitted (approve or deny) to /oauth/authorize/decision, which
 * redirects back to our /oauth/callback.
 */

const location = (res: Response): URL => {
  expect(res.status, `expected a redirect, got ${res.status}`).toBe(302);
  return new URL(res.headers.get('location')!);
};

/** GET /oauth/install → the HubSpot authorize URL it redirects to. */
export async function startInstall(serviceUrl: string): Promise<URL> {
  return location(await fetch(`${serviceUrl}/oauth/install`, { redirect: 'manual' }));
}

/** The hidden fields of the consent form, as the browser would post them. */
export function consentFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[m[1]!] = m[2]!
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  }
  return fields;
}

/** Opens the consent page and submits it; returns the callback URL HubSpot redirects to (not yet followed). */
export async function decide(authorizeUrl: URL, decision: 'approve' | 'deny', portalId: number): Promise<URL> {
  const consent = await fetch(authorizeUrl);
  expect(consent.status).toBe(200);
  const fields = consentFields(await consent.text());
  const res = await fetch(new URL('/oauth/authorize/decision', authorizeUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, portalId: String(portalId), decision }),
    redirect: 'manual',
  });
  return location(res);
}

/** Follows HubSpot's redirect back to the service, as the browser does. */
export async function followCallback(callbackUrl: URL): Promise<{ status: number; page: string }> {
  const res = await fetch(callbackUrl, { redirect: 'manual' });
  return { status: res.status, page: await res.text() };
}

/** The whole install for `portalId`: install → consent → callback. */
export async function installOverHttp(serviceUrl: string, portalId: number, decision: 'approve' | 'deny' = 'approve') {
  const callbackUrl = await decide(await startInstall(serviceUrl), decision, portalId);
  return { callbackUrl, ...(await followCallback(callbackUrl)) };
}
