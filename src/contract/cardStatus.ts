import { z } from 'zod';

/** `GET /api/cards/status?portalId=…` — is this portal connected to Switchboard? */
export const CARD_STATUS_PATH = '/api/cards/status';

export const CardStatusQuery = z.object({
  portalId: z.coerce.number().int().positive(),
});
export type CardStatusQuery = z.infer<typeof CardStatusQuery>;

export const ConnectionState = z.enum(['connected', 'needs_reauthorization', 'not_connected']);
export type ConnectionState = z.infer<typeof ConnectionState>;

export const CardStatusResponse = z.object({
  portalId: z.number().int(),
  state: ConnectionState,
  /** A sentence for the rep: what the state means and what to do about it. */
  message: z.string(),
  connectedSince: z.string().nullable(),
});
export type CardStatusResponse = z.infer<typeof CardStatusResponse>;
