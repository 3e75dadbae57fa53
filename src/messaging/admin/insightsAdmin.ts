import type { MetricsView, PrivacyDeletionView } from '@switchboard/contract';
import { normalizePhone } from '../../mapping/whatsappPhone.ts';
import { invalid, iso, requireInstalled, type WhatsAppAdminServiceDeps } from './adminDeps.ts';

/** Delivery, read and response rates of a period, and deleting a contact's WhatsApp data on request. */
type Deps = Pick<WhatsAppAdminServiceDeps, 'installations' | 'accounts' | 'campaigns' | 'metrics' | 'privacy' | 'now'>;

const DAY_MS = 86_400_000;
export const DEFAULT_METRICS_DAYS = 30;

export function createInsightsAdmin(d: Deps) {
  return {
    /** Rates per template and per campaign for messages created in [from, to) (default: the last 30 days). */
    metrics(portalId: number, q: { from?: number; to?: number }): MetricsView {
      const to = q.to ?? d.now();
      const from = q.from ?? to - DEFAULT_METRICS_DAYS * DAY_MS;
      if (from >= to) throw invalid([{ field: 'query.from', message: 'must be before to' }]);
      const period = { from, to };
      const names = new Map(d.campaigns.list(portalId).map((c) => [c.id, c.name]));
      return {
        portalId,
        period: { from: iso(from), to: iso(to) },
        templates: d.metrics.perTemplate(portalId, period),
        campaigns: d.metrics
          .perCampaign(portalId, period)
          .map((c) => ({ ...c, name: names.get(c.campaignId) ?? `campaign ${c.campaignId}` })),
      };
    },

    /**
     * Deletes what is stored about one person in this portal: messages both ways, their statuses, consent and
     * opt-out state, campaign enrollments. A phone is read like HubSpot values (the portal's default country).
     */
    deleteContactData(portalId: number, body: { contactId?: string; phone?: string }): PrivacyDeletionView {
      requireInstalled(d, portalId);
      if (body.contactId !== undefined) {
        return { portalId, ...d.privacy.deleteContactData(portalId, { contactId: body.contactId }) };
      }
      const phone = normalizePhone(body.phone, d.accounts.find(portalId)?.settings.defaultCountry);
      if (!phone.ok) throw invalid([{ field: 'body.phone', message: phone.message }]);
      return { portalId, ...d.privacy.deleteContactData(portalId, { phone: phone.e164 }) };
    },
  };
}

export type InsightsAdmin = ReturnType<typeof createInsightsAdmin>;
