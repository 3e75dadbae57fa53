import type { ConversationMessage } from '@switchboard/contract';

/**
 * The history as shown: what the service loaded plus what this card sent since, oldest first (newest last, like the
 * WhatsApp thread itself, so the send boxes below sit right under the latest message). A sent message that a later
 * load already contains is kept once.
 */
export function mergeMessages(
  loaded: readonly ConversationMessage[],
  sent: readonly ConversationMessage[],
): ConversationMessage[] {
  const loadedIds = new Set(loaded.map((m) => m.id));
  const all = [...loaded, ...sent.filter((m) => !loadedIds.has(m.id))];
  // Array.prototype.sort is stable, so messages with the same timestamp keep the service's order.
  return all.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
