import type { Db } from '../db/openDatabase.ts';
import { classifyProviderError, type ProviderFailure } from '../whatsapp/classifyProviderError.ts';
import type { DeliveryStatus, StatusEvent } from '../whatsapp/provider.ts';
import type { MessageStore, StoredMessage } from './messageStore.ts';
import type { StatusHistoryRepo } from './statusHistoryRepo.ts';
import { type MessageStatus, nextStatus } from './statusTransitions.ts';

/**
 * Applies status webhooks to the conversation store, idempotently, and says what changed, so phase 2 posts
 * timeline events and contact properties only for real changes (issue 7 §6). Webhooks are at-least-once
 * and unordered (reference/whatsapp.md §3), and a `sent` can even arrive before our own row has its wamid;
 * such statuses wait in the history and are applied by `recordAccepted`.
 */
export type StatusChange =
  | { kind: 'duplicate'; providerMessageId: string; status: DeliveryStatus }
  | { kind: 'unknown_message'; providerMessageId: string; status: DeliveryStatus }
  | { kind: 'unchanged'; message: StoredMessage; status: DeliveryStatus; why: string }
  | { kind: 'changed'; message: StoredMessage; from: MessageStatus; to: MessageStatus; failure?: ProviderFailure };

interface Arrival {
  providerMessageId: string;
  status: DeliveryStatus;
  at: number;
  failure?: ProviderFailure;
}

export function createStatusUpdates(deps: { db: Db; store: MessageStore; history: StatusHistoryRepo }) {
  const { db, store, history } = deps;

  /** Moves one message by one arrival (the history row already exists). */
  function advance(message: StoredMessage, arrival: Arrival, now: number): StatusChange {
    const t = nextStatus(message.status, arrival.status);
    // A late status still tells when it happened (`delivered` after `read`); a failed message keeps its state.
    if (t.changed || t.why === 'stale') {
      store.writeStatus(message.id, t.status, arrival, now);
    }
    const after = store.findById(message.id)!;
    if (!t.changed) return { kind: 'unchanged', message: after, status: arrival.status, why: t.why };
    return {
      kind: 'changed',
      message: after,
      from: message.status,
      to: t.status,
      ...(t.status === 'failed' && arrival.failure ? { failure: arrival.failure } : {}),
    };
  }

  return {
    /** Applies one status event; a repeated (message id, status) is a duplicate and changes nothing. */
    applyStatusEvent(event: StatusEvent, receivedAt: number): StatusChange {
      const arrival: Arrival = {
        providerMessageId: event.providerMessageId,
        status: event.status,
        at: event.at.getTime(),
        ...(event.failure ? { failure: event.failure } : {}),
      };
      return db.transaction((): StatusChange => {
        const fresh = history.record({
          providerMessageId: arrival.providerMessageId,
          status: arrival.status,
          occurredAt: arrival.at,
          receivedAt,
          errorCode: event.failure?.code ?? null,
        });
        if (!fresh) return { kind: 'duplicate', providerMessageId: arrival.providerMessageId, status: arrival.status };
        const message = store.findByProviderId(arrival.providerMessageId);
        if (!message)
          return { kind: 'unknown_message', providerMessageId: arrival.providerMessageId, status: arrival.status };
        return advance(message, arrival, receivedAt);
      })();
    },

    /** Records the provider's acceptance of a pending send, then applies statuses that arrived before it. */
    recordAccepted(messageId: number, providerMessageId: string, now: number): StatusChange[] {
      return db.transaction((): StatusChange[] => {
        if (!store.markAccepted(messageId, providerMessageId, now)) return [];
        const changes: StatusChange[] = [];
        for (const early of history.list(providerMessageId)) {
          const failure = early.errorCode ? classifyProviderError({ code: early.errorCode }) : undefined;
          const arrival = {
            providerMessageId,
            status: early.status,
            at: early.occurredAt,
            ...(failure ? { failure } : {}),
          };
          changes.push(advance(store.findById(messageId)!, arrival, now));
        }
        return changes;
      })();
    },
  };
}

export type StatusUpdates = ReturnType<typeof createStatusUpdates>;
