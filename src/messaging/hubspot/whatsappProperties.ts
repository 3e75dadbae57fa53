import { WHATSAPP_CONTACT_PROPERTIES as P } from '../crmPort.ts';

/**
 * The custom properties messaging writes, as data: the contact fields of the port (crmPort.ts) and, on tickets, the
 * key that lets a retried job find a ticket whose create answer was lost. All in one "Switchboard WhatsApp" group per
 * object type. Shapes follow the properties API (reference/hubspot-api.md §5: valid type → fieldType pairs; options
 * carry label, value, hidden). Enumerations rather than free text, so admins can filter lists and branch workflows on
 * them; a value outside the options is refused before any call (contactWrites.ts).
 */
export const WHATSAPP_GROUP = {
  name: 'switchboard_whatsapp',
  label: 'Switchboard WhatsApp',
  displayOrder: -1,
} as const;

/** The ticket property holding the effect's idempotency key (createTicketOnce.ts). */
export const TICKET_KEY_PROPERTY = 'switchboard_whatsapp_key';

export interface WhatsAppPropertyDefinition {
  name: string;
  label: string;
  groupName: string;
  type: 'string' | 'datetime' | 'enumeration';
  fieldType: 'text' | 'date' | 'select';
  description: string;
  options?: { label: string; value: string; hidden: boolean; displayOrder: number }[];
}

const def = (p: Omit<WhatsAppPropertyDefinition, 'groupName'>): WhatsAppPropertyDefinition => ({
  ...p,
  groupName: WHATSAPP_GROUP.name,
});

const options = (pairs: [value: string, label: string][]) =>
  pairs.map(([value, label], displayOrder) => ({ value, label, hidden: false, displayOrder }));

/** Per object type (properties API path segment), the definitions to create. */
export const WHATSAPP_PROPERTY_DEFINITIONS: Record<'contacts' | 'tickets', WhatsAppPropertyDefinition[]> = {
  contacts: [
    def({
      name: P.lastMessageAt,
      label: 'WhatsApp last message date',
      type: 'datetime',
      fieldType: 'date',
      description: 'When Switchboard last sent this contact a WhatsApp message.',
    }),
    def({
      name: P.lastMessageStatus,
      label: 'WhatsApp last message status',
      type: 'enumeration',
      fieldType: 'select',
      description: 'Delivery status of the latest WhatsApp message sent to this contact.',
      // The statuses crmEffects.ts writes: `sent` on send, then forward-only changes (statusTransitions.ts).
      options: options([
        ['sent', 'Sent'],
        ['delivered', 'Delivered'],
        ['read', 'Read'],
        ['failed', 'Failed'],
      ]),
    }),
    def({
      name: P.lastReplyAt,
      label: 'WhatsApp last reply date',
      type: 'datetime',
      fieldType: 'date',
      description: 'When this contact last wrote to the business on WhatsApp.',
    }),
    def({
      name: P.responseStatus,
      label: 'WhatsApp response status',
      type: 'enumeration',
      fieldType: 'select',
      description: 'Whether the contact replied since the latest WhatsApp message sent to them.',
      options: options([
        ['awaiting_reply', 'Awaiting reply'],
        ['replied', 'Replied'],
      ]),
    }),
    def({
      name: P.optInStatus,
      label: 'WhatsApp opt-in status',
      type: 'enumeration',
      fieldType: 'select',
      description: 'The contact’s latest WhatsApp opt-in or opt-out (by keyword reply).',
      options: options([
        ['opted_in', 'Opted in'],
        ['opted_out', 'Opted out'],
        ['opted_out_marketing', 'Opted out of marketing'],
      ]),
    }),
  ],
  tickets: [
    def({
      name: TICKET_KEY_PROPERTY,
      label: 'Switchboard WhatsApp key',
      type: 'string',
      fieldType: 'text',
      description: 'Identifies the WhatsApp message this ticket was created for (set by Switchboard).',
    }),
  ],
};

/** Allowed values of each enumeration contact property, by property name. */
export const CONTACT_PROPERTY_OPTIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  WHATSAPP_PROPERTY_DEFINITIONS.contacts
    .filter((d) => d.options)
    .map((d) => [d.name, new Set(d.options!.map((o) => o.value))]),
);

/** Names of the contact properties this module provisions. */
export const PROVISIONED_CONTACT_PROPERTIES: ReadonlySet<string> = new Set(
  WHATSAPP_PROPERTY_DEFINITIONS.contacts.map((d) => d.name),
);
