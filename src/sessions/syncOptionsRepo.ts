import type { Db } from '../db/openDatabase.ts';
import { DEFAULT_SYNC_OPTIONS, SyncOptions } from './syncOptions.ts';

/** Per-portal sync options (0050_sessions.sql `session_sync_options`); no row = defaults. */
export function createSyncOptionsRepo(db: Db, now: () => number = Date.now) {
  const get = db.prepare<[number], { options: string }>('SELECT options FROM session_sync_options WHERE portal_id = ?');
  const put = db.prepare(`INSERT INTO session_sync_options (portal_id, options, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (portal_id) DO UPDATE SET options = excluded.options, updated_at = excluded.updated_at`);
  return {
    get(portalId: number): SyncOptions {
      const row = get.get(portalId);
      return row ? SyncOptions.parse(JSON.parse(row.options)) : DEFAULT_SYNC_OPTIONS;
    },
    /** Validates (partial input gets defaults) and saves; throws a ZodError naming the field when invalid. */
    set(portalId: number, options: unknown): SyncOptions {
      const parsed = SyncOptions.parse(options);
      put.run(portalId, JSON.stringify(parsed), now());
      return parsed;
    },
  };
}

export type SyncOptionsRepo = ReturnType<typeof createSyncOptionsRepo>;
