import { z } from 'zod';
import { placeholderCount } from '../mapping/templateVariables.ts';
import type { ProviderTemplate } from './provider.ts';

/**
 * Graph API responses the Meta adapter reads, parsed with zod at the boundary (CONVENTIONS). Objects are
 * loose: Meta adds fields, and only the ones named here are used.
 */

/** OAS `MessageResponsePayload` (fixture response-send-success.json). */
export const SendResponseSchema = z.object({
  messaging_product: z.literal('whatsapp').optional(),
  contacts: z.array(z.object({ input: z.string().optional(), wa_id: z.string() })).optional(),
  messages: z.array(z.object({ id: z.string().min(1), message_status: z.string().optional() })).min(1),
});

/** Mark-as-read answer (OAS "Send typing indicator and read receipt"). */
export const SuccessResponseSchema = z.object({ success: z.literal(true) });

/**
 * OAS `GraphAPIError` plus `error_data` (reference §1 "Error shape"; the README notes the spec omits it).
 * `code` is all that decisions use; the rest is kept for the operator.
 */
export const GraphErrorSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().int(),
    error_subcode: z.number().int().optional(),
    error_data: z.object({ details: z.string().optional() }).optional(),
    is_transient: z.boolean().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

const TemplateComponentSchema = z.object({
  type: z.string(),
  format: z.string().optional(),
  text: z.string().optional(),
  buttons: z.array(z.object({ type: z.string(), text: z.string().optional() })).optional(),
});

const TemplateSchema = z.object({
  id: z.string().optional(),
  name: z.string().min(1),
  language: z.string().min(1),
  status: z.enum(['APPROVED', 'PENDING', 'REJECTED', 'PAUSED', 'DISABLED']),
  category: z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']),
  components: z.array(TemplateComponentSchema).default([]),
});

/** `GET /{version}/{waba-id}/message_templates` with Graph's cursor paging. */
export const TemplatePageSchema = z.object({
  data: z.array(z.unknown()),
  paging: z
    .object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() })
    .optional(),
});

/** One listed template in our terms, or a problem naming what did not parse. */
export function toProviderTemplate(
  raw: unknown,
): { ok: true; template: ProviderTemplate } | { ok: false; problem: string } {
  const parsed = TemplateSchema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const t = parsed.data;
  const find = (type: string) => t.components.find((c) => c.type.toUpperCase() === type);
  const header = find('HEADER');
  const buttons = find('BUTTONS')?.buttons ?? [];
  return {
    ok: true,
    template: {
      ...(t.id ? { providerTemplateId: t.id } : {}),
      name: t.name,
      language: t.language,
      category: t.category,
      status: t.status,
      bodyText: find('BODY')?.text ?? '',
      header: !header
        ? 'none'
        : header.format && header.format !== 'TEXT'
          ? 'media'
          : placeholderCount(header.text ?? '') > 0
            ? 'text_variables'
            : 'text',
      quickReplies: buttons.filter((b) => b.type === 'QUICK_REPLY').map((b) => b.text ?? ''),
    },
  };
}
