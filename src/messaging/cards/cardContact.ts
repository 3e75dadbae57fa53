import { AppError } from '../../errors.ts';
import type { Properties } from '../../mapping/templateVariables.ts';
import { contactWhatsAppNumber } from '../../mapping/whatsappPhone.ts';
import type { ContactState } from '../contactStateRepo.ts';
import type { MessagingCrm } from '../crmPort.ts';
import type { Reason } from '../eligibility.ts';
import type { PortalConnection, PortalProviders } from '../portalProviders.ts';
import { prepareSend } from '../prepareSend.ts';
import { dealPropertiesFor, propertiesFor } from '../runtime/contactSender.ts';
import type { MessagingStores } from '../runtime/messagingStores.ts';
import type { SendContent } from '../sendMessage.ts';

/**
 * The contact a card request is about, read the way a send reads it: the portal's WhatsApp connection, the
 * contact's properties through the CRM port (scoped to the portal, so another portal's contact is simply not
 * found), its WhatsApp number and the state we keep for that number in this portal.
 */
export interface CardContactDeps {
  stores: Pick<MessagingStores, 'store' | 'contacts' | 'templates' | 'statuses'>;
  portals: Pick<PortalProviders, 'require'>;
  crm: Pick<MessagingCrm, 'readContacts' | 'readContactDeal'>;
  now: () => number;
}

export interface CardContact extends PortalConnection {
  portalId: number;
  contactId: string;
  properties: Properties;
  /** The contact's deal, read only when the template maps deal properties. */
  deal?: Properties;
  /** E.164, or null when no phone property normalises. */
  phone: string | null;
  state: ContactState | undefined;
}

/** Loads the contact with the properties `content` needs (phone properties, names, the template's mapping). */
export async function loadCardContact(
  deps: CardContactDeps,
  portalId: number,
  contactId: string,
  content: SendContent,
): Promise<CardContact> {
  const connection = deps.portals.require(portalId);
  const { settings } = connection.account;
  const wanted = propertiesFor(deps.stores.templates, portalId, content, settings.defaultLanguage);
  const found = await deps.crm.readContacts(portalId, [contactId], wanted);
  const properties = found.get(contactId);
  if (!properties) throw new AppError('not_found', `HubSpot has no contact ${contactId} in portal ${portalId}`);
  const dealProperties = dealPropertiesFor(deps.stores.templates, portalId, content, settings.defaultLanguage);
  const deal =
    dealProperties.length > 0 ? await deps.crm.readContactDeal(portalId, contactId, dealProperties) : undefined;
  const number = contactWhatsAppNumber(properties, settings.defaultCountry);
  const phone = number.ok ? number.e164 : null;
  const state = phone ? deps.stores.contacts.find(portalId, phone) : undefined;
  return { ...connection, portalId, contactId, properties, ...(deal ? { deal } : {}), phone, state };
}

/**
 * Why `content` may not go to this contact now, decided by the very code a send runs (prepareSend →
 * checkEligibility), so the card never offers what the send would refuse. Reads only; nothing is sent.
 */
export function refusalsFor(deps: CardContactDeps, contact: CardContact, content: SendContent): Reason[] {
  const { store, contacts, templates, statuses } = deps.stores;
  const prepared = prepareSend(
    { provider: contact.provider, account: contact.account, templates, contacts, store, statuses, now: deps.now },
    {
      contactId: contact.contactId,
      contact: contact.properties,
      ...(contact.deal ? { deal: contact.deal } : {}),
      content,
      idempotencyKey: 'card:preview',
    },
  );
  return prepared.ok ? [] : prepared.reasons;
}
