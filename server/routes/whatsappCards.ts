import { type RequestHandler, Router } from 'express';
import {
  ConsentRequest,
  PreviewRequest,
  SendRequest,
  WHATSAPP_CARD_PATH,
  WHATSAPP_CONSENT_PATH,
  WHATSAPP_PREVIEW_PATH,
  WHATSAPP_SEND_PATH,
  WhatsAppCardQuery,
} from '@switchboard/contract';
import { z } from 'zod';
import { AppError } from '../../src/errors.ts';
import type { WhatsAppCardService } from '../../src/messaging/cards/whatsappCardService.ts';
import { parseOrThrow } from '../parse.ts';

export interface WhatsAppCardRouteDeps {
  cards: Pick<WhatsAppCardService, 'view' | 'preview' | 'send' | 'recordConsent'>;
}

const SignedPortal = z.object({ portalId: z.coerce.number().int().positive().optional() });

/** The body's portal, unless the signed URL names another one (then nothing is read or written). */
function bodyOf<S extends z.ZodType<{ portalId: number }>>(schema: S, req: { body: unknown; query: unknown }) {
  const body = parseOrThrow(schema, req.body, 'body');
  const { portalId } = parseOrThrow(SignedPortal, req.query, 'query');
  if (portalId !== undefined && portalId !== body.portalId) {
    throw new AppError('forbidden', `This request is signed for portal ${portalId}, not for portal ${body.portalId}`);
  }
  return body;
}

/**
 * The WhatsApp card's endpoints (src/contract/whatsapp.ts). As for the Sessions card, the portal is what the signed
 * request names: the v3 signature covers the full URL and the body (hubspot-platform.md §2.3), so neither can be
 * altered on the way, and a POST that names one portal in the query and another in the body is refused.
 */
export function whatsappCardRoutes(deps: WhatsAppCardRouteDeps & { signed: RequestHandler[] }): Router {
  const router = Router();

  router.get(WHATSAPP_CARD_PATH, ...deps.signed, async (req, res) => {
    res.json(await deps.cards.view(parseOrThrow(WhatsAppCardQuery, req.query, 'query')));
  });

  router.post(WHATSAPP_PREVIEW_PATH, ...deps.signed, async (req, res) => {
    res.json(await deps.cards.preview(bodyOf(PreviewRequest, req)));
  });

  // HubSpot may retry a hubspot.fetch: the send is idempotent on the body's requestId.
  router.post(WHATSAPP_SEND_PATH, ...deps.signed, async (req, res) => {
    res.json(await deps.cards.send(bodyOf(SendRequest, req)));
  });

  router.post(WHATSAPP_CONSENT_PATH, ...deps.signed, async (req, res) => {
    res.json(await deps.cards.recordConsent(bodyOf(ConsentRequest, req)));
  });
  return router;
}
