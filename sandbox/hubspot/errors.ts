import { randomUUID } from 'node:crypto';
import type { Response } from 'express';

/** HubSpot's standard error envelope (reference/hubspot-api.md §11.1). */
export interface HubspotErrorBody {
  status: 'error';
  message: string;
  correlationId: string;
  category: string;
  subCategory?: string;
  errors?: { message: string; code?: string; in?: string; context?: Record<string, string[]> }[];
  context?: Record<string, string[]>;
  [extra: string]: unknown;
}

export function errorBody(category: string, message: string, extra: Partial<HubspotErrorBody> = {}): HubspotErrorBody {
  return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}

/** Sends a HubSpot-shaped error response. */
export function sendError(
  res: Response,
  status: number,
  category: string,
  message: string,
  extra: Partial<HubspotErrorBody> = {},
): void {
  res.status(status).json(errorBody(category, message, extra));
}
