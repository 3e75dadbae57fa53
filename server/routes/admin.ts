import { type RequestHandler, Router } from 'express';
import type { Secret } from '../../src/connections/secret.ts';
import { adminAuth } from '../middleware/adminAuth.ts';
import { type AdminConnectionDeps, adminConnectionRoutes } from './adminConnections.ts';
import { type AdminPortalDeps, adminPortalRoutes } from './adminPortals.ts';
import type { RunLog } from '../../src/jobs/index.ts';
import { adminIntegrationLogRoutes } from './adminIntegrationLog.ts';
import { adminDeadLetterRoutes, type DeadLetterQueue } from './adminDeadLetters.ts';

export interface AdminDeps extends AdminConnectionDeps, AdminPortalDeps {
  adminToken: Secret | undefined;
  /** The job run log (event spine); without it /admin/integration-log is not mounted. */
  integrationLog?: RunLog;
  /** The job queue's dead letters; without it /admin/dead-letters is not mounted. */
  deadLetters?: DeadLetterQueue;
  /** Capabilities' own admin routes (e.g. sessions rules and options), mounted after the admin auth. */
  extraRoutes?: Router[];
}

/**
 * The admin API, mounted at `/admin` BEFORE the app-wide JSON parser: a signed request must reach the
 * signature check with its raw bytes. Every configuration endpoint of later issues mounts here too.
 */
export function adminRoutes(deps: AdminDeps & { signed: RequestHandler[]; bodyLimit: string }): Router {
  const router = Router();
  router.use(adminAuth({ adminToken: deps.adminToken, signed: deps.signed, bodyLimit: deps.bodyLimit }));
  router.use(adminConnectionRoutes(deps));
  router.use(adminPortalRoutes(deps));
  if (deps.integrationLog) router.use(adminIntegrationLogRoutes(deps.integrationLog));
  if (deps.deadLetters) router.use(adminDeadLetterRoutes(deps.deadLetters));
  for (const extra of deps.extraRoutes ?? []) router.use(extra);
  return router;
}
