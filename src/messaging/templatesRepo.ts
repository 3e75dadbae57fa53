import type { Db } from '../db/openDatabase.ts';
import { AppError } from '../errors.ts';
import { placeholderCount, TemplateVariablesSchema, type VariableMapping } from '../mapping/templateVariables.ts';
import type { ProviderTemplate } from '../whatsapp/provider.ts';

/** All SQL about whatsapp_templates: synced or registered templates and their variable mappings. */

export type TemplateStatus = ProviderTemplate['status'] | 'DELETED';

export interface StoredTemplate extends Omit<ProviderTemplate, 'status' | 'providerTemplateId'> {
  portalId: number;
  status: TemplateStatus;
  parameterCount: number;
  source: 'synced' | 'manual';
  providerTemplateId: string | null;
  mapping: VariableMapping[];
  updatedAt: number;
}

/** What an admin registers by hand (issue 7 §2): name, language, category, status, parameter count, body. */
export interface ManualTemplate {
  name: string;
  language: string;
  category: ProviderTemplate['category'];
  status: ProviderTemplate['status'];
  bodyText: string;
  parameterCount?: number;
}

interface Row {
  portal_id: number;
  name: string;
  language: string;
  category: ProviderTemplate['category'];
  status: TemplateStatus;
  body_text: string;
  parameter_count: number;
  header: ProviderTemplate['header'];
  quick_replies: string;
  source: 'synced' | 'manual';
  provider_template_id: string | null;
  variable_mapping: string;
  updated_at: number;
}

const toTemplate = (r: Row): StoredTemplate => ({
  portalId: r.portal_id,
  name: r.name,
  language: r.language,
  category: r.category,
  status: r.status,
  bodyText: r.body_text,
  parameterCount: r.parameter_count,
  header: r.header,
  quickReplies: JSON.parse(r.quick_replies) as string[],
  source: r.source,
  providerTemplateId: r.provider_template_id,
  mapping: TemplateVariablesSchema.parse(JSON.parse(r.variable_mapping)),
  updatedAt: r.updated_at,
});

// A sync refreshes what the provider owns and never touches the portal's variable mapping.
const UPSERT = `
  INSERT INTO whatsapp_templates (portal_id, name, language, category, status, body_text, parameter_count, header,
    quick_replies, source, provider_template_id, updated_at)
  VALUES (@portalId, @name, @language, @category, @status, @bodyText, @parameterCount, @header,
    @quickReplies, @source, @providerTemplateId, @now)
  ON CONFLICT (portal_id, name, language) DO UPDATE SET category = excluded.category, status = excluded.status,
    body_text = excluded.body_text, parameter_count = excluded.parameter_count, header = excluded.header,
    quick_replies = excluded.quick_replies, source = excluded.source,
    provider_template_id = excluded.provider_template_id, updated_at = excluded.updated_at`;

export function createTemplatesRepo(db: Db) {
  const findStmt = db.prepare<[number, string, string], Row>(
    'SELECT * FROM whatsapp_templates WHERE portal_id = ? AND name = ? AND language = ?',
  );
  const listStmt = db.prepare<[number], Row>(
    'SELECT * FROM whatsapp_templates WHERE portal_id = ? ORDER BY name, language',
  );
  const upsertStmt = db.prepare(UPSERT);
  const mappingStmt = db.prepare(
    'UPDATE whatsapp_templates SET variable_mapping = ?, updated_at = ? WHERE portal_id = ? AND name = ? AND language = ?',
  );
  const deleteStmt = db.prepare(
    `UPDATE whatsapp_templates SET status = 'DELETED', updated_at = ?
     WHERE portal_id = ? AND name = ? AND language = ? AND status <> 'DELETED'`,
  );

  const find = (portalId: number, name: string, language: string) => {
    const row = findStmt.get(portalId, name, language);
    return row ? toTemplate(row) : undefined;
  };

  return {
    find,
    list: (portalId: number): StoredTemplate[] => listStmt.all(portalId).map(toTemplate),
    /** Stores a template as the provider listed it; returns whether it was new. */
    saveSynced(portalId: number, t: ProviderTemplate, now: number): 'added' | 'updated' {
      const existed = findStmt.get(portalId, t.name, t.language) !== undefined;
      upsertStmt.run({
        ...t,
        portalId,
        parameterCount: placeholderCount(t.bodyText),
        quickReplies: JSON.stringify(t.quickReplies),
        source: 'synced',
        providerTemplateId: t.providerTemplateId ?? null,
        now,
      });
      return existed ? 'updated' : 'added';
    },
    /** Registers a template by hand (providers without template listing, e.g. AtomChat). */
    register(portalId: number, t: ManualTemplate, now: number): StoredTemplate {
      const counted = placeholderCount(t.bodyText);
      if (t.parameterCount !== undefined && t.parameterCount !== counted) {
        const message = `template ${t.name}: parameterCount ${t.parameterCount} but the body has ${counted} variables`;
        throw new AppError('validation', message);
      }
      const row = { ...t, portalId, parameterCount: counted, header: 'none', quickReplies: '[]', source: 'manual' };
      upsertStmt.run({ ...row, providerTemplateId: null, now });
      return find(portalId, t.name, t.language)!;
    },
    /** Marks a template gone from the provider as DELETED (its mapping stays, sends are refused). */
    markDeleted: (portalId: number, name: string, language: string, now: number): boolean =>
      deleteStmt.run(now, portalId, name, language).changes === 1,
    /** Saves the variable mapping after checking it against the template. */
    setMapping(portalId: number, name: string, language: string, mapping: unknown, now: number): StoredTemplate {
      const template = find(portalId, name, language);
      if (!template) throw new AppError('not_found', `template ${name} (${language}) is not known`);
      const parsed = TemplateVariablesSchema.safeParse(mapping);
      if (!parsed.success) throw new AppError('validation', `variable mapping: ${parsed.error.issues[0]?.message}`);
      const beyond = parsed.data.find((v) => v.position > template.parameterCount);
      if (beyond) {
        const message = `variable mapping: {{${beyond.position}}} does not exist in ${name} (${template.parameterCount} variables)`;
        throw new AppError('validation', message);
      }
      mappingStmt.run(JSON.stringify(parsed.data), now, portalId, name, language);
      return find(portalId, name, language)!;
    },
  };
}

export type TemplatesRepo = ReturnType<typeof createTemplatesRepo>;
