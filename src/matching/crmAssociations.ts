import { ASSOCIATIONS_READ_LIMIT, chunk } from '../hubspot/batching.ts';
import type { HubspotCall } from '../hubspot/hubspotCall.ts';

/**
 * Associations v4 batch read (reference §4.1: ≤ 1,000 inputs per call, 200/207). An id without associations
 * comes back as a 207 error rather than an empty list; that is "none", not a failure. Only the first page of each
 * record's associations is read (HubSpot pages beyond 500 [U]); enough for "the contacts of a company".
 */
export type AssociationObjectType = 'contacts' | 'companies' | 'deals' | 'meetings' | 'tasks';

interface BatchReadBody {
  results?: { _from?: { id: string }; to?: { toObjectId: string | number }[] }[];
}

/** Ids associated with each of `ids` (every asked id is a key; no associations → []). */
export async function readAssociations(
  hubspot: HubspotCall,
  portalId: number,
  from: AssociationObjectType,
  to: AssociationObjectType,
  ids: readonly string[],
  feature: string,
): Promise<Map<string, string[]>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, string[]>(unique.map((id) => [id, []]));
  for (const part of chunk(unique, ASSOCIATIONS_READ_LIMIT)) {
    const body = (await hubspot(portalId, { feature, idempotent: true }, (client) =>
      client.crm.associations.v4.batchApi.getPage(from, to, { inputs: part.map((id) => ({ id })) }),
    )) as BatchReadBody;
    for (const r of body.results ?? []) {
      const list = r._from ? out.get(String(r._from.id)) : undefined;
      list?.push(...(r.to ?? []).map((t) => String(t.toObjectId)));
    }
  }
  return out;
}
