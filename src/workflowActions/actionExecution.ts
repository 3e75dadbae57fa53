import { z } from 'zod';

/**
 * The execution request HubSpot POSTs to a custom workflow action's actionUrl (hubspot-platform.md §5.2 [D]).
 * Checked: what we key on and route by. `object.properties` (when the definition asks for properties [M]) and
 * `inputFields` values are passed to the executor as sent; each executor parses its own input fields.
 */
export const ActionExecutionSchema = z.object({
  callbackId: z.string().min(1).max(200),
  origin: z.looseObject({
    portalId: z.number().int().positive(),
    actionDefinitionId: z.number().int().optional(),
    actionDefinitionVersion: z.number().int().optional(),
  }),
  context: z.looseObject({ source: z.string().optional(), workflowId: z.number().int().optional() }).optional(),
  object: z.looseObject({
    objectId: z.number().int(),
    objectType: z.string().min(1),
    properties: z.record(z.string(), z.unknown()).optional(),
  }),
  inputFields: z.record(z.string(), z.unknown()).default({}),
});

export type ActionExecution = z.output<typeof ActionExecutionSchema>;

/** Output fields travel as strings both in the answer and in the callback completion (§5.3, §9). */
export type OutputFields = Record<string, string>;

/** A finished execution: `hs_execution_state` SUCCESS or FAIL_CONTINUE, plus the action's declared outputs. */
export interface ActionResult {
  state: 'SUCCESS' | 'FAIL_CONTINUE';
  outputFields?: OutputFields;
}

/** What an executor decides on the request path: a result now, or BLOCK and finish it in a durable job. */
export type ActionDecision = ActionResult | { state: 'BLOCK'; expiration?: string };

/**
 * A workflow action's behaviour, registered by its capability (WhatsApp registers `send-whatsapp`).
 * `start` runs while HubSpot waits (30 s at most [M]), so slow work belongs in `finish`, which runs in a job:
 * retried with backoff, surviving restarts, and possibly run twice after a crash, so idempotent per callbackId.
 */
export interface ActionExecutor {
  start(execution: ActionExecution): ActionDecision | Promise<ActionDecision>;
  finish?(execution: ActionExecution, ctx: { signal: AbortSignal }): ActionResult | Promise<ActionResult>;
}

/** How long HubSpot keeps a blocked execution waiting for our completion. [M: the default is said to be a week] */
export const DEFAULT_BLOCK_EXPIRATION = 'P1D';

/** The response body HubSpot reads `hs_execution_state` from (§5.3). */
export function answerOf(decision: ActionDecision): { outputFields: OutputFields } {
  if (decision.state === 'BLOCK') {
    const expiration = decision.expiration ?? DEFAULT_BLOCK_EXPIRATION;
    return { outputFields: { hs_execution_state: 'BLOCK', hs_expiration_duration: expiration } };
  }
  return { outputFields: completionFields(decision) };
}

/** outputFields for a final result: the action's outputs plus the state. */
export const completionFields = (r: ActionResult): OutputFields => ({
  ...r.outputFields,
  hs_execution_state: r.state,
});
