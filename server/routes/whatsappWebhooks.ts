import { Router } from 'express';
import type { Secret } from '../../src/connections/secret.ts';
import type { WebhookReport } from '../../src/messaging/runtime/providerWebhook.ts';
import { answerVerifyHandshake } from '../../src/whatsapp/verifyHandshake.ts';
import { requireMetaSignature } from '../middleware/requireMetaSignature.ts';

export interface WhatsAppWebhookRouteDeps {
  bodyLimit: string;
  appSecretOf(portalId: number): Secret | undefined;
  verifyTokenOf(portalId: number): Secret | undefined;
  receive(portalId: number, rawBody: Buffer): WebhookReport;
}

const portalOf = (raw: string | undefined): number | undefined => {
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
};

/**
 * The WhatsApp webhook, one URL per portal (`/webhooks/whatsapp/<portalId>`, shown in the admin settings):
 * GET answers Meta's verification handshake with the portal's verify token; POST takes signed events. Meta
 * retries anything but a 200 (reference/whatsapp.md §2), so the POST only stores and enqueues.
 */
export function whatsappWebhookRoutes(deps: WhatsAppWebhookRouteDeps): Router {
  const router = Router();
  router.get('/webhooks/whatsapp/:portalId', (req, res) => {
    const portalId = portalOf(req.params.portalId);
    const answer = answerVerifyHandshake(req.query, portalId ? deps.verifyTokenOf(portalId) : undefined);
    res.status(answer.status).type('text/plain').send(answer.body);
  });
  router.post('/webhooks/whatsapp/:portalId', ...requireMetaSignature(deps), (req, res) => {
    res.status(200).json(deps.receive(Number(req.params.portalId), req.body as Buffer));
  });
  return router;
}
