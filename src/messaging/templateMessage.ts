import { PLACEHOLDER, type Resolution } from '../mapping/templateVariables.ts';
import type { TemplateMessage } from '../whatsapp/provider.ts';
import type { StoredTemplate } from './templatesRepo.ts';

/**
 * From a stored template and its resolved variables to what the rep sees (the card's live preview, the
 * text kept in the conversation store) and to what the provider receives (positional body parameters,
 * reference/whatsapp.md §1). Pure.
 */

/** The body with `{{n}}` filled from `values[n-1]`; a placeholder without a value stays as written. */
export function renderTemplateText(bodyText: string, values: readonly (string | undefined)[]): string {
  return bodyText.replace(PLACEHOLDER, (whole, n: string) => values[Number(n) - 1] ?? whole);
}

export interface TemplatePreview {
  text: string;
  /** Positions still without a value, with the reason for each. */
  missing: { position: number; reason: string }[];
}

/** The live preview: filled text, and what is still missing (shown next to it). */
export function previewTemplate(template: Pick<StoredTemplate, 'bodyText'>, resolution: Resolution): TemplatePreview {
  const values = resolution.variables.map((v) => ('value' in v ? v.value : undefined));
  const missing = resolution.variables.flatMap((v) =>
    'missing' in v ? [{ position: v.position, reason: v.missing }] : [],
  );
  return { text: renderTemplateText(template.bodyText, values), missing };
}

/** The provider's template message: text parameters in position order, plus quick-reply payloads if any. */
export function templateMessage(
  template: Pick<StoredTemplate, 'name' | 'language'>,
  values: readonly string[],
  quickReplyPayloads?: TemplateMessage['quickReplyPayloads'],
): TemplateMessage {
  return {
    name: template.name,
    language: template.language,
    bodyParameters: values.map((text) => ({ type: 'text', text })),
    ...(quickReplyPayloads?.length ? { quickReplyPayloads } : {}),
  };
}
