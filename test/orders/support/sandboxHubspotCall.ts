import type { Client } from '@hubspot/api-client';
import { AppError } from '../../../src/errors.ts';
import type { HubspotCall, HubspotCallOptions } from '../../../src/hubspot/hubspotCall.ts';
import { classifyHubspotFailure, DEFAULT_RETRY_POLICY, toAppError } from '../../../src/hubspot/retryPolicy.ts';

/**
 * The HubspotCall the gateway will provide, reduced to what tests need: a real SDK client against the sandbox
 * (retries off), failures turned into AppErrors by the service's one classifier as if the gateway's retries were
 * used up. Every call is recorded with its options, so tests can check feature/priority/search use.
 */
export interface RecordedCall {
  portalId: number;
  opts: HubspotCallOptions;
}

export function sandboxHubspotCall(clientFor: (portalId: number) => Client, calls: RecordedCall[] = []): HubspotCall {
  return async (portalId, opts, fn) => {
    calls.push({ portalId, opts });
    try {
      return await fn(clientFor(portalId));
    } catch (err) {
      throw asGatewayError(err, opts);
    }
  };
}

function asGatewayError(err: unknown, opts: HubspotCallOptions): AppError {
  if (err instanceof AppError) return err;
  const e = err as { code?: unknown; body?: unknown; headers?: Record<string, string> };
  const status = typeof e.code === 'number' ? e.code : undefined;
  const decision = classifyHubspotFailure({
    status,
    body: e.body,
    headers: e.headers,
    error: status === undefined ? err : undefined,
    attempt: DEFAULT_RETRY_POLICY.maxAttempts,
    waits: DEFAULT_RETRY_POLICY.maxWaits,
    refreshed: true,
    idempotent: opts.idempotent,
  });
  if (decision.action === 'fail') return toAppError(decision);
  const reason = decision.action === 'retry' ? decision.reason : 'token_expired';
  return new AppError(reason, `HubSpot call failed (${status ?? 'no response'})`, { status });
}
