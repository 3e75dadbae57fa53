import { type Request, type Response, Router } from 'express';
import { exchangeAuthCode, fail, type GrantResult, refreshGrant, sendOAuthFailure } from '../oauthTokens.ts';
import type { SandboxState } from '../state.ts';
import { oauthAuthorizeRoutes } from './oauthAuthorize.ts';
import { oauthTokenInfoRoutes } from './oauthTokenInfo.ts';

/**
 * The unauthenticated OAuth surface: consent screen (app.hubspot.com), `POST /oauth/v1/token` (what
 * @hubspot/api-client 14 calls) and its v3 / 2026-03 twins, plus token info, introspection and revocation.
 */
export function oauthRoutes(state: SandboxState): Router {
  const router = Router();
  router.use(oauthAuthorizeRoutes(state));
  for (const path of ['/oauth/v1/token', '/oauth/v3/token', '/oauth/2026-03/token']) {
    router.post(path, (req, res) => tokenEndpoint(state, req, res));
  }
  router.use(oauthTokenInfoRoutes(state));
  return router;
}

function tokenEndpoint(state: SandboxState, req: Request, res: Response) {
  // The token endpoint takes application/x-www-form-urlencoded only (§8); a JSON body is a client bug [U: exact reply].
  if (!req.is('application/x-www-form-urlencoded')) {
    res.status(400).json({
      status: 'BAD_REQUEST',
      message: 'Content-Type must be application/x-www-form-urlencoded',
      error: 'invalid_request',
      error_description: 'Content-Type must be application/x-www-form-urlencoded',
    });
    return;
  }
  const form = (req.body ?? {}) as Record<string, string | undefined>;
  let result: GrantResult;
  switch (form.grant_type) {
    case 'authorization_code':
      result = exchangeAuthCode(state, form);
      break;
    case 'refresh_token':
      result = refreshGrant(state, form);
      break;
    default:
      // client_credentials exists in the spec enum but is not for marketplace apps: not simulated.
      result = fail('BAD_GRANT_TYPE', `unsupported grant_type: ${form.grant_type ?? '(missing)'}`);
  }
  if (!result.ok) return sendOAuthFailure(res, result);
  res.set('Cache-Control', 'no-store');
  res.status(200).json(result.body);
}
