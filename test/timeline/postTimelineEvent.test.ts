import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { injectFault, readRecords, readTimeline } from '../../sandbox/hubspot/controlPlane.ts';
import { appEventTypeFromHsmeta, registerAppEventType } from '../../sandbox/hubspot/crm/appEvents.ts';
import { createRecord } from '../../sandbox/hubspot/crm/seedRecords.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openDatabase } from '../../src/db/openDatabase.ts';
import { APP_EVENTS_DIR, loadAppEventCatalog } from '../../src/timeline/appEventCatalog.ts';
import { createTimeline } from '../../src/timeline/postTimelineEvent.ts';
import { createTimelineRepo } from '../../src/timeline/timelineRepo.ts';
import { type CrmWorld, startCrmWorld } from '../sandbox/support/crmSandbox.ts';
import { directHubspotCall } from '../support/directHubspotCall.ts';

let world: CrmWorld;
afterEach(async () => world?.close());

async function setup(appEventsEnabled: boolean) {
  world = await startCrmWorld({ appEventsEnabled });
  // The portal knows our app-event types exactly as the project declares them.
  for (const file of readdirSync(APP_EVENTS_DIR)) {
    registerAppEventType(
      world.portal,
      appEventTypeFromHsmeta(JSON.parse(readFileSync(join(APP_EVENTS_DIR, file), 'utf8'))),
    );
  }
  const contact = createRecord(world.state, world.portal, 'contacts', { email: 'ana@acme.test', firstname: 'Ana' });
  const db = openDatabase(':memory:');
  migrate(db);
  const hubspot = directHubspotCall(world.client);
  const repo = createTimelineRepo(db);
  const timeline = createTimeline({ hubspot, repo, catalog: loadAppEventCatalog(), now: () => Date.now() });
  return { contactId: contact.id, timeline, hubspot, repo };
}

const reply = (contactId: string, occurrenceId = 'wamid.ABC') => ({
  portalId: 4242,
  eventUid: 'whatsapp_reply_received',
  objectId: contactId,
  occurrenceId,
  properties: { messageId: occurrenceId, phone: '+4915123456701', text: 'Yes <please> call me', routedTo: '' },
  timestamp: new Date('2026-11-22T10:00:00Z'),
});

describe('timeline events', () => {
  it('where the portal accepts app events, posts one occurrence and never a second', async () => {
    const { contactId, timeline, hubspot } = await setup(true);
    expect(await timeline.post(reply(contactId))).toEqual({ channel: 'app_event' });
    expect(await timeline.post(reply(contactId))).toEqual({ channel: 'app_event' });
    const occurrences = readTimeline(world.state, 4242);
    expect(occurrences).toHaveLength(1);
    expect(occurrences[0]).toMatchObject({
      eventTypeName: 'whatsapp_reply_received',
      id: 'wamid.ABC',
      objectId: contactId,
    });
    expect(hubspot.calls).toBe(1);
  });

  it('where app events are not available, writes a note on the record with the rendered template, once', async () => {
    const { contactId, timeline, repo } = await setup(false);
    const first = await timeline.post(reply(contactId));
    expect(first.channel).toBe('note');
    await timeline.post(reply(contactId));
    const notes = readRecords(world.state, 4242, 'notes');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.properties.hs_note_body).toContain('WhatsApp reply from +4915123456701');
    expect(notes[0]!.properties.hs_note_body).toContain('Yes &lt;please&gt; call me');
    expect(notes[0]!.properties.hs_note_body).not.toContain('Routed to');
    expect(repo.appEventsMode(4242)?.available).toBe(false);
    const assoc = await world.call('GET', `/crm/v4/objects/notes/${notes[0]!.id}/associations/contacts`);
    expect(assoc.body.results[0].toObjectId).toBe(Number(contactId));
  });

  it('remembers that a portal has no app events, so later occurrences go straight to notes', async () => {
    const { contactId, timeline, hubspot } = await setup(false);
    await timeline.post(reply(contactId, 'wamid.1'));
    const callsAfterFirst = hubspot.calls;
    await timeline.post(reply(contactId, 'wamid.2'));
    expect(hubspot.calls - callsAfterFirst).toBe(1); // the note only, no second app-event attempt
    expect(readRecords(world.state, 4242, 'notes')).toHaveLength(2);
  });

  it('when a crash left the note created but not recorded, the retry finds it instead of writing another', async () => {
    const { contactId, timeline, repo } = await setup(false);
    await timeline.post(reply(contactId));
    const key = { portalId: 4242, eventUid: 'whatsapp_reply_received', occurrenceId: 'wamid.ABC' };
    repo.save({ ...key, objectId: contactId, channel: 'pending_note' }, Date.now()); // as if the save never happened
    const again = await timeline.post(reply(contactId));
    expect(again.channel).toBe('note');
    expect(readRecords(world.state, 4242, 'notes')).toHaveLength(1);
  });

  it('refuses an undeclared property or an option the template does not list, before calling HubSpot', async () => {
    const { contactId, timeline, hubspot } = await setup(true);
    await expect(timeline.post({ ...reply(contactId), properties: { mood: 'happy' } })).rejects.toThrow(
      /does not declare property mood/,
    );
    await expect(
      timeline.post({ ...reply(contactId), eventUid: 'whatsapp_message_status', properties: { status: 'lost' } }),
    ).rejects.toThrow(/status=lost is not one of its options/);
    expect(hubspot.calls).toBe(0);
  });

  it('lets a HubSpot outage surface as an error with its status, for the job to retry, and records nothing', async () => {
    const { contactId, timeline, repo } = await setup(true);
    injectFault(world.state, 4242, { kind: '500', count: 1 });
    await expect(timeline.post(reply(contactId))).rejects.toMatchObject({ code: 500 });
    expect(
      repo.find({ portalId: 4242, eventUid: 'whatsapp_reply_received', occurrenceId: 'wamid.ABC' }),
    ).toBeUndefined();
    expect(await timeline.post(reply(contactId))).toEqual({ channel: 'app_event' });
  });
});

describe('forgetting a portal', () => {
  it('removes its posted-occurrence records and app-event mode, and only its own', async () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const repo = createTimelineRepo(db);
    for (const portalId of [1, 2]) {
      repo.save({ portalId, eventUid: 'order_created', occurrenceId: 'o-1', objectId: '7', channel: 'app_event' }, 0);
      repo.setAppEventsMode(portalId, true, null, 0);
    }
    expect(repo.forgetPortal(1)).toBe(1);
    expect(repo.find({ portalId: 1, eventUid: 'order_created', occurrenceId: 'o-1' })).toBeUndefined();
    expect(repo.appEventsMode(1)).toBeUndefined();
    expect(repo.find({ portalId: 2, eventUid: 'order_created', occurrenceId: 'o-1' })).toEqual({
      channel: 'app_event',
      noteId: null,
    });
  });
});
