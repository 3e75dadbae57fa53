import type { HubspotCall } from '../hubspot/hubspotCall.ts';
import { type CrmObjectType, type CrmRecord, objectApis, type SearchRequest } from './crmApi.ts';

/**
 * Search, within HubSpot's documented limits (reference §3 [D]): request bodies of at most 3,000 characters,
 * at most 200 results per page, paging by `after`, 5 requests/s per account (the gateway paces `kind: 'search'`).
 * Search is eventually consistent: never use it to read what was just written (the matching engine remembers
 * its own creations, matchingKeysRepo.ts).
 */
export const SEARCH_BODY_LIMIT = 3_000;
export const SEARCH_PAGE_SIZE = 200;
/** Values per IN filter: no documented maximum was found [U]; the body limit binds first for emails. */
export const SEARCH_IN_VALUES_LIMIT = 100;
/** A match query should never need more; stop rather than page through 10,000 results (§3). */
const MAX_PAGES = 10;

/**
 * Splits `items` into the fewest consecutive chunks whose request (`build(chunk)`) stays within the body limit
 * and the IN-values limit. An item too large on its own is dropped: it cannot be searched for (3,000 characters).
 */
export function chunkForSearch<T>(items: readonly T[], build: (chunk: T[]) => SearchRequest): SearchRequest[] {
  const requests: SearchRequest[] = [];
  let current: T[] = [];
  // Measured as sent: searchAll adds `limit` and, on later pages, `after` (at most "10000", §3).
  const fits = (chunk: T[]) =>
    chunk.length <= SEARCH_IN_VALUES_LIMIT &&
    JSON.stringify({ limit: SEARCH_PAGE_SIZE, ...build(chunk), after: '10000' }).length <= SEARCH_BODY_LIMIT;
  for (const item of items) {
    if (fits([...current, item])) {
      current.push(item);
      continue;
    }
    if (current.length > 0) requests.push(build(current));
    current = fits([item]) ? [item] : [];
  }
  if (current.length > 0) requests.push(build(current));
  return requests;
}

/** Runs one search and every further page of it; each page is one HubSpot call. */
export async function searchAll(
  hubspot: HubspotCall,
  portalId: number,
  type: CrmObjectType,
  request: SearchRequest,
  feature: string,
): Promise<CrmRecord[]> {
  const found: CrmRecord[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body: SearchRequest = { limit: SEARCH_PAGE_SIZE, ...request, ...(after ? { after } : {}) };
    const res = await hubspot(portalId, { feature, kind: 'search', idempotent: true }, (client) =>
      objectApis(client, type).search.doSearch(body),
    );
    found.push(...res.results);
    after = res.paging?.next?.after;
    if (!after) return found;
  }
  return found;
}

/** Runs several searches one after another (the search lane allows 5/s anyway) and concatenates the results. */
export async function searchEach(
  hubspot: HubspotCall,
  portalId: number,
  type: CrmObjectType,
  requests: readonly SearchRequest[],
  feature: string,
): Promise<CrmRecord[]> {
  const found: CrmRecord[] = [];
  for (const request of requests) found.push(...(await searchAll(hubspot, portalId, type, request, feature)));
  return found;
}
