import { type Response, Router } from 'express';
import { z } from 'zod';
import {
  CampaignStatusBody,
  CreateCampaignBody,
  EnrollContactsBody,
  EnrollmentsQuery,
  MetricsQuery,
  PortalIdParam,
  PositiveIdParam,
  PrivacyDeletionBody,
  PutWhatsAppAccountBody,
  RegisterTemplateBody,
  TemplateKeyParams,
} from '@switchboard/contract';
import { TemplateVariablesSchema } from '../../src/mapping/templateVariables.ts';
import {
  createWhatsAppAdmin,
  type WhatsAppAdminServiceDeps,
  WhatsAppSettingsPatch,
} from '../../src/messaging/admin/whatsappAdmin.ts';
import { CampaignDefinitionSchema } from '../../src/messaging/campaigns/definition.ts';
import { requirePortalAccess } from '../middleware/adminAuth.ts';
import { parseOrThrow } from '../parse.ts';

/** What the WhatsApp admin routes need: the messaging stores, providers, campaign engine and field discovery. */
export interface WhatsAppAdminDeps extends WhatsAppAdminServiceDeps {}

const MappingBody = z.object({ mapping: TemplateVariablesSchema }).strict();

function portalOf(params: Record<string, string>, res: Response): number {
  const portalId = parseOrThrow(PortalIdParam, params.portalId, 'params.portalId');
  requirePortalAccess(res, portalId);
  return portalId;
}

const campaignIdOf = (params: Record<string, string>) =>
  parseOrThrow(PositiveIdParam, params.campaignId, 'params.campaignId');

/**
 * `/admin/portals/:portalId/whatsapp/…` (mounted inside the admin router, after its auth): the account and its
 * secrets, settings, templates and variable mappings, campaigns and enrollments, metrics and privacy deletions.
 * A signed caller reaches only its own portal (403 otherwise); bad input is a 400 naming the field, nothing saved.
 */
export function whatsappAdminRoutes(deps: WhatsAppAdminDeps): Router {
  const admin = createWhatsAppAdmin(deps);
  const router = Router();
  const base = '/portals/:portalId/whatsapp';

  router.get(`${base}/account`, (req, res) => {
    res.json(admin.account.get(portalOf(req.params, res)));
  });
  router.put(`${base}/account`, (req, res) => {
    const portalId = portalOf(req.params, res);
    res.json(admin.account.put(portalId, parseOrThrow(PutWhatsAppAccountBody, req.body, 'body')));
  });
  router.get(`${base}/settings`, (req, res) => {
    const portalId = portalOf(req.params, res);
    res.json({ portalId, settings: admin.account.settings(portalId) });
  });
  router.patch(`${base}/settings`, (req, res) => {
    const portalId = portalOf(req.params, res);
    const patch = parseOrThrow(WhatsAppSettingsPatch, req.body, 'body');
    res.json({ portalId, settings: admin.account.patchSettings(portalId, patch) });
  });

  router.get(`${base}/templates`, (req, res) => {
    const portalId = portalOf(req.params, res);
    res.json({ portalId, templates: admin.templates.list(portalId) });
  });
  router.post(`${base}/templates`, (req, res) => {
    const portalId = portalOf(req.params, res);
    const result = admin.templates.register(portalId, parseOrThrow(RegisterTemplateBody, req.body, 'body'));
    res.status(result.created ? 201 : 200).json(result);
  });
  router.post(`${base}/templates/sync`, async (req, res) => {
    res.json(await admin.templates.sync(portalOf(req.params, res)));
  });
  router.put(`${base}/templates/:name/:language/mapping`, async (req, res) => {
    const portalId = portalOf(req.params, res);
    const { name, language } = parseOrThrow(TemplateKeyParams, req.params, 'params');
    const { mapping } = parseOrThrow(MappingBody, req.body, 'body');
    res.json(await admin.templates.setMapping(portalId, name, language, mapping));
  });

  router.get(`${base}/campaigns`, (req, res) => {
    const portalId = portalOf(req.params, res);
    res.json({ portalId, campaigns: admin.campaigns.list(portalId) });
  });
  router.post(`${base}/campaigns`, (req, res) => {
    const portalId = portalOf(req.params, res);
    const { name, definition } = parseOrThrow(CreateCampaignBody, req.body, 'body');
    const parsed = parseOrThrow(CampaignDefinitionSchema, definition, 'body.definition');
    res.status(201).json(admin.campaigns.create(portalId, name, parsed));
  });
  router.get(`${base}/campaigns/:campaignId`, (req, res) => {
    const portalId = portalOf(req.params, res);
    res.json(admin.campaigns.get(portalId, campaignIdOf(req.params)));
  });
  router.patch(`${base}/campaigns/:campaignId`, (req, res) => {
    const portalId = portalOf(req.params, res);
    const { status } = parseOrThrow(CampaignStatusBody, req.body, 'body');
    res.json(admin.campaigns.setStatus(portalId, campaignIdOf(req.params), status));
  });
  router.post(`${base}/campaigns/:campaignId/enrollments`, (req, res) => {
    const portalId = portalOf(req.params, res);
    const campaignId = campaignIdOf(req.params);
    const { contactIds } = parseOrThrow(EnrollContactsBody, req.body, 'body');
    res.json(admin.campaigns.enroll(portalId, campaignId, contactIds));
  });
  router.get(`${base}/campaigns/:campaignId/enrollments`, (req, res) => {
    const portalId = portalOf(req.params, res);
    const campaignId = campaignIdOf(req.params);
    res.json(admin.campaigns.enrollments(portalId, campaignId, parseOrThrow(EnrollmentsQuery, req.query, 'query')));
  });

  router.get(`${base}/metrics`, (req, res) => {
    const portalId = portalOf(req.params, res);
    res.json(admin.insights.metrics(portalId, parseOrThrow(MetricsQuery, req.query, 'query')));
  });
  router.post(`${base}/privacy/deletions`, (req, res) => {
    const portalId = portalOf(req.params, res);
    res.json(admin.insights.deleteContactData(portalId, parseOrThrow(PrivacyDeletionBody, req.body, 'body')));
  });
  return router;
}
