import { type Response, Router } from 'express';
import { PortalIdParam } from '@switchboard/contract';
import { MatchingRules, type MatchingRulesRepo } from '../../src/matching/index.ts';
import { type PropertyProvisioning, SyncOptions, type SyncOptionsRepo } from '../../src/sessions/index.ts';
import { requirePortalAccess } from '../middleware/adminAuth.ts';
import { parseOrThrow } from '../parse.ts';

export interface SessionsAdminDeps {
  rules: Pick<MatchingRulesRepo, 'get' | 'set'>;
  options: Pick<SyncOptionsRepo, 'get' | 'set'>;
  provisioning: Pick<PropertyProvisioning, 'provision'>;
}

function portalOf(params: Record<string, string>, res: Response): number {
  const portalId = parseOrThrow(PortalIdParam, params.portalId, 'params.portalId');
  requirePortalAccess(res, portalId);
  return portalId;
}

/**
 * `/admin/portals/:portalId/sessions/…` (mounted inside the admin router, after its auth): the matching rules and
 * sync options the settings page edits (PUT replaces them; omitted fields get their defaults; a bad field → 400
 * naming it, nothing saved), and provisioning the Switchboard properties on demand.
 */
export function sessionsAdminRoutes(deps: SessionsAdminDeps): Router {
  const router = Router();
  const base = '/portals/:portalId/sessions';

  router.get(`${base}/rules`, (req, res) => {
    const portalId = portalOf(req.params, res);
    res.json({ portalId, rules: deps.rules.get(portalId) });
  });
  router.put(`${base}/rules`, (req, res) => {
    const portalId = portalOf(req.params, res);
    const rules = parseOrThrow(MatchingRules, req.body, 'body');
    res.json({ portalId, rules: deps.rules.set(portalId, rules) });
  });

  router.get(`${base}/options`, (req, res) => {
    const portalId = portalOf(req.params, res);
    res.json({ portalId, options: deps.options.get(portalId) });
  });
  router.put(`${base}/options`, (req, res) => {
    const portalId = portalOf(req.params, res);
    const options = parseOrThrow(SyncOptions, req.body, 'body');
    res.json({ portalId, options: deps.options.set(portalId, options) });
  });

  router.post(`${base}/properties`, async (req, res) => {
    const portalId = portalOf(req.params, res);
    res.json({ portalId, properties: await deps.provisioning.provision(portalId, 'interactive') });
  });
  return router;
}
