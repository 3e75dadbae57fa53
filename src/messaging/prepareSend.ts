import { type Resolution, resolveTemplateVariables } from '../mapping/templateVariables.ts';
import { contactWhatsAppNumber } from '../mapping/whatsappPhone.ts';
import type { SendResult, WhatsAppProvider } from '../whatsapp/provider.ts';
import { type ContactState, unknownContactState } from './contactStateRepo.ts';
import { checkEligibility, type EligibilityMessage, type Reason } from './eligibility.ts';
import type { OutboundInput } from './messageStore.ts';
import type { SendDeps, SendRequest } from './sendMessage.ts';
import { renderTemplateText, templateMessage } from './templateMessage.ts';
import type { StoredTemplate } from './templatesRepo.ts';
import type { WhatsAppAccount } from './whatsappAccountsRepo.ts';

/**
 * Everything a send decides before the provider is called: the contact's stored state, the template and
 * its variables, eligibility, the row to store and the provider call to make. Reads only.
 */
export type PreparedSend =
  | { ok: true; row: Omit<OutboundInput, 'portalId'>; send: (from: string) => Promise<SendResult> }
  | { ok: false; reasons: Reason[] };

interface Checked {
  state: ContactState;
  phone: string;
  template: StoredTemplate | undefined;
  variables: Resolution;
}

/** Eligibility for this request, with what it was decided on. */
function check(
  deps: SendDeps,
  request: SendRequest,
): { ok: true; checked: Checked } | { ok: false; reasons: Reason[] } {
  const { account, now } = deps;
  const { settings } = account;
  const { content } = request;
  const number = contactWhatsAppNumber(request.contact, settings.defaultCountry);
  const state =
    (number.ok && deps.contacts.find(account.portalId, number.e164)) || unknownContactState(account.portalId, '');
  const language =
    content.kind === 'template' ? (content.language ?? settings.defaultLanguage) : settings.defaultLanguage;
  const template =
    content.kind === 'template' ? deps.templates.find(account.portalId, content.name, language) : undefined;
  const variables = resolveTemplateVariables({
    parameterCount: template?.parameterCount ?? 0,
    mapping: template?.mapping ?? [],
    contact: request.contact,
    ...(request.deal ? { deal: request.deal } : {}),
    ...(content.kind === 'template' && content.overrides ? { overrides: content.overrides } : {}),
    language,
    timeZone: settings.businessHours.timeZone,
  });
  const message: EligibilityMessage =
    content.kind === 'text' ? { kind: 'text', body: content.body } : { kind: 'template', template, variables };
  const { consent, optOut, lastInboundAt } = state;
  const country = settings.defaultCountry ? { defaultCountry: settings.defaultCountry } : {};
  const eligibility = checkEligibility({
    contact: request.contact,
    consent,
    optOut,
    lastInboundAt,
    message,
    now: now(),
    ...country,
  });
  if (!eligibility.allowed) return { ok: false, reasons: eligibility.reasons };
  return { ok: true, checked: { state, phone: eligibility.phone, template, variables } };
}

/** Checks the request and, when allowed, plans the stored row and the provider call. */
export function prepareSend(deps: SendDeps, request: SendRequest): PreparedSend {
  const result = check(deps, request);
  if (!result.ok) return result;
  const { state, phone, template, variables } = result.checked;
  const { content } = request;
  // Free text answers from the number the contact wrote to; templates go from the default number.
  const from =
    request.from ?? (content.kind === 'text' ? state.lastInboundNumberId : null) ?? defaultNumber(deps.account);
  const base = {
    phone,
    phoneNumberId: from,
    contactId: request.contactId,
    idempotencyKey: request.idempotencyKey,
    ...(request.campaign ?? {}),
  };
  const common = {
    to: phone,
    correlationId: request.idempotencyKey,
    ...(request.attempt ? { attempt: request.attempt } : {}),
  };
  const provider: WhatsAppProvider = deps.provider;
  if (content.kind === 'text') {
    const send = (f: string) => provider.sendText({ ...common, from: f, body: content.body });
    return { ok: true, row: { ...base, kind: 'text', body: content.body }, send };
  }
  const t = template!; // eligibility refuses an unknown template
  const values = variables.values ?? [];
  const row = {
    ...base,
    kind: 'template',
    templateName: t.name,
    templateLanguage: t.language,
    templateCategory: t.category,
    body: renderTemplateText(t.bodyText, values),
  };
  const send = (f: string) =>
    provider.sendTemplate({ ...common, from: f, template: templateMessage(t, values, content.quickReplyPayloads) });
  return { ok: true, row, send };
}

function defaultNumber(account: WhatsAppAccount): string {
  return (account.numbers.find((n) => n.isDefault) ?? account.numbers[0])!.phoneNumberId;
}
