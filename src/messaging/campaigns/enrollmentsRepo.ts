import type { Db } from '../../db/openDatabase.ts';
import type { EnrollmentState } from './advance.ts';

/** All SQL about whatsapp_enrollments: one per (campaign, contact), advanced with a version compare-and-swap. */

export interface Enrollment extends EnrollmentState {
  id: number;
  campaignId: number;
  portalId: number;
  contactId: string;
  version: number;
  updatedAt: number;
}

interface Row {
  id: number;
  campaign_id: number;
  portal_id: number;
  contact_id: string;
  status: EnrollmentState['status'];
  step_id: string | null;
  wait_until: number | null;
  next_run_at: number | null;
  stop_reason: string | null;
  enrolled_at: number;
  updated_at: number;
  version: number;
}

const toEnrollment = (r: Row): Enrollment => ({
  id: r.id,
  campaignId: r.campaign_id,
  portalId: r.portal_id,
  contactId: r.contact_id,
  status: r.status,
  stepId: r.step_id,
  waitUntil: r.wait_until,
  nextRunAt: r.next_run_at,
  stopReason: r.stop_reason,
  enrolledAt: r.enrolled_at,
  updatedAt: r.updated_at,
  version: r.version,
});

export function createEnrollmentsRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO whatsapp_enrollments (campaign_id, portal_id, contact_id, status, next_run_at,
      enrolled_at, updated_at) VALUES (@campaignId, @portalId, @contactId, 'active', @now, @now, @now)
    ON CONFLICT (campaign_id, contact_id) DO NOTHING`);
  const byKey = db.prepare<[number, string], Row>(
    'SELECT * FROM whatsapp_enrollments WHERE campaign_id = ? AND contact_id = ?',
  );
  const byId = db.prepare<[number], Row>('SELECT * FROM whatsapp_enrollments WHERE id = ?');
  // Only enrollments of active campaigns are due: pausing a campaign holds its contacts where they are.
  const due = db.prepare<[number, number], Row>(`SELECT e.* FROM whatsapp_enrollments e
      JOIN whatsapp_campaigns c ON c.id = e.campaign_id AND c.status = 'active'
    WHERE e.status = 'active' AND e.next_run_at <= ? ORDER BY e.next_run_at, e.id LIMIT ?`);
  const dueInPortal = db.prepare<[number, number, number], Row>(`SELECT e.* FROM whatsapp_enrollments e
      JOIN whatsapp_campaigns c ON c.id = e.campaign_id AND c.status = 'active'
    WHERE e.portal_id = ? AND e.status = 'active' AND e.next_run_at <= ? ORDER BY e.next_run_at, e.id LIMIT ?`);
  const portalsDue = db.prepare<
    [number],
    { portal_id: number }
  >(`SELECT DISTINCT e.portal_id FROM whatsapp_enrollments e
      JOIN whatsapp_campaigns c ON c.id = e.campaign_id AND c.status = 'active'
    WHERE e.status = 'active' AND e.next_run_at <= ? ORDER BY e.portal_id`);
  const save = db.prepare(`UPDATE whatsapp_enrollments SET status = @status, step_id = @stepId, wait_until = @waitUntil,
      next_run_at = @nextRunAt, stop_reason = @stopReason, updated_at = @now, version = version + 1
    WHERE id = @id AND version = @version`);
  const byCampaign = db.prepare<[number], Row>('SELECT * FROM whatsapp_enrollments WHERE campaign_id = ? ORDER BY id');

  return {
    /** Enrolls a contact once per campaign: a second call returns the existing enrollment, unchanged. */
    enroll(
      input: { campaignId: number; portalId: number; contactId: string },
      now: number,
    ): { enrollment: Enrollment; created: boolean } {
      const created = insert.run({ ...input, now }).changes === 1;
      return { enrollment: toEnrollment(byKey.get(input.campaignId, input.contactId)!), created };
    },
    find(id: number): Enrollment | undefined {
      const row = byId.get(id);
      return row ? toEnrollment(row) : undefined;
    },
    /** Due enrollments of active campaigns, soonest first; of one portal when `portalId` is given. */
    due: (now: number, limit: number, portalId?: number): Enrollment[] =>
      (portalId === undefined ? due.all(now, limit) : dueInPortal.all(portalId, now, limit)).map(toEnrollment),
    /** Portals with at least one due enrollment (the campaign sweep enqueues one tick job for each). */
    portalsDue: (now: number): number[] => portalsDue.all(now).map((r) => r.portal_id),
    listByCampaign: (campaignId: number): Enrollment[] => byCampaign.all(campaignId).map(toEnrollment),
    /** Writes the advanced state if nobody advanced it since it was read; false when the race was lost. */
    saveAdvance(e: Pick<Enrollment, 'id' | 'version'>, state: EnrollmentState, now: number): boolean {
      return save.run({ ...state, id: e.id, version: e.version, now }).changes === 1;
    },
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}

export type EnrollmentsRepo = ReturnType<typeof createEnrollmentsRepo>;
