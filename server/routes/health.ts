import { Router } from 'express';

export interface HealthDeps {
  /** True while the process can do useful work (database answers, not shutting down). */
  isReady(): { ready: boolean; reason?: string };
}

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: it should get traffic). */
export function healthRoutes(deps: HealthDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', (_req, res) => {
    const { ready, reason } = deps.isReady();
    res.status(ready ? 200 : 503).json(ready ? { status: 'ready' } : { status: 'not_ready', reason });
  });
  return router;
}
