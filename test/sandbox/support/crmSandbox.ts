import { Client } from '@hubspot/api-client';
import { createPortal, issuePrivateAppToken } from '../../../sandbox/hubspot/portals.ts';
import { createHubspotSandbox } from '../../../sandbox/hubspot/server.ts';
import type { Portal, SandboxOptions, SandboxState } from '../../../sandbox/hubspot/state.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests inspect HubSpot JSON bodies freely.
export type Json = any;

/** Every CRM scope the sandbox checks, so tests opt out of scope failures unless they test them. */
export const ALL_CRM_SCOPES = [
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.line_items.read',
  'crm.objects.line_items.write',
  'crm.objects.products.read',
  'crm.objects.products.write',
  'tickets',
  'timeline',
  'automation',
];

export interface CrmWorld {
  url: string;
  state: SandboxState;
  portal: Portal;
  token: string;
  /** The real @hubspot/api-client pointed at the sandbox. */
  client: Client;
  /** Plain fetch against the sandbox with the portal's bearer token. */
  call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: Json }>;
  close(): Promise<void>;
}

/** Starts a listening sandbox with one portal and a private-app token (rate limits off unless asked for). */
export async function startCrmWorld(
  opts: Partial<SandboxOptions> & { scopes?: string[]; appEventsEnabled?: boolean } = {},
): Promise<CrmWorld> {
  const { scopes = ALL_CRM_SCOPES, appEventsEnabled, ...options } = opts;
  const sandbox = createHubspotSandbox({ enforceRateLimits: false, ...options });
  const server = await sandbox.listen();
  const portal = createPortal(sandbox.state, { id: 4242, appEventsEnabled });
  const token = issuePrivateAppToken(sandbox.state, portal.id, scopes);
  const client = new Client({ accessToken: token, basePath: server.url, numberOfApiCallRetries: 0 });
  const call = async (method: string, path: string, body?: unknown, t = token) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
  };
  return { url: server.url, state: sandbox.state, portal, token, client, call, close: server.close };
}

/** The HTTP status and body of a rejected SDK call (fails the test when the call succeeded). */
export async function rejection(p: Promise<unknown>): Promise<{ code: number; body: Json }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: number; body?: unknown };
    if (typeof err.code === 'number') return { code: err.code, body: err.body };
    throw e;
  }
  throw new Error('expected the call to be rejected, but it succeeded');
}
