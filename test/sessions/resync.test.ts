import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import type { HubspotCall } from '../../src/hubspot/hubspotCall.ts';
import { session } from './support/factories.ts';
import { associationsOf, records } from './support/observe.ts';
import { type SessionWorld, startSessionWorld } from './support/sessionWorld.ts';

let w: SessionWorld;
afterEach(() => w.close());

/** Fails the next `times` calls of a feature the way the gateway reports an outage it gave up on. */
function failing(feature: string, times: number, when: 'before' | 'after') {
  let left = times;
  return (call: HubspotCall): HubspotCall =>
    async (portalId, opts, fn) => {
      if (opts.feature !== feature || left <= 0) return call(portalId, opts, fn);
      left -= 1;
      if (when === 'after') await call(portalId, opts, fn); // HubSpot did it; the answer never reached us
      throw new AppError('upstream_unavailable', 'HubSpot did not answer in time', { status: 0 });
    };
}

const tasksOf = (x: SessionWorld) => records(x.state, x.portal.id, 'tasks');

describe('a changed session', () => {
  it('updates its meeting in place, adds a task for a new action item and links a new participant; nothing is deleted', async () => {
    w = await startSessionWorld();
    const v1 = session({ participants: [{ name: 'Ann Lee', email: 'ann@acme.example' }] });
    w.sessions.store.ingest(w.portal.id, v1, 1);
    await w.sessions.sync.syncSession(w.portal.id, 'sess-1');
    const [meeting] = records(w.state, w.portal.id, 'meetings');
    const v2 = session({
      title: 'Discovery call with Acme (edited)',
      participants: [...v1.participants, { name: 'Cy New', email: 'cy@acme.example' }],
      summary: { ...v1.summary, actionItems: [v1.summary.actionItems[0], { title: 'Invite Cy to the pilot' }] },
    });
    expect(w.sessions.store.ingest(w.portal.id, v2, 2).change).toBe('updated');
    const outcome = await w.sessions.sync.syncSession(w.portal.id, 'sess-1');
    expect(outcome.status).toBe('synced');
    const meetings = records(w.state, w.portal.id, 'meetings');
    expect(meetings.map((m) => [m.id, m.properties.hs_meeting_title])).toEqual([
      [meeting!.id, 'Discovery call with Acme (edited)'],
    ]);
    expect(
      tasksOf(w)
        .map((t) => t.properties.hs_task_subject)
        .sort(),
    ).toEqual(['Invite Cy to the pilot', 'Send pricing for 40 seats', 'Share the security whitepaper'].sort());
    const cy = records(w.state, w.portal.id, 'contacts').find((c) => c.properties.email === 'cy@acme.example')!;
    expect(associationsOf(w.state, w.portal.id, 'meetings', meeting!.id)).toContain(`contacts:${cy.id}:200`);
    expect(w.sessions.store.get(w.portal.id, 'sess-1')).toMatchObject({ revision: 2, syncedRevision: 2 });
  });
});

describe('a sync that breaks half way', () => {
  it('fails the session with the reason; the re-sync finishes it without a second meeting', async () => {
    w = await startSessionWorld({ wrap: failing('sessions.tasks', 1, 'before'), sessions: { recoveryGraceMs: 0 } });
    w.sessions.store.ingest(w.portal.id, session(), 1);
    const first = await w.sessions.sync.syncSession(w.portal.id, 'sess-1');
    expect(first).toMatchObject({
      status: 'failed',
      retryable: true,
      reason: 'HubSpot did not create the task: HubSpot did not answer in time',
    });
    expect(w.sessions.store.get(w.portal.id, 'sess-1')).toMatchObject({ status: 'failed', retryable: true });
    expect(tasksOf(w)).toHaveLength(0);
    expect(w.sessions.store.requestResync(w.portal.id, 'sess-1', 2)).toBe(true);
    expect((await w.sessions.sync.syncSession(w.portal.id, 'sess-1')).status).toBe('synced');
    expect(records(w.state, w.portal.id, 'meetings')).toHaveLength(1);
    expect(tasksOf(w)).toHaveLength(2);
  });

  it('a create whose answer was lost is found again by its sync key once search has caught up, never created twice', async () => {
    let clock = Date.now();
    w = await startSessionWorld({ wrap: failing('sessions.tasks', 1, 'after'), sessions: { now: () => clock } });
    w.sessions.store.ingest(w.portal.id, session(), clock);
    expect((await w.sessions.sync.syncSession(w.portal.id, 'sess-1')).status).toBe('failed');
    expect(tasksOf(w)).toHaveLength(2); // HubSpot has them; we do not know their ids
    const early = await w.sessions.sync.syncSession(w.portal.id, 'sess-1');
    expect(early).toMatchObject({ status: 'failed', retryable: true });
    expect(early.status === 'failed' && early.reason).toMatch(/checking HubSpot in 60s/);
    clock += 60_000;
    const late = await w.sessions.sync.syncSession(w.portal.id, 'sess-1');
    expect(late.status).toBe('synced');
    const ids = tasksOf(w)
      .map((t) => t.id)
      .sort();
    expect(ids).toHaveLength(2);
    expect(late.status === 'synced' && late.result.tasks.map((t) => t.taskId).sort()).toEqual(ids);
  });
});
