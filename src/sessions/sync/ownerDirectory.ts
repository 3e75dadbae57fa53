import type { HubspotCall } from '../../hubspot/hubspotCall.ts';

/**
 * HubSpot users (owners) of a portal by email, cached: assignees of action items become task owners, and
 * participants who are owners are the portal's own people. One `GET /crm/v3/owners` page of up to 500 answers
 * most portals in a single call (reference §6; the SDK's getPage), instead of one `?email=` call per assignee.
 */
const PAGE_SIZE = 500;
const MAX_PAGES = 20;

export interface OwnerDirectoryOptions {
  ttlMs?: number;
  now?: () => number;
  feature?: string;
}

export function createOwnerDirectory(hubspot: HubspotCall, options: OwnerDirectoryOptions = {}) {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  const feature = options.feature ?? 'sessions.owners';
  const cache = new Map<number, { at: number; byEmail: Promise<Map<string, string>> }>();

  async function load(portalId: number): Promise<Map<string, string>> {
    const byEmail = new Map<string, string>();
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await hubspot(portalId, { feature, idempotent: true }, (client) =>
        client.crm.owners.ownersApi.getPage(undefined, after, PAGE_SIZE, false),
      );
      for (const o of res.results) if (o.email) byEmail.set(o.email.toLowerCase(), String(o.id));
      after = res.paging?.next?.after;
      if (!after) break;
    }
    return byEmail;
  }

  return {
    /** Owner id per lower-case email. Concurrent callers share one load; a failed load is not cached. */
    byEmail(portalId: number): Promise<Map<string, string>> {
      const hit = cache.get(portalId);
      if (hit && now() - hit.at < ttlMs) return hit.byEmail;
      const entry = { at: now(), byEmail: load(portalId) };
      cache.set(portalId, entry);
      entry.byEmail.catch(() => cache.get(portalId) === entry && cache.delete(portalId));
      return entry.byEmail;
    },
  };
}

export type OwnerDirectory = ReturnType<typeof createOwnerDirectory>;
