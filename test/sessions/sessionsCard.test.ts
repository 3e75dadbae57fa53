import { SessionsListQuery } from '@switchboard/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { listSessionsForRecord, resyncSession } from '../../src/sessions/index.ts';
import { session } from './support/factories.ts';
import { records } from './support/observe.ts';
import { type SessionWorld, startSessionWorld } from './support/sessionWorld.ts';

let w: SessionWorld;
afterEach(() => w.close());

const deps = () => ({ hubspot: w.hubspot.call, store: w.sessions.store, records: w.sessions.records });
const query = (contactId: string, extra: Record<string, unknown> = {}) =>
  SessionsListQuery.parse({
    portalId: String(w.portal.id),
    objectType: 'contact',
    objectId: contactId,
    limit: '2',
    ...extra,
  });

describe('the Sessions card’s data', () => {
  it('lists a contact’s sessions newest first with paging, task status from HubSpot and why each participant matched', async () => {
    w = await startSessionWorld();
    for (const [i, day] of ['01', '03', '02'].entries()) {
      w.sessions.store.ingest(w.portal.id, session({ sessionId: `s${i}`, startTime: `2026-03-${day}T10:00:00Z` }), 1);
    }
    await w.sessions.sync.syncSessions(w.portal.id, ['s0', 's1', 's2']);
    const ann = w.sessions.store.get(w.portal.id, 's1')!.result!.contactIds[0]!;
    const first = await listSessionsForRecord(deps(), query(ann));
    expect(first.sessions.map((s) => s.sessionId)).toEqual(['s1', 's2']);
    const done = first.sessions[0]!.actionItems[0]!.taskId!;
    await w.client.crm.objects.tasks.basicApi.update(done, { properties: { hs_task_status: 'COMPLETED' } });
    const again = await listSessionsForRecord(deps(), query(ann));
    expect(again.sessions[0]!.actionItems.map((a) => [a.title, a.taskStatus])).toEqual([
      ['Send pricing for 40 seats', 'COMPLETED'],
      ['Share the security whitepaper', 'NOT_STARTED'],
    ]);
    expect(again.sessions[0]!.participants).toEqual([
      {
        name: 'Ann Lee',
        email: 'ann.lee@acme.example',
        contactId: ann,
        outcome: 'created',
        rule: 'create',
        reason: 'created: no contact with email ann.lee@acme.example',
      },
    ]);
    const second = await listSessionsForRecord(deps(), query(ann, { cursor: first.nextCursor }));
    expect(second).toMatchObject({ sessions: [{ sessionId: 's0', status: 'synced' }], nextCursor: null });
  });

  it('a failed session shows why, and re-sync puts it back in line once', async () => {
    w = await startSessionWorld({
      wrap: (call) => async (p, o, fn) => {
        if (o.feature === 'sessions.meetings')
          throw new AppError('rate_limited', 'HubSpot rate limit: try again in 10 s', { status: 429 });
        return call(p, o, fn);
      },
    });
    w.sessions.store.ingest(w.portal.id, session(), 1);
    await w.sessions.sync.syncSession(w.portal.id, 'sess-1');
    const [contact] = records(w.state, w.portal.id, 'contacts').map((c) => c.id);
    const [item] = (await listSessionsForRecord(deps(), query(contact!))).sessions;
    expect(item).toMatchObject({
      status: 'failed',
      statusReason: 'HubSpot did not create the meeting: HubSpot rate limit: try again in 10 s',
      meetingId: null,
    });
    const req = { portalId: w.portal.id, sessionId: 'sess-1' };
    expect(resyncSession(w.sessions.store, req, 2)).toEqual({
      sessionId: 'sess-1',
      status: 'pending',
      message: 'Queued for another sync.',
    });
    expect(resyncSession(w.sessions.store, req, 3)).toEqual({
      sessionId: 'sess-1',
      status: 'pending',
      message: 'Already waiting for its sync.',
    });
  });
});
