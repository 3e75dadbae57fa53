import type { Secret } from '../connections/secret.ts';
import { classifyProviderError, type ProviderFailure } from './classifyProviderError.ts';
import {
  GraphErrorSchema,
  SendResponseSchema,
  SuccessResponseSchema,
  TemplatePageSchema,
  toProviderTemplate,
} from './graphSchemas.ts';
import { markReadBody, templateBody, textBody } from './metaRequestBodies.ts';
import { parseMetaWebhook } from './metaWebhook.ts';
import type {
  ListTemplatesResult,
  ProviderCallResult,
  ProviderTemplate,
  SendResult,
  WhatsAppProvider,
} from './provider.ts';

/**
 * The Meta Cloud API adapter (reference/whatsapp.md §1). One instance per business account (WABA) and token;
 * requests name the sending number. Base URL and version are configuration (§1 "Keep the version
 * configurable"; the SDK's WA_BASE_URL is the same hook), which is how tests point it at the sandbox.
 */
export interface MetaCloudOptions {
  /** `https://graph.facebook.com` in production; the sandbox's URL in tests. */
  baseUrl: string;
  /** e.g. `v23.0` (the OAS version). */
  version: string;
  businessAccountId: string;
  accessToken: Secret;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

type Outcome = { ok: true; status: number; body: unknown } | { ok: false; failure: ProviderFailure };

const MAX_TEMPLATE_PAGES = 50; // 100 per page: far above Meta's per-WABA template count (§3)
// Connection failures where the request never left this machine: safe to retry.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** Builds the Meta adapter of the provider port. */
export function createMetaCloudProvider(options: MetaCloudOptions): WhatsAppProvider {
  const doFetch = options.fetch ?? globalThis.fetch;
  const root = `${options.baseUrl.replace(/\/$/, '')}/${options.version}`;

  async function call(method: 'GET' | 'POST', url: string, body: unknown, attempt: number): Promise<Outcome> {
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        // The token goes in the header only, never the URL, so it cannot end up in access logs.
        headers: {
          authorization: `Bearer ${options.accessToken.reveal()}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (err) {
      return { ok: false, failure: classifyProviderError({ transport: transportOf(err), attempt }) };
    }
    const parsed: unknown = await res.json().catch(() => undefined);
    if (res.ok) return { ok: true, status: res.status, body: parsed };
    const graph = GraphErrorSchema.safeParse(parsed);
    const error = graph.success ? graph.data.error : undefined;
    const failure = classifyProviderError({
      code: error?.code,
      httpStatus: res.status,
      attempt,
      ...(error?.error_data?.details ? { details: error.error_data.details } : {}),
    });
    return { ok: false, failure };
  }

  async function send(from: string, body: unknown, attempt = 1): Promise<SendResult> {
    const outcome = await call('POST', `${root}/${encodeURIComponent(from)}/messages`, body, attempt);
    if (!outcome.ok) return outcome;
    const parsed = SendResponseSchema.safeParse(outcome.body);
    if (!parsed.success) return { ok: false, failure: badAnswer(outcome.status) };
    const recipientId = parsed.data.contacts?.[0]?.wa_id;
    return { ok: true, providerMessageId: parsed.data.messages[0]!.id, ...(recipientId ? { recipientId } : {}) };
  }

  return {
    name: 'meta',
    capabilities: { statusWebhooks: true, readReceipts: true, inbound: true, freeForm: true, templateSync: true },
    sendTemplate: (r) => send(r.from, templateBody(r), r.attempt),
    sendText: (r) => send(r.from, textBody(r), r.attempt),
    async markRead(r): Promise<ProviderCallResult> {
      const outcome = await call('POST', `${root}/${encodeURIComponent(r.from)}/messages`, markReadBody(r), 1);
      if (!outcome.ok) return outcome;
      return SuccessResponseSchema.safeParse(outcome.body).success
        ? { ok: true }
        : { ok: false, failure: badAnswer(outcome.status) };
    },
    listTemplates: () =>
      listTemplates(call, `${root}/${encodeURIComponent(options.businessAccountId)}/message_templates`),
    parseWebhook: parseMetaWebhook,
  };
}

/**
 * All pages of `GET /{version}/{waba-id}/message_templates`. Pages are followed by the `after` cursor on our
 * own base URL rather than by fetching `paging.next`, so the token is never sent to a host we did not choose.
 */
async function listTemplates(
  call: (method: 'GET', url: string, body: undefined, attempt: number) => Promise<Outcome>,
  url: string,
): Promise<ListTemplatesResult> {
  const templates: ProviderTemplate[] = [];
  const skipped: string[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_TEMPLATE_PAGES; page++) {
    const query = new URLSearchParams({ limit: '100', ...(after ? { after } : {}) });
    const outcome = await call('GET', `${url}?${query}`, undefined, 1);
    if (!outcome.ok) return outcome;
    const parsed = TemplatePageSchema.safeParse(outcome.body);
    if (!parsed.success) return { ok: false, failure: badAnswer(outcome.status) };
    for (const item of parsed.data.data) {
      const one = toProviderTemplate(item);
      if (one.ok) templates.push(one.template);
      else skipped.push(one.problem);
    }
    after = parsed.data.paging?.next ? parsed.data.paging.cursors?.after : undefined;
    if (!after) break;
  }
  return { ok: true, templates, skipped };
}

function badAnswer(status: number): ProviderFailure {
  return {
    ...classifyProviderError({ httpStatus: status }),
    code: 'bad_response',
    message: 'WhatsApp answered in an unexpected shape.',
  };
}

function transportOf(err: unknown): 'not_sent' | 'unknown' {
  const cause = (err as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' && NOT_SENT_CODES.has(cause.code) ? 'not_sent' : 'unknown';
}
