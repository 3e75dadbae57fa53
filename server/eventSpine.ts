import type { InstallationsRepo } from '../src/connections/installationsRepo.ts';
import type { Db } from '../src/db/openDatabase.ts';
import { SqliteQueue, Worker, type WorkerOptions } from '../src/jobs/index.ts';
import type { Logger } from '../src/logger.ts';
import { createForgetContact } from '../src/privacy/forgetContact.ts';
import { isForgottenObject, subscribePrivacyDeletion } from '../src/privacy/privacyDeletion.ts';
import { createWebhookSpine, WEBHOOK_EVENT_RETENTION_MS, type WebhookSpineDeps } from '../src/webhooks/index.ts';
import { type CompleteCallback, createWorkflowActions } from '../src/workflowActions/index.ts';

export interface EventSpineDeps {
  db: Db;
  installations: Pick<InstallationsRepo, 'find'>;
  logger: Logger;
  now: () => number;
  /** Completes a BLOCKed workflow action at HubSpot (through the gateway in main.ts). */
  completeCallback: CompleteCallback;
  /** The queue, when the composition root built it earlier (connection hooks pause portals on it). */
  queue?: SqliteQueue;
  worker?: Omit<WorkerOptions, 'queue' | 'logger'>;
  /** Webhook intake: the inbox's database, and whether deliveries are stored directly (default) or through it. */
  webhooks: Pick<WebhookSpineDeps, 'inboxDb' | 'intake' | 'fanOut'>;
}

/**
 * Wires the event spine (issue 5): the durable queue and its worker, webhook intake with its subscriptions,
 * `forgetContact`, and workflow actions. Used by main.ts and by tests that need the real wiring; capabilities
 * then call `webhooks.subscribe`, `workflowActions.registerAction` and `forgetContact.register`.
 */
export function buildEventSpine(deps: EventSpineDeps) {
  const { db, logger, now } = deps;
  const queue = deps.queue ?? new SqliteQueue(db, { clock: now });
  const worker = new Worker({ ...deps.worker, queue, logger: logger.child({ component: 'worker' }) });
  // needs_reauthorization still takes events and executions: its jobs wait in the paused queue, nothing is lost.
  const portalInstalled = (portalId: number) => {
    const status = deps.installations.find(portalId)?.status;
    return status !== undefined && status !== 'uninstalled';
  };
  const forgetContact = createForgetContact(db, now);
  const webhooks = createWebhookSpine({
    db,
    queue,
    worker,
    portalInstalled,
    isForgotten: isForgottenObject(forgetContact),
    logger,
    now,
    ...deps.webhooks,
  });
  subscribePrivacyDeletion({ spine: webhooks, forgetContact, logger });
  const workflowActions = createWorkflowActions({ ...deps, queue, worker, portalInstalled });
  forgetContact.register('workflowActionExecutions', workflowActions.scrubContact);

  return {
    queue,
    worker,
    webhooks,
    workflowActions,
    forgetContact,
    /** Finished jobs and runs past the audit period, processed events past HubSpot's retry horizon. */
    async prune(): Promise<{ jobs: number; runs: number; events: number }> {
      const jobs = await queue.prune();
      const { events } = webhooks.prune(now() - WEBHOOK_EVENT_RETENTION_MS);
      return { ...jobs, events };
    },
  };
}

export type EventSpine = ReturnType<typeof buildEventSpine>;
