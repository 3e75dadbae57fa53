import type { Client } from '@hubspot/api-client';
import type { HubspotCall } from '../../src/hubspot/hubspotCall.ts';

/**
 * A stand-in for the gateway while it is being built (issue 4): a sliding-window pacer per request kind —
 * general 100 per 10 s (under the OAuth limit of 110, reference §11.4) and search 4 per second (limit 5, §3) —
 * and a 429 honoured by waiting out the window once. Numbers measured through it are what the budget allows.
 */
export interface PacerStats {
  waitedMs: number;
  rateLimited: number;
}

function slidingWindow(limit: number, windowMs: number) {
  const sent: number[] = [];
  return async function acquire(): Promise<number> {
    let waited = 0;
    for (;;) {
      const now = Date.now();
      while (sent.length > 0 && sent[0]! <= now - windowMs) sent.shift();
      if (sent.length < limit) {
        sent.push(now);
        return waited;
      }
      const wait = sent[0]! + windowMs - now + 1;
      waited += wait;
      await new Promise((r) => setTimeout(r, wait));
    }
  };
}

export function pacedHubspotCall(client: Client, stats: PacerStats): HubspotCall {
  const general = slidingWindow(100, 10_000);
  const search = slidingWindow(4, 1_000);
  const call: HubspotCall = async (portalId, opts, fn) => {
    stats.waitedMs += await (opts.kind === 'search' ? search() : general());
    try {
      return await fn(client);
    } catch (err) {
      if ((err as { code?: unknown }).code !== 429) throw err;
      stats.rateLimited += 1;
      await new Promise((r) => setTimeout(r, opts.kind === 'search' ? 1_000 : 10_000));
      return call(portalId, opts, fn);
    }
  };
  return call;
}
