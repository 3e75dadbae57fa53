import { type Response, Router } from 'express';
import { CreateApiKeyBody, FieldsQuery, PortalIdParam } from '@switchboard/contract';
import type { ApiKeys } from '../../src/connections/apiKeys.ts';
import type { FieldDiscovery } from '../../src/connections/fieldDiscovery.ts';
import type { ConnectionTest } from '../../src/connections/testConnection.ts';
import { AppError } from '../../src/errors.ts';
import { requirePortalAccess } from '../middleware/adminAuth.ts';
import { parseOrThrow } from '../parse.ts';
import { apiKeyView } from './adminViews.ts';

export interface AdminPortalDeps {
  discovery: FieldDiscovery;
  connectionTest: ConnectionTest;
  apiKeys: ApiKeys;
}

/** The portal id of the path, after checking the caller may act on it. */
function portalOf(params: Record<string, string>, res: Response): number {
  const portalId = parseOrThrow(PortalIdParam, params.portalId, 'params.portalId');
  requirePortalAccess(res, portalId);
  return portalId;
}

/** `/admin/portals/:portalId/…`: discovered fields, test connection, API keys. */
export function adminPortalRoutes(deps: AdminPortalDeps): Router {
  const router = Router();

  router.get('/portals/:portalId/fields', (req, res) => {
    const portalId = portalOf(req.params, res);
    const { objectType } = parseOrThrow(FieldsQuery, { objectType: req.query.objectType }, 'query');
    res.json({ portalId, fields: deps.discovery.list(portalId, objectType) });
  });

  router.post('/portals/:portalId/fields/refresh', async (req, res) => {
    const portalId = portalOf(req.params, res);
    res.json({ portalId, counts: await deps.discovery.refresh(portalId, { priority: 'interactive' }) });
  });

  router.post('/portals/:portalId/test', async (req, res) => {
    res.json(await deps.connectionTest.test(portalOf(req.params, res)));
  });

  router.get('/portals/:portalId/api-keys', (req, res) => {
    res.json({ apiKeys: deps.apiKeys.list(portalOf(req.params, res)).map(apiKeyView) });
  });

  router.post('/portals/:portalId/api-keys', (req, res) => {
    const portalId = portalOf(req.params, res);
    const body = parseOrThrow(CreateApiKeyBody, req.body, 'body');
    const { record, key } = deps.apiKeys.create(portalId, body);
    // The one place a key leaves the service; it is not stored, so it cannot be shown again.
    res
      .status(201)
      .set('Cache-Control', 'no-store')
      .json({ ...apiKeyView(record), key: key.reveal() });
  });

  router.delete('/portals/:portalId/api-keys/:keyId', (req, res) => {
    const portalId = portalOf(req.params, res);
    const keyId = Number(req.params.keyId);
    if (!Number.isInteger(keyId) || keyId < 1) throw new AppError('validation', 'params.keyId: expected a key id');
    deps.apiKeys.revoke(portalId, keyId);
    res.status(204).end();
  });
  return router;
}
