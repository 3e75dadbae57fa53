import type { HubspotGateway } from '../hubspot/gateway.ts';
import type { CompleteCallback } from './completeCallbackJob.ts';

/**
 * Completing a callback through the gateway (budget, token, retries, usage ledger). A raw request rather than
 * the SDK's `callbacksApi.complete`: SDK 14's CallbackCompletionRequest serialises `outputFields` only and
 * would drop `typedOutputs`, which the spec marks required (hubspot-platform.md §5.3, hubspot-api.md §9).
 * Idempotent for the gateway's retries: a repeated completion is refused by HubSpot, never applied twice.
 */
export function callbackCompleterFor(gateway: Pick<HubspotGateway, 'request'>): CompleteCallback {
  return async (portalId, callbackId, body, signal) => {
    await gateway.request(portalId, {
      feature: 'workflow_actions',
      priority: 'background',
      idempotent: true,
      signal,
      method: 'POST',
      path: `/automation/v4/actions/callbacks/${encodeURIComponent(callbackId)}/complete`,
      body,
    });
  };
}
