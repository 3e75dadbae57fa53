import type { Db } from '../db/openDatabase.ts';
import { AppError } from '../errors.ts';

/** What a delivery answered from the inbox is told: how many events wait for the fan-out. */
export interface QueuedReport {
  received: number;
  queued: number;
}

export interface InboxRow {
  id: number;
  body: string;
  received_at: number;
}

interface PendingAppend {
  body: string;
  count: number;
  resolve: (report: QueuedReport) => void;
  reject: (err: unknown) => void;
}

// SQLITE_BUSY, or an extended code such as SQLITE_BUSY_RECOVERY (another connection recovering the WAL).
const isBusy = (err: unknown) => String((err as { code?: unknown }).code).startsWith('SQLITE_BUSY');

// The inbox's only table, in a database file of its own (webhookInboxPath): transient rows, deleted once stored.
// AUTOINCREMENT: ids only grow, even when every row was deleted, so a fan-out can remember how far it has stored.
const SCHEMA = `CREATE TABLE IF NOT EXISTS webhook_inbox (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  -- The verified request body exactly as HubSpot sent it: a JSON array of events (attemptNumber included).
  body        TEXT    NOT NULL,
  received_at INTEGER NOT NULL
)`;

/** Where the inbox of the database at `databasePath` lives: beside it (in memory beside an in-memory one). */
export function webhookInboxPath(databasePath: string): string {
  return databasePath === ':memory:' ? ':memory:' : `${databasePath.replace(/\.db$/, '')}.webhook-inbox.db`;
}

/**
 * The webhook inbox: verified, validated deliveries appended as HubSpot sent them, one row each, so the request
 * path writes a few sequential pages instead of indexed rows for every event. Appends of one event-loop turn
 * share a transaction; once it commits (WAL: a process crash cannot lose it) each delivery is answered 2xx. The
 * fan-out (inboxFanOut.ts) stores rows in the main database in id order, then deletes them.
 *
 * The inbox is a database file of its own so that an append never waits for the worker processes, whose
 * transactions keep the main database's write lock busy under load (bench/webhooks.ts); here it only meets the
 * fan-out's deletes. When it does find the lock taken it does not let SQLite's busy handler wait inside the call,
 * sleeping 1, 2, 5, 10… ms with the event loop stopped: it retries on the next timer turn, other requests going
 * on meanwhile and joining its group.
 */
export function createWebhookInbox(deps: { db: Db; now: () => number; appended?: () => void }) {
  const { db } = deps;
  db.exec(SCHEMA);
  // Appends never checkpoint (a checkpoint copies the WAL into the file, in the caller): the fan-out does.
  db.pragma('wal_autocheckpoint = 0');
  const insert = db.prepare<[string, number]>('INSERT INTO webhook_inbox (body, received_at) VALUES (?, ?)');
  const after = db.prepare<[number, number], InboxRow>(
    'SELECT id, body, received_at FROM webhook_inbox WHERE id > ? ORDER BY id LIMIT ?',
  );
  const anyAfter = db.prepare<[number], number>('SELECT id FROM webhook_inbox WHERE id > ? LIMIT 1').pluck();
  const removeThrough = db.prepare<[number]>('DELETE FROM webhook_inbox WHERE id <= ?');
  const appendAll = db.transaction((group: readonly PendingAppend[], now: number) => {
    for (const p of group) insert.run(p.body, now);
  });

  // db.pragma(), not prepared statements: SQLite applies a pragma such as busy_timeout when it compiles it.
  const busyTimeout = () => db.pragma('busy_timeout', { simple: true }) as number;

  /** Commits the group, or returns false when another connection holds the write lock right now. */
  function tryAppend(group: readonly PendingAppend[]): boolean {
    const timeout = busyTimeout();
    db.pragma('busy_timeout = 0');
    try {
      appendAll.immediate(group, deps.now());
      return true;
    } catch (err) {
      if (isBusy(err) && !db.inTransaction) return false;
      throw err;
    } finally {
      db.pragma(`busy_timeout = ${timeout}`);
    }
  }

  let pending: PendingAppend[] = [];
  let waitingSince: number | undefined;

  function flush(): void {
    const group = pending;
    let committed: boolean;
    try {
      committed = tryAppend(group);
    } catch (err) {
      pending = [];
      for (const p of group) p.reject(err);
      return;
    }
    if (!committed) {
      retryLater(group);
      return;
    }
    pending = [];
    waitingSince = undefined;
    deps.appended?.();
    for (const p of group) p.resolve({ received: p.count, queued: p.count });
  }

  /** Waits no longer than the connection's busy timeout would have; then 503, and HubSpot retries. */
  function retryLater(group: readonly PendingAppend[]): void {
    waitingSince ??= performance.now();
    const limit = busyTimeout();
    if (performance.now() - waitingSince <= limit) {
      setTimeout(flush, 1);
      return;
    }
    pending = [];
    waitingSince = undefined;
    const err = new AppError('upstream_unavailable', `webhook inbox: database locked for more than ${limit} ms`);
    for (const p of group) p.reject(err);
  }

  return {
    /** Appends a delivery's body (`count` events); resolves once it is committed. */
    append: (body: string, count: number): Promise<QueuedReport> =>
      new Promise<QueuedReport>((resolve, reject) => {
        if (pending.length === 0 && waitingSince === undefined) setImmediate(flush);
        pending.push({ body, count, resolve, reject });
      }),
    /** The `limit` oldest rows after id `afterId`. */
    after: (afterId: number, limit: number): InboxRow[] => after.all(afterId, limit),
    /** Whether any delivery after `afterId` waits. */
    pending: (afterId: number): boolean => anyAfter.get(afterId) !== undefined,
    /** Deletes the rows up to `id`, once the transaction that stored their events has committed. */
    removeThrough(id: number): void {
      removeThrough.run(id);
    },
    /** Copies the WAL into the file without waiting for anyone, so appends can reuse the WAL from its start. */
    checkpoint(): void {
      db.pragma('wal_checkpoint(PASSIVE)');
    },
  };
}

export type WebhookInbox = ReturnType<typeof createWebhookInbox>;
