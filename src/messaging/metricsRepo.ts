import type { Db } from '../db/openDatabase.ts';

/**
 * Delivery, read and response rates per template and per campaign (issue 7 §9), in SQL over the
 * conversation store. Definitions [M]:
 * - sent: accepted by the provider; failed: ended `failed` (refused at send time or failed later);
 * - delivered: reached `delivered` or `read` (read implies delivered, reference §3); read: reached `read`;
 * - responded: the contact wrote within 24 h after the message and before our next message to them
 *   (last-touch attribution, so one reply is not counted for several messages);
 * - rates are shares of `sent` (null when nothing was sent).
 */

export interface Rates {
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  responded: number;
  deliveryRate: number | null;
  readRate: number | null;
  responseRate: number | null;
}

export interface Period {
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
}

const DAY_MS = 86_400_000;

const COUNTS = `
  SUM(o.provider_message_id IS NOT NULL) AS sent,
  SUM(o.status IN ('delivered', 'read')) AS delivered,
  SUM(o.status = 'read') AS read,
  SUM(o.status = 'failed') AS failed,
  SUM(o.accepted_at IS NOT NULL AND EXISTS (
    SELECT 1 FROM whatsapp_messages i
    WHERE i.portal_id = o.portal_id AND i.phone = o.phone AND i.direction = 'inbound'
      AND i.created_at > o.accepted_at AND i.created_at <= o.accepted_at + ${DAY_MS}
      AND NOT EXISTS (
        SELECT 1 FROM whatsapp_messages n
        WHERE n.portal_id = o.portal_id AND n.phone = o.phone AND n.direction = 'outbound'
          AND n.accepted_at > o.accepted_at AND n.accepted_at < i.created_at))) AS responded`;

const SCOPE = `o.portal_id = @portalId AND o.direction = 'outbound' AND o.status <> 'pending'
  AND o.created_at >= @from AND o.created_at < @to`;

interface CountRow {
  sent: number | null;
  delivered: number | null;
  read: number | null;
  failed: number | null;
  responded: number | null;
}

function rates(r: CountRow): Rates {
  const n = (v: number | null) => v ?? 0;
  const sent = n(r.sent);
  const share = (v: number | null) => (sent === 0 ? null : n(v) / sent);
  return {
    sent,
    delivered: n(r.delivered),
    read: n(r.read),
    failed: n(r.failed),
    responded: n(r.responded),
    deliveryRate: share(r.delivered),
    readRate: share(r.read),
    responseRate: share(r.responded),
  };
}

export function createMetricsRepo(db: Db) {
  const byTemplate = db.prepare<[Period & { portalId: number }], CountRow & { name: string; language: string }>(`
    SELECT o.template_name AS name, o.template_language AS language, ${COUNTS}
    FROM whatsapp_messages o WHERE ${SCOPE} AND o.template_name IS NOT NULL
    GROUP BY o.template_name, o.template_language ORDER BY o.template_name, o.template_language`);
  const byCampaign = db.prepare<[Period & { portalId: number }], CountRow & { campaignId: number }>(`
    SELECT o.campaign_id AS campaignId, ${COUNTS}
    FROM whatsapp_messages o WHERE ${SCOPE} AND o.campaign_id IS NOT NULL
    GROUP BY o.campaign_id ORDER BY o.campaign_id`);
  const enrollmentCounts = db.prepare<[number], { campaignId: number; status: string; count: number }>(`
    SELECT campaign_id AS campaignId, status, COUNT(*) AS count FROM whatsapp_enrollments
    WHERE portal_id = ? GROUP BY campaign_id, status`);

  return {
    perTemplate(portalId: number, period: Period): ({ name: string; language: string } & Rates)[] {
      return byTemplate.all({ portalId, ...period }).map((r) => ({ name: r.name, language: r.language, ...rates(r) }));
    },
    /** Rates per campaign, with its enrollments by status (active / completed / stopped). */
    perCampaign(
      portalId: number,
      period: Period,
    ): ({ campaignId: number; enrollments: Record<string, number> } & Rates)[] {
      const enrollments = enrollmentCounts.all(portalId);
      return byCampaign.all({ portalId, ...period }).map((r) => ({
        campaignId: r.campaignId,
        enrollments: Object.fromEntries(
          enrollments.filter((e) => e.campaignId === r.campaignId).map((e) => [e.status, e.count]),
        ),
        ...rates(r),
      }));
    },
  };
}

export type MetricsRepo = ReturnType<typeof createMetricsRepo>;
