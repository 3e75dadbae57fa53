import type { InstallResult } from '../../src/connections/oauthInstall.ts';
import { html, page, type Raw } from './html.ts';

const restart = html`<p><a href="/oauth/install">Start the installation again</a></p>`;

function fieldsLine(fields: Extract<InstallResult, { kind: 'installed' }>['fields']): Raw {
  if ('error' in fields) {
    return html`<li class="problem">Field discovery did not finish (${fields.error}); refresh it from the settings page.</li>`;
  }
  const part = (n: { total: number; custom: number }, what: string) => `${n.total} ${what} (${n.custom} custom)`;
  const text = [part(fields.contacts, 'contact'), part(fields.companies, 'company'), part(fields.deals, 'deal')].join(
    ', ',
  );
  return html`<li>Found the portal's fields: ${text} properties.</li>`;
}

function installedPage(r: Extract<InstallResult, { kind: 'installed' }>): string {
  const where = r.hubDomain ? `${r.hubDomain} (portal ${r.portalId})` : `portal ${r.portalId}`;
  const missing = r.missingRequired.length
    ? html`<li class="problem">HubSpot did not grant: ${r.missingRequired.map((s) => html`<code>${s}</code> `)}— features that need them will fail.</li>`
    : html``;
  return page(
    r.reinstall ? 'Switchboard was reinstalled' : 'Switchboard is installed',
    html`<p>Switchboard is connected to HubSpot account <strong>${where}</strong>.</p>
<ul><li>Granted scopes: ${r.grantedScopes.map((s) => html`<code>${s}</code> `)}</li>${missing}${fieldsLine(r.fields)}</ul>
<h2>Next steps</h2>
<ol>
<li>Add the Switchboard cards to your record views: open a contact, company or deal, choose <em>Customize record</em>, then <em>Add card</em> and pick the Switchboard cards.</li>
<li>Open the settings page: in HubSpot go to <em>Marketplace → Connected apps → Switchboard</em> and open the <em>Settings</em> tab to map fields and set up WhatsApp and sessions.</li>
</ol>`,
  );
}

/** The page `GET /oauth/callback` answers, with its HTTP status. */
export function installResultPage(r: InstallResult): { status: number; body: string } {
  if (r.kind === 'installed') return { status: 200, body: installedPage(r) };
  if (r.kind === 'denied') {
    const body = html`<p>You chose not to connect Switchboard to your HubSpot account. Nothing was stored.</p>${restart}`;
    return { status: 200, body: page('Installation cancelled', body) };
  }
  const body = html`<p class="problem">${r.reason}</p><p>Nothing was stored.</p>${restart}`;
  return { status: r.status, body: page('Installation could not be completed', body) };
}

/** `GET /oauth/install` when the app's OAuth credentials are not configured. */
export function notConfiguredPage(): string {
  return page(
    'Installation is not available',
    html`<p class="problem">This Switchboard service has no HubSpot app credentials (HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET), so it cannot be installed yet.</p>`,
  );
}
