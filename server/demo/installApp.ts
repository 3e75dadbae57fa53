import type { DemoScenario } from './context.ts';

/** The hidden fields of the sandbox's consent form, as a browser would post them back. */
function consentFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[m[1]!] = m[2]!
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
  }
  return fields;
}

function redirectTarget(res: Response, step: string): URL {
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`${step}: expected a redirect, got ${res.status}`);
  return new URL(location);
}

/**
 * A HubSpot admin installs Switchboard from the marketplace: our install link → HubSpot's consent page →
 * "Connect app" → back to our callback, which stores the installation (tokens sealed) and discovers fields.
 * Driven over HTTP exactly as a browser would, so the status card afterwards says "connected".
 */
export const installAppScenario: DemoScenario = {
  title: 'Install the app from the marketplace (OAuth consent)',
  async run({ service, portalId, say }) {
    const authorize = redirectTarget(await fetch(`${service.url}/oauth/install`, { redirect: 'manual' }), 'install');
    say(`  GET /oauth/install → 302 to HubSpot's consent page ${authorize.origin}${authorize.pathname}`);
    say(`  requested scopes: ${authorize.searchParams.get('scope')}`);
    const consent = await fetch(authorize);
    const fields = consentFields(await consent.text());
    const decision = await fetch(new URL('/oauth/authorize/decision', authorize), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, portalId: String(portalId), decision: 'approve' }),
      redirect: 'manual',
    });
    const callback = redirectTarget(decision, 'consent');
    say(`  the admin clicks "Connect app" for portal ${portalId} → HubSpot redirects to ${callback.pathname}`);
    const page = await fetch(callback);
    const text = await page.text();
    const title = /<h1>([^<]*)<\/h1>/.exec(text)?.[1] ?? '(no title)';
    if (page.status !== 200) throw new Error(`callback answered ${page.status}: ${title}`);
    say(`  GET /oauth/callback → ${page.status}: ${title}`);
    const found = /Found the portal's fields: ([^<]*)\./.exec(text)?.[1];
    if (found) say(`  field discovery: ${found}`);
    say('  the page tells the admin to add the cards to record views and to open the settings page');
  },
};
