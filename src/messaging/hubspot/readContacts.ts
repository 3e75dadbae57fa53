import { AppError } from '../../errors.ts';
import { BATCH_LIMIT, chunk } from '../../hubspot/batching.ts';
import type { HubspotCall } from '../../hubspot/hubspotCall.ts';
import type { Properties } from '../../mapping/templateVariables.ts';

/**
 * Contacts by id with the batch read endpoint (`POST /crm/v3/objects/contacts/batch/read`), at most 100 ids per call
 * (reference §2), one call per chunk through the gateway. HubSpot answers 207 with one OBJECT_NOT_FOUND error naming
 * the ids it does not have (deleted, merged away): those are simply absent from the map. Any other error throws.
 */
interface BatchReadBody {
  results: { id: string; properties: Record<string, string | null> }[];
  errors?: { category?: string; message?: string }[];
}

export async function readContacts(
  hubspot: HubspotCall,
  portalId: number,
  contactIds: readonly string[],
  properties: readonly string[],
): Promise<Map<string, Properties>> {
  const found = new Map<string, Properties>();
  const ids = [...new Set(contactIds)];
  for (const part of chunk(ids, BATCH_LIMIT)) {
    const body = (await hubspot(portalId, { feature: 'whatsapp', idempotent: true }, (client) =>
      client.crm.contacts.batchApi.read({
        inputs: part.map((id) => ({ id })),
        properties: [...properties],
        propertiesWithHistory: [],
      }),
    )) as BatchReadBody;
    const unexpected = (body.errors ?? []).filter((e) => e.category !== 'OBJECT_NOT_FOUND');
    if (unexpected.length > 0) {
      const why = unexpected.map((e) => e.message ?? e.category).join('; ');
      throw new AppError('upstream_unavailable', `HubSpot could not read some contacts: ${why}`);
    }
    for (const r of body.results) {
      found.set(r.id, Object.fromEntries(properties.map((p) => [p, r.properties[p] ?? null])));
    }
  }
  return found;
}
