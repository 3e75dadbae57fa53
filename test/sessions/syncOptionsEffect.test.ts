import { afterEach, describe, expect, it } from 'vitest';
import { addOwner } from '../../sandbox/hubspot/portals.ts';
import { session } from './support/factories.ts';
import { associationsOf, records } from './support/observe.ts';
import { type SessionWorld, startSessionWorld } from './support/sessionWorld.ts';

let w: SessionWorld;
afterEach(() => w.close());

describe('sync options change what a session writes', () => {
  it('without tasks, deal association or engagement score: a meeting on the contact only, no score', async () => {
    w = await startSessionWorld();
    const ann = (await w.client.crm.contacts.basicApi.create({ properties: { email: 'ann@acme.example' } })).id;
    await w.client.crm.deals.basicApi.create({
      properties: { dealname: 'Open', dealstage: 'qualifiedtobuy', pipeline: 'default' },
      associations: [
        { to: { id: ann }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 3 }] },
      ],
    });
    w.sessions.options.set(w.portal.id, { createTasks: false, dealAssociation: 'none', updateEngagementScore: false });
    w.sessions.rules.set(w.portal.id, { companies: { matchByEmailDomain: false } });
    w.sessions.store.ingest(w.portal.id, session({ participants: [{ email: 'ann@acme.example' }] }), 1);
    expect((await w.sessions.sync.syncSession(w.portal.id, 'sess-1')).status).toBe('synced');
    const [meeting] = records(w.state, w.portal.id, 'meetings');
    expect(associationsOf(w.state, w.portal.id, 'meetings', meeting!.id)).toEqual([`contacts:${ann}:200`]);
    expect(records(w.state, w.portal.id, 'tasks')).toHaveLength(0);
    expect(records(w.state, w.portal.id, 'companies')).toHaveLength(0);
    const contact = records(w.state, w.portal.id, 'contacts')[0]!;
    expect(contact.properties.switchboard_last_meeting_date).toBe('2026-03-02T13:00:00.000Z');
    expect(contact.properties).not.toHaveProperty('switchboard_engagement_score');
  });

  it('internal participants can be matched as contacts when the portal wants that', async () => {
    w = await startSessionWorld();
    w.sessions.options.set(w.portal.id, { skipInternalParticipants: false });
    addOwner(w.portal, { email: 'rep@acme.example' });
    w.sessions.store.ingest(w.portal.id, session({ participants: [{ email: 'rep@acme.example' }] }), 1);
    const outcome = await w.sessions.sync.syncSession(w.portal.id, 'sess-1');
    expect(outcome.status === 'synced' && outcome.result.participants[0]!.contact.outcome).toBe('created');
    expect(records(w.state, w.portal.id, 'meetings')[0]!.properties.hubspot_owner_id).toBeUndefined();
  });
});
