import type { HubspotCall } from '../../hubspot/hubspotCall.ts';
import type { WriteLog } from '../writeLog.ts';

/** What the executors share for one sync run of one portal. */
export interface ExecContext {
  hubspot: HubspotCall;
  portalId: number;
  writes: WriteLog;
  now: () => number;
}

/** Per-session failures collected during a run: the first reason wins; retryable only if every cause is. */
export class SessionFailures {
  readonly #failures = new Map<string, { reason: string; retryable: boolean }>();

  fail(sessionId: string, reason: string, retryable: boolean): void {
    const earlier = this.#failures.get(sessionId);
    this.#failures.set(sessionId, {
      reason: earlier?.reason ?? reason,
      retryable: (earlier?.retryable ?? true) && retryable,
    });
  }

  has(sessionId: string): boolean {
    return this.#failures.has(sessionId);
  }

  get(sessionId: string): { reason: string; retryable: boolean } | undefined {
    return this.#failures.get(sessionId);
  }
}

/** Whether an item error leaves HubSpot's side unknown: no answer (status 0) or a server error. */
export const outcomeUnknown = (status: number): boolean => status === 0 || status >= 500;

/** Whether trying again later may help: unknown outcomes, rate limits, locks. Validation errors do not. */
export const retryableStatus = (status: number): boolean => outcomeUnknown(status) || status === 429 || status === 423;
