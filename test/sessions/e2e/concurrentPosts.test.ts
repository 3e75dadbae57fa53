import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecords } from '../../../sandbox/hubspot/controlPlane.ts';
import { minimalSession } from '../support/e2eSessions.ts';
import { platform, type ServiceWorld, settled, startServiceWorld } from '../support/serviceWorld.ts';

/**
 * Acceptance (issue 8): 50 sessions sharing 20 new participants, posted at once over HTTP while HubSpot's search
 * lags far behind its writes, create exactly 20 contacts. The worker runs 4 jobs at a time; the portal lock and the
 * matching engine's local memory keep them from creating anyone twice.
 */
let w: ServiceWorld;
beforeAll(async () => {
  w = await startServiceWorld({ sandbox: { searchLagMs: 10 * 60_000 } });
});
afterAll(() => w.close());

const PEOPLE = Array.from({ length: 20 }, (_, i) => ({
  name: `Guest ${i} Shared`,
  email: `guest${i}@co${i % 5}.example`,
}));
const participantsOf = (i: number) => [PEOPLE[i % 20]!, PEOPLE[(i + 7) % 20]!, PEOPLE[(i + 13) % 20]!];

describe('50 sessions posted concurrently with search lag on', () => {
  it('create exactly 20 contacts, 5 companies, 50 meetings and 150 timeline events', { timeout: 60_000 }, async () => {
    const seededContacts = readRecords(w.sandbox.state, w.portalId, 'contacts').length;
    const ids = Array.from({ length: 50 }, (_, i) => `lagging-${i}`);
    const posted = await Promise.all(
      ids.map((id, i) => platform(w, 'POST', '/api/sessions', minimalSession(id, participantsOf(i)))),
    );
    expect(posted.map((p) => p.status)).toEqual(ids.map(() => 202));
    const views = await Promise.all(ids.map((id) => settled(w, id, 50_000)));
    expect(views.map((v) => v.status)).toEqual(ids.map(() => 'synced'));

    const contacts = readRecords(w.sandbox.state, w.portalId, 'contacts');
    const guests = contacts.filter((c) => c.properties.email?.startsWith('guest'));
    expect(guests.map((c) => c.properties.email).sort()).toEqual(PEOPLE.map((p) => p.email).sort());
    expect(contacts).toHaveLength(seededContacts + 20);
    const companies = readRecords(w.sandbox.state, w.portalId, 'companies').filter((c) =>
      /^co\d\.example$/.test(c.properties.domain ?? ''),
    );
    expect(companies).toHaveLength(5);
    expect(readRecords(w.sandbox.state, w.portalId, 'meetings')).toHaveLength(50);
    expect(w.sandbox.state.portal(w.portalId)!.timeline).toHaveLength(150);
    // Every participant of every session points at one of the 20 contacts.
    const guestIds = new Set(guests.map((c) => c.id));
    const matched = views.flatMap((v) => v.result.participants.map((p: { contactId: string }) => p.contactId));
    expect(matched.every((id) => guestIds.has(id))).toBe(true);
  });
});
