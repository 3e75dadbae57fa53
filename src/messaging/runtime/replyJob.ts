import { z } from 'zod';
import type { EnqueueInput, JobHandler } from '../../jobs/index.ts';
import type { ReplyToSend } from '../providerEvents.ts';
import { sendReply } from '../sendMessage.ts';
import type { PortalProviders } from '../portalProviders.ts';
import { effectsJob, WHATSAPP_JOBS } from './jobTypes.ts';
import type { MessagingStores } from './messagingStores.ts';
import { throwIfRetry } from './sendJob.ts';

/** The confirmation an opt-out / opt-in keyword asks for, sent once per inbound message (key `reply:<wamid>`). */
export const ReplyJobPayload = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  body: z.string().min(1),
  replyTo: z.string().min(1),
});

export function replyJob(portalId: number, reply: ReplyToSend): EnqueueInput {
  return {
    type: WHATSAPP_JOBS.reply,
    portalId,
    idempotencyKey: `${WHATSAPP_JOBS.reply}:${reply.replyTo}`,
    objectKey: `phone:${reply.to}`,
    priority: 10, // the user is waiting for it
    payload: reply,
  };
}

export function replyJobHandler(deps: {
  stores: Pick<MessagingStores, 'store' | 'statuses'>;
  portals: Pick<PortalProviders, 'require'>;
  queue: { enqueueManySync(inputs: readonly EnqueueInput[]): unknown };
  now: () => number;
}): JobHandler<ReplyToSend> {
  return async ({ job, payload }) => {
    const { provider } = deps.portals.require(job.portalId);
    const outcome = await sendReply({ provider, ...deps.stores, now: deps.now, portalId: job.portalId }, payload);
    throwIfRetry(outcome);
    if ((outcome.outcome === 'sent' || outcome.outcome === 'failed') && outcome.effects.length > 0) {
      deps.queue.enqueueManySync([
        effectsJob(job.portalId, `send:${outcome.message.id}:${outcome.outcome}`, outcome.effects),
      ]);
    }
    return { outcome: outcome.outcome };
  };
}
