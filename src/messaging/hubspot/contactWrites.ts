import { AppError } from '../../errors.ts';
import type { HubspotCall } from '../../hubspot/hubspotCall.ts';
import type { WhatsAppProvisioning } from './provisionWhatsAppProperties.ts';
import { CONTACT_PROPERTY_OPTIONS, PROVISIONED_CONTACT_PROPERTIES } from './whatsappProperties.ts';

/**
 * Contact updates of the port: one PATCH per call (`/crm/v3/objects/contacts/{id}`), through the gateway. Setting
 * the same values again changes nothing, so the call is idempotent and the gateway may retry it.
 */
export interface ContactWriteDeps {
  hubspot: HubspotCall;
  provisioning: Pick<WhatsAppProvisioning, 'ensure'>;
}

/**
 * The properties worth sending: HubSpot clears a property sent `""` (reference §2), so empty values are dropped,
 * never sent. An enumeration value outside its options is a bug in our mapping: refused (validation, not retried)
 * before any call, naming the property.
 */
export function contactPropertiesToSend(properties: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(properties)) {
    if (value === '') continue;
    const allowed = CONTACT_PROPERTY_OPTIONS.get(name);
    if (allowed && !allowed.has(value)) {
      throw new AppError('validation', `contact property ${name}: "${value}" is not one of ${[...allowed].join(', ')}`);
    }
    out[name] = value;
  }
  return out;
}

async function patchContact(deps: ContactWriteDeps, portalId: number, contactId: string, p: Record<string, string>) {
  await deps.hubspot(portalId, { feature: 'whatsapp', idempotent: true }, (client) =>
    client.crm.contacts.basicApi.update(contactId, { properties: p }),
  );
}

/** Writes the given properties; the WhatsApp ones are provisioned in the portal first (once per portal). */
export async function updateContactProperties(
  deps: ContactWriteDeps,
  portalId: number,
  contactId: string,
  properties: Record<string, string>,
): Promise<void> {
  const toSend = contactPropertiesToSend(properties);
  const names = Object.keys(toSend);
  if (names.length === 0) return;
  if (names.some((n) => PROVISIONED_CONTACT_PROPERTIES.has(n))) await deps.provisioning.ensure(portalId);
  await patchContact(deps, portalId, contactId, toSend);
}

/** Makes `ownerId` the contact's owner (HubSpot's `hubspot_owner_id`). */
export async function assignOwner(deps: ContactWriteDeps, portalId: number, contactId: string, ownerId: string) {
  if (ownerId.trim() === '') throw new AppError('validation', 'ownerId must not be empty');
  await patchContact(deps, portalId, contactId, { hubspot_owner_id: ownerId });
}
