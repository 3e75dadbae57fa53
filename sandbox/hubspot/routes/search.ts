import { type Request, Router } from 'express';
import { isCrmFailure } from '../crm/recordLookup.ts';
import { fromFailure, sendOutcome } from '../crm/outcome.ts';
import { crmRequest } from '../crm/routeContext.ts';
import { runSearch } from '../crm/search.ts';
import { parseSearch } from '../crm/searchRequest.ts';
import type { SandboxState } from '../state.ts';

/**
 * POST /crm/v3/objects/{objectType}/search → 200 (reference/hubspot-api.md §3). Mounted before the object routes.
 * The 5-requests-per-second search limit is enforced by the rateLimit middleware, not here.
 */
function rawLength(req: Request): number {
  const measured = (req as { rawBodyLength?: number }).rawBodyLength;
  return measured ?? JSON.stringify(req.body ?? {}).length;
}

export function searchRoutes(state: SandboxState): Router {
  const r = Router();
  r.post('/crm/v3/objects/:objectType/search', (req, res) => {
    const c = crmRequest(state, req, res, 'read');
    if (!c) return;
    const parsed = parseSearch(req.body, rawLength(req));
    if (isCrmFailure(parsed)) sendOutcome(res, fromFailure(parsed));
    else sendOutcome(res, runSearch(c.portal, c.objectType, parsed, state.now()));
  });
  return r;
}
