import { type RequestHandler, Router } from 'express';
import { ActionExecutionSchema, type ActionExecution, type ExecuteOutcome } from '../../src/workflowActions/index.ts';
import { parseOrThrow } from '../parse.ts';

export interface WorkflowActionRouteDeps {
  /** v2 signature, v3 whenever its header is present (hubspot-platform.md §5.2). */
  signed: RequestHandler[];
  execute(action: string, execution: ActionExecution): Promise<ExecuteOutcome>;
}

/**
 * `POST /actions/:action`, each action's actionUrl (extensions/app/workflow-actions). Answers HubSpot's
 * `{outputFields: {…, hs_execution_state}}`; while the same callbackId is still executing (a retry that overtook
 * the first delivery), 429 with Retry-After, which HubSpot honours — in milliseconds (hubspot-api.md §9 [D]).
 */
export function workflowActionRoutes(deps: WorkflowActionRouteDeps): Router {
  const router = Router();
  router.post('/actions/:action', ...deps.signed, async (req, res) => {
    const execution = parseOrThrow(ActionExecutionSchema, req.body, 'body');
    const outcome = await deps.execute(String(req.params.action), execution);
    if (outcome.kind === 'answer') {
      res.json(outcome.body);
      return;
    }
    res.set('Retry-After', String(outcome.retryAfterMs));
    res
      .status(429)
      .json({ error: { code: 'in_progress', message: 'This callbackId is still executing; retry later' } });
  });
  return router;
}
