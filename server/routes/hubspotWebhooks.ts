import { type RequestHandler, Router } from 'express';
import {
  type IntakeReport,
  isWebhookBatch,
  type QueuedReport,
  type WebhookDelivery,
  WebhookBatchSchema,
} from '../../src/webhooks/index.ts';
import { rawBodyOf } from '../middleware/requireHubspotSignature.ts';
import { parseOrThrow } from '../parse.ts';

export interface HubspotWebhookRouteDeps {
  /** Verifies X-HubSpot-Signature-v3 on the raw body (401 before anything is parsed), then parses the JSON. */
  signed: RequestHandler[];
  ingest(delivery: WebhookDelivery): Promise<IntakeReport | QueuedReport>;
}

/**
 * `POST /webhooks/hubspot`, the webhooks component's targetUrl (extensions/app/webhooks). HubSpot retries any
 * non-2xx or an answer slower than 5 s (hubspot-platform.md §4.2), so this only stores and enqueues — the work
 * happens in jobs — and a batch with a malformed event is refused whole (400 naming the field), storing nothing.
 */
export function hubspotWebhookRoutes(deps: HubspotWebhookRouteDeps): Router {
  const router = Router();
  router.post('/webhooks/hubspot', ...deps.signed, async (req, res) => {
    // The hand-written check is the fast way for a valid batch; the schema names the field of an invalid one.
    const events = isWebhookBatch(req.body) ? req.body : parseOrThrow(WebhookBatchSchema, req.body, 'body');
    res.json(await deps.ingest({ rawBody: rawBodyOf(req), events }));
  });
  return router;
}
