import { Router, type RequestHandler } from 'express';
import { CARD_STATUS_PATH, CardStatusQuery } from '@switchboard/contract';
import { connectionStatus } from '../../src/connections/connectionStatus.ts';
import type { InstallationsRepo } from '../../src/connections/installationsRepo.ts';
import { parseOrThrow } from '../parse.ts';

export interface CardRouteDeps {
  installations: InstallationsRepo;
  /** Verifies HubSpot's v3 signature (hubspot.fetch requests are signed) and parses the body. */
  signed: RequestHandler[];
}

/**
 * Endpoints the CRM cards call through hubspot.fetch. The portal id comes from the query string the card
 * builds itself; it can be trusted only because the signature covers the full URL (hubspot-platform.md §2.3).
 */
export function cardRoutes(deps: CardRouteDeps): Router {
  const router = Router();
  router.get(CARD_STATUS_PATH, ...deps.signed, (req, res) => {
    const { portalId } = parseOrThrow(CardStatusQuery, req.query, 'query');
    res.json(connectionStatus(deps.installations, portalId));
  });
  return router;
}
