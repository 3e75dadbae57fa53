import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addOwner } from '../../sandbox/hubspot/portals.ts';
import { session } from './support/factories.ts';
import { associationsOf, records, writes } from './support/observe.ts';
import { type SessionWorld, startSessionWorld } from './support/sessionWorld.ts';

let w: SessionWorld;
let ownerId: string;
let bo: string;
let openDeal: string;

beforeEach(async () => {
  w = await startSessionWorld();
  ownerId = addOwner(w.portal, { email: 'rep@switchboard.example', firstName: 'Rita' }).id;
  bo = (
    await w.client.crm.contacts.basicApi.create({
      properties: { email: 'bo.kim@acme.example', firstname: 'Bo', lastname: 'Kim' },
    })
  ).id;
  const deal = (stage: string) =>
    w.client.crm.deals.basicApi.create({
      properties: { dealname: `Acme ${stage}`, dealstage: stage, pipeline: 'default', amount: '12000' },
      associations: [
        { to: { id: bo }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 3 }] },
      ],
    });
  openDeal = (await deal('qualifiedtobuy')).id;
  await deal('closedlost');
});
afterEach(() => w.close());

const SESSION = {
  participants: [
    { name: 'Ann Lee', email: 'Ann.Lee@acme.example', phone: '+49 151 2345678', company: 'Acme GmbH' },
    { name: 'Bo Kim', email: 'bo.kim@acme.example' },
    { name: 'Rita Rep', email: 'rep@switchboard.example' },
  ],
};

async function syncOnce() {
  w.sessions.store.ingest(w.portal.id, session(SESSION), Date.now());
  return w.sessions.sync.syncSession(w.portal.id, 'sess-1');
}

describe('one session into HubSpot', () => {
  it('produces exactly the meeting, field by field, on the contacts, their company and the open deal', async () => {
    const outcome = await syncOnce();
    expect(outcome.status).toBe('synced');
    const [meeting, ...others] = records(w.state, w.portal.id, 'meetings');
    expect(others).toHaveLength(0);
    const ann = records(w.state, w.portal.id, 'contacts').find((c) => c.properties.email === 'ann.lee@acme.example')!;
    const [acme] = records(w.state, w.portal.id, 'companies');
    expect(meeting!.properties).toMatchObject({
      hs_timestamp: '2026-03-02T13:00:00.000Z',
      hs_meeting_title: 'Discovery call with Acme',
      hs_meeting_body:
        '<p>Acme wants to roll out to 40 seats in Q2.</p><p><strong>Sentiment:</strong> positive</p><p><strong>Insights</strong></p><ul><li>Champion is the CTO</li></ul>',
      hs_internal_meeting_notes:
        '<p><strong>Key points</strong></p><ul><li>Budget approved</li><li>Security review pending</li></ul>' +
        '<p><strong>Action items</strong></p><ul><li>Send pricing for 40 seats (HIGH, due 2026-03-05, rep@switchboard.example)</li><li>Share the security whitepaper (LOW)</li></ul>' +
        '<p><strong>Next steps</strong></p><ul><li>Book the security review</li><li>Draft the order form</li></ul>',
      hs_meeting_start_time: '2026-03-02T13:00:00.000Z',
      hs_meeting_end_time: '2026-03-02T13:30:00.000Z',
      hs_meeting_outcome: 'COMPLETED',
      hubspot_owner_id: ownerId,
      switchboard_sync_key: `${w.portal.id}:sess-1:meeting`,
    });
    expect(associationsOf(w.state, w.portal.id, 'meetings', meeting!.id)).toEqual(
      [`contacts:${ann.id}:200`, `contacts:${bo}:200`, `companies:${acme!.id}:188`, `deals:${openDeal}:212`].sort(),
    );
  });

  it('creates a task per action item with the owner resolved from the assignee, on the contacts', async () => {
    await syncOnce();
    const tasks = records(w.state, w.portal.id, 'tasks').sort((a, b) => Number(a.id) - Number(b.id));
    const ann = records(w.state, w.portal.id, 'contacts').find((c) => c.properties.email === 'ann.lee@acme.example')!;
    expect(tasks).toHaveLength(2);
    expect(tasks[0]!.properties).toMatchObject({
      hs_task_subject: 'Send pricing for 40 seats',
      hs_task_body:
        '<p>Include the annual discount.</p><p>From the conversation “Discovery call with Acme” on 2026-03-02.</p>',
      hs_task_priority: 'HIGH',
      hs_timestamp: '2026-03-05T00:00:00.000Z',
      hs_task_status: 'NOT_STARTED',
      hubspot_owner_id: ownerId,
    });
    expect(tasks[1]!.properties).toMatchObject({
      hs_task_subject: 'Share the security whitepaper',
      hs_task_priority: 'LOW',
    });
    expect(tasks[1]!.properties.hubspot_owner_id).toBeUndefined();
    for (const t of tasks) {
      expect(associationsOf(w.state, w.portal.id, 'tasks', t.id)).toEqual(
        [`contacts:${ann.id}:204`, `contacts:${bo}:204`].sort(),
      );
    }
  });

  it('creates the new contact at its company and updates both contacts’ Switchboard properties', async () => {
    const outcome = await syncOnce();
    const contacts = records(w.state, w.portal.id, 'contacts');
    const ann = contacts.find((c) => c.properties.email === 'ann.lee@acme.example')!;
    const companies = records(w.state, w.portal.id, 'companies');
    expect(contacts).toHaveLength(2); // Ann created, Bo matched, the rep is a HubSpot user and not a contact
    expect(companies.map((c) => [c.properties.domain, c.properties.name])).toEqual([['acme.example', 'Acme GmbH']]);
    expect(ann.properties).toMatchObject({
      firstname: 'Ann',
      lastname: 'Lee',
      phone: '+49151 2345678'.replace(' ', ''),
      company: 'Acme GmbH',
    });
    expect(associationsOf(w.state, w.portal.id, 'contacts', ann.id)).toContain(`companies:${companies[0]!.id}:279`);
    for (const c of contacts) {
      expect(c.properties).toMatchObject({
        switchboard_last_meeting_date: '2026-03-02T13:00:00.000Z',
        switchboard_recent_conversation: 'Acme wants to roll out to 40 seats in Q2.',
        switchboard_engagement_score: '23',
      });
    }
    const why =
      outcome.status === 'synced' ? outcome.result.participants.map((p) => [p.contact.rule, p.contact.reason]) : [];
    expect(why).toEqual([
      ['create', 'created: no contact with email ann.lee@acme.example'],
      ['email', `email bo.kim@acme.example matched contact ${bo}`],
      ['skip', `internal: rep@switchboard.example is HubSpot user (owner ${ownerId})`],
    ]);
  });

  it('returns the Conversation summarized timeline events for phase 2 instead of posting them', async () => {
    const outcome = await syncOnce();
    if (outcome.status !== 'synced') throw new Error(outcome.status);
    expect(outcome.result.timelineEvents).toContainEqual({
      eventUid: 'conversation_summarized',
      objectId: bo,
      occurrenceId: `session-sess-1-contact-${bo}`,
      properties: {
        title: 'Discovery call with Acme',
        durationMinutes: '30',
        summary: 'Acme wants to roll out to 40 seats in Q2.',
        sentiment: 'positive',
      },
      timestamp: '2026-03-02T13:00:00.000Z',
    });
    expect(w.state.portal(w.portal.id)!.timeline).toHaveLength(0);
    expect(w.sessions.store.get(w.portal.id, 'sess-1')).toMatchObject({ status: 'synced', syncedRevision: 1 });
  });

  it('posting and syncing it again changes nothing: no call for a synced session, no write when forced', async () => {
    await syncOnce();
    const snapshot = JSON.stringify(
      ['contacts', 'companies', 'meetings', 'tasks', 'deals'].map((t) => records(w.state, w.portal.id, t)),
    );
    const since = Date.now();
    expect(w.sessions.store.ingest(w.portal.id, session(SESSION), Date.now()).change).toBe('unchanged');
    expect((await w.sessions.sync.syncSession(w.portal.id, 'sess-1')).status).toBe('unchanged');
    expect(w.callsSince(since)).toEqual([]);
    expect((await w.sessions.sync.syncSession(w.portal.id, 'sess-1', { force: true })).status).toBe('synced');
    expect(writes(w.callsSince(since))).toEqual([]);
    expect(
      JSON.stringify(
        ['contacts', 'companies', 'meetings', 'tasks', 'deals'].map((t) => records(w.state, w.portal.id, t)),
      ),
    ).toBe(snapshot);
  });
});
