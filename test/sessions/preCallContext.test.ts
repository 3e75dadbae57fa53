import { afterEach, describe, expect, it } from 'vitest';
import { session } from './support/factories.ts';
import { type SessionWorld, startSessionWorld } from './support/sessionWorld.ts';

let w: SessionWorld;
afterEach(() => w.close());

const typed = (type: number, id: string) => [
  { to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: type }] },
];

describe('context before a call', () => {
  it('gives the contact, company and size, open deals with stage and amount, the last meeting and talking points', async () => {
    w = await startSessionWorld();
    const acme = (
      await w.client.crm.companies.basicApi.create({
        properties: { domain: 'acme.example', name: 'Acme', numberofemployees: '250' },
      })
    ).id;
    const ann = (
      await w.client.crm.contacts.basicApi.create({
        properties: { email: 'ann@acme.example', firstname: 'Ann', lastname: 'Lee', jobtitle: 'CTO' },
        associations: typed(279, acme),
      })
    ).id;
    const deal = (name: string, stage: string) =>
      w.client.crm.deals.basicApi.create({
        properties: { dealname: name, dealstage: stage, pipeline: 'default', amount: '40000' },
        associations: typed(3, ann),
      });
    const open = (await deal('Acme rollout', 'presentationscheduled')).id;
    await deal('Acme 2025', 'closedwon');
    w.sessions.store.ingest(w.portal.id, session({ participants: [{ email: 'ann@acme.example' }] }), 1);
    const synced = await w.sessions.sync.syncSession(w.portal.id, 'sess-1');
    const context = await w.sessions.preCallContext(w.portal.id, 'ANN@acme.example');
    expect(context).toEqual({
      email: 'ann@acme.example',
      contact: { id: ann, firstname: 'Ann', lastname: 'Lee', title: 'CTO' },
      company: { id: acme, name: 'Acme', domain: 'acme.example', size: 250 },
      openDeals: [
        {
          id: open,
          name: 'Acme rollout',
          stage: 'presentationscheduled',
          stageLabel: 'Presentation Scheduled',
          amount: '40000',
        },
      ],
      lastInteraction: {
        meetingId: synced.status === 'synced' ? synced.result.meetingId : '?',
        title: 'Discovery call with Acme',
        at: '2026-03-02T13:00:00.000Z',
      },
      lastSession: {
        sessionId: 'sess-1',
        title: 'Discovery call with Acme',
        startTime: '2026-03-02T14:00:00+01:00',
        sentiment: 'positive',
        brief: 'Acme wants to roll out to 40 seats in Q2.',
      },
      talkingPoints: [
        'Book the security review',
        'Draft the order form',
        'Follow up: Send pricing for 40 seats (HIGH, due 2026-03-05, rep@switchboard.example)',
        'Follow up: Share the security whitepaper (LOW)',
      ],
    });
  });

  it('for an unknown email, says nothing is known rather than failing', async () => {
    w = await startSessionWorld();
    expect(await w.sessions.preCallContext(w.portal.id, 'nobody@nowhere.example')).toEqual({
      email: 'nobody@nowhere.example',
      contact: null,
      company: null,
      openDeals: [],
      lastInteraction: null,
      lastSession: null,
      talkingPoints: [],
    });
  });

  it('finds a contact we created moments ago even while search lags, and every call is interactive', async () => {
    w = await startSessionWorld({ sandbox: { searchLagMs: 10 * 60_000 } });
    w.sessions.store.ingest(
      w.portal.id,
      session({ participants: [{ name: 'Ann Lee', email: 'ann@acme.example' }] }),
      1,
    );
    await w.sessions.sync.syncSession(w.portal.id, 'sess-1');
    const before = w.hubspot.calls.length;
    const context = await w.sessions.preCallContext(w.portal.id, 'ann@acme.example');
    expect(context.contact).toMatchObject({ firstname: 'Ann', lastname: 'Lee' });
    expect(context.company).toMatchObject({ domain: 'acme.example' });
    expect(context.talkingPoints).toHaveLength(4);
    expect(w.hubspot.calls.slice(before).every((c) => c.priority === 'interactive')).toBe(true);
  });
});
