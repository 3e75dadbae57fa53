import type { Problem, RegisterTemplate, TemplateSyncView, TemplateView } from '@switchboard/contract';
import { AppError, isAppError } from '../../errors.ts';
import { placeholderCount, type VariableMapping } from '../../mapping/templateVariables.ts';
import type { ProviderFailure } from '../../whatsapp/classifyProviderError.ts';
import { syncTemplates } from '../templateSync.ts';
import type { StoredTemplate } from '../templatesRepo.ts';
import { type FieldSource, invalid, iso, requireInstalled, type WhatsAppAdminServiceDeps } from './adminDeps.ts';
import { checkTemplateMapping, unmappedPositions } from './mappingCheck.ts';

/** Templates of a portal as the settings page manages them: sync, manual registration, variable mappings. */
type Deps = Pick<WhatsAppAdminServiceDeps, 'installations' | 'providers' | 'templates' | 'fields' | 'now'>;

export const templateView = (t: StoredTemplate): TemplateView => ({
  name: t.name,
  language: t.language,
  category: t.category,
  status: t.status,
  source: t.source,
  bodyText: t.bodyText,
  parameterCount: t.parameterCount,
  mapping: t.mapping,
  unmapped: unmappedPositions(t.parameterCount, t.mapping),
  updatedAt: iso(t.updatedAt),
});

/**
 * A failed listing, as the admin should read it: a rejected token needs a new one (409), Meta being busy or
 * down is worth another try (429 / 503), anything else is a configuration Meta refuses (409, code kept).
 */
function syncFailure(f: ProviderFailure): AppError {
  const details = { provider: f.provider, code: f.code, reason: f.reason };
  const message = `WhatsApp template sync failed: ${f.message}`;
  if (f.reason === 'auth') return new AppError('needs_reauthorization', `${message} Save a new access token.`, details);
  if (f.reason === 'throttled')
    return new AppError('rate_limited', message, { ...details, retryAfterMs: f.retryAfterMs });
  if (f.action === 'retry') return new AppError('upstream_unavailable', message, details);
  return new AppError('conflict', message, details);
}

/** Contact and deal properties, discovered now when the cache is empty (e.g. discovery failed at install). */
async function knownFields(source: FieldSource, portalId: number, mapping: VariableMapping[]) {
  const uses = new Set(mapping.map((m) => m.source.from));
  const needs = (uses.has('contact') || uses.has('deal')) && source.list(portalId, 'contacts').length === 0;
  if (needs) await source.refresh(portalId, { priority: 'interactive' });
  return { contacts: source.list(portalId, 'contacts'), deals: source.list(portalId, 'deals') };
}

export function createTemplatesAdmin(d: Deps) {
  function connection(portalId: number) {
    try {
      return d.providers.require(portalId);
    } catch (e) {
      // Not connected is the admin's next step to take, not the service being unavailable.
      if (isAppError(e) && e.code === 'not_configured') throw new AppError('conflict', e.message);
      throw e;
    }
  }

  return {
    list: (portalId: number): TemplateView[] => d.templates.list(portalId).map(templateView),

    /** Lists every template at the provider and stores them (vanished ones become DELETED); mappings are kept. */
    async sync(portalId: number): Promise<TemplateSyncView> {
      requireInstalled(d, portalId);
      const { provider } = connection(portalId);
      if (!provider.capabilities.templateSync) {
        throw new AppError('conflict', `${provider.name} cannot list templates: register them by hand`);
      }
      const report = await syncTemplates(provider, d.templates, portalId, d.now());
      if (!report.ok) throw syncFailure(report.failure);
      const { added, updated, deleted, skipped } = report;
      return { portalId, added, updated, deleted, skipped, total: d.templates.list(portalId).length };
    },

    /** Registers (or re-registers) a template by hand; one the provider's sync owns cannot be overwritten. */
    register(portalId: number, body: RegisterTemplate): { template: TemplateView; created: boolean } {
      requireInstalled(d, portalId);
      const counted = placeholderCount(body.bodyText);
      if (body.parameterCount !== undefined && body.parameterCount !== counted) {
        const message = `is ${body.parameterCount} but the body has ${counted} variables`;
        throw invalid([{ field: 'body.parameterCount', message }]);
      }
      const existing = d.templates.find(portalId, body.name, body.language);
      if (existing?.source === 'synced') {
        const message = `template ${body.name} (${body.language}) comes from the provider's sync and cannot be replaced by hand`;
        throw new AppError('conflict', message);
      }
      const stored = d.templates.register(portalId, body, d.now());
      return { template: templateView(stored), created: existing === undefined };
    },

    /** Checks the mapping (template positions, discovered properties) and saves it; warnings come back with it. */
    async setMapping(portalId: number, name: string, language: string, mapping: VariableMapping[]) {
      const template = d.templates.find(portalId, name, language);
      if (!template)
        throw new AppError('not_found', `template ${name} (${language}) is not known in portal ${portalId}`);
      const fields = await knownFields(d.fields, portalId, mapping);
      const check = checkTemplateMapping({ template, mapping, fields });
      if (check.errors.length > 0) throw invalid(check.errors);
      const saved = d.templates.setMapping(portalId, name, language, mapping, d.now());
      return { template: templateView(saved), warnings: check.warnings satisfies Problem[] };
    },
  };
}

export type TemplatesAdmin = ReturnType<typeof createTemplatesAdmin>;
