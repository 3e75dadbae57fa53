import { afterEach, describe, expect, it } from 'vitest';
import { injectFault, readRecords, readTimeline } from '../../sandbox/hubspot/controlPlane.ts';
import { associatedIds } from '../../sandbox/hubspot/crm/associationStore.ts';
import type { HubspotCall } from '../../src/hubspot/hubspotCall.ts';
import { RetryAfter } from '../../src/jobs/retryPolicy.ts';
import { createMatchingRulesRepo } from '../../src/matching/index.ts';
import type { StatusChange } from '../../src/messaging/applyStatusEvent.ts';
import { type CrmEffect, inboundEffects, sentEffects, statusChangeEffects } from '../../src/messaging/crmEffects.ts';
import {
  type TicketRequest,
  type TimelineEvent,
  WHATSAPP_CONTACT_PROPERTIES as P,
} from '../../src/messaging/crmPort.ts';
import { TICKET_KEY_PROPERTY, WHATSAPP_GROUP } from '../../src/messaging/hubspot/whatsappProperties.ts';
import type { StoredMessage } from '../../src/messaging/messageRow.ts';
import { runCrmEffects } from '../../src/messaging/runCrmEffects.ts';
import { type CrmWorld, startCrmWorld } from './hubspot/crmWorld.ts';

let w: CrmWorld;
afterEach(async () => w?.close());

const ANNA = '+4915123456701'; // the demo portal's first contact (phone and mobilephone)
const T0 = Date.parse('2026-03-02T10:00:00Z');

/** A conversation-store row; outbound template accepted by the provider unless overridden. */
function message(o: Partial<StoredMessage> = {}): StoredMessage {
  return {
    id: 1,
    portalId: w.portalId,
    direction: 'outbound',
    phone: ANNA,
    phoneNumberId: '106540352242922',
    contactId: w.world.seeded.contactIds[0]!,
    providerMessageId: 'wamid.HBgLMzQ2MTIzNDU2NzgVAgARGBI1',
    idempotencyKey: null,
    kind: 'template',
    templateName: 'order_update',
    templateLanguage: 'en_US',
    templateCategory: 'UTILITY',
    body: 'Your order 1042 has shipped',
    payload: null,
    replyTo: null,
    status: 'accepted',
    failure: null,
    campaignId: null,
    enrollmentId: null,
    createdAt: T0,
    acceptedAt: T0,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
    updatedAt: T0,
    ...o,
  };
}

const timelineOf = (effects: CrmEffect[]): TimelineEvent[] =>
  effects.flatMap((e) => (e.kind === 'timeline' ? [e.event] : []));
const propertiesOf = (effects: CrmEffect[]): Record<string, string> =>
  Object.assign({}, ...effects.flatMap((e) => (e.kind === 'contact_properties' ? [e.properties] : [])));

function delivered(m: StoredMessage): StatusChange {
  return {
    kind: 'changed',
    message: { ...m, status: 'delivered', deliveredAt: T0 + 5_000 },
    from: 'sent',
    to: 'delivered',
  } as StatusChange;
}

async function contactProps(contactId: string, names: string[]) {
  return (await w.crm.readContacts(w.portalId, [contactId], names)).get(contactId)!;
}

describe('reading contacts', () => {
  it('reads 250 contacts in three batch calls of at most 100 ids, and leaves out ids HubSpot does not have', async () => {
    w = await startCrmWorld();
    const ids = Array.from(
      { length: 250 },
      (_, i) => w.contact({ email: `c${i}@bulk.example`, firstname: `C${i}` }).id,
    );
    const since = w.state.now();
    const found = await w.crm.readContacts(w.portalId, [...ids, '987654321'], ['email', 'firstname']);
    expect(found.size).toBe(250);
    expect(found.get(ids[249]!)).toEqual({ email: 'c249@bulk.example', firstname: 'C249' });
    expect(found.has('987654321')).toBe(false);
    expect(w.calls(since, 'POST', '/crm/v3/objects/contacts/batch/read')).toHaveLength(3);
  });
});

describe('finding the contact of a WhatsApp number', () => {
  it('finds the contact whose phone is stored in E.164', async () => {
    w = await startCrmWorld();
    expect(await w.crm.findContactIdByPhone(w.portalId, ANNA)).toBe(w.world.seeded.contactIds[0]);
  });

  it('finds contacts whose number was typed nationally or as digits without +', async () => {
    w = await startCrmWorld();
    const national = w.contact({ firstname: 'Nat', phone: '015199887766' });
    const digits = w.contact({ firstname: 'Dig', mobilephone: '447700900123' });
    expect(await w.crm.findContactIdByPhone(w.portalId, '+4915199887766')).toBe(national.id);
    expect(await w.crm.findContactIdByPhone(w.portalId, '+447700900123')).toBe(digits.id);
  });

  it('answers undefined for a number no contact has, and creates no contact', async () => {
    w = await startCrmWorld();
    const before = readRecords(w.state, w.portalId, 'contacts').length;
    expect(await w.crm.findContactIdByPhone(w.portalId, '+4915100000099')).toBeUndefined();
    expect(readRecords(w.state, w.portalId, 'contacts')).toHaveLength(before);
  });

  it('does not guess between two contacts with the same number', async () => {
    w = await startCrmWorld();
    w.contact({ firstname: 'One', mobilephone: '+4915100000001' });
    w.contact({ firstname: 'Two', phone: '015100000001' });
    expect(await w.crm.findContactIdByPhone(w.portalId, '+4915100000001')).toBeUndefined();
  });

  it('following the portal rules where contacts may be created without email, an unknown number becomes one contact', async () => {
    w = await startCrmWorld();
    createMatchingRulesRepo(w.world.db).set(w.portalId, { onNoMatch: 'create', requireEmailToCreate: false });
    const crm = w.rebuild({ unmatchedPhone: () => 'portalRules' });
    const before = readRecords(w.state, w.portalId, 'contacts').length;
    const first = await crm.findContactIdByPhone(w.portalId, '+4915100000077');
    const again = await crm.findContactIdByPhone(w.portalId, '+4915100000077');
    expect(first).toBeDefined();
    expect(again).toBe(first);
    const contacts = readRecords(w.state, w.portalId, 'contacts');
    expect(contacts).toHaveLength(before + 1);
    expect(contacts.find((c) => c.id === first)?.properties.phone).toBe('+4915100000077');
  });

  it('following the default portal rules (create only from an email), an unknown number stays unmatched', async () => {
    w = await startCrmWorld();
    const crm = w.rebuild({ unmatchedPhone: () => 'portalRules' });
    const before = readRecords(w.state, w.portalId, 'contacts').length;
    expect(await crm.findContactIdByPhone(w.portalId, '+4915100000078')).toBeUndefined();
    expect(readRecords(w.state, w.portalId, 'contacts')).toHaveLength(before);
  });
});

describe('timeline events', () => {
  it('posts each event id once; sent and delivered are one template whose status differs', async () => {
    w = await startCrmWorld();
    const contactId = w.world.seeded.contactIds[0]!;
    const m = message();
    const [sent] = timelineOf(sentEffects(m));
    const [deliveredEvent] = timelineOf(statusChangeEffects(delivered(m), true));
    const since = w.state.now();
    await w.crm.postTimelineEvent(w.portalId, contactId, sent!);
    await w.crm.postTimelineEvent(w.portalId, contactId, sent!); // the job ran again
    await w.crm.postTimelineEvent(w.portalId, contactId, deliveredEvent!);

    const occurrences = readTimeline(w.state, w.portalId);
    expect(occurrences).toHaveLength(2);
    expect(occurrences.map((o) => [o.eventTypeName, o.id, o.objectId, o.properties.status])).toEqual([
      ['whatsapp_message_status', `wa:${m.providerMessageId}:sent`, contactId, 'sent'],
      ['whatsapp_message_status', `wa:${m.providerMessageId}:delivered`, contactId, 'delivered'],
    ]);
    expect(occurrences[0]!.properties).toEqual({
      messageId: m.providerMessageId,
      templateName: 'order_update',
      status: 'sent',
      messagePreview: 'Your order 1042 has shipped',
    });
    expect(w.calls(since, 'POST', '/integrators/timeline')).toHaveLength(2);
  });

  it('a reply and an opt-out go to their own templates', async () => {
    w = await startCrmWorld();
    const contactId = w.world.seeded.contactIds[0]!;
    const stop = message({ direction: 'inbound', kind: 'text', templateName: null, body: 'STOP', status: 'received' });
    const decision = {
      kind: 'opt_out',
      scope: 'all',
      keyword: 'STOP',
      confirmation: 'You will not hear from us',
    } as const;
    for (const event of timelineOf(inboundEffects(stop, decision))) {
      await w.crm.postTimelineEvent(w.portalId, contactId, event);
    }
    expect(readTimeline(w.state, w.portalId).map((o) => [o.eventTypeName, o.properties])).toEqual([
      ['whatsapp_reply_received', { messageId: stop.providerMessageId, text: 'STOP', phone: stop.phone }],
      [
        'whatsapp_opt_in_changed',
        { change: 'out', keyword: 'STOP', scope: 'all', phone: stop.phone, messageId: stop.providerMessageId },
      ],
    ]);
  });

  it('where the portal refuses app events, the event becomes a note on the contact, once', async () => {
    w = await startCrmWorld();
    w.portal.appEventsEnabled = false; // HubSpot has not approved the app's events for this portal (403)
    const contactId = w.world.seeded.contactIds[0]!;
    const [sent] = timelineOf(sentEffects(message()));
    expect(await w.crm.postTimelineOccurrence(w.portalId, contactId, sent!)).toMatchObject({ channel: 'note' });
    await w.crm.postTimelineEvent(w.portalId, contactId, sent!);

    expect(readTimeline(w.state, w.portalId)).toEqual([]);
    const notes = readRecords(w.state, w.portalId, 'notes');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.properties.hs_note_body).toContain('WhatsApp order_update sent');
    expect(notes[0]!.properties.hs_note_body).toContain('Your order 1042 has shipped');
    expect(associatedIds(w.portal, 'notes', notes[0]!.id, 'contacts')).toEqual([contactId]);
  });
});

describe('contact properties', () => {
  it('the first write creates the Switchboard WhatsApp group and properties; later writes only update', async () => {
    w = await startCrmWorld();
    const contactId = w.world.seeded.contactIds[1]!;
    const m = message({ contactId });
    const since = w.state.now();
    await w.crm.updateContactProperties(w.portalId, contactId, propertiesOf(sentEffects(m)));
    await w.crm.updateContactProperties(w.portalId, contactId, propertiesOf(statusChangeEffects(delivered(m), true)));

    expect(w.calls(since, 'POST', '/crm/v3/properties')).toHaveLength(4); // group + batch, for contacts and tickets
    expect(w.calls(since, 'PATCH', `/crm/v3/objects/contacts/${contactId}`)).toHaveLength(2);
    const defs = w.portal.properties.get('contacts')!;
    for (const name of Object.values(P)) expect(defs.get(name)?.groupName).toBe(WHATSAPP_GROUP.name);
    expect(w.portal.propertyGroups.get('contacts')?.get(WHATSAPP_GROUP.name)?.label).toBe('Switchboard WhatsApp');
    const props = await contactProps(contactId, [P.lastMessageAt, P.lastMessageStatus, P.responseStatus]);
    expect(Date.parse(props[P.lastMessageAt]!)).toBe(T0);
    expect(props).toMatchObject({ [P.lastMessageStatus]: 'delivered', [P.responseStatus]: 'awaiting_reply' });
  });

  it('never sends an empty value: what the contact has stays', async () => {
    w = await startCrmWorld();
    const contactId = w.world.seeded.contactIds[1]!;
    await w.crm.updateContactProperties(w.portalId, contactId, { [P.lastReplyAt]: new Date(T0).toISOString() });
    await w.crm.updateContactProperties(w.portalId, contactId, { [P.lastReplyAt]: '', [P.responseStatus]: 'replied' });
    const props = await contactProps(contactId, [P.lastReplyAt, P.responseStatus]);
    expect(Date.parse(props[P.lastReplyAt]!)).toBe(T0);
    expect(props[P.responseStatus]).toBe('replied');
  });

  it('provisioning again (a reinstall, a second instance) finds everything in place', async () => {
    w = await startCrmWorld();
    const first = await w.crm.provision(w.portalId);
    expect(first.contacts.created).toEqual(Object.values(P));
    expect(await w.crm.provision(w.portalId)).toEqual({
      contacts: { created: [], existing: Object.values(P) },
      tickets: { created: [], existing: [TICKET_KEY_PROPERTY] },
    });
  });

  it('refuses a value outside the property options before calling HubSpot', async () => {
    w = await startCrmWorld();
    const since = w.state.now();
    await expect(
      w.crm.updateContactProperties(w.portalId, w.world.seeded.contactIds[0]!, { [P.optInStatus]: 'maybe' }),
    ).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining(P.optInStatus) });
    expect(w.calls(since)).toEqual([]);
  });

  it('assigns the contact owner', async () => {
    w = await startCrmWorld();
    const contactId = w.world.seeded.contactIds[0]!;
    const owner = w.world.seeded.owners[2]!;
    await w.crm.assignOwner(w.portalId, contactId, owner.id);
    expect((await contactProps(contactId, ['hubspot_owner_id'])).hubspot_owner_id).toBe(owner.id);
  });
});

const ticket = (o: Partial<TicketRequest> = {}): TicketRequest => ({
  idempotencyKey: 'wa:wamid.HBgLMzQ2MTIzNDU2NzgVAgARGBI5:ticket',
  subject: 'WhatsApp (billing): Where is my invoice?',
  content: 'Where is my invoice?',
  ...o,
});
const ticketCreates = (since: number) =>
  w.calls(since, 'POST', '/crm/v3/objects/tickets').filter((c) => c.path === '/crm/v3/objects/tickets');

describe('tickets', () => {
  it('a retried job asking twice with one key gets one ticket, associated to the contact', async () => {
    w = await startCrmWorld();
    const contactId = w.world.seeded.contactIds[2]!;
    const owner = w.world.seeded.owners[1]!;
    const since = w.state.now();
    const first = await w.crm.createTicket(w.portalId, contactId, ticket({ ownerId: owner.id }));
    const again = await w.crm.createTicket(w.portalId, contactId, ticket({ ownerId: owner.id }));

    expect(again).toEqual(first);
    expect(ticketCreates(since)).toHaveLength(1);
    const tickets = readRecords(w.state, w.portalId, 'tickets');
    expect(tickets).toHaveLength(1);
    expect(tickets[0]!.id).toBe(first.ticketId);
    expect(tickets[0]!.properties).toMatchObject({
      subject: 'WhatsApp (billing): Where is my invoice?',
      content: 'Where is my invoice?',
      hs_pipeline: '0',
      hs_pipeline_stage: '1',
      hubspot_owner_id: owner.id,
      [TICKET_KEY_PROPERTY]: ticket().idempotencyKey,
    });
    expect(associatedIds(w.portal, 'tickets', first.ticketId, 'contacts')).toEqual([contactId]);
  });

  it('when the answer to a create is lost, the retry finds the ticket by its key instead of creating another', async () => {
    let loseAnswer = false;
    // The create reaches HubSpot, but its answer never reaches us (a crash or timeout right after sending).
    const wrap =
      (call: HubspotCall): HubspotCall =>
      async (portalId, opts, fn) => {
        const result = await call(portalId, opts, fn);
        if (loseAnswer && opts.idempotent === false) {
          loseAnswer = false;
          throw new Error('socket hang up');
        }
        return result;
      };
    w = await startCrmWorld({ wrap });
    const contactId = w.world.seeded.contactIds[2]!;
    const since = w.state.now();
    loseAnswer = true;
    await expect(w.crm.createTicket(w.portalId, contactId, ticket())).rejects.toThrow('socket hang up');
    // Search may not show the ticket yet: the job is asked to come back later, without using up an attempt.
    await expect(w.crm.createTicket(w.portalId, contactId, ticket())).rejects.toBeInstanceOf(RetryAfter);
    w.world.clock.advance(61_000);
    const found = await w.crm.createTicket(w.portalId, contactId, ticket());

    expect(ticketCreates(since)).toHaveLength(1);
    expect(readRecords(w.state, w.portalId, 'tickets').map((t) => t.id)).toEqual([found.ticketId]);
    expect(await w.crm.createTicket(w.portalId, contactId, ticket())).toEqual(found);
  });

  it('a create whose connection dropped before HubSpot saw it is made by the retry, once', async () => {
    w = await startCrmWorld();
    const contactId = w.world.seeded.contactIds[2]!;
    await w.crm.provision(w.portalId);
    injectFault(w.state, w.portalId, { kind: 'drop', count: 1 });
    await expect(w.crm.createTicket(w.portalId, contactId, ticket())).rejects.toThrow();
    w.world.clock.advance(61_000);
    const made = await w.crm.createTicket(w.portalId, contactId, ticket());
    expect(readRecords(w.state, w.portalId, 'tickets').map((t) => t.id)).toEqual([made.ticketId]);
  });

  it('a ticket HubSpot refuses is not remembered, so the corrected request creates it', async () => {
    w = await startCrmWorld();
    const contactId = w.world.seeded.contactIds[2]!;
    await expect(
      w.crm.createTicket(w.portalId, contactId, ticket({ pipeline: '0', stage: 'no-such-stage' })),
    ).rejects.toMatchObject({ code: 'validation' });
    const made = await w.crm.createTicket(w.portalId, contactId, ticket({ pipeline: '0', stage: '2' }));
    const tickets = readRecords(w.state, w.portalId, 'tickets');
    expect(tickets.map((t) => [t.id, t.properties.hs_pipeline_stage])).toEqual([[made.ticketId, '2']]);
  });
});

describe('an inbound STOP run through the effects', () => {
  it('finds the contact by phone, puts the reply and the opt-out on its timeline and marks it opted out', async () => {
    w = await startCrmWorld();
    const stop = message({
      direction: 'inbound',
      contactId: null,
      kind: 'text',
      templateName: null,
      body: 'STOP',
      status: 'received',
      providerMessageId: 'wamid.INBOUND.STOP.1',
    });
    const decision = { kind: 'opt_out', scope: 'all', keyword: 'STOP', confirmation: 'Bye' } as const;
    const effects = inboundEffects(stop, decision);
    await runCrmEffects(w.crm, w.portalId, effects);
    await runCrmEffects(w.crm, w.portalId, effects); // a replayed job

    const anna = w.world.seeded.contactIds[0]!;
    expect(readTimeline(w.state, w.portalId).map((o) => [o.eventTypeName, o.objectId])).toEqual([
      ['whatsapp_reply_received', anna],
      ['whatsapp_opt_in_changed', anna],
    ]);
    expect(await contactProps(anna, [P.optInStatus, P.responseStatus])).toEqual({
      [P.optInStatus]: 'opted_out',
      [P.responseStatus]: 'replied',
    });
  });
});
