import { z } from 'zod';
import { AppError, isAppError } from '../errors.ts';
import type { JobHandler } from '../jobs/index.ts';
import { type ActionExecution, type ActionExecutor, completionFields, type OutputFields } from './actionExecution.ts';
import type { ExecutionRow, ExecutionsRepo } from './executionsRepo.ts';

/** `POST /automation/v4/actions/callbacks/{callbackId}/complete` for one portal (hubspot-api.md §9), via the gateway. */
export type CompleteCallback = (
  portalId: number,
  callbackId: string,
  body: { outputFields: OutputFields; typedOutputs: Record<string, never> },
  signal: AbortSignal,
) => Promise<void>;

export const CompleteCallbackPayload = z.object({ callbackId: z.string().min(1) });

/**
 * HubSpot's answer to completing a callback twice is undocumented; the sandbox answers 400 "already been
 * completed" [U]. Matching the message is the best signal there is that our earlier attempt landed.
 */
const isAlreadyCompleted = (err: unknown): boolean =>
  isAppError(err) && err.code === 'validation' && /already been completed/i.test(err.message);

function executionOf(row: ExecutionRow): ActionExecution {
  const request = JSON.parse(row.request) as Omit<ActionExecution, 'callbackId'>;
  return { ...request, callbackId: row.callback_id };
}

interface Deps {
  repo: ExecutionsRepo;
  executors: ReadonlyMap<string, ActionExecutor>;
  completeCallback: CompleteCallback;
  now: () => number;
}

/** The outputs to complete with: the ones saved by an earlier run, or the executor's finish (then saved). */
async function outputsOf(deps: Deps, row: ExecutionRow, signal: AbortSignal): Promise<OutputFields> {
  if (row.output_fields !== null) return JSON.parse(row.output_fields) as OutputFields;
  const finish = deps.executors.get(row.action)?.finish;
  if (!finish) throw new AppError('not_configured', `workflow action ${row.action} has no finish step registered`);
  const outputs = completionFields(await finish(executionOf(row), { signal }));
  deps.repo.saveOutputs(row.callback_id, outputs);
  return outputs;
}

/**
 * Completes a BLOCKed execution, exactly once in effect. The intent (completion_sent_at) is written before the
 * request and the outcome after it; a crash between the two leaves us unable to know whether HubSpot got it, so
 * the rerun sends again and takes "already completed" as done. No read-back endpoint exists to do better (§9).
 */
export function completeCallbackJob(deps: Deps): JobHandler<z.output<typeof CompleteCallbackPayload>> {
  return async ({ payload, signal }) => {
    const row = deps.repo.get(payload.callbackId);
    if (!row) throw new AppError('not_found', `no workflow action execution ${payload.callbackId}`);
    if (row.state === 'completed') return { completed: 'before' };
    const outputFields = await outputsOf(deps, row, signal);
    const resent = row.completion_sent_at !== null;
    deps.repo.markSending(row.callback_id, deps.now());
    try {
      await deps.completeCallback(row.portal_id, row.callback_id, { outputFields, typedOutputs: {} }, signal);
    } catch (err) {
      if (!isAlreadyCompleted(err)) throw err;
      const note = resent ? 'completed by an earlier attempt' : 'HubSpot reported it completed already';
      deps.repo.markCompleted(row.callback_id, deps.now(), note);
      return { completed: 'already', resent };
    }
    deps.repo.markCompleted(row.callback_id, deps.now(), null);
    return { completed: 'now', state: outputFields.hs_execution_state };
  };
}
