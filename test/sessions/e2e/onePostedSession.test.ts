import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecords, readTimeline } from '../../../sandbox/hubspot/controlPlane.ts';
import { associationsOf } from '../support/observe.ts';
import { NORTHWIND_CALL, postNorthwindCall } from '../support/e2eSessions.ts';
import { platform, type ServiceWorld, type settled, startServiceWorld } from '../support/serviceWorld.ts';

/**
 * Acceptance (issue 8): one session posted by the conversation platform over HTTP, synced by the real worker
 * through the gateway, lands in HubSpot exactly as described — and posting it again changes nothing.
 */
let w: ServiceWorld;
let status: Awaited<ReturnType<typeof settled>>;
const id = NORTHWIND_CALL.sessionId;

const contact = (email: string) =>
  readRecords(w.sandbox.state, w.portalId, 'contacts').find((c) => c.properties.email === email)!;
const everything = () =>
  JSON.stringify(
    ['contacts', 'companies', 'deals', 'meetings', 'tasks', 'notes'].map((t) =>
      readRecords(w.sandbox.state, w.portalId, t),
    ),
  ) + JSON.stringify(readTimeline(w.sandbox.state, w.portalId));

beforeAll(async () => {
  w = await startServiceWorld();
  status = await postNorthwindCall(w);
});
afterAll(() => w.close());

describe('one session posted by the platform', () => {
  it('is reported synced, with why each participant matched and the timeline events posted', () => {
    const anna = contact('anna.schmidt@northwind.example.com');
    const tom = contact('tom.becker@northwind.example.com');
    const alice = w.seeded.owners[0]!;
    expect(status).toMatchObject({ sessionId: id, status: 'synced', reason: null, sync: { job: 'completed' } });
    expect(status.result.participants.map((p: { rule: string; reason: string }) => [p.rule, p.reason])).toEqual([
      ['email', `email anna.schmidt@northwind.example.com matched contact ${anna.id}`],
      ['create', 'created: no contact with email tom.becker@northwind.example.com'],
      ['skip', `internal: alice.rep@acme-distribution.example.com is HubSpot user (owner ${alice.id})`],
    ]);
    expect(status.result.timeline).toEqual({ events: 2, posted: 2 });
    expect(status.result.contactIds).toEqual([anna.id, tom.id]);
  });

  it('produces exactly one meeting, field by field, on both contacts, their company and the open deal', () => {
    const [meeting, ...others] = readRecords(w.sandbox.state, w.portalId, 'meetings');
    expect(others).toEqual([]);
    const anna = contact('anna.schmidt@northwind.example.com');
    const tom = contact('tom.becker@northwind.example.com');
    expect(meeting!.properties).toMatchObject({
      hs_timestamp: '2026-03-02T08:00:00.000Z',
      hs_meeting_title: 'Rack upgrade with Northwind',
      hs_meeting_body:
        '<p>Northwind wants 40 more pallet racks before the Q2 peak &amp; asked for &lt;fast&gt; delivery.</p>' +
        '<p><strong>Sentiment:</strong> positive</p><p><strong>Insights</strong></p><ul><li>Anna decides with the CFO</li></ul>',
      hs_internal_meeting_notes:
        '<p><strong>Key points</strong></p><ul><li>Budget approved</li><li>Installation in April</li></ul>' +
        '<p><strong>Action items</strong></p><ul><li>Send the rack quote (HIGH, due 2026-03-05, alice.rep@acme-distribution.example.com)</li>' +
        '<li>Share the safety checklist (LOW)</li></ul><p><strong>Next steps</strong></p><ul><li>Site visit next week</li></ul>',
      hs_meeting_start_time: '2026-03-02T08:00:00.000Z',
      hs_meeting_end_time: '2026-03-02T08:45:00.000Z',
      hs_meeting_outcome: 'COMPLETED',
      hubspot_owner_id: w.seeded.owners[0]!.id,
      switchboard_sync_key: `${w.portalId}:${id}:meeting`,
    });
    expect(meeting!.properties.hs_meeting_external_url).toMatch(
      new RegExp(`^${w.url}/sessions/${w.portalId}/${id}\\?k=e2e&sig=[\\w-]{43}$`),
    );
    const northwind = w.seeded.companyIds[0]!;
    const rackDeal = w.seeded.dealIds.appointmentscheduled!;
    expect(associationsOf(w.sandbox.state, w.portalId, 'meetings', meeting!.id)).toEqual(
      [
        `contacts:${anna.id}:200`,
        `contacts:${tom.id}:200`,
        `companies:${northwind}:188`,
        `deals:${rackDeal}:212`,
      ].sort(),
    );
  });

  it('creates a task per action item, owner from the assignee, on both contacts', () => {
    const tasks = readRecords(w.sandbox.state, w.portalId, 'tasks').sort((a, b) => Number(a.id) - Number(b.id));
    const ids = [contact('anna.schmidt@northwind.example.com').id, contact('tom.becker@northwind.example.com').id];
    expect(tasks.map((t) => t.properties)).toEqual([
      expect.objectContaining({
        hs_task_subject: 'Send the rack quote',
        hs_task_body:
          '<p>Include installation.</p><p>From the conversation “Rack upgrade with Northwind” on 2026-03-02.</p>',
        hs_task_priority: 'HIGH',
        hs_timestamp: '2026-03-05T00:00:00.000Z',
        hs_task_status: 'NOT_STARTED',
        hubspot_owner_id: w.seeded.owners[0]!.id,
      }),
      expect.objectContaining({ hs_task_subject: 'Share the safety checklist', hs_task_priority: 'LOW' }),
    ]);
    expect(tasks[1]!.properties.hubspot_owner_id).toBeUndefined();
    for (const t of tasks) {
      expect(associationsOf(w.sandbox.state, w.portalId, 'tasks', t.id)).toEqual(
        ids.map((c) => `contacts:${c}:204`).sort(),
      );
    }
  });

  it('creates the new contact at the existing company and updates both contacts and the deal', () => {
    const tom = contact('tom.becker@northwind.example.com');
    expect(readRecords(w.sandbox.state, w.portalId, 'contacts')).toHaveLength(6); // 5 seeded + Tom
    expect(readRecords(w.sandbox.state, w.portalId, 'companies')).toHaveLength(3); // Northwind found by domain
    expect(tom.properties).toMatchObject({ firstname: 'Tom', lastname: 'Becker', company: 'Northwind Traders' });
    expect(associationsOf(w.sandbox.state, w.portalId, 'contacts', tom.id)).toContain(
      `companies:${w.seeded.companyIds[0]}:279`,
    );
    for (const email of ['anna.schmidt@northwind.example.com', 'tom.becker@northwind.example.com']) {
      expect(contact(email).properties).toMatchObject({
        switchboard_last_meeting_date: '2026-03-02T08:00:00.000Z',
        switchboard_recent_conversation:
          'Northwind wants 40 more pallet racks before the Q2 peak & asked for <fast> delivery.',
        switchboard_engagement_score: '23',
      });
    }
    const deal = readRecords(w.sandbox.state, w.portalId, 'deals').find(
      (d) => d.id === w.seeded.dealIds.appointmentscheduled,
    );
    expect(deal!.properties).toMatchObject({ dealstage: 'qualifiedtobuy', hs_next_step: 'Send the quote by Friday' });
  });

  it('posts the Conversation summarized event on each contact with the template’s properties', () => {
    const link = readRecords(w.sandbox.state, w.portalId, 'meetings')[0]!.properties.hs_meeting_external_url;
    const events = readTimeline(w.sandbox.state, w.portalId);
    const ids = [contact('anna.schmidt@northwind.example.com').id, contact('tom.becker@northwind.example.com').id];
    expect(events.map((e) => [e.eventTypeName, e.objectId, e.id]).sort()).toEqual(
      ids.map((c) => ['conversation_summarized', c, `session-${id}-contact-${c}`]).sort(),
    );
    for (const e of events) {
      expect(e.properties).toEqual({
        title: 'Rack upgrade with Northwind',
        durationMinutes: '45',
        summary: 'Northwind wants 40 more pallet racks before the Q2 peak & asked for <fast> delivery.',
        sentiment: 'positive',
        summaryUrl: link,
      });
    }
  });

  it('posting it again answers "unchanged" and changes nothing: no HubSpot call, no record', async () => {
    const before = everything();
    const since = Date.now();
    const again = await platform(w, 'POST', '/api/sessions', NORTHWIND_CALL);
    expect(again).toMatchObject({ status: 200, body: { change: 'unchanged', status: 'synced', revision: 1 } });
    await new Promise((r) => setTimeout(r, 500)); // time for a job to run, had one been enqueued
    expect(w.callsSince(since)).toEqual([]);
    expect(everything()).toBe(before);
    expect((await platform(w, 'GET', `/api/sessions/${id}`)).body).toMatchObject({ status: 'synced', revision: 1 });
  });
});
