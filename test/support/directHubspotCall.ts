import type { Client } from '@hubspot/api-client';
import type { HubspotCall } from '../../src/hubspot/hubspotCall.ts';

/**
 * A HubspotCall that hands every call straight to one real SDK client (pointed at the sandbox): for testing a
 * capability's HubSpot calls without the gateway's budget and retries, which have tests of their own.
 */
export function directHubspotCall(client: Client): HubspotCall & { calls: number } {
  const call = (async (_portalId, _opts, fn) => {
    call.calls++;
    return fn(client);
  }) as HubspotCall & { calls: number };
  call.calls = 0;
  return call;
}
