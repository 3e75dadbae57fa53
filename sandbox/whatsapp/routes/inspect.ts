import { Router } from 'express';
import { type InboundInput, sendInbound } from '../inbound.ts';
import type { WhatsAppSandboxState } from '../state.ts';
import { reply } from './control.ts';

/**
 * `/_sandbox/*` for driving and observing: simulated user messages, the record of accepted sends, webhook
 * deliveries (with every attempt) and the call log. Not Meta's API; unauthenticated, 127.0.0.1 only.
 */
export function inspectRoutes(state: WhatsAppSandboxState): Router {
  const r = Router();

  r.post('/_sandbox/inbound', (req, res) =>
    reply(res, 201, () => {
      const { id, delivery } = sendInbound(state, req.body as InboundInput);
      return { id, deliverySeq: delivery.seq };
    }),
  );

  r.get('/_sandbox/messages', (req, res) => {
    const { to, phoneNumberId } = req.query;
    const digits = typeof to === 'string' ? to.replace(/\D/g, '') : undefined;
    res.json(
      state.sent.filter(
        (m) =>
          (digits === undefined || m.waId === digits) &&
          (phoneNumberId === undefined || m.phoneNumberId === phoneNumberId),
      ),
    );
  });

  r.get('/_sandbox/inbound', (_req, res) => {
    res.json(state.inbound);
  });

  r.get('/_sandbox/webhooks', (_req, res) => {
    res.json(
      state.outbox.deliveries.map((d) => ({ ...d, body: JSON.parse(d.rawBody) as unknown, rawBody: undefined })),
    );
  });

  r.post('/_sandbox/webhooks/flush', async (_req, res) => {
    res.json(await state.outbox.flush());
  });

  r.get('/_sandbox/calls', (_req, res) => {
    res.json(state.callLog);
  });

  r.get('/_sandbox/state', (_req, res) => {
    res.json({
      now: state.now(),
      apps: [...state.apps.values()],
      wabas: [...state.wabas.values()],
      phoneNumbers: [...state.phoneNumbers.values()],
      templates: state.templates,
      recipients: Object.fromEntries(state.recipients),
      pendingWebhooks: state.outbox.pending().length,
    });
  });

  return r;
}
