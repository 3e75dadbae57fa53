import express, { Router } from 'express';
import { z } from 'zod';
import type { ApiKeys } from '../../src/connections/apiKeys.ts';
import type { PreCallContext, SessionsApi } from '../../src/sessions/index.ts';
import { apiKeyOf, requireApiKey } from '../middleware/requireApiKey.ts';
import { parseOrThrow } from '../parse.ts';

export interface SessionsApiRouteDeps {
  apiKeys: Pick<ApiKeys, 'resolve'>;
  api: Pick<SessionsApi, 'receive' | 'status'>;
  preCallContext(portalId: number, email: string): Promise<PreCallContext>;
  bodyLimit: string;
}

const ContextQuery = z.object({ email: z.email({ error: 'must be an email address' }) });

/**
 * The conversation platform's API (issue 8 §1, §5), per-portal API key with scope `sessions`: the key names the
 * portal, never the request. Mounted before the app-wide JSON parser: the key is checked before the body is read,
 * so a request with a bad key is refused (401) having changed nothing.
 */
export function sessionsApiRoutes(deps: SessionsApiRouteDeps): Router {
  const router = Router();
  const key = requireApiKey(deps.apiKeys, 'sessions');

  router.post('/api/sessions', key, express.json({ limit: deps.bodyLimit }), (req, res) => {
    const result = deps.api.receive(apiKeyOf(res).portalId, req.body);
    // 202: stored, the sync runs as a job; 200: the same session again, nothing to do.
    res.status(result.change === 'unchanged' ? 200 : 202).json(result);
  });

  router.get('/api/sessions/:sessionId', key, async (req, res) => {
    const sessionId = parseOrThrow(z.string().min(1).max(200), req.params.sessionId, 'params.sessionId');
    res.json(await deps.api.status(apiKeyOf(res).portalId, sessionId));
  });

  router.get('/api/context', key, async (req, res) => {
    const { email } = parseOrThrow(ContextQuery, { email: req.query.email }, 'query');
    res.json(await deps.preCallContext(apiKeyOf(res).portalId, email));
  });
  return router;
}
