import { WINDOW_MS, type WhatsAppSandboxState } from './state.ts';
import type { RecipientBehaviour, StatusScenario } from './types.ts';

/**
 * Simulated WhatsApp users: how they behave (reachable or not, opted out of marketing, which status
 * sequence their phone produces) and the 24-hour customer service window each one has with a number.
 */

/**
 * The wa_id for a `to` value: its digits ("+1 (650) 555-1234" → "16505551234"), undefined if it cannot be a
 * phone number. [M] Meta's own normalisation (e.g. country-specific legacy formats) is not modelled beyond an
 * explicit `waId` override on the recipient.
 */
export function normalizeNumber(to: string): string | undefined {
  if (!/^\+?[\d\s().-]+$/.test(to)) return undefined;
  const digits = to.replace(/\D/g, '');
  return digits.length >= 7 && digits.length <= 15 ? digits : undefined;
}

function keyOf(number: string): string {
  const digits = normalizeNumber(number);
  if (!digits) throw new Error(`${number} is not a phone number`);
  return digits;
}

/** Sets (merges) how a user behaves, e.g. `{ onWhatsApp: false }` or `{ scenario: { kind: 'no_read' } }`. */
export function setRecipient(
  state: WhatsAppSandboxState,
  number: string,
  behaviour: RecipientBehaviour,
): RecipientBehaviour {
  const key = keyOf(number);
  const merged = { ...state.recipients.get(key), ...behaviour };
  state.recipients.set(key, merged);
  return merged;
}

export function recipientOf(state: WhatsAppSandboxState, waId: string): RecipientBehaviour {
  return state.recipients.get(waId) ?? {};
}

/** The status scenario for the next `times` accepted sends (any recipient), ahead of recipient scenarios. */
export function queueScenario(state: WhatsAppSandboxState, scenario: StatusScenario, times = 1): void {
  for (let i = 0; i < times; i++) state.scenarioQueue.push(scenario);
}

/** Makes the next `times` sends fail synchronously with a Graph error code (e.g. 131000, 131057, 130429). */
export function failNextSends(state: WhatsAppSandboxState, code: number, times = 1): void {
  state.sendFaults.push({ code, remaining: times });
}

/** Takes the next injected fault, if any. */
export function takeSendFault(state: WhatsAppSandboxState): number | undefined {
  const fault = state.sendFaults[0];
  if (!fault) return undefined;
  fault.remaining -= 1;
  if (fault.remaining <= 0) state.sendFaults.shift();
  return fault.code;
}

/**
 * Whether free-form messages may go to this user: a user message in the last 24 h opens the window; our own
 * outbound messages do not refresh it (reference §3, M-svc / YC-svc).
 */
export function windowOpen(state: WhatsAppSandboxState, phoneNumberId: string, waId: string): boolean {
  const last = state.lastInboundAt.get(state.windowKey(phoneNumberId, waId));
  return last !== undefined && state.now() - last < WINDOW_MS;
}

/** Opens (or resets) the window as if the user had just written. */
export function openWindow(state: WhatsAppSandboxState, phoneNumberId: string, number: string, at = state.now()): void {
  state.lastInboundAt.set(state.windowKey(phoneNumberId, keyOf(number)), at);
}
