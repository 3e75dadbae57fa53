import type { Db } from '../../db/openDatabase.ts';
import type { HubspotCall } from '../../hubspot/hubspotCall.ts';
import { loadAppEventCatalog } from '../../timeline/appEventCatalog.ts';
import { createTimeline, type Timeline, type TimelineResult } from '../../timeline/postTimelineEvent.ts';
import { createTimelineRepo } from '../../timeline/timelineRepo.ts';
import type { MessagingCrm, TimelineEvent } from '../crmPort.ts';
import { assignOwner, updateContactProperties } from './contactWrites.ts';
import { createTicketOnce } from './createTicketOnce.ts';
import { createPhoneLookup, type UnmatchedPhone } from './phoneLookup.ts';
import { createWhatsAppProvisioning } from './provisionWhatsAppProperties.ts';
import { readContactDeal } from './readContactDeal.ts';
import { readContacts } from './readContacts.ts';
import { createTicketsRepo } from './ticketsRepo.ts';
import { toAppEventOccurrence } from './timelineMapping.ts';

/**
 * The MessagingCrm port (crmPort.ts) on HubSpot. Every call goes through the gateway (`hubspot`, feature
 * `whatsapp`), which owns tokens, rate budget and retries; what the gateway gives up on is thrown, for the durable
 * job that runs the effects to retry. Each write is idempotent: timeline occurrences once per event id
 * (src/timeline, with the note fallback), property writes by value, tickets once per idempotency key.
 */
export interface HubspotMessagingCrmDeps {
  db: Db;
  /** The gateway: `(portalId, opts, fn) => gateway.call(portalId, opts, fn)`. */
  hubspot: HubspotCall;
  now?: () => number;
  /** Timeline posting shared with other capabilities; built over `db` and the project's app events when absent. */
  timeline?: Pick<Timeline, 'post'>;
  /** What findContactIdByPhone does when no contact has the number (phoneLookup.ts); default `lookup` only. */
  unmatchedPhone?: (portalId: number) => UnmatchedPhone;
  /** How long after an unanswered ticket create search is trusted to show it (createTicketOnce.ts); default 60 s. */
  ticketSearchGraceMs?: number;
}

export interface HubspotMessagingCrm extends MessagingCrm {
  /** Creates the "Switchboard WhatsApp" properties where missing: the install job's handler (idempotent). */
  provision: ReturnType<typeof createWhatsAppProvisioning>['provision'];
  /** Posts like postTimelineEvent and says how the occurrence reached the record (app event or note). */
  postTimelineOccurrence(portalId: number, contactId: string, event: TimelineEvent): Promise<TimelineResult>;
  /** For the forget registry (disconnect): what this module stored about the portal. */
  forgetPortal(portalId: number): number;
  /** For the privacy cleanups (contact deleted): the contact's ticket keys. */
  forgetContact(portalId: number, contactId: number | string): number;
}

export function createHubspotMessagingCrm(deps: HubspotMessagingCrmDeps): HubspotMessagingCrm {
  const { db, hubspot } = deps;
  const now = deps.now ?? Date.now;
  const timeline =
    deps.timeline ?? createTimeline({ hubspot, repo: createTimelineRepo(db), catalog: loadAppEventCatalog(), now });
  const provisioning = createWhatsAppProvisioning({ db, hubspot, now });
  const tickets = createTicketsRepo(db);
  const phones = createPhoneLookup({
    db,
    hubspot,
    now,
    ...(deps.unmatchedPhone ? { unmatched: deps.unmatchedPhone } : {}),
  });
  const writes = { hubspot, provisioning };
  const ticketDeps = { hubspot, repo: tickets, provisioning, now, searchGraceMs: deps.ticketSearchGraceMs };

  const postTimelineOccurrence = (portalId: number, contactId: string, event: TimelineEvent) => {
    const { eventUid, properties } = toAppEventOccurrence(event);
    return timeline.post({
      portalId,
      eventUid,
      objectId: contactId,
      occurrenceId: event.id,
      properties,
      timestamp: event.occurredAt,
    });
  };

  return {
    readContacts: (portalId, contactIds, properties) => readContacts(hubspot, portalId, contactIds, properties),
    readContactDeal: (portalId, contactId, properties) => readContactDeal(hubspot, portalId, contactId, properties),
    findContactIdByPhone: (portalId, phone) => phones.findContactIdByPhone(portalId, phone),
    async postTimelineEvent(portalId, contactId, event) {
      await postTimelineOccurrence(portalId, contactId, event);
    },
    postTimelineOccurrence,
    updateContactProperties: (portalId, contactId, properties) =>
      updateContactProperties(writes, portalId, contactId, properties),
    createTicket: (portalId, contactId, ticket) => createTicketOnce(ticketDeps, portalId, contactId, ticket),
    assignOwner: (portalId, contactId, ownerId) => assignOwner(writes, portalId, contactId, ownerId),
    provision: provisioning.provision,
    forgetPortal: (portalId) => provisioning.forgetPortal(portalId) + tickets.forgetPortal(portalId),
    forgetContact: (portalId, contactId) => tickets.forgetContact(portalId, String(contactId)),
  };
}
