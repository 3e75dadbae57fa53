import { type Response, Router } from 'express';
import { z } from 'zod';
import {
  OrderAuditQuery,
  OrderConflictsQuery,
  OrderMappingBody,
  PortalIdParam,
  PositiveIdParam,
} from '@switchboard/contract';
import { ConflictResolution, OrderSettingsPatch } from '../../src/orders/index.ts';
import type { OrdersAdmin } from '../../src/orders/ordersAdmin.ts';
import { adminAccessOf, requirePortalAccess } from '../middleware/adminAuth.ts';
import { parseOrThrow } from '../parse.ts';

const ResolveBody = z.object({ resolution: ConflictResolution });

function portalOf(params: Record<string, string>, res: Response): number {
  const portalId = parseOrThrow(PortalIdParam, params.portalId, 'params.portalId');
  requirePortalAccess(res, portalId);
  return portalId;
}

/** Who resolved a conflict, for the audit trail: the operator, or someone on the portal's settings page. */
const actorOf = (res: Response) => (adminAccessOf(res).kind === 'operator' ? 'admin:operator' : 'admin:settings-page');

/**
 * `/admin/portals/:portalId/orders/…` (mounted under adminAuth): order settings, the field mapping, manual
 * conflicts and their resolution, and the audit trail (issue 6 §3, §6).
 */
export function adminOrderRoutes(admin: OrdersAdmin): Router {
  const router = Router();
  const base = '/portals/:portalId/orders';

  router.get(`${base}/settings`, (req, res) => {
    res.json({ settings: admin.settings(portalOf(req.params, res)) });
  });
  router.put(`${base}/settings`, async (req, res) => {
    const portalId = portalOf(req.params, res);
    res.json(await admin.saveSettings(portalId, parseOrThrow(OrderSettingsPatch, req.body, 'body')));
  });

  router.get(`${base}/mapping`, (req, res) => {
    res.json(admin.mapping(portalOf(req.params, res)));
  });
  router.put(`${base}/mapping`, async (req, res) => {
    const portalId = portalOf(req.params, res);
    res.json(await admin.saveMapping(portalId, parseOrThrow(OrderMappingBody, req.body, 'body')));
  });

  router.get(`${base}/conflicts`, (req, res) => {
    const portalId = portalOf(req.params, res);
    res.json({ conflicts: admin.conflicts(portalId, parseOrThrow(OrderConflictsQuery, req.query, 'query')) });
  });
  router.post(`${base}/conflicts/:conflictId/resolve`, async (req, res) => {
    const portalId = portalOf(req.params, res);
    const conflictId = parseOrThrow(PositiveIdParam, req.params.conflictId, 'params.conflictId');
    const { resolution } = parseOrThrow(ResolveBody, req.body, 'body');
    res.json(await admin.resolve(portalId, conflictId, resolution, actorOf(res)));
  });

  router.get(`${base}/audit`, (req, res) => {
    const portalId = portalOf(req.params, res);
    res.json(admin.audit(portalId, parseOrThrow(OrderAuditQuery, req.query, 'query')));
  });
  return router;
}
