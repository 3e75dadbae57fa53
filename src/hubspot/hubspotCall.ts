import type { Client } from '@hubspot/api-client';

/**
 * How capabilities reach HubSpot: hand the gateway a function of a ready `Client` for one portal. The gateway owns
 * everything around it — token (refreshed ahead of expiry), rate budget and priority, retries, usage ledger — so
 * capability code stays a plain typed SDK call and can be exercised against the sandbox with a real client.
 */
export interface HubspotCallOptions {
  /** Which capability spends the budget (orders, messaging, sessions, …): recorded in the usage ledger. */
  feature: string;
  /** A rep waiting on a card goes ahead of background sync. */
  priority?: 'interactive' | 'background';
  /** Search has its own, stricter limit (5 / s per portal). */
  kind?: 'general' | 'search';
  /** False for creates without an idempotency guard: an ambiguous failure (500, dropped connection) is not retried. */
  idempotent?: boolean;
}

export type HubspotCall = <T>(
  portalId: number,
  opts: HubspotCallOptions,
  fn: (client: Client) => Promise<T>,
) => Promise<T>;
