import { Router } from 'express';
import { AddConnectionBody, PortalIdParam, RotateCredentialsBody } from '@switchboard/contract';
import type { AppScopes } from '../../src/connections/appScopes.ts';
import type { Disconnect } from '../../src/connections/disconnect.ts';
import type { InstallationsRepo } from '../../src/connections/installationsRepo.ts';
import type { PrivateConnectionResult, PrivateConnections } from '../../src/connections/privateConnections.ts';
import { Secret } from '../../src/connections/secret.ts';
import { onlyPortalOf, requirePortalAccess } from '../middleware/adminAuth.ts';
import { parseOrThrow } from '../parse.ts';
import { connectionView } from './adminViews.ts';

export interface AdminConnectionDeps {
  installations: InstallationsRepo;
  privateConnections: PrivateConnections;
  disconnect: Disconnect;
  scopes: AppScopes;
}

/** `/admin/connections`: list, add a private-app connection, rotate its token, disconnect (any kind). */
export function adminConnectionRoutes(deps: AdminConnectionDeps): Router {
  const router = Router();
  const answer = (r: PrivateConnectionResult) => ({
    connection: connectionView(r.connection, deps.scopes),
    missingScopes: r.missingScopes,
    fields: r.fields,
  });

  router.get('/connections', (_req, res) => {
    const only = onlyPortalOf(res);
    const list = deps.installations.list().filter((i) => only === undefined || i.portalId === only);
    res.json({ connections: list.map((i) => connectionView(i, deps.scopes)) });
  });

  router.post('/connections', async (req, res) => {
    const body = parseOrThrow(AddConnectionBody, req.body, 'body');
    const result = await deps.privateConnections.add(
      { name: body.name, token: new Secret(body.token) },
      onlyPortalOf(res),
    );
    res.status(201).json(answer(result));
  });

  router.put('/connections/:portalId/credentials', async (req, res) => {
    const portalId = parseOrThrow(PortalIdParam, req.params.portalId, 'params.portalId');
    requirePortalAccess(res, portalId);
    const body = parseOrThrow(RotateCredentialsBody, req.body, 'body');
    res.json(answer(await deps.privateConnections.rotate(portalId, new Secret(body.token))));
  });

  router.delete('/connections/:portalId', async (req, res) => {
    const portalId = parseOrThrow(PortalIdParam, req.params.portalId, 'params.portalId');
    requirePortalAccess(res, portalId);
    res.json(await deps.disconnect.disconnect(portalId));
  });
  return router;
}
