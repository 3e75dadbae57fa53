import { AppError } from '../../errors.ts';
import type { EnqueueInput } from '../../jobs/index.ts';
import type { Logger } from '../../logger.ts';
import { parseMetaWebhook } from '../../whatsapp/metaWebhook.ts';
import type { ProviderEvent } from '../../whatsapp/provider.ts';
import type { EventOutcome } from '../providerEvents.ts';
import type { StatusChange } from '../applyStatusEvent.ts';
import { effectsJob } from './jobTypes.ts';
import type { MessagingStores } from './messagingStores.ts';
import { replyJob } from './replyJob.ts';

/**
 * A verified WhatsApp webhook for one portal (issue 7 §6–§7; the route checked X-Hub-Signature-256 on the raw
 * body first). Events of numbers that belong to another portal are dropped: a portal never sees another's
 * data. The store changes and the jobs they imply (CRM effects, a confirmation to send, waking a blocked
 * workflow action) commit in one transaction, so a crash cannot keep one without the other; a redelivered
 * webhook is then a duplicate everywhere.
 */
export interface ProviderWebhookDeps {
  stores: Pick<MessagingStores, 'db' | 'accounts' | 'events'>;
  queue: { enqueueManySync(inputs: readonly EnqueueInput[]): unknown; notifyAvailable(): void };
  /** Wakes the waiting job with this idempotency key (a BLOCKed workflow action whose message moved). */
  wake(idempotencyKey: string): void;
  logger: Logger;
}

export interface WebhookReport {
  events: number;
  ignored: number;
  /** Items that did not parse, or numbers of another portal: acknowledged and described, not applied. */
  problems: string[];
}

/** The workflow action's message keys are `workflow:<callbackId>`; its completion job is keyed by callbackId. */
export const WORKFLOW_SEND_PREFIX = 'workflow:';
export const workflowCompletionKey = (callbackId: string) => `workflow-callback:${callbackId}`;

export function createProviderWebhook(deps: ProviderWebhookDeps) {
  const { stores } = deps;

  function jobsFor(portalId: number, outcome: EventOutcome): EnqueueInput[] {
    if (outcome.kind === 'status') {
      const { change } = outcome;
      if (change.kind !== 'changed' || outcome.effects.length === 0) return [];
      return [effectsJob(portalId, `status:${change.message.id}:${change.to}`, outcome.effects)];
    }
    if (outcome.kind !== 'inbound' || outcome.duplicate) return [];
    const jobs = [effectsJob(portalId, `inbound:${outcome.message.providerMessageId}`, outcome.effects)];
    if (outcome.send) jobs.push(replyJob(portalId, outcome.send));
    return jobs;
  }

  function wakeWorkflow(change: StatusChange): void {
    if (change.kind !== 'changed') return;
    const key = change.message.idempotencyKey;
    if (key?.startsWith(WORKFLOW_SEND_PREFIX)) deps.wake(workflowCompletionKey(key.slice(WORKFLOW_SEND_PREFIX.length)));
  }

  const apply = (portalId: number, events: ProviderEvent[]) =>
    stores.db.transaction(() => {
      const account = stores.accounts.find(portalId)!;
      const outcomes = stores.events.handle(portalId, account.settings, events);
      const jobs = outcomes.flatMap((o) => jobsFor(portalId, o));
      if (jobs.length > 0) deps.queue.enqueueManySync(jobs);
      for (const o of outcomes) if (o.kind === 'status') wakeWorkflow(o.change);
      return outcomes;
    })();

  return {
    /** Applies a verified body; AppError 'validation' when it is not a WhatsApp webhook at all. */
    receive(portalId: number, rawBody: Buffer): WebhookReport {
      if (!stores.accounts.find(portalId))
        throw new AppError('not_found', `portal ${portalId} has no WhatsApp account`);
      const parsed = parseMetaWebhook(rawBody);
      if (!parsed.ok) throw new AppError('validation', parsed.reason);
      const problems = [...parsed.webhook.problems];
      const mine = parsed.webhook.events.filter((event) => {
        const owner = stores.accounts.findByNumber(event.businessNumberId)?.portalId;
        if (owner === portalId) return true;
        problems.push(`phone number id ${event.businessNumberId} is not one of portal ${portalId}'s numbers`);
        return false;
      });
      const outcomes = mine.length > 0 ? apply(portalId, mine) : [];
      deps.queue.notifyAvailable();
      for (const o of outcomes) {
        if (o.kind === 'error') deps.logger.warn({ portalId, failure: o.failure }, 'WhatsApp reported an error');
      }
      if (problems.length > 0) deps.logger.warn({ portalId, problems }, 'WhatsApp webhook items not applied');
      return { events: mine.length, ignored: parsed.webhook.ignored, problems };
    },
  };
}

export type ProviderWebhook = ReturnType<typeof createProviderWebhook>;
