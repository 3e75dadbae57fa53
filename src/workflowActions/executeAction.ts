import type { Db } from '../db/openDatabase.ts';
import { AppError } from '../errors.ts';
import type { EnqueueInput, EnqueueResult } from '../jobs/index.ts';
import type { Logger } from '../logger.ts';
import { type ActionExecution, type ActionExecutor, answerOf } from './actionExecution.ts';
import type { ExecutionsRepo } from './executionsRepo.ts';

export const COMPLETE_CALLBACK_JOB = 'workflowActions.completeCallback';

/** An answer for HubSpot, or "this callbackId is being executed right now: ask again later". */
export type ExecuteOutcome =
  | { kind: 'answer'; body: { outputFields: Record<string, string> } }
  | { kind: 'in_progress'; retryAfterMs: number };

export interface ExecuteDeps {
  db: Db;
  repo: ExecutionsRepo;
  executors: ReadonlyMap<string, ActionExecutor>;
  queue: { enqueueManySync(inputs: readonly EnqueueInput[]): EnqueueResult[]; notifyAvailable(): void };
  portalInstalled(portalId: number): boolean;
  logger: Logger;
  now: () => number;
}

/**
 * An executor that has not answered within this long is presumed dead (process killed) and the execution may
 * be claimed again. Longer than HubSpot's 30 s request timeout [M], so a slow but live executor is not doubled.
 */
export const EXECUTING_LEASE_MS = 60_000;
const IN_PROGRESS_RETRY_MS = 2_000;

/** `POST /actions/:action`, idempotent per callbackId: the first answer is stored and every retry gets it back. */
export function createActionExecution(deps: ExecuteDeps) {
  const { repo } = deps;

  const block = deps.db.transaction((e: ActionExecution, claimedAt: number, body: unknown, now: number) => {
    if (!repo.answer(e.callbackId, claimedAt, 'blocked', body, now)) return false;
    deps.queue.enqueueManySync([
      {
        type: COMPLETE_CALLBACK_JOB,
        portalId: e.origin.portalId,
        objectKey: `${e.object.objectType.toLowerCase()}:${e.object.objectId}`,
        idempotencyKey: `workflow-callback:${e.callbackId}`,
        payload: { callbackId: e.callbackId },
      },
    ]);
    return true;
  });

  /** The stored answer for a known callbackId, or a claim on it when its executor died. */
  function known(action: string, e: ActionExecution, now: number): ExecuteOutcome | { kind: 'claimed'; at: number } {
    const row = repo.get(e.callbackId);
    if (!row) return { kind: 'in_progress', retryAfterMs: IN_PROGRESS_RETRY_MS }; // released meanwhile
    if (row.portal_id !== e.origin.portalId || row.action !== action) {
      throw new AppError('conflict', `callbackId ${e.callbackId} belongs to another execution`);
    }
    if (row.answer !== null) return { kind: 'answer', body: JSON.parse(row.answer) };
    if (row.claimed_at > now - EXECUTING_LEASE_MS || !repo.reclaim(e.callbackId, row.claimed_at, now)) {
      return { kind: 'in_progress', retryAfterMs: IN_PROGRESS_RETRY_MS };
    }
    return { kind: 'claimed', at: now };
  }

  /** Runs the executor's start and stores its answer (a BLOCK also enqueues the completion job). */
  async function decide(executor: ActionExecutor, e: ActionExecution, claimedAt: number): Promise<ExecuteOutcome> {
    let decision: Awaited<ReturnType<ActionExecutor['start']>>;
    try {
      decision = await executor.start(e);
      if (decision.state === 'BLOCK' && !executor.finish) throw new Error('executor answered BLOCK but has no finish');
    } catch (err) {
      repo.release(e.callbackId, claimedAt); // HubSpot retries a 5xx: let that retry run it afresh
      throw err;
    }
    const body = answerOf(decision);
    const now = deps.now();
    const stored =
      decision.state === 'BLOCK'
        ? block.immediate(e, claimedAt, body, now)
        : repo.answer(e.callbackId, claimedAt, 'answered', body, now);
    if (stored && decision.state === 'BLOCK') deps.queue.notifyAvailable();
    if (!stored)
      deps.logger.warn({ callbackId: e.callbackId }, 'workflow action answered after its claim was taken over');
    return { kind: 'answer', body };
  }

  return {
    async execute(action: string, e: ActionExecution): Promise<ExecuteOutcome> {
      const executor = deps.executors.get(action);
      if (!executor) throw new AppError('not_found', `No workflow action named ${action}`);
      if (!deps.portalInstalled(e.origin.portalId)) {
        // [M] A 4xx is not retried and its effect on the workflow is undocumented; FAIL_CONTINUE is explicit.
        deps.logger.warn(
          { portalId: e.origin.portalId, action },
          'workflow action for an unknown or uninstalled portal',
        );
        return { kind: 'answer', body: answerOf({ state: 'FAIL_CONTINUE' }) };
      }
      const now = deps.now();
      if (repo.claim(action, e, now)) return decide(executor, e, now);
      const found = known(action, e, now);
      return found.kind === 'claimed' ? decide(executor, e, found.at) : found;
    },
  };
}

export type ActionExecutionService = ReturnType<typeof createActionExecution>;
