import type { Db } from '../db/openDatabase.ts';

/**
 * All SQL about `matching_keys` (0052_matching.sql): ids we created or learned, and the per-key reservations that
 * make concurrent creators produce one record. Times are epoch ms from the caller's clock.
 */
export type KeyObjectType = 'contact' | 'company';
export type KeySource = 'created' | 'existing' | 'alias';

export interface KnownId {
  id: string;
  source: KeySource;
}

/** `won`: the caller must create the record; `resolved`: someone already did; `held`: someone is creating it now. */
export type Reservation = { status: 'won' } | ({ status: 'resolved' } & KnownId) | { status: 'held'; until: number };

interface Row {
  match_key: string;
  hubspot_id: string | null;
  source: KeySource | null;
  reserved_until: number | null;
  updated_at: number;
}

const FIND = `SELECT match_key, hubspot_id, source, reserved_until, updated_at FROM matching_keys
  WHERE portal_id = ? AND object_type = ? AND hubspot_id IS NOT NULL AND updated_at >= ?
    AND match_key IN (SELECT value FROM json_each(?))`;

// Take over a reservation whose creator's lease ran out (it crashed), or an id remembered so long ago that
// search is the better authority now (the record may have been merged or deleted since).
const TAKE_OVER = `UPDATE matching_keys SET hubspot_id = NULL, source = NULL, reserved_by = @owner,
    reserved_until = @until, updated_at = @now
  WHERE portal_id = @portalId AND object_type = @type AND match_key = @key
    AND ((hubspot_id IS NULL AND reserved_until < @now) OR (hubspot_id IS NOT NULL AND updated_at < @staleBefore))`;

export function createMatchingKeysRepo(db: Db) {
  const find = db.prepare<[number, string, number, string], Row>(FIND);
  const one = db.prepare<[number, string, string], Row>(
    'SELECT match_key, hubspot_id, source, reserved_until, updated_at FROM matching_keys WHERE portal_id = ? AND object_type = ? AND match_key = ?',
  );
  const insertReservation = db.prepare(`INSERT INTO matching_keys
      (portal_id, object_type, match_key, reserved_by, reserved_until, updated_at)
    VALUES (@portalId, @type, @key, @owner, @until, @now) ON CONFLICT DO NOTHING`);
  const takeOver = db.prepare(TAKE_OVER);
  const resolveStmt = db.prepare(`UPDATE matching_keys SET hubspot_id = @id, source = @source, reserved_by = NULL,
      reserved_until = NULL, updated_at = @now
    WHERE portal_id = @portalId AND object_type = @type AND match_key = @key AND reserved_by = @owner`);
  const releaseStmt = db.prepare(
    'DELETE FROM matching_keys WHERE portal_id = ? AND object_type = ? AND match_key = ? AND reserved_by = ?',
  );
  const rememberStmt =
    db.prepare(`INSERT INTO matching_keys (portal_id, object_type, match_key, hubspot_id, source, updated_at)
    VALUES (@portalId, @type, @key, @id, @source, @now) ON CONFLICT DO NOTHING`);

  return {
    /** Ids known for `keys` and learned at or after `freshSince`. */
    findKnown(
      portalId: number,
      type: KeyObjectType,
      keys: readonly string[],
      freshSince: number,
    ): Map<string, KnownId> {
      const rows = keys.length === 0 ? [] : find.all(portalId, type, freshSince, JSON.stringify([...new Set(keys)]));
      return new Map(rows.map((r) => [r.match_key, { id: r.hubspot_id!, source: r.source! }]));
    },

    /** Tries to become the one creator of `key` for `leaseMs`. */
    reserve(
      portalId: number,
      type: KeyObjectType,
      key: string,
      o: { owner: string; now: number; leaseMs: number; staleBefore: number },
    ): Reservation {
      const params = { portalId, type, key, owner: o.owner, now: o.now, until: o.now + o.leaseMs };
      return db
        .transaction((): Reservation => {
          if (insertReservation.run(params).changes === 1) return { status: 'won' };
          if (takeOver.run({ ...params, staleBefore: o.staleBefore }).changes === 1) return { status: 'won' };
          const row = one.get(portalId, type, key);
          if (!row) return { status: 'held', until: o.now }; // released between our statements: try again
          if (row.hubspot_id !== null) return { status: 'resolved', id: row.hubspot_id, source: row.source! };
          return { status: 'held', until: row.reserved_until ?? o.now };
        })
        .immediate();
    },

    /** Stores the id for a key the caller reserved; false when the reservation was lost (lease expired). */
    resolve(portalId: number, type: KeyObjectType, key: string, owner: string, known: KnownId, now: number): boolean {
      return resolveStmt.run({ portalId, type, key, owner, ...known, now }).changes === 1;
    },

    /** Gives a reservation back (the create failed): the next caller may try. */
    release(portalId: number, type: KeyObjectType, key: string, owner: string): void {
      releaseStmt.run(portalId, type, key, owner);
    },

    /** Remembers another key of a record we know (a created contact's name and phone); the first id wins. */
    remember(portalId: number, type: KeyObjectType, key: string, known: KnownId, now: number): void {
      rememberStmt.run({ portalId, type, key, ...known, now });
    },
  };
}

export type MatchingKeysRepo = ReturnType<typeof createMatchingKeysRepo>;
