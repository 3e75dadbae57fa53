import type { Db } from '../db/openDatabase.ts';
import type { Clock, JobStatus, PortalPause, QueueStats } from './types.ts';

interface PauseRow {
  portal_id: number;
  reason: string;
  paused_at: number;
}

type Counted<K> = K & { status: JobStatus; count: number };

/** Portal pauses and the counts behind the health views. */
export function createSqliteStats(db: Db, opts: { clock: Clock }) {
  // Re-pausing keeps the original paused_at: how long a portal has been waiting is what the operator needs.
  const pause = db.prepare(`INSERT INTO job_portal_pauses (portal_id, reason, paused_at) VALUES (?, ?, ?)
    ON CONFLICT (portal_id) DO UPDATE SET reason = excluded.reason`);
  const resume = db.prepare('DELETE FROM job_portal_pauses WHERE portal_id = ?');
  const pauses = db.prepare<[], PauseRow>('SELECT * FROM job_portal_pauses ORDER BY portal_id');
  const byType = db.prepare<[], Counted<{ type: string }>>(
    'SELECT type, status, COUNT(*) AS count FROM jobs GROUP BY type, status ORDER BY type, status',
  );
  const byPortal = db.prepare<[], Counted<{ portalId: number }>>(
    'SELECT portal_id AS portalId, status, COUNT(*) AS count FROM jobs GROUP BY portal_id, status ORDER BY 1, 2',
  );
  // Paused portals are left out: their jobs wait on purpose and would hide real worker lag.
  const oldestDue = db.prepare<[number], { at: number | null }>(`SELECT MIN(run_at) AS at FROM jobs j
    WHERE status = 'pending' AND run_at <= ?
      AND NOT EXISTS (SELECT 1 FROM job_portal_pauses p WHERE p.portal_id = j.portal_id)`);

  const pausedPortals = (): PortalPause[] =>
    pauses.all().map((r) => ({ portalId: r.portal_id, reason: r.reason, pausedAt: r.paused_at }));

  return {
    pausePortal: (portalId: number, reason: string): void => {
      pause.run(portalId, reason, opts.clock());
    },
    /** Returns whether the portal was paused. */
    resumePortal: (portalId: number): boolean => resume.run(portalId).changes > 0,
    pausedPortals,
    stats(): QueueStats {
      const types = byType.all();
      const byStatus: Record<JobStatus, number> = { pending: 0, running: 0, completed: 0, dead: 0 };
      for (const t of types) byStatus[t.status] += t.count;
      return {
        byStatus,
        byType: types,
        byPortal: byPortal.all(),
        pausedPortals: pausedPortals(),
        oldestDueRunAt: oldestDue.get(opts.clock())?.at ?? null,
      };
    },
  };
}
