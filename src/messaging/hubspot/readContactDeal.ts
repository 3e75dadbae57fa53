import type { HubspotCall } from '../../hubspot/hubspotCall.ts';
import type { Properties } from '../../mapping/templateVariables.ts';
import { readAssociations } from '../../matching/crmAssociations.ts';

/**
 * The deal a contact's template variables read from (`{{2}}` → deal amount, issue 7 §2): of the contact's associated
 * deals, the most recently modified one [M: HubSpot has no "primary deal"; the latest is what a rep means by "their
 * deal" in the guide's payment-reminder and order-update flows]. Undefined when the contact has no deal.
 */
interface BatchReadBody {
  results: { id: string; properties: Record<string, string | null> }[];
}

export async function readContactDeal(
  hubspot: HubspotCall,
  portalId: number,
  contactId: string,
  properties: readonly string[],
): Promise<Properties | undefined> {
  const dealIds = (await readAssociations(hubspot, portalId, 'contacts', 'deals', [contactId], 'whatsapp')).get(
    contactId,
  );
  if (!dealIds || dealIds.length === 0) return undefined;
  const wanted = [...new Set([...properties, 'hs_lastmodifieddate'])];
  const body = (await hubspot(portalId, { feature: 'whatsapp', idempotent: true }, (client) =>
    client.crm.deals.batchApi.read({
      inputs: dealIds.slice(0, 100).map((id) => ({ id })),
      properties: wanted,
      propertiesWithHistory: [],
    }),
  )) as BatchReadBody;
  const latest = [...body.results].sort((a, b) =>
    String(b.properties.hs_lastmodifieddate ?? '').localeCompare(String(a.properties.hs_lastmodifieddate ?? '')),
  )[0];
  return latest ? Object.fromEntries(properties.map((p) => [p, latest.properties[p] ?? null])) : undefined;
}
