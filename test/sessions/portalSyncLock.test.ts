import { describe, expect, it } from 'vitest';
import { createPortalSyncLock } from '../../src/sessions/portalSyncLock.ts';
import { sessionsDb } from './support/sessionWorld.ts';

describe('one session sync at a time per portal', () => {
  it('a second holder waits while the first holds the portal; other portals are free', () => {
    const now = 1_000;
    const lock = createPortalSyncLock(sessionsDb(), { now: () => now, leaseMs: 60_000 });
    const first = lock.tryAcquire(7, 'worker-a');
    expect(first).toBeDefined();
    expect(lock.tryAcquire(7, 'worker-b')).toBeUndefined();
    expect(lock.tryAcquire(8, 'worker-b')).toBeDefined();
    first!.release();
    const second = lock.tryAcquire(7, 'worker-b');
    expect(second).toBeDefined();
    second!.release();
  });

  it('a holder that crashed (stopped renewing) frees the portal when its lease runs out', () => {
    let now = 1_000;
    const db = sessionsDb();
    const crashed = createPortalSyncLock(db, { now: () => now, leaseMs: 60_000 });
    const other = createPortalSyncLock(db, { now: () => now, leaseMs: 60_000 });
    crashed.tryAcquire(7, 'worker-a'); // never released
    now += 59_999;
    expect(other.tryAcquire(7, 'worker-b')).toBeUndefined();
    now += 1;
    const taken = other.tryAcquire(7, 'worker-b');
    expect(taken).toBeDefined();
    taken!.release();
  });

  it('a late release by the old holder does not free the new holder’s lease', () => {
    let now = 1_000;
    const lock = createPortalSyncLock(sessionsDb(), { now: () => now, leaseMs: 10 });
    const old = lock.tryAcquire(7, 'worker-a')!;
    now += 10;
    const current = lock.tryAcquire(7, 'worker-b')!;
    old.release();
    expect(lock.tryAcquire(7, 'worker-c')).toBeUndefined();
    current.release();
  });
});
