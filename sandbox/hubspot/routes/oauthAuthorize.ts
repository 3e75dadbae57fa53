import { type Request, type Response, Router } from 'express';
import { createAuthCode } from '../oauthTokens.ts';
import type { OAuthClient, Portal, SandboxState } from '../state.ts';

/**
 * app.hubspot.com's consent screen (hubspot-platform.md §8): `GET /oauth/authorize` (and `/oauth/{accountId}/authorize`)
 * shows the requested scopes and the portals to install into; the form posts to `POST /oauth/authorize/decision`,
 * which a test can also call directly, and which redirects to redirect_uri with `code` + `state` or `error=access_denied`.
 */

interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  optionalScopes: string[];
  state?: string;
}

type Checked = { ok: true; client: OAuthClient; params: AuthorizeParams } | { ok: false; message: string };

/** HubSpot separates scopes with spaces (also accepted: `+` already decoded, commas) [M]. */
function splitScopes(raw: unknown): string[] {
  return typeof raw === 'string' ? raw.split(/[\s,]+/).filter(Boolean) : [];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function checkParams(state: SandboxState, src: Record<string, unknown>): Checked {
  const clientId = str(src.client_id);
  const client = clientId ? state.clients.get(clientId) : undefined;
  if (!client) return { ok: false, message: 'Unknown client_id: this app does not exist.' };
  const redirectUri = str(src.redirect_uri);
  // A redirect_uri outside the app's auth.redirectUrls blocks the install [M].
  if (!redirectUri || !client.redirectUrls.includes(redirectUri)) {
    return { ok: false, message: 'redirect_uri is not one of the redirect URLs registered for this app.' };
  }
  const scopes = splitScopes(src.scope);
  if (scopes.length === 0) return { ok: false, message: 'The scope parameter is required.' };
  return {
    ok: true,
    client,
    params: {
      clientId: client.clientId,
      redirectUri,
      scopes,
      optionalScopes: splitScopes(src.optional_scope),
      state: str(src.state),
    },
  };
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function consentPage(params: AuthorizeParams, portals: Portal[]): string {
  const hidden = (name: string, value?: string) =>
    value === undefined ? '' : `<input type="hidden" name="${name}" value="${esc(value)}">`;
  const choices = portals
    .map(
      (p, i) =>
        `<label><input type="radio" name="portalId" value="${p.id}"${i === 0 ? ' checked' : ''}> ${esc(p.name)} (${p.id}, ${esc(p.domain)})</label><br>`,
    )
    .join('\n');
  const list = (xs: string[]) => xs.map((s) => `<li><code>${esc(s)}</code></li>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Connect app — HubSpot sandbox</title></head>
<body><h1>Connect app (HubSpot sandbox)</h1>
<p>App client <code>${esc(params.clientId)}</code> requests access.</p>
<h2>Required scopes</h2><ul id="scopes">${list(params.scopes)}</ul>
<h2>Optional scopes</h2><ul id="optional-scopes">${list(params.optionalScopes)}</ul>
<form method="post" action="/oauth/authorize/decision">
<h2>Choose an account</h2>${choices || '<p>No portals exist in this sandbox.</p>'}
${hidden('client_id', params.clientId)}${hidden('redirect_uri', params.redirectUri)}
${hidden('scope', params.scopes.join(' '))}${hidden('optional_scope', params.optionalScopes.join(' '))}${hidden('state', params.state)}
<button type="submit" name="decision" value="approve">Connect app</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form></body></html>`;
}

function errorPage(res: Response, message: string): void {
  res
    .status(400)
    .type('html')
    .send(`<!doctype html><html><body><h1>Authorization error</h1><p>${esc(message)}</p></body></html>`);
}

function redirectWith(res: Response, base: string, query: Record<string, string | undefined>): void {
  const url = new URL(base);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
  res.redirect(302, url.toString());
}

export function oauthAuthorizeRoutes(state: SandboxState): Router {
  const router = Router();

  const showConsent = (req: Request, res: Response) => {
    const checked = checkParams(state, req.query as Record<string, unknown>);
    if (!checked.ok) return errorPage(res, checked.message);
    const only = req.params.accountId ? Number(req.params.accountId) : undefined;
    const portals = [...state.portals.values()].filter((p) => only === undefined || p.id === only);
    res.type('html').send(consentPage(checked.params, portals));
  };
  router.get('/oauth/authorize', showConsent);
  router.get('/oauth/:accountId/authorize', showConsent);

  router.post('/oauth/authorize/decision', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const checked = checkParams(state, body);
    if (!checked.ok) return errorPage(res, checked.message);
    const { params } = checked;
    if (body.decision !== 'approve') {
      return redirectWith(res, params.redirectUri, { error: 'access_denied', state: params.state });
    }
    const portalId = Number(body.portalId);
    if (!state.portals.has(portalId)) return errorPage(res, 'Choose an account to connect the app to.');
    // Optional scopes are granted when the account has them; every sandbox portal has every scope.
    const scopes = [...new Set([...params.scopes, ...params.optionalScopes])];
    const code = createAuthCode(state, {
      clientId: params.clientId,
      portalId,
      redirectUri: params.redirectUri,
      scopes,
    });
    redirectWith(res, params.redirectUri, { code: code.code, state: params.state });
  });

  return router;
}
