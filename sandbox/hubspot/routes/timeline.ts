import { Router } from 'express';
import { callerOf } from '../auth.ts';
import { createOccurrence, createOccurrenceBatch } from '../crm/appEventRequests.ts';
import { sendOutcome } from '../crm/outcome.ts';
import { callerPortal } from '../crm/routeContext.ts';
import type { SandboxState } from '../state.ts';

/**
 * App-event occurrences (hubspot-platform.md §3.2): the docs' v4 path and the dated 2026-03 path behave the same.
 * The legacy v3 template events (hubspot-api.md §7) are not offered: they are closed to new apps.
 */
export function timelineRoutes(state: SandboxState): Router {
  const r = Router();
  for (const version of ['v4', '2026-03']) {
    r.post(`/integrators/timeline/${version}/events`, (req, res) => {
      const portal = callerPortal(state, res);
      if (portal) sendOutcome(res, createOccurrence(portal, callerOf(res).scopes, req.body, state.now()));
    });
    r.post(`/integrators/timeline/${version}/events/batch`, (req, res) => {
      const portal = callerPortal(state, res);
      if (portal) sendOutcome(res, createOccurrenceBatch(portal, callerOf(res).scopes, req.body, state.now()));
    });
  }
  return r;
}
