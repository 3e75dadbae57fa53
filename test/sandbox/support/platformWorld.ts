import { Client } from '@hubspot/api-client';
import {
  createPortal,
  type CreatePortalInput,
  issuePrivateAppToken,
  registerOAuthClient,
} from '../../../sandbox/hubspot/portals.ts';
import { createHubspotSandbox, type HubspotSandbox } from '../../../sandbox/hubspot/server.ts';
import type { OAuthClient, Portal, SandboxOptions, SandboxState } from '../../../sandbox/hubspot/state.ts';

/** A listening HubSpot sandbox with a hand-driven clock, for the platform-side tests (OAuth, limits, schema). */
export interface PlatformWorld {
  sandbox: HubspotSandbox;
  state: SandboxState;
  url: string;
  clock: { now(): number; advance(ms: number): void; set(ms: number): void };
  portal(input?: Partial<CreatePortalInput>): Portal;
  privateToken(portalId: number, scopes?: string[]): string;
  oauthClient(overrides?: Partial<OAuthClient>): OAuthClient;
  /** The real SDK pointed at the sandbox (retries: total attempts, as the SDK counts them). */
  sdk(token: string, retries?: number): Client;
  /** Raw fetch with an optional bearer token; returns status, headers and parsed body. */
  call(method: string, path: string, opts?: { token?: string; body?: unknown }): Promise<RawResponse>;
  close(): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON bodies
export type Json = any;

export interface RawResponse {
  status: number;
  headers: Headers;
  body: Json;
}

export const SCHEMA_SCOPES = [
  'crm.schemas.contacts.read',
  'crm.schemas.contacts.write',
  'crm.schemas.companies.read',
  'crm.schemas.companies.write',
  'crm.schemas.deals.read',
  'crm.schemas.deals.write',
  'crm.objects.contacts.read',
  'crm.objects.deals.read',
  'crm.objects.owners.read',
  'tickets',
];

/** 2026-01-15 10:00 UTC: a fixed start so expiry and day boundaries are exact. */
export const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);

let nextPortalId = 70_000;

export async function startPlatformWorld(options: Partial<SandboxOptions> = {}): Promise<PlatformWorld> {
  let t = T0;
  const sandbox = createHubspotSandbox({ now: () => t, ...options });
  const server = await sandbox.listen();
  const state = sandbox.state;
  return {
    sandbox,
    state,
    url: server.url,
    clock: {
      now: () => t,
      advance: (ms) => {
        t += ms;
      },
      set: (ms) => {
        t = ms;
      },
    },
    portal: (input = {}) => createPortal(state, { id: nextPortalId++, ...input }),
    privateToken: (portalId, scopes = SCHEMA_SCOPES) => issuePrivateAppToken(state, portalId, scopes),
    oauthClient: (overrides = {}) =>
      registerOAuthClient(state, {
        clientId: 'client-1',
        clientSecret: 'secret-1',
        appId: 54321,
        redirectUrls: ['https://app.example.com/oauth/callback'],
        ...overrides,
      }),
    sdk: (token, retries = 1) =>
      new Client({ accessToken: token, basePath: server.url, numberOfApiCallRetries: retries }),
    call: async (method, path, opts = {}) => {
      const headers: Record<string, string> = {};
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        // not JSON (HTML pages): keep the text
      }
      return { status: res.status, headers: res.headers, body };
    },
    close: server.close,
  };
}

/** What the SDK's ApiException carries (reference §1.3). */
export interface ApiFailure {
  code: number;
  body: Json;
  headers: Record<string, string>;
}

/** Runs a promise that must reject with the SDK's ApiException and returns it. */
export async function apiError(p: Promise<unknown>): Promise<ApiFailure> {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: number; body?: unknown; headers?: Record<string, string> };
    if (typeof e.code === 'number') return e as ApiFailure;
    throw err;
  }
  throw new Error('expected the SDK call to fail');
}
