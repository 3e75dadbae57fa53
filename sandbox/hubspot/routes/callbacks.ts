import { Router } from 'express';
import { requireScope } from '../auth.ts';
import { completeCallback, completeCallbackBatch } from '../crm/callbackCompletions.ts';
import { sendOutcome } from '../crm/outcome.ts';
import { callerPortal } from '../crm/routeContext.ts';
import type { SandboxState } from '../state.ts';

/**
 * Workflow action callbacks (hubspot-api.md §9; hubspot-platform.md §5.3): scope `automation`, 204 on success.
 * The batch path is registered first so "complete" is not taken for a callbackId.
 */
export function callbackRoutes(state: SandboxState): Router {
  const r = Router();
  r.post('/automation/v4/actions/callbacks/complete', (req, res) => {
    if (!requireScope(res, ['automation'])) return;
    const portal = callerPortal(state, res);
    if (portal) sendOutcome(res, completeCallbackBatch(portal, req.body, state.now()));
  });
  // The dated API names the same operation /automation/actions/callbacks/2026-03/{callbackId}/complete (§5.3).
  for (const path of [
    '/automation/v4/actions/callbacks/:callbackId/complete',
    '/automation/actions/callbacks/2026-03/:callbackId/complete',
  ]) {
    r.post(path, (req, res) => {
      if (!requireScope(res, ['automation'])) return;
      const portal = callerPortal(state, res);
      if (portal) sendOutcome(res, completeCallback(portal, String(req.params.callbackId), req.body, state.now()));
    });
  }
  return r;
}
