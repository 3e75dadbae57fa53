import { requireWaba } from './accounts.ts';
import type { WhatsAppSandboxState } from './state.ts';
import type { Template, TemplateCategory, TemplateComponentDef, TemplateStatus } from './types.ts';

/**
 * Message templates per WABA, stored in the shape Graph's `GET /{version}/{waba-id}/message_templates`
 * returns (OAS getTemplateByNameDefaultFields example). Templates are approved per name *and* language
 * (reference §3), so (name, language) is the key.
 */

export interface TemplateInput {
  name: string;
  language: string;
  category: TemplateCategory;
  status?: TemplateStatus;
  /** Full components in Graph's shape; or use the `body`/`header`/`footer` shortcuts. */
  components?: TemplateComponentDef[];
  body?: string;
  header?: { format: 'TEXT'; text: string } | { format: 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'LOCATION' };
  footer?: string;
  quickReplies?: string[];
}

/** Adds (or replaces) a template translation; default status APPROVED. */
export function addTemplate(state: WhatsAppSandboxState, wabaId: string, input: TemplateInput): Template {
  requireWaba(state, wabaId);
  if (!/^[a-z0-9_]{1,512}$/.test(input.name)) {
    // Meta only allows lowercase letters, digits and underscores in template names.
    throw new Error(`template name ${input.name} must be lowercase letters, digits and underscores`);
  }
  const existing = findTemplate(state, wabaId, input.name, input.language);
  const template: Template = {
    id: existing?.id ?? state.ids.numeric(),
    wabaId,
    name: input.name,
    language: input.language,
    category: input.category,
    status: input.status ?? 'APPROVED',
    components: input.components ?? shortcutComponents(input),
  };
  if (existing) state.templates.splice(state.templates.indexOf(existing), 1, template);
  else state.templates.push(template);
  return template;
}

function shortcutComponents(input: TemplateInput): TemplateComponentDef[] {
  const out: TemplateComponentDef[] = [];
  if (input.header) out.push({ type: 'HEADER', ...input.header });
  if (input.body === undefined) throw new Error(`template ${input.name} needs a body (or components)`);
  const bodyParams = placeholders(input.body);
  out.push({
    type: 'BODY',
    text: input.body,
    ...(bodyParams.length > 0 ? { example: { body_text: [bodyParams.map((p) => `example ${p}`)] } } : {}),
  });
  if (input.footer) out.push({ type: 'FOOTER', text: input.footer });
  if (input.quickReplies?.length) {
    out.push({ type: 'BUTTONS', buttons: input.quickReplies.map((text) => ({ type: 'QUICK_REPLY' as const, text })) });
  }
  return out;
}

/** Moves a template through review: APPROVED, PENDING, REJECTED, PAUSED, DISABLED. */
export function setTemplateStatus(
  state: WhatsAppSandboxState,
  wabaId: string,
  name: string,
  language: string,
  status: TemplateStatus,
): Template {
  const template = findTemplate(state, wabaId, name, language);
  if (!template) throw new Error(`template ${name}/${language} does not exist in WABA ${wabaId}`);
  template.status = status;
  return template;
}

export function findTemplate(state: WhatsAppSandboxState, wabaId: string, name: string, language: string) {
  return state.templates.find((t) => t.wabaId === wabaId && t.name === name && t.language === language);
}

/** Distinct `{{1}}`, `{{2}}` (or named `{{first_name}}`) placeholders in a component text, in order of appearance. */
export function placeholders(text: string | undefined): string[] {
  const found = [...(text ?? '').matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!);
  return [...new Set(found)];
}

/** The parameters a send must supply, per component, for a template (used for 132000 / 132012). */
export function expectedParameters(template: Template): { header: number; headerFormat?: string; body: number } {
  const header = template.components.find((c) => c.type === 'HEADER');
  const body = template.components.find((c) => c.type === 'BODY');
  const headerCount = !header ? 0 : header.format === 'TEXT' || !header.format ? placeholders(header.text).length : 1;
  return {
    header: headerCount,
    ...(header?.format && header.format !== 'TEXT' ? { headerFormat: header.format } : {}),
    body: placeholders(body?.text).length,
  };
}

/** Graph's view of a template (default fields of GET message_templates). */
export function templateView(t: Template) {
  return {
    name: t.name,
    components: t.components,
    language: t.language,
    status: t.status,
    category: t.category,
    id: t.id,
  };
}
