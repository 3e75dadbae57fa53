import type { ProviderFailure } from './classifyProviderError.ts';
import type { SendRequestBase, SendResult, WhatsAppProvider } from './provider.ts';
import type { SendGate } from './sendGate.ts';

/**
 * The provider with the send gate around every message (sendGate.ts): a send leaves only when the number's
 * rolling second and the recipient's pair interval allow it, judged on real request and answer times. As a
 * decorator of the port it covers every sender alike (card, workflow action, campaigns), since all of them
 * share the number's throughput (reference/whatsapp.md §3). Read receipts are not messages and pass as is.
 */
export interface GateClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface GateWaitOptions {
  /**
   * Waits longer than this are not slept through: the send answers `throttled` (action retry, scope recipient) with
   * the wait as retryAfterMs, so a durable job gives its worker slot back and comes again when the recipient's pair
   * interval has passed. Throughput waits are under a second; only the pair interval (6 s [U]) goes above it.
   */
  maxWaitMs?: number;
}

export function withSendGate(
  provider: WhatsAppProvider,
  gate: SendGate,
  clock: GateClock,
  options: GateWaitOptions = {},
): WhatsAppProvider {
  const maxWaitMs = options.maxWaitMs ?? Number.POSITIVE_INFINITY;
  async function gated<R extends SendRequestBase>(
    request: R,
    send: (r: R) => Promise<SendResult>,
  ): Promise<SendResult> {
    let admission = gate.admit(request.from, request.to, clock.now());
    while (!admission.ok) {
      if (admission.waitMs > maxWaitMs) return { ok: false, failure: pairWait(provider, admission.waitMs) };
      await clock.sleep(admission.waitMs);
      admission = gate.admit(request.from, request.to, clock.now());
    }
    try {
      return await send(request);
    } finally {
      gate.release(admission.ticket, clock.now());
    }
  }
  return {
    ...provider,
    sendTemplate: (r) => gated(r, (x) => provider.sendTemplate(x)),
    sendText: (r) => gated(r, (x) => provider.sendText(x)),
  };
}

/** Our own gate said "not yet" for longer than a caller should wait: the same shape as Meta's 131056, never sent. */
function pairWait(provider: WhatsAppProvider, waitMs: number): ProviderFailure {
  return {
    provider: provider.name,
    code: 'pair_interval',
    reason: 'throttled',
    action: 'retry',
    retryAfterMs: Math.ceil(waitMs),
    scope: 'recipient',
    message: 'This person was messaged moments ago; the message waits a few seconds and goes out by itself.',
  };
}
