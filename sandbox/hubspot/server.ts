import express from 'express';
import { listenOnLoopback } from '../listen.ts';
import { SandboxState, type SandboxOptions } from './state.ts';
import { callLog } from './middleware/callLog.ts';
import { authenticate } from './middleware/authenticate.ts';
import { faults } from './middleware/faults.ts';
import { rateLimit } from './middleware/rateLimit.ts';
import { oauthRoutes } from './routes/oauth.ts';
import { controlRoutes } from './routes/control.ts';
import { propertyRoutes } from './routes/properties.ts';
import { pipelineRoutes } from './routes/pipelines.ts';
import { ownerRoutes } from './routes/owners.ts';
import { objectRoutes } from './routes/objects.ts';
import { searchRoutes } from './routes/search.ts';
import { associationRoutes } from './routes/associations.ts';
import { timelineRoutes } from './routes/timeline.ts';
import { callbackRoutes } from './routes/callbacks.ts';
import { sendError } from './errors.ts';
import { startWebhookEmitter } from './webhookEmitter.ts';

export interface HubspotSandbox {
  app: express.Express;
  state: SandboxState;
  /** Listens on 127.0.0.1 (port 0 = any free port) and resolves with the base URL. */
  listen(port?: number): Promise<{ url: string; close(): Promise<void> }>;
}

const DEFAULTS: SandboxOptions = {
  searchLagMs: 0,
  accessTokenTtlSeconds: 1800,
  enforceRateLimits: true,
  now: () => Date.now(),
};

/** Builds the HubSpot sandbox: an Express app that answers like api.hubapi.com and app.hubspot.com. */
export function createHubspotSandbox(options: Partial<SandboxOptions> = {}): HubspotSandbox {
  const state = new SandboxState({ ...DEFAULTS, ...options });
  // Record changes reach subscribed apps as webhooks (does nothing until an app configures webhooks).
  startWebhookEmitter(state);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use(callLog(state));
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  // Keep the raw body length: search rejects bodies over 3,000 characters (hubspot-api.md §3), judged on the bytes sent.
  app.use(
    express.json({
      limit: '10mb',
      verify: (req, _res, buf) => {
        (req as { rawBodyLength?: number }).rawBodyLength = buf.length;
      },
    }),
  );

  // Unauthenticated surfaces: OAuth (app.hubspot.com + /oauth/v1) and the sandbox's own control plane.
  app.use(oauthRoutes(state));
  app.use(controlRoutes(state));

  // Everything below needs a bearer token, may be faulted, and counts against the portal's rate limits.
  app.use(authenticate(state));
  app.use(faults(state));
  app.use(rateLimit(state));
  app.use(propertyRoutes(state));
  app.use(pipelineRoutes(state));
  app.use(ownerRoutes(state));
  app.use(searchRoutes(state));
  app.use(objectRoutes(state));
  app.use(associationRoutes(state));
  app.use(timelineRoutes(state));
  app.use(callbackRoutes(state));

  app.use((req, res) => sendError(res, 404, 'OBJECT_NOT_FOUND', `No route for ${req.method} ${req.path}`));
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.parse.failed') {
      sendError(res, 400, 'VALIDATION_ERROR', 'Invalid input JSON on line 1');
      return;
    }
    sendError(res, e.status ?? 500, 'INTERNAL_ERROR', e.message ?? 'internal error');
  });

  return {
    app,
    state,
    listen: (port = 0) => listenOnLoopback(app, port),
  };
}
