import type { Db } from '../db/openDatabase.ts';
import type { Worker } from '../jobs/index.ts';
import type { ActionExecutor } from './actionExecution.ts';
import { type CompleteCallback, CompleteCallbackPayload, completeCallbackJob } from './completeCallbackJob.ts';
import { COMPLETE_CALLBACK_JOB, createActionExecution, type ExecuteDeps } from './executeAction.ts';
import { createExecutionsRepo } from './executionsRepo.ts';

export type {
  ActionDecision,
  ActionExecution,
  ActionExecutor,
  ActionResult,
  OutputFields,
} from './actionExecution.ts';
export { ActionExecutionSchema } from './actionExecution.ts';
export type { CompleteCallback } from './completeCallbackJob.ts';
export { COMPLETE_CALLBACK_JOB, EXECUTING_LEASE_MS, type ExecuteOutcome } from './executeAction.ts';
export { callbackCompleterFor } from './hubspotCallbacks.ts';

export interface WorkflowActionsDeps extends Omit<ExecuteDeps, 'repo' | 'executors'> {
  db: Db;
  worker: Pick<Worker, 'registerHandler'>;
  completeCallback: CompleteCallback;
}

/**
 * Custom workflow actions (hubspot-platform.md §5): the action registry capabilities fill at start-up, the
 * idempotent execution endpoint's logic, and the job that completes BLOCKed executions through the gateway.
 */
export function createWorkflowActions(deps: WorkflowActionsDeps) {
  const repo = createExecutionsRepo(deps.db);
  const executors = new Map<string, ActionExecutor>();
  const execution = createActionExecution({ ...deps, repo, executors });
  deps.worker.registerHandler(
    COMPLETE_CALLBACK_JOB,
    completeCallbackJob({ repo, executors, completeCallback: deps.completeCallback, now: deps.now }),
    { payload: CompleteCallbackPayload },
  );

  return {
    /** Makes `POST /actions/<name>` run `executor` (e.g. `send-whatsapp`, registered by the WhatsApp capability). */
    registerAction(name: string, executor: ActionExecutor): void {
      if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`workflow action name ${name}: use lowercase-kebab`);
      if (executors.has(name)) throw new Error(`workflow action ${name} is already registered`);
      executors.set(name, executor);
    },
    execute: execution.execute,
    /** forgetContact cleanup: the execution requests about the contact lose their input fields. */
    scrubContact: repo.scrubContact,
    /** forgetPortal cleanup (disconnect). */
    forgetPortal: repo.forgetPortal,
  };
}

export type WorkflowActions = ReturnType<typeof createWorkflowActions>;
