import type { Properties } from '../../src/mapping/templateVariables.ts';
import type { MessagingCrm, TicketRequest, TimelineEvent } from '../../src/messaging/crmPort.ts';

/**
 * An in-memory stand-in for OUR MessagingCrm port (src/messaging/crmPort.ts), not for HubSpot: phase 2
 * implements the port on the gateway, which has its own tests against the HubSpot sandbox.
 */
export class InMemoryCrm implements MessagingCrm {
  readonly contacts = new Map<string, Properties>();
  readonly timeline: { contactId: string; event: TimelineEvent }[] = [];
  readonly tickets = new Map<string, { contactId: string; ticket: TicketRequest }>();
  readonly owners = new Map<string, string>();
  /** Each contact's deal, for deal-sourced template variables. */
  readonly deals = new Map<string, Properties>();
  reads = 0;

  constructor(contacts: Record<string, Properties> = {}) {
    for (const [id, properties] of Object.entries(contacts)) this.contacts.set(id, { ...properties });
  }

  async readContacts(_portalId: number, ids: string[], properties: string[]) {
    this.reads += 1;
    const found = new Map<string, Properties>();
    for (const id of ids) {
      const all = this.contacts.get(id);
      if (all) found.set(id, Object.fromEntries(properties.map((p) => [p, all[p]])));
    }
    return found;
  }

  async readContactDeal(_portalId: number, contactId: string, properties: string[]) {
    const deal = this.deals.get(contactId);
    return deal ? Object.fromEntries(properties.map((p) => [p, deal[p]])) : undefined;
  }

  async findContactIdByPhone(_portalId: number, phone: string) {
    for (const [id, p] of this.contacts) if (p.mobilephone === phone || p.phone === phone) return id;
    return undefined;
  }

  async postTimelineEvent(_portalId: number, contactId: string, event: TimelineEvent) {
    if (!this.timeline.some((t) => t.event.id === event.id)) this.timeline.push({ contactId, event });
  }

  async updateContactProperties(_portalId: number, contactId: string, properties: Record<string, string>) {
    this.contacts.set(contactId, { ...this.contacts.get(contactId), ...properties });
  }

  async createTicket(_portalId: number, contactId: string, ticket: TicketRequest) {
    if (!this.tickets.has(ticket.idempotencyKey)) this.tickets.set(ticket.idempotencyKey, { contactId, ticket });
    return { ticketId: `t-${this.tickets.size}` };
  }

  async assignOwner(_portalId: number, contactId: string, ownerId: string) {
    this.owners.set(contactId, ownerId);
  }
}
