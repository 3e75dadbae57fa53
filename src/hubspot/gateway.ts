import type { Client } from '@hubspot/api-client';
import { type AttemptOutcome, type RawRequest, type RawResponse, runRawAttempt, runSdkAttempt } from './attempt.ts';
import type { AccessGrant, PortalCredentials } from './credentials.ts';
import { type RateLimitHeaders, readRateLimitHeaders } from './headers.ts';
import type { Priority, RateBudget, RequestKind } from './rateBudget.ts';
import {
  classifyHubspotFailure,
  DEFAULT_RETRY_POLICY,
  type RetryDecision,
  type RetryPolicy,
  toAppError,
} from './retryPolicy.ts';
import type { Exchange } from './sdkClient.ts';
import type { UsageLedger } from './usageLedger.ts';

export type { RawRequest, RawResponse } from './attempt.ts';

/** What a caller says about one HubSpot call. */
export interface CallOptions {
  /** Who is calling, for the usage ledger (`orders`, `field_discovery`, …). */
  feature: string;
  /** A rep waiting on a card goes ahead of background sync. Default background. */
  priority?: Priority;
  /** `search` calls have their own 5/s budget (reference §3). Default general. */
  kind?: RequestKind;
  /** False for a create without an idempotency guard: a 500 or a lost answer is then not retried. Default true. */
  idempotent?: boolean;
  signal?: AbortSignal;
}

export interface GatewayDeps {
  apiBaseUrl: string;
  budget: RateBudget;
  ledger: UsageLedger;
  credentials: PortalCredentials;
  retryPolicy?: RetryPolicy;
  /** Per attempt; the SDK itself has none. Default 30 s. */
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

interface LoopState {
  attempt: number;
  waits: number;
  refreshed: boolean;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });

/**
 * The only code that talks to HubSpot for a portal. Each attempt: take a slot from the portal's rate budget,
 * get a token (refreshed ahead of expiry by the credentials), send, count it in the usage ledger, learn from
 * the rate-limit headers; a failure goes to the one retry classifier (retryPolicy.ts), which says retry
 * (after a wait, or after a pause of the whole portal for a 429), refresh the token once (401), or fail with
 * an AppError carrying HubSpot's message.
 */
export function createHubspotGateway(deps: GatewayDeps) {
  const policy = deps.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? defaultSleep;
  const timeoutMs = deps.timeoutMs ?? 30_000;
  const lastHeaders = new Map<number, { at: number; headers: RateLimitHeaders }>();

  function note(portalId: number, feature: string, exchange: Exchange): void {
    if (exchange.url === undefined) return; // nothing was sent (e.g. the caller's function threw first)
    const status = exchange.status ?? 0;
    deps.ledger.record({ portalId, feature, method: exchange.method ?? 'GET', path: exchange.url, status });
    if (!exchange.headers) return;
    deps.budget.observe(portalId, exchange.headers);
    const headers = readRateLimitHeaders(exchange.headers);
    if (Object.keys(headers).length > 0) lastHeaders.set(portalId, { at: now(), headers });
  }

  async function act(portalId: number, d: RetryDecision, s: LoopState, grant: AccessGrant, o: CallOptions) {
    if (d.action === 'refresh_then_retry') {
      await deps.credentials.refreshAfterRejection(portalId, grant.token);
      s.refreshed = true;
      return;
    }
    if (d.action === 'retry') {
      // A rate-limit pause holds every caller of the portal in acquire(); other retries wait on their own.
      if (d.pause) deps.budget.pause(portalId, now() + d.delayMs, d.pause);
      else await sleep(d.delayMs, o.signal);
      if (d.consumesAttempt) s.attempt += 1;
      else s.waits += 1;
      return;
    }
    if (d.details.policyName === 'DAILY') deps.budget.markDailyExhausted(portalId);
    if (d.reason === 'needs_reauthorization') deps.credentials.rejectedForGood(portalId, d.message);
    throw toAppError(d);
  }

  async function run<T>(portalId: number, o: CallOptions, send: (g: AccessGrant) => Promise<AttemptOutcome<T>>) {
    const s: LoopState = { attempt: 1, waits: 0, refreshed: false };
    for (;;) {
      // Fail fast (a paused or unknown portal) before taking, and holding, a slot of the budget.
      deps.credentials.assertUsable(portalId);
      const release = await deps.budget.acquire(portalId, { kind: o.kind, priority: o.priority, signal: o.signal });
      let grant: AccessGrant;
      let outcome: AttemptOutcome<T>;
      try {
        grant = await deps.credentials.accessToken(portalId);
        outcome = await send(grant);
      } finally {
        release(); // counted until now (holdInFlight): HubSpot saw it arrive at some point before this
      }
      note(portalId, o.feature, outcome.exchange);
      if (outcome.ok) return outcome.value;
      const failure = { ...outcome.failure, ...s, canRefresh: grant.canRefresh, idempotent: o.idempotent };
      await act(portalId, classifyHubspotFailure(failure, policy), s, grant, o);
    }
  }

  return {
    /** A typed SDK call, e.g. `(c) => c.crm.contacts.basicApi.getById(id)`: exactly one HTTP request. */
    call<T>(portalId: number, o: CallOptions, fn: (client: Client) => Promise<T>): Promise<T> {
      return run(portalId, o, (g) => runSdkAttempt(deps.apiBaseUrl, g.token, fn, timeoutMs));
    },
    /** A raw request for endpoints the SDK lacks (timeline v4, …); any non-2xx is a failure. */
    request(portalId: number, o: CallOptions & RawRequest): Promise<RawResponse> {
      return run(portalId, o, (g) => runRawAttempt(deps.apiBaseUrl, g.token, o, timeoutMs));
    },
    /** The latest `X-HubSpot-RateLimit-*` values HubSpot sent for the portal, and when. */
    lastRateHeaders(portalId: number) {
      return lastHeaders.get(portalId);
    },
    /** The portal's budget as the health views show it. */
    budgetSnapshot(portalId: number) {
      return deps.budget.snapshot(portalId);
    },
  };
}

export type HubspotGateway = ReturnType<typeof createHubspotGateway>;
