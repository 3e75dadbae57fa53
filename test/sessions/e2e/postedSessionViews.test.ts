import { SessionsListResponse } from '@switchboard/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardFetch } from '../../../sandbox/hubspot/caller/index.ts';
import { readRecords } from '../../../sandbox/hubspot/controlPlane.ts';
import type { Json } from '../../connections/support/adminClient.ts';
import { NORTHWIND_CALL, postNorthwindCall } from '../support/e2eSessions.ts';
import { platform, type ServiceWorld, startServiceWorld } from '../support/serviceWorld.ts';

/**
 * Where a synced session is seen afterwards: the full summary page behind the link on the meeting and the timeline
 * event, the Sessions card on the deal and the company, and the context before the next call with a participant.
 */
let w: ServiceWorld;
let status: Json;
const id = NORTHWIND_CALL.sessionId;

const contact = (email: string) =>
  readRecords(w.sandbox.state, w.portalId, 'contacts').find((c) => c.properties.email === email)!;

beforeAll(async () => {
  w = await startServiceWorld();
  status = await postNorthwindCall(w);
});
afterAll(() => w.close());

describe('a synced session, seen afterwards', () => {
  it('serves the full summary behind the signed link only, HTML-escaped', async () => {
    const link = readRecords(w.sandbox.state, w.portalId, 'meetings')[0]!.properties.hs_meeting_external_url!;
    const page = await fetch(link);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(html).toContain(
      'Northwind wants 40 more pallet racks before the Q2 peak &amp; asked for &lt;fast&gt; delivery.',
    );
    expect(html).not.toContain('<fast>');
    expect(html).not.toContain('tom.becker@'); // people by name only
    const forged = link.replace(/sig=[\w-]+/, `sig=${'A'.repeat(43)}`);
    expect((await fetch(forged)).status).toBe(404);
    const otherPortal = link.replace(`/sessions/${w.portalId}/`, '/sessions/99999/');
    expect((await fetch(otherPortal)).status).toBe(404);
  });

  it('is on the Sessions card of the deal and of the company, with its action items and their task status', async () => {
    const targets = [
      ['deal', w.seeded.dealIds.appointmentscheduled!],
      ['company', w.seeded.companyIds[0]!],
    ] as const;
    for (const [objectType, objectId] of targets) {
      const res = await cardFetch({
        url: `${w.url}/api/cards/sessions?portalId=${w.portalId}&objectType=${objectType}&objectId=${objectId}`,
        method: 'GET',
        clientSecret: w.seeded.client.clientSecret,
        portalId: w.portalId,
        userId: 1,
        userEmail: 'alice.rep@acme-distribution.example.com',
      });
      if (!res.ok) throw new Error(`${objectType} card: ${res.message}`);
      const list = SessionsListResponse.parse(res.body);
      expect(list.nextCursor).toBeNull();
      expect(list.sessions.map((x) => [x.sessionId, x.status, x.meetingId])).toEqual([
        [id, 'synced', status.result.meetingId],
      ]);
      expect(list.sessions[0]!.actionItems.map((a) => [a.title, a.taskStatus])).toEqual([
        ['Send the rack quote', 'NOT_STARTED'],
        ['Share the safety checklist', 'NOT_STARTED'],
      ]);
      expect(list.sessions[0]!.keyPoints).toEqual(['Budget approved', 'Installation in April']);
    }
  });

  it('gives the context before the next call with Anna: who, where, open deals, last session, talking points', async () => {
    const res = await platform(w, 'GET', '/api/context?email=ANNA.SCHMIDT@northwind.example.com');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      email: 'anna.schmidt@northwind.example.com',
      contact: { id: contact('anna.schmidt@northwind.example.com').id, firstname: 'Anna', title: 'Head of Purchasing' },
      company: { id: w.seeded.companyIds[0], name: 'Northwind Traders', domain: 'northwind.example.com' },
      openDeals: [{ id: w.seeded.dealIds.appointmentscheduled, stage: 'qualifiedtobuy' }],
      lastSession: { sessionId: id, sentiment: 'positive' },
      talkingPoints: [
        'Site visit next week',
        'Follow up: Send the rack quote (HIGH, due 2026-03-05, alice.rep@acme-distribution.example.com)',
        'Follow up: Share the safety checklist (LOW)',
      ],
    });
  });
});
