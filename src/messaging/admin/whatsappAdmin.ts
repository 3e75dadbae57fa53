import { createAccountAdmin } from './accountAdmin.ts';
import type { WhatsAppAdminServiceDeps } from './adminDeps.ts';
import { createCampaignsAdmin } from './campaignsAdmin.ts';
import { createInsightsAdmin } from './insightsAdmin.ts';
import { createTemplatesAdmin } from './templatesAdmin.ts';

export type { FieldSource, KnownField, WhatsAppAdminServiceDeps } from './adminDeps.ts';
export { WhatsAppSettingsPatch } from './settingsPatch.ts';

/**
 * The WhatsApp admin API's service (issue 7): account and secrets, settings, templates and their mappings,
 * campaigns and enrollments, metrics and privacy deletions — one portal at a time; the routes check the caller
 * may act on that portal before calling in.
 */
export function createWhatsAppAdmin(deps: WhatsAppAdminServiceDeps) {
  return {
    account: createAccountAdmin(deps),
    templates: createTemplatesAdmin(deps),
    campaigns: createCampaignsAdmin(deps),
    insights: createInsightsAdmin(deps),
  };
}

export type WhatsAppAdmin = ReturnType<typeof createWhatsAppAdmin>;
