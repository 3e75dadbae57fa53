import { vi } from 'vitest';

/**
 * hubspot.fetch only exists inside HubSpot's worker (it calls self.hsFetch), so card tests replace it —
 * at the one card module allowed to call it — with this spy. Each card test file calls
 * `vi.mock('@hubspot/ui-extensions', …mockHubspotFetch(orig))` and scripts answers with `respond`.
 */
export const fetchMock = vi.fn();

export async function mockHubspotFetch(importOriginal: () => Promise<unknown>) {
  const mod = (await importOriginal()) as typeof import('@hubspot/ui-extensions');
  return { ...mod, hubspot: { ...mod.hubspot, fetch: (...args: unknown[]) => fetchMock(...args) } };
}

/** A Response-like answer, as hubspot.fetch resolves it. */
export function respond(body: unknown, status = 200) {
  return { ok: status >= 200 && status < 300, status, json: async () => body };
}
