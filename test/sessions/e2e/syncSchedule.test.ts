import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardFetch } from '../../../sandbox/hubspot/caller/index.ts';
import { minimalSession } from '../support/e2eSessions.ts';
import { platform, type ServiceWorld, settled, startServiceWorld } from '../support/serviceWorld.ts';

/**
 * The sync options decide when a posted session is synced: real-time (at once), hourly or daily (at the next
 * boundary, many sessions in one batched run), or only when a person asks on the card (auto-sync off).
 */
let w: ServiceWorld;
beforeAll(async () => {
  w = await startServiceWorld();
});
afterAll(() => w.close());

const jonas = { name: 'Jonas Weber', email: 'jonas.weber@northwind.example.com' };
const setOptions = (options: object) => w.admin('PUT', `/admin/portals/${w.portalId}/sessions/options`, options);

describe('when a posted session is synced', () => {
  it('hourly: at the next full hour; until then it is pending with its sync job waiting', async () => {
    expect((await setOptions({ frequency: 'hourly' })).body.options).toMatchObject({
      frequency: 'hourly',
      autoSync: true,
    });
    const before = Date.now();
    const posted = await platform(w, 'POST', '/api/sessions', minimalSession('hourly-1', [jonas]));
    const nextHour = Math.floor(before / 3_600_000) * 3_600_000 + 3_600_000;
    expect(posted.body.syncScheduledAt).toBe(new Date(nextHour).toISOString());
    const view = (await platform(w, 'GET', '/api/sessions/hourly-1')).body;
    expect(view).toMatchObject({
      status: 'pending',
      sync: { job: 'pending', nextAttemptAt: new Date(nextHour).toISOString() },
    });
  });

  it('auto-sync off: no job; the card’s re-sync queues it and it syncs', async () => {
    await setOptions({ autoSync: false });
    const posted = await platform(w, 'POST', '/api/sessions', minimalSession('manual-1', [jonas]));
    expect(posted.body).toMatchObject({ change: 'created', status: 'pending', syncScheduledAt: null });
    expect((await platform(w, 'GET', '/api/sessions/manual-1')).body.sync).toBeNull();
    const res = await cardFetch({
      url: `${w.url}/api/cards/sessions/resync`,
      method: 'POST',
      body: { portalId: w.portalId, sessionId: 'manual-1', requestId: 'click-manual-1' },
      clientSecret: w.seeded.client.clientSecret,
      portalId: w.portalId,
      userId: 1,
      userEmail: 'alice.rep@acme-distribution.example.com',
    });
    expect(res.ok && res.body).toEqual({ sessionId: 'manual-1', status: 'pending', message: 'Queued for sync.' });
    expect(await settled(w, 'manual-1')).toMatchObject({ status: 'synced' });
    // hourly-1 was not swept into this run: it is due at the hour, not now.
    expect((await platform(w, 'GET', '/api/sessions/hourly-1')).body.status).toBe('pending');
  });

  it('a changed session posted again is a new revision, synced in place: one meeting, updated', async () => {
    await setOptions({});
    await platform(w, 'POST', '/api/sessions', minimalSession('changing-1', [jonas]));
    expect((await settled(w, 'changing-1')).status).toBe('synced');
    const changed = minimalSession('changing-1', [jonas], { title: 'Renamed call' });
    const posted = await platform(w, 'POST', '/api/sessions', changed);
    expect(posted).toMatchObject({ status: 202, body: { change: 'updated', revision: 2, status: 'pending' } });
    const view = await settled(w, 'changing-1');
    expect(view).toMatchObject({ status: 'synced', revision: 2, result: { revision: 2 } });
    const meetings = [...(w.seeded.portal.objects.get('meetings')?.values() ?? [])].filter(
      (m) => m.properties.switchboard_sync_key === `${w.portalId}:changing-1:meeting`,
    );
    expect(meetings.map((m) => m.properties.hs_meeting_title)).toEqual(['Renamed call']);
  });
});
