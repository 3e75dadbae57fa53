import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSessions } from '../../src/sessions/index.ts';
import { session } from './support/factories.ts';
import { records } from './support/observe.ts';
import { type SessionWorld, sessionsDb, startSessionWorld } from './support/sessionWorld.ts';

let w: SessionWorld;
afterEach(() => w.close());

/** 20 new people at 5 companies; session i has participants i, i+7 and i+13 (mod 20): every person is shared. */
const PEOPLE = Array.from({ length: 20 }, (_, i) => ({
  name: `Guest ${i} Shared`,
  email: `guest${i}@co${i % 5}.example`,
}));
const participantsOf = (i: number) => [PEOPLE[i % 20]!, PEOPLE[(i + 7) % 20]!, PEOPLE[(i + 13) % 20]!];

describe('many sessions at once', () => {
  it('50 sessions sharing 20 new participants, synced concurrently with search lag on, create exactly 20 contacts', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'switchboard-sessions-')), 'db.sqlite');
    w = await startSessionWorld({ sandbox: { searchLagMs: 10 * 60_000 }, db: sessionsDb(path) });
    // A second service instance on the same database: concurrency across processes, not only within one.
    const other = createSessions({ db: sessionsDb(path), hubspot: w.hubspot.call, matching: { pollMs: 10 } });
    const ids = Array.from({ length: 50 }, (_, i) => `s-${i}`);
    ids.forEach((sessionId, i) => {
      w.sessions.store.ingest(w.portal.id, session({ sessionId, participants: participantsOf(i) }), Date.now());
    });
    const outcomes = await Promise.all(
      ids.map((id, i) => (i % 2 === 0 ? w.sessions : other).sync.syncSession(w.portal.id, id)),
    );
    expect(outcomes.map((o) => o.status)).toEqual(ids.map(() => 'synced'));
    const contacts = records(w.state, w.portal.id, 'contacts');
    expect(contacts.map((c) => c.properties.email).sort()).toEqual(PEOPLE.map((p) => p.email).sort());
    expect(records(w.state, w.portal.id, 'companies')).toHaveLength(5);
    expect(records(w.state, w.portal.id, 'meetings')).toHaveLength(50);
    expect(records(w.state, w.portal.id, 'tasks')).toHaveLength(100);
    // The local reservation kept creators apart; HubSpot's 409 never had to.
    const reasons = outcomes.flatMap((o) =>
      o.status === 'synced' ? o.result.participants.map((p) => p.contact.reason) : [],
    );
    expect(reasons.filter((r) => r.includes('409'))).toEqual([]);
  });

  it('100 sessions synced in one batch cost a handful of HubSpot calls, not one per write', async () => {
    w = await startSessionWorld();
    const ids = Array.from({ length: 100 }, (_, i) => `b-${i}`);
    ids.forEach((sessionId, i) => {
      w.sessions.store.ingest(w.portal.id, session({ sessionId, participants: participantsOf(i) }), Date.now());
    });
    const since = Date.now();
    const outcomes = await w.sessions.sync.syncSessions(w.portal.id, ids);
    expect(outcomes.every((o) => o.status === 'synced')).toBe(true);
    const calls = w.callsSince(since).map((c) => `${c.method} ${c.path}`);
    // owners, pipelines, company search + create, contact search + create, meetings, tasks ×2, contact updates
    expect(calls.length).toBeLessThanOrEqual(12);
    expect(records(w.state, w.portal.id, 'meetings')).toHaveLength(100);
    expect(records(w.state, w.portal.id, 'tasks')).toHaveLength(200);
  });
});
