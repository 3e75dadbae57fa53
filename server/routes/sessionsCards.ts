import { type RequestHandler, Router } from 'express';
import {
  SESSION_RESYNC_PATH,
  SESSIONS_LIST_PATH,
  SessionResyncRequest,
  type SessionResyncResponse,
  SessionsListQuery,
  type SessionsListResponse,
} from '@switchboard/contract';
import { z } from 'zod';
import { AppError } from '../../src/errors.ts';
import { parseOrThrow } from '../parse.ts';

export interface SessionsCardRouteDeps {
  /** Verifies HubSpot's v3 signature (hubspot.fetch requests are signed) and parses the body. */
  signed: RequestHandler[];
  list(q: SessionsListQuery): Promise<SessionsListResponse>;
  resync(req: SessionResyncRequest): Promise<SessionResyncResponse>;
}

const SignedPortal = z.object({ portalId: z.coerce.number().int().positive().optional() });

/**
 * The Sessions card's endpoints (src/contract/sessions.ts). The portal is what the signed request names: the v3
 * signature covers the full URL and the body (hubspot-platform.md §2.3), so neither can be altered on the way; a
 * re-sync that names one portal in the query and another in the body is refused.
 */
export function sessionsCardRoutes(deps: SessionsCardRouteDeps): Router {
  const router = Router();

  router.get(SESSIONS_LIST_PATH, ...deps.signed, async (req, res) => {
    res.json(await deps.list(parseOrThrow(SessionsListQuery, req.query, 'query')));
  });

  router.post(SESSION_RESYNC_PATH, ...deps.signed, async (req, res) => {
    const body = parseOrThrow(SessionResyncRequest, req.body, 'body');
    const { portalId } = parseOrThrow(SignedPortal, req.query, 'query');
    if (portalId !== undefined && portalId !== body.portalId) {
      throw new AppError('forbidden', `This request is signed for portal ${portalId}, not for portal ${body.portalId}`);
    }
    res.json(await deps.resync(body));
  });
  return router;
}
