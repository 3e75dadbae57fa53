import { type GraphErrorReply, whatsappError } from './graphErrors.ts';
import type { WhatsAppSandboxState } from './state.ts';
import { expectedParameters, findTemplate } from './templates.ts';
import type { SentTemplate, Template } from './types.ts';

/**
 * The template checks Meta runs at send time (reference §1):
 * - 132001: no template with that name in that language (`language.code` must match an approved
 *   translation exactly, "en" ≠ "en_US"), or the template is not approved (PENDING/REJECTED).
 *   [U] Meta gives the same "does not exist" details for a non-approved template; we do too.
 * - 132015 / 132016: template paused / disabled [U titles].
 * - 132000: body (or text header) parameter count differs from the template's placeholders.
 * - 132012: a media header parameter of the wrong type (IMAGE template, video parameter) [U].
 */

interface RequestedTemplate {
  name: string;
  language: { code: string };
  components?: { type: string; parameters?: Record<string, unknown>[] }[];
}

export type TemplateCheck =
  | { ok: true; template: Template; sent: SentTemplate }
  | { ok: false; reply: GraphErrorReply };

export function checkTemplate(
  state: WhatsAppSandboxState,
  wabaId: string,
  requested: RequestedTemplate,
): TemplateCheck {
  const { name } = requested;
  const code = requested.language.code;
  const template = findTemplate(state, wabaId, name, code);
  const missing = `template name (${name}) does not exist in ${code}`; // fixture constructed-send-error-132001
  if (!template || template.status === 'PENDING' || template.status === 'REJECTED') {
    return { ok: false, reply: whatsappError(132001, missing) };
  }
  if (template.status === 'PAUSED') return { ok: false, reply: whatsappError(132015, `template (${name}) is paused`) };
  if (template.status === 'DISABLED') {
    return { ok: false, reply: whatsappError(132016, `template (${name}) is disabled`) };
  }

  const given = (type: string) =>
    (requested.components ?? []).filter((c) => c.type === type).flatMap((c) => c.parameters ?? []);
  const body = given('body');
  const header = given('header');
  const expected = expectedParameters(template);
  const countError = (part: string, got: number, want: number) =>
    whatsappError(
      132000,
      `${part}: number of localizable_params (${got}) does not match the expected number of params (${want})`,
    );
  if (header.length !== expected.header)
    return { ok: false, reply: countError('header', header.length, expected.header) };
  if (body.length !== expected.body) return { ok: false, reply: countError('body', body.length, expected.body) };
  const headerType = header[0]?.type;
  if (expected.headerFormat && headerType !== expected.headerFormat.toLowerCase()) {
    return {
      ok: false,
      reply: whatsappError(
        132012,
        `header: Format mismatch, expected ${expected.headerFormat}, received ${String(headerType).toUpperCase()}`,
      ),
    };
  }
  return {
    ok: true,
    template,
    sent: {
      name,
      language: code,
      category: template.category,
      bodyParameters: body.map(renderParameter),
      headerParameters: header,
      buttonParameters: given('button'),
    },
  };
}

/** Text a body parameter contributes (currency/date_time: Cloud API always uses fallback_value). */
function renderParameter(p: Record<string, unknown>): string {
  if (p.type === 'text') return String(p.text);
  const nested = p[String(p.type)] as { fallback_value?: string } | undefined;
  return nested?.fallback_value ?? JSON.stringify(nested ?? p);
}
