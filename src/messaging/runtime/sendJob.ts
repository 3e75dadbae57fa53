import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { type EnqueueInput, type JobHandler, RetryAfter } from '../../jobs/index.ts';
import type { SendOutcome } from '../sendMessage.ts';
import type { ContactSend, ContactSender } from './contactSender.ts';
import { WHATSAPP_JOBS } from './jobTypes.ts';

/** A send that must not be lost (a card send the provider asked to retry, a campaign step), as a durable job. */
export const SendJobPayload = z.object({
  contactId: z.string().regex(/^\d+$/),
  content: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('template'),
      name: z.string().min(1),
      language: z.string().optional(),
      overrides: z.record(z.string(), z.string()).optional(),
    }),
    z.object({ kind: z.literal('text'), body: z.string().min(1) }),
  ]),
  idempotencyKey: z.string().min(1),
  phone: z.string().optional(),
  campaign: z.object({ campaignId: z.number().int(), enrollmentId: z.number().int() }).optional(),
  /** The contact's properties read by a campaign tick (batch), so the send needs no read of its own. */
  contact: z.record(z.string(), z.string().nullish()).optional(),
});
export type SendJobPayload = z.output<typeof SendJobPayload>;

export function sendJob(portalId: number, payload: SendJobPayload, priority = 0): EnqueueInput {
  return {
    type: WHATSAPP_JOBS.send,
    portalId,
    idempotencyKey: `${WHATSAPP_JOBS.send}:${payload.idempotencyKey}`,
    objectKey: `contact:${payload.contactId}`,
    priority,
    payload,
  };
}

const overridesOf = (raw: Record<string, string> | undefined): Record<number, string> | undefined =>
  raw ? Object.fromEntries(Object.entries(raw).map(([k, v]) => [Number(k), v])) : undefined;

export function toContactSend(portalId: number, p: SendJobPayload, attempt?: number): ContactSend {
  const overrides = p.content.kind === 'template' ? overridesOf(p.content.overrides) : undefined;
  const content: ContactSend['content'] =
    p.content.kind === 'text'
      ? p.content
      : {
          kind: 'template',
          name: p.content.name,
          ...(p.content.language ? { language: p.content.language } : {}),
          ...(overrides ? { overrides } : {}),
        };
  return {
    portalId,
    contactId: p.contactId,
    content,
    idempotencyKey: p.idempotencyKey,
    ...(p.phone ? { phone: p.phone } : {}),
    ...(p.campaign ? { campaign: p.campaign } : {}),
    ...(p.contact ? { contact: p.contact } : {}),
    ...(attempt ? { attempt } : {}),
  };
}

/** How soon a job finding its message being sent by another caller looks again. */
export const IN_FLIGHT_RECHECK_MS = 5_000;

/**
 * A failed send the provider classed `retry` goes back to the queue: throttles (130429 number, 131056 pair)
 * after their Retry-After without using up an attempt, other transient errors with the queue's backoff.
 * `fail` and `pause` are final: the message is stored as failed with the reason, and the job completes.
 */
export function throwIfRetry(outcome: SendOutcome): void {
  // Another caller holds the send right now; look again shortly (its claim expires if it crashed).
  if (outcome.outcome === 'in_flight') throw new RetryAfter(IN_FLIGHT_RECHECK_MS, 'whatsapp_send_in_flight');
  if (outcome.outcome !== 'failed' || outcome.failure.action !== 'retry') return;
  const { failure } = outcome;
  if (failure.reason === 'throttled') throw new RetryAfter(failure.retryAfterMs ?? 1_000, 'whatsapp_throttled');
  throw new AppError('upstream_unavailable', failure.message, { code: failure.code, reason: failure.reason });
}

export function sendJobHandler(sender: Pick<ContactSender, 'send'>): JobHandler<SendJobPayload> {
  return async ({ job, payload }) => {
    const outcome = await sender.send(toContactSend(job.portalId, payload, job.attempts));
    throwIfRetry(outcome);
    return {
      outcome: outcome.outcome,
      ...(outcome.outcome === 'refused' ? { reasons: outcome.reasons.map((r) => r.code) } : {}),
      ...('message' in outcome ? { messageId: outcome.message.id, status: outcome.message.status } : {}),
    };
  };
}
