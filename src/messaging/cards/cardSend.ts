import type { SendRequest as CardSendRequest, SendResponse } from '@switchboard/contract';
import { AppError } from '../../errors.ts';
import type { EnqueueInput, EnqueueResult } from '../../jobs/index.ts';
import type { MessageStore, StoredMessage } from '../messageStore.ts';
import type { ContactSender } from '../runtime/contactSender.ts';
import { type SendJobPayload, sendJob } from '../runtime/sendJob.ts';
import type { SendContent } from '../sendMessage.ts';
import { toCardMessage } from './cardViews.ts';

/**
 * The card's Send button. One message per click: the card makes a `requestId` per click and HubSpot may retry a
 * hubspot.fetch (hubspot-platform.md §2.3), so the message key is `card:<requestId>`. The send itself is the
 * contact sender's (CRM read, eligibility before any provider call, CRM effects as a job); a send WhatsApp asked
 * to retry goes to the durable send queue and shows as queued, so it is not lost when the rep closes the record.
 */
export interface CardSendDeps {
  sender: Pick<ContactSender, 'send'>;
  store: Pick<MessageStore, 'findByKey'>;
  queue: { enqueueManySync(inputs: readonly EnqueueInput[]): EnqueueResult[] };
}

export const cardMessageKey = (requestId: string): string => `card:${requestId}`;

function contentOf(req: CardSendRequest): SendContent & SendJobPayload['content'] {
  return req.kind === 'template'
    ? { kind: 'template', name: req.templateName, language: req.language }
    : { kind: 'text', body: req.text };
}

const reused = (req: CardSendRequest) =>
  new AppError('conflict', `requestId ${req.requestId} was already used for another message`);

export function createCardSend(deps: CardSendDeps) {
  // A retry that arrives while the first request is still at the provider joins it instead of sending again.
  const inFlight = new Map<string, { owner: string; result: Promise<SendResponse> }>();

  const queueSend = (req: CardSendRequest, key: string) =>
    deps.queue.enqueueManySync([
      sendJob(req.portalId, { contactId: req.contactId, content: contentOf(req), idempotencyKey: key }),
    ]);

  /** A key already used: the same click again, or a requestId reused for another portal or contact (refused). */
  function existing(req: CardSendRequest, key: string): StoredMessage | undefined {
    const m = deps.store.findByKey(key);
    if (m && (m.portalId !== req.portalId || m.contactId !== req.contactId)) throw reused(req);
    return m;
  }

  async function sendOnce(req: CardSendRequest, key: string): Promise<SendResponse> {
    const before = existing(req, key);
    if (before?.status === 'pending') {
      // Waiting for its retry (or interrupted mid-send): the queue owns it; enqueueing again is a no-op by key.
      queueSend(req, key);
      return { message: toCardMessage(before) };
    }
    const outcome = await deps.sender.send({
      portalId: req.portalId,
      contactId: req.contactId,
      content: contentOf(req),
      idempotencyKey: key,
    });
    if (outcome.outcome === 'refused') {
      const message = outcome.reasons.map((r) => r.message).join(' ');
      throw new AppError('conflict', `Not sent: ${message}`, { refusals: outcome.reasons });
    }
    // Retried by the provider's say-so, or being sent by another caller (instance): the queue makes sure it goes.
    if (outcome.outcome === 'in_flight' || (outcome.outcome === 'failed' && outcome.failure.action === 'retry')) {
      queueSend(req, key);
    }
    // A final failure is stored with its reason and shown in the conversation like any other message.
    return { message: toCardMessage(outcome.message) };
  }

  return {
    /** Sends (or finds) the message of this click; a refusal is a `conflict` AppError listing every reason. */
    send(req: CardSendRequest): Promise<SendResponse> {
      const key = cardMessageKey(req.requestId);
      const owner = `${req.portalId}/${req.contactId}`;
      const running = inFlight.get(key);
      if (running) return running.owner === owner ? running.result : Promise.reject(reused(req));
      const result = sendOnce(req, key).finally(() => inFlight.delete(key));
      inFlight.set(key, { owner, result });
      return result;
    },
  };
}
