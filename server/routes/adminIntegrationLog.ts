import { Router } from 'express';
import { IntegrationLogQuery, type IntegrationLogPage } from '@switchboard/contract';
import type { RunLog } from '../../src/jobs/index.ts';
import { onlyPortalOf, requirePortalAccess } from '../middleware/adminAuth.ts';
import { parseOrThrow } from '../parse.ts';

/** `GET /admin/integration-log` (mounted under adminAuth): the queue's run log, newest first. */
export function adminIntegrationLogRoutes(log: RunLog): Router {
  const router = Router();
  router.get('/integration-log', async (req, res) => {
    const q = parseOrThrow(IntegrationLogQuery, req.query, 'query');
    if (q.portalId !== undefined) requirePortalAccess(res, q.portalId);
    const query = { portalId: onlyPortalOf(res) ?? q.portalId, type: q.type, limit: q.limit, beforeId: q.beforeId };
    const runs = q.outcome === 'failures' ? await log.failures(query) : await log.recent(query);
    const last = runs.at(-1);
    const page: IntegrationLogPage = { runs, nextBeforeId: runs.length === q.limit && last ? last.id : null };
    res.json(page);
  });
  return router;
}
