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

export function withSendGate(provider: WhatsAppProvider, gate: SendGate, clock: GateClock): WhatsAppProvider {
  async function gated<R extends SendRequestBase>(
    request: R,
    send: (r: R) => Promise<SendResult>,
  ): Promise<SendResult> {
    let admission = gate.admit(request.from, request.to, clock.now());
    while (!admission.ok) {
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
