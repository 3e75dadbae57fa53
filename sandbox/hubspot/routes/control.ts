import { Router } from 'express';
import { z } from 'zod';
import * as cp from '../controlPlane.ts';
import { addOwner, createPortal, issuePrivateAppToken, registerOAuthClient } from '../portals.ts';
import type { SandboxState } from '../state.ts';
import { controlWorldRoutes } from './controlWorld.ts';
import { h, num, pid } from './controlHttp.ts';

/**
 * The sandbox's own control plane under `/_sandbox/*`: unauthenticated and plainly not HubSpot. Thin HTTP over
 * controlPlane.ts / portals.ts / webhookEmitter.ts, for the demo, browser tests and anything out of process.
 */

const PortalInput = z.object({
  id: z.number().int().positive(),
  name: z.string().optional(),
  domain: z.string().optional(),
  timezone: z.string().optional(),
  tier: z.enum(['free', 'starter', 'professional', 'enterprise']).optional(),
  appEventsEnabled: z.boolean().optional(),
  apiLimitIncrease: z.boolean().optional(),
});
const ClientInput = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  appId: z.number().int(),
  redirectUrls: z.array(z.string().url()).min(1),
});
const FaultInput = z.object({
  kind: z.enum(['429', '500', '502', '423', 'slow', 'drop']),
  count: z.number().int().positive().optional(),
  delayMs: z.number().int().nonnegative().optional(),
});

export function controlRoutes(state: SandboxState): Router {
  const r = Router();
  r.get(
    '/_sandbox/portals',
    h((_req, res) => res.json(cp.listPortals(state))),
  );
  r.post(
    '/_sandbox/portals',
    h((req, res) => {
      const p = createPortal(state, PortalInput.parse(req.body));
      res.status(201).json(cp.listPortals(state).find((x) => x.id === p.id));
    }),
  );
  r.post(
    '/_sandbox/portals/:id/owners',
    h((req, res) => {
      const input = z
        .object({ email: z.string().email(), firstName: z.string().optional(), lastName: z.string().optional() })
        .parse(req.body);
      const portal = state.portal(pid(req));
      if (!portal) throw new cp.ControlError(404, `unknown portal ${req.params.id}`);
      res.status(201).json(addOwner(portal, input));
    }),
  );
  r.post(
    '/_sandbox/portals/:id/private-apps',
    h((req, res) => {
      const { scopes } = z.object({ scopes: z.array(z.string()) }).parse(req.body);
      if (!state.portal(pid(req))) throw new cp.ControlError(404, `unknown portal ${req.params.id}`);
      res.status(201).json({ token: issuePrivateAppToken(state, pid(req), scopes) });
    }),
  );
  r.post(
    '/_sandbox/oauth-clients',
    h((req, res) => res.status(201).json(registerOAuthClient(state, ClientInput.parse(req.body)))),
  );
  r.post(
    '/_sandbox/portals/:id/install',
    h((req, res) => {
      const input = z.object({ clientId: z.string(), scopes: z.array(z.string()) }).parse(req.body);
      res.status(201).json(cp.installApp(state, { ...input, portalId: pid(req) }));
    }),
  );
  r.post(
    '/_sandbox/portals/:id/faults',
    h((req, res) => {
      cp.injectFault(state, pid(req), FaultInput.parse(req.body));
      res.status(204).end();
    }),
  );
  r.delete(
    '/_sandbox/portals/:id/faults',
    h((req, res) => {
      cp.clearFaults(state, pid(req));
      res.status(204).end();
    }),
  );
  r.post(
    '/_sandbox/tokens/revoke',
    h((req, res) => {
      const { token } = z.object({ token: z.string() }).parse(req.body);
      res.json({ revoked: cp.revokeAccessToken(state, token) });
    }),
  );
  r.post(
    '/_sandbox/portals/:id/revoke-tokens',
    h((req, res) => res.json({ revoked: cp.revokePortalTokens(state, pid(req)) })),
  );
  r.get(
    '/_sandbox/calls',
    h((req, res) => {
      const q = req.query;
      const method = typeof q.method === 'string' ? q.method : undefined;
      const pathPrefix = typeof q.pathPrefix === 'string' ? q.pathPrefix : undefined;
      res.json(cp.readCallLog(state, { portalId: num(q.portalId), method, pathPrefix, since: num(q.since) }));
    }),
  );
  r.delete(
    '/_sandbox/calls',
    h((_req, res) => {
      cp.clearCallLog(state);
      res.status(204).end();
    }),
  );
  r.get(
    '/_sandbox/portals/:id/objects/:type',
    h((req, res) => {
      res.json(cp.readRecords(state, pid(req), req.params.type as string, { archived: req.query.archived === 'true' }));
    }),
  );
  r.get(
    '/_sandbox/portals/:id/timeline',
    h((req, res) => res.json(cp.readTimeline(state, pid(req)))),
  );
  r.get(
    '/_sandbox/portals/:id/callbacks',
    h((req, res) => res.json(cp.readCallbacks(state, pid(req)))),
  );
  r.use(controlWorldRoutes(state));
  return r;
}
