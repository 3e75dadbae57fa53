import { Client } from '@hubspot/api-client';
import type { HubspotCall, HubspotCallOptions } from '../../../src/hubspot/hubspotCall.ts';

/**
 * A HubspotCall for tests: the real SDK against the HubSpot sandbox over HTTP, one fresh client per call that
 * refuses a second request (the gateway's rule: one call = one request = one slot of the rate budget), and a
 * record of every call's options so tests can see what was asked for.
 */
export interface RecordingCall {
  call: HubspotCall;
  calls: HubspotCallOptions[];
}

export function sandboxCall(baseUrl: string, tokenOf: (portalId: number) => string): RecordingCall {
  const calls: HubspotCallOptions[] = [];
  const call: HubspotCall = async (portalId, opts, fn) => {
    calls.push(opts);
    let sent = 0;
    const middleware = {
      pre(ctx: unknown) {
        sent += 1;
        if (sent > 1) return Promise.reject(new Error(`one HubSpot request per call (feature ${opts.feature})`));
        return Promise.resolve(ctx);
      },
      post: (ctx: unknown) => Promise.resolve(ctx),
    };
    const client = new Client({
      accessToken: tokenOf(portalId),
      basePath: baseUrl,
      numberOfApiCallRetries: 0,
      middleware: [middleware] as never,
    });
    return fn(client);
  };
  return { call, calls };
}
