import type { Db } from '../db/openDatabase.ts';

/**
 * One session sync at a time per portal (0053_session_jobs.sql `session_sync_locks`), shared by every process on
 * the database. Why: contact properties are derived from all of a contact's sessions (contactUpdate.ts); two runs of
 * one portal side by side could each compute them before the other's session links were stored, and the one that
 * finishes last would write the older value. A lease that is renewed while the run lasts, so a crashed holder
 * frees the portal by expiring rather than blocking it forever.
 */
export interface PortalLease {
  /** Ends the lease (idempotent); only the holder's own lease is removed. */
  release(): void;
}

export interface PortalSyncLockOptions {
  now?: () => number;
  /** How long a lease holds without renewal. Default 60 s. */
  leaseMs?: number;
}

export function createPortalSyncLock(db: Db, o: PortalSyncLockOptions = {}) {
  const now = o.now ?? Date.now;
  const leaseMs = o.leaseMs ?? 60_000;
  // Insert, or take over an expired lease: one statement, so two claimants cannot both win.
  const take = db.prepare(`INSERT INTO session_sync_locks (portal_id, owner, until) VALUES (@portalId, @owner, @until)
    ON CONFLICT (portal_id) DO UPDATE SET owner = excluded.owner, until = excluded.until
    WHERE session_sync_locks.until <= @now`);
  const renew = db.prepare('UPDATE session_sync_locks SET until = ? WHERE portal_id = ? AND owner = ?');
  const drop = db.prepare('DELETE FROM session_sync_locks WHERE portal_id = ? AND owner = ?');

  return {
    /** The portal's lease for `owner`, or undefined while another holder's lease runs. Renewed every leaseMs / 3. */
    tryAcquire(portalId: number, owner: string): PortalLease | undefined {
      const at = now();
      if (take.run({ portalId, owner, until: at + leaseMs, now: at }).changes === 0) return undefined;
      const timer = setInterval(
        () => {
          try {
            renew.run(now() + leaseMs, portalId, owner);
          } catch {
            // The database is closing (shutdown): the lease simply expires.
          }
        },
        Math.floor(leaseMs / 3),
      );
      timer.unref();
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          clearInterval(timer);
          drop.run(portalId, owner);
        },
      };
    },
  };
}

export type PortalSyncLock = ReturnType<typeof createPortalSyncLock>;
