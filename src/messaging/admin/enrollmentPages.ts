import type { EnrollmentCounts } from '@switchboard/contract';
import type { Db } from '../../db/openDatabase.ts';

/**
 * The admin's reads of a campaign's enrollments: a keyset page of ids (a campaign may hold many thousands of
 * contacts, so a page never loads the rest) and the counts by status.
 */
export interface EnrollmentPageQuery {
  campaignId: number;
  status?: 'active' | 'completed' | 'stopped';
  afterId?: number;
  limit: number;
}

export function createEnrollmentPages(db: Db) {
  const page = db.prepare<
    [{ campaignId: number; status: string | null; afterId: number; limit: number }],
    { id: number }
  >(`
    SELECT id FROM whatsapp_enrollments
    WHERE campaign_id = @campaignId AND id > @afterId AND (@status IS NULL OR status = @status)
    ORDER BY id LIMIT @limit`);
  const counts = db.prepare<[number], { status: keyof EnrollmentCounts; n: number }>(
    'SELECT status, COUNT(*) AS n FROM whatsapp_enrollments WHERE campaign_id = ? GROUP BY status',
  );
  return {
    /** Ids of the next page, in id order. */
    ids(q: EnrollmentPageQuery): number[] {
      const params = { campaignId: q.campaignId, status: q.status ?? null, afterId: q.afterId ?? 0, limit: q.limit };
      return page.all(params).map((r) => r.id);
    },
    counts(campaignId: number): EnrollmentCounts {
      const out: EnrollmentCounts = { active: 0, completed: 0, stopped: 0 };
      for (const r of counts.all(campaignId)) out[r.status] = r.n;
      return out;
    },
  };
}

export type EnrollmentPages = ReturnType<typeof createEnrollmentPages>;
