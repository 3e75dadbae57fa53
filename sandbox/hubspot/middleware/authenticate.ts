import type { RequestHandler } from 'express';
import type { CallerAuth } from '../auth.ts';
import { sendError } from '../errors.ts';
import type { SandboxState } from '../state.ts';

// Message texts are as commonly seen from api.hubapi.com; only the categories matter to clients [U: exact wording].
const NOT_FOUND_MESSAGE =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

/**
 * `Authorization: Bearer <token>` → `res.locals.auth`. A missing, unknown or revoked token answers 401
 * INVALID_AUTHENTICATION; an expired OAuth token answers 401 EXPIRED_AUTHENTICATION (reference §11.1).
 * Expiry uses the injected clock, so tests can age tokens without waiting.
 */
export function authenticate(state: SandboxState): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) {
      sendError(res, 401, 'INVALID_AUTHENTICATION', NOT_FOUND_MESSAGE);
      return;
    }
    const token = state.accessTokens.get(match[1]!);
    if (!token || token.revoked || !state.portals.has(token.portalId)) {
      sendError(res, 401, 'INVALID_AUTHENTICATION', 'The access token provided is invalid or has been revoked.');
      return;
    }
    const now = state.now();
    if (now >= token.expiresAt) {
      const minutes = Math.max(1, Math.floor((now - token.expiresAt) / 60_000));
      sendError(
        res,
        401,
        'EXPIRED_AUTHENTICATION',
        `The OAuth token used to make this call expired ${minutes} minute(s) ago.`,
        {
          context: { expiresAt: [new Date(token.expiresAt).toISOString()] },
        },
      );
      return;
    }
    const auth: CallerAuth = {
      portalId: token.portalId,
      kind: token.kind,
      scopes: token.scopes,
      appId: token.appId,
      token: token.token,
    };
    res.locals.auth = auth;
    next();
  };
}
