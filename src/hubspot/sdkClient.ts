import { Client } from '@hubspot/api-client';

/** What the SDK sent and received in one attempt, as the custom middleware saw it. */
export interface Exchange {
  method?: string;
  url?: string;
  status?: number;
  headers?: Record<string, string>;
}

interface RequestContextLike {
  getUrl(): string;
  getHttpMethod(): string;
}

interface ResponseContextLike {
  httpStatusCode: number;
  headers: Record<string, string>;
}

/**
 * A fresh `@hubspot/api-client` Client for ONE attempt. Why fresh and why these options (reference §1.4–1.5):
 * - retries and the Bottleneck limiter are process-wide singletons that every `new Client` replaces, so every
 *   client is built with `numberOfApiCallRetries: 0` and no limiter — the gateway retries and paces itself;
 * - the custom middleware (`post`) is the only way to read the status and `X-HubSpot-RateLimit-*` headers of
 *   a successful typed call; one client per attempt ties what it records to exactly one request.
 * A second request through the same client is refused: the rate budget granted one slot, not two.
 */
export function createAttemptClient(o: { basePath: string; accessToken?: string }): {
  client: Client;
  exchange: Exchange;
} {
  const exchange: Exchange = {};
  const middleware = {
    pre(ctx: unknown) {
      const req = ctx as RequestContextLike;
      if (exchange.url !== undefined) {
        return Promise.reject(new Error('one HubSpot request per gateway call: split paging into separate calls'));
      }
      exchange.method = String(req.getHttpMethod());
      exchange.url = req.getUrl();
      return ctx;
    },
    post(ctx: unknown) {
      const res = ctx as ResponseContextLike;
      exchange.status = res.httpStatusCode;
      exchange.headers = res.headers;
      return ctx;
    },
  };
  const client = new Client({
    basePath: o.basePath,
    numberOfApiCallRetries: 0,
    middleware: [middleware],
    ...(o.accessToken === undefined ? {} : { accessToken: o.accessToken }),
  });
  return { client, exchange };
}
