import { describe, expect, it } from 'vitest';
import { createSessionRecordsRepo } from '../../src/sessions/sessionRecordsRepo.ts';
import { createSessionStore } from '../../src/sessions/sessionStore.ts';
import { DEFAULT_SYNC_OPTIONS, scheduledSyncAt, SyncOptions } from '../../src/sessions/syncOptions.ts';
import { createSyncOptionsRepo } from '../../src/sessions/syncOptionsRepo.ts';
import type { SessionSyncResult } from '../../src/sessions/syncResult.ts';
import { session } from './support/factories.ts';
import { sessionsDb } from './support/sessionWorld.ts';

const result = (revision: number): SessionSyncResult => ({
  revision,
  meetingId: '1',
  tasks: [],
  contactIds: [],
  companyIds: [],
  dealIds: [],
  participants: [],
  dealUpdate: null,
  timelineEvents: [],
});

describe('session store: idempotent per portal and session id', () => {
  it('the same payload twice is one session, unchanged the second time', () => {
    const store = createSessionStore(sessionsDb());
    expect(store.ingest(7, session(), 1).change).toBe('created');
    const again = store.ingest(7, session(), 2);
    expect(again.change).toBe('unchanged');
    expect(again.stored).toMatchObject({ revision: 1, status: 'pending', receivedAt: 1, updatedAt: 1 });
  });

  it('the same session id in another portal is another session', () => {
    const store = createSessionStore(sessionsDb());
    store.ingest(7, session(), 1);
    expect(store.ingest(8, session(), 1).change).toBe('created');
  });

  it('a changed payload is a new revision, pending again even after a sync', () => {
    const store = createSessionStore(sessionsDb());
    store.ingest(7, session(), 1);
    expect(store.markSynced(7, 'sess-1', result(1), 2)).toBe(true);
    const changed = store.ingest(7, session({ title: 'Renamed' }), 3);
    expect(changed.change).toBe('updated');
    expect(changed.stored).toMatchObject({ revision: 2, status: 'pending', syncedRevision: 1 });
    expect(changed.stored.session.title).toBe('Renamed');
  });

  it('a sync of an older revision does not mark the newer one synced', () => {
    const store = createSessionStore(sessionsDb());
    store.ingest(7, session(), 1);
    store.ingest(7, session({ title: 'Renamed' }), 2);
    expect(store.markSynced(7, 'sess-1', result(1), 3)).toBe(false);
    expect(store.get(7, 'sess-1')).toMatchObject({ status: 'pending', revision: 2 });
  });

  it('failed keeps the reason and whether a retry may help; re-sync makes it pending again', () => {
    const store = createSessionStore(sessionsDb());
    store.ingest(7, session(), 1);
    store.markFailed(7, 'sess-1', 1, 'HubSpot answered 503', true, 2);
    expect(store.get(7, 'sess-1')).toMatchObject({
      status: 'failed',
      statusReason: 'HubSpot answered 503',
      retryable: true,
    });
    expect(store.pendingIds(7)).toEqual([]);
    expect(store.requestResync(7, 'sess-1', 3)).toBe(true);
    expect(store.get(7, 'sess-1')).toMatchObject({ status: 'pending', statusReason: null, retryable: null });
    expect(store.pendingIds(7)).toEqual(['sess-1']);
    expect(store.requestResync(7, 'sess-1', 4)).toBe(false);
  });
});

describe('sessions of a record, newest first with paging (the Sessions card)', () => {
  it('pages by start time and session id without gaps or repeats', () => {
    const db = sessionsDb();
    const store = createSessionStore(db);
    const records = createSessionRecordsRepo(db);
    const starts = ['2026-01-01', '2026-01-03', '2026-01-02', '2026-01-03', '2026-01-05'];
    starts.forEach((day, i) => {
      const s = session({ sessionId: `s${i}`, startTime: `${day}T10:00:00Z` });
      store.ingest(7, s, 0);
      records.link(7, s.sessionId, Date.parse(s.startTime), [{ type: 'contact', id: '42' }]);
    });
    const first = records.page(7, { type: 'contact', id: '42' }, 2);
    const second = records.page(7, { type: 'contact', id: '42' }, 2, first.nextCursor!);
    const third = records.page(7, { type: 'contact', id: '42' }, 2, second.nextCursor!);
    expect([first.sessionIds, second.sessionIds, third.sessionIds]).toEqual([['s4', 's3'], ['s1', 's2'], ['s0']]);
    expect(third.nextCursor).toBeNull();
    expect(records.page(7, { type: 'deal', id: '42' }, 2)).toEqual({ sessionIds: [], nextCursor: null });
  });
});

describe('sync options per portal', () => {
  it('a portal without options gets the defaults; saving validates and fills the rest', () => {
    const options = createSyncOptionsRepo(sessionsDb());
    expect(options.get(7)).toEqual(DEFAULT_SYNC_OPTIONS);
    expect(DEFAULT_SYNC_OPTIONS).toMatchObject({ autoSync: true, frequency: 'realtime', allowDealStageUpdate: false });
    expect(options.set(7, { frequency: 'hourly', dealAssociation: 'companyDomain' })).toMatchObject({
      frequency: 'hourly',
      dealAssociation: 'companyDomain',
      createTasks: true,
    });
    expect(() => options.set(7, { frequency: 'weekly' })).toThrow(/frequency/);
    expect(options.get(8)).toEqual(DEFAULT_SYNC_OPTIONS);
  });

  it.each([
    [{ frequency: 'realtime' }, Date.UTC(2026, 0, 1, 10, 17)],
    [{ frequency: 'hourly' }, Date.UTC(2026, 0, 1, 11, 0)],
    [{ frequency: 'daily' }, Date.UTC(2026, 0, 2, 0, 0)],
    [{ autoSync: false }, null],
  ])('frequency %o schedules a session received at 10:17 for %s', (opts, expected) => {
    expect(scheduledSyncAt(SyncOptions.parse(opts), Date.UTC(2026, 0, 1, 10, 17))).toBe(expected);
  });
});
