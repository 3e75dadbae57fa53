import { Router } from 'express';
import { z } from 'zod';
import type { OAuthInstall } from '../../src/connections/oauthInstall.ts';
import { parseOrThrow } from '../parse.ts';
import { installResultPage, notConfiguredPage } from '../pages/installPages.ts';

export interface OAuthRouteDeps {
  /** Undefined when HUBSPOT_CLIENT_ID / HUBSPOT_CLIENT_SECRET are not set. */
  install: OAuthInstall | undefined;
}

// Repeated or odd parameters count as absent: the state check then refuses the request.
const text = z.string().max(2048).optional().catch(undefined);
const CallbackQuery = z.object({ code: text, state: text, error: text, error_description: text });

/**
 * The marketplace install: `/oauth/install` sends the browser to HubSpot's consent page, `/oauth/callback` is
 * where HubSpot sends it back. Both answer small HTML pages meant for a person, never cached, and the callback
 * page sends no Referer (its URL carried a one-time code).
 */
export function oauthRoutes(deps: OAuthRouteDeps): Router {
  const router = Router();
  router.use('/oauth', (_req, res, next) => {
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    next();
  });
  router.get('/oauth/install', (_req, res) => {
    if (!deps.install) return void res.status(503).type('html').send(notConfiguredPage());
    res.redirect(302, deps.install.installUrl());
  });
  router.get('/oauth/callback', async (req, res) => {
    if (!deps.install) return void res.status(503).type('html').send(notConfiguredPage());
    const query = parseOrThrow(CallbackQuery, req.query, 'query');
    const { status, body } = installResultPage(await deps.install.complete(query));
    res.status(status).type('html').send(body);
  });
  return router;
}
