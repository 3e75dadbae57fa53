import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectFault, readRecords } from '../../../sandbox/hubspot/controlPlane.ts';
import { cardFetch } from '../../../sandbox/hubspot/caller/index.ts';
import { minimalSession } from '../support/e2eSessions.ts';
import { platform, type ServiceWorld, settled, startServiceWorld } from '../support/serviceWorld.ts';

/**
 * Failures of the sync job: a transient one (HubSpot answering 502 past the gateway's own retries) is retried by the
 * event spine and succeeds; a permanent one (HubSpot refusing the write) dead-letters the job and reports why. The
 * Sessions card's re-sync then puts the failed session back in line — once per click, even if HubSpot retries it.
 */
let w: ServiceWorld;
beforeAll(async () => {
  w = await startServiceWorld();
});
afterAll(() => w.close());

const jonas = { name: 'Jonas Weber', email: 'jonas.weber@northwind.example.com' };

async function resync(sessionId: string, requestId: string, query = '') {
  const res = await cardFetch({
    url: `${w.url}/api/cards/sessions/resync${query}`,
    method: 'POST',
    body: { portalId: w.portalId, sessionId, requestId },
    clientSecret: w.seeded.client.clientSecret,
    portalId: w.portalId,
    userId: 1,
    userEmail: 'alice.rep@acme-distribution.example.com',
  });
  if (!res.ok) return { refused: res.status };
  return res.body;
}

describe('a session whose sync fails', () => {
  it('transient (HubSpot 502s outlast the gateway’s retries): the spine retries the job, and it syncs', {
    timeout: 40_000,
  }, async () => {
    injectFault(w.sandbox.state, w.portalId, { kind: '502', count: 5 }); // the gateway tries a call 5 times
    await platform(w, 'POST', '/api/sessions', minimalSession('flaky-1', [jonas]));
    const view = await settled(w, 'flaky-1', 35_000);
    expect(view).toMatchObject({ status: 'synced', sync: { job: 'completed' } });
    expect(view.sync.attempts).toBe(2);
  });

  it('permanent (HubSpot refuses the meeting): the job is dead-lettered with HubSpot’s reason', async () => {
    w.seeded.portal.properties.get('meetings')!.delete('switchboard_sync_key'); // someone deleted our property
    await platform(w, 'POST', '/api/sessions', minimalSession('refused-1', [jonas]));
    const view = await settled(w, 'refused-1');
    expect(view).toMatchObject({ status: 'failed', retryable: false, sync: { job: 'dead', attempts: 1 } });
    expect(view.reason).toContain('switchboard_sync_key');
    expect(view.sync.lastError).toContain('switchboard_sync_key');
    const dead = await w.service.spine.queue.listDeadLetters({ portalId: w.portalId, limit: 10 });
    expect(dead.items.map((j) => j.objectKey)).toEqual(['session:refused-1']);
  });

  it('after the properties are provisioned again, the card’s re-sync syncs it; a repeated click gets the same answer', async () => {
    const provisioned = await w.admin('POST', `/admin/portals/${w.portalId}/sessions/properties`);
    expect(provisioned.status).toBe(200);
    expect(provisioned.body.properties.meetings).toEqual({ created: ['switchboard_sync_key'], existing: [] });
    const first = await resync('refused-1', 'click-0001');
    expect(first).toEqual({ sessionId: 'refused-1', status: 'pending', message: 'Queued for another sync.' });
    expect(await resync('refused-1', 'click-0001')).toEqual(first); // HubSpot retried the same click
    const view = await settled(w, 'refused-1');
    expect(view).toMatchObject({ status: 'synced', reason: null, sync: { job: 'completed' } });
    expect(
      readRecords(w.sandbox.state, w.portalId, 'meetings').filter(
        (m) => m.properties.hs_meeting_title === 'Call refused-1',
      ),
    ).toHaveLength(1);
    expect(await resync('refused-1', 'click-0002')).toEqual({
      sessionId: 'refused-1',
      status: 'synced',
      message: 'Already synced; nothing to do.',
    });
  });

  it('a re-sync naming a session this portal never posted, or signed for another portal, changes nothing', async () => {
    const jobs = () => (w.service.db.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n;
    const before = jobs();
    expect(await resync('no-such-session', 'click-0003')).toEqual({
      sessionId: 'no-such-session',
      status: 'failed',
      message: 'No such session in this HubSpot account.',
    });
    expect(await resync('flaky-1', 'click-0004', '?portalId=99999')).toEqual({ refused: 403 });
    expect(jobs()).toBe(before);
  });
});
