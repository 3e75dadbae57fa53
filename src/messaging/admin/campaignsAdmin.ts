import type { CampaignView, EnrollmentView, EnrollResult, Problem } from '@switchboard/contract';
import { AppError } from '../../errors.ts';
import type { Campaign, CampaignStatus } from '../campaigns/campaignsRepo.ts';
import type { CampaignDefinition } from '../campaigns/definition.ts';
import type { Enrollment } from '../campaigns/enrollmentsRepo.ts';
import { invalid, iso, isoOrNull, requireInstalled, type WhatsAppAdminServiceDeps } from './adminDeps.ts';
import { createEnrollmentPages, type EnrollmentPageQuery } from './enrollmentPages.ts';

/**
 * Campaigns as the admin runs them: create (definition already parsed at the edge; its templates checked here),
 * list, pause/resume/archive, enroll contacts (idempotent per contact) and page through the enrollments.
 * A campaign of another portal is "not found", never shown.
 */
type Deps = Pick<
  WhatsAppAdminServiceDeps,
  'db' | 'installations' | 'accounts' | 'templates' | 'campaigns' | 'enrollments' | 'engine' | 'now'
>;

const enrollmentView = (e: Enrollment): EnrollmentView => ({
  id: e.id,
  contactId: e.contactId,
  status: e.status,
  stepId: e.stepId,
  waitUntil: isoOrNull(e.waitUntil),
  nextRunAt: isoOrNull(e.nextRunAt),
  stopReason: e.stopReason,
  enrolledAt: iso(e.enrolledAt),
  updatedAt: iso(e.updatedAt),
});

export function createCampaignsAdmin(d: Deps) {
  const pages = createEnrollmentPages(d.db);

  const view = (c: Campaign): CampaignView => ({
    id: c.id,
    name: c.name,
    status: c.status,
    definition: c.definition,
    enrollments: pages.counts(c.id),
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  });

  function campaignOf(portalId: number, campaignId: number): Campaign {
    const campaign = d.campaigns.find(campaignId);
    if (!campaign || campaign.portalId !== portalId) {
      throw new AppError('not_found', `campaign ${campaignId} does not exist in portal ${portalId}`);
    }
    return campaign;
  }

  /** Each send step must name a template the portal has (in the step's language, else the default one). */
  function templateProblems(portalId: number, definition: CampaignDefinition) {
    const language = d.accounts.find(portalId)?.settings.defaultLanguage ?? 'en_US';
    const errors: Problem[] = [];
    const warnings: Problem[] = [];
    definition.steps.forEach((step, i) => {
      if (step.type !== 'send_template') return;
      const field = `body.definition.steps.${i}.template`;
      const lang = step.language ?? language;
      const t = d.templates.find(portalId, step.template, lang);
      if (!t || t.status === 'DELETED') {
        errors.push({ field, message: `template ${step.template} (${lang}) is not known: sync or register it first` });
      } else if (t.status !== 'APPROVED') {
        warnings.push({
          field,
          message: `template ${step.template} (${lang}) is ${t.status}: sends wait for approval`,
        });
      }
    });
    return { errors, warnings };
  }

  return {
    list: (portalId: number): CampaignView[] => d.campaigns.list(portalId).map(view),
    get: (portalId: number, campaignId: number): CampaignView => view(campaignOf(portalId, campaignId)),

    create(portalId: number, name: string, definition: CampaignDefinition) {
      requireInstalled(d, portalId);
      if (d.campaigns.list(portalId).some((c) => c.name === name)) {
        throw new AppError('conflict', `a campaign named "${name}" already exists in portal ${portalId}`);
      }
      const { errors, warnings } = templateProblems(portalId, definition);
      if (errors.length > 0) throw invalid(errors);
      try {
        return { campaign: view(d.campaigns.create(portalId, name, definition, d.now())), warnings };
      } catch (e) {
        // Another instance may have taken the name since the check (UNIQUE (portal_id, name)).
        if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new AppError('conflict', `a campaign named "${name}" already exists in portal ${portalId}`);
        }
        throw e;
      }
    },

    /** Pause / resume / archive. Archiving is final: a finished campaign never starts sending again by mistake. */
    setStatus(portalId: number, campaignId: number, status: CampaignStatus): CampaignView {
      const campaign = campaignOf(portalId, campaignId);
      if (campaign.status === status) return view(campaign);
      if (campaign.status === 'archived') {
        throw new AppError('conflict', `campaign ${campaignId} is archived: archived campaigns cannot be reopened`);
      }
      d.campaigns.setStatus(campaignId, status, d.now());
      return view(campaignOf(portalId, campaignId));
    },

    /** Enrolls each contact once: contacts already in the campaign are reported, not enrolled again. */
    enroll(portalId: number, campaignId: number, contactIds: string[]): EnrollResult {
      const campaign = campaignOf(portalId, campaignId);
      if (campaign.status === 'archived') {
        throw new AppError('conflict', `campaign ${campaignId} is archived: it takes no new contacts`);
      }
      const result: EnrollResult = { campaignId, enrolled: [], already: [] };
      const now = d.now();
      d.db.transaction(() => {
        for (const contactId of new Set(contactIds)) {
          const { created } = d.engine.enroll(campaignId, contactId, now);
          (created ? result.enrolled : result.already).push(contactId);
        }
      })();
      return result;
    },

    /** One page of a campaign's enrollments (id order) and the cursor of the next page. */
    enrollments(portalId: number, campaignId: number, q: Omit<EnrollmentPageQuery, 'campaignId'>) {
      campaignOf(portalId, campaignId);
      const ids = pages.ids({ ...q, campaignId });
      const enrollments = ids.map((id) => enrollmentView(d.enrollments.find(id)!));
      const last = ids.at(-1);
      return { campaignId, enrollments, nextAfterId: ids.length === q.limit && last !== undefined ? last : null };
    },
  };
}

export type CampaignsAdmin = ReturnType<typeof createCampaignsAdmin>;
