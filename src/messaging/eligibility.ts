import type { Properties, Resolution } from '../mapping/templateVariables.ts';
import { contactWhatsAppNumber } from '../mapping/whatsappPhone.ts';
import type { Consent, ConsentCategory, OptOut } from './contactStateRepo.ts';
import type { StoredTemplate } from './templatesRepo.ts';

/**
 * May this message go to this contact now? The one answer used by the card, the workflow action and
 * campaigns (issue 7 §3), given before any provider call. Pure: every fact comes in, including `now`.
 * All reasons are collected (not just the first), so the card can show everything to fix at once.
 */

export const WINDOW_MS = 24 * 60 * 60 * 1000; // reference/whatsapp.md §3: 24 h customer service window
export const TEXT_MAX = 4096; // OAS TextMessage.body maxLength

export type EligibilityCode =
  | 'no_phone'
  | 'invalid_phone'
  | 'opted_out'
  | 'no_consent'
  | 'window_closed'
  | 'template_unknown'
  | 'template_not_approved'
  | 'template_unsupported'
  | 'marketing_blocked_us'
  | 'variable_missing'
  | 'text_invalid';

export interface Reason {
  code: EligibilityCode;
  message: string;
}

export type EligibilityMessage =
  | {
      kind: 'template';
      template: Pick<StoredTemplate, 'name' | 'language' | 'category' | 'status' | 'header'> | undefined;
      variables: Resolution;
    }
  | { kind: 'text'; body: string };

export interface EligibilityInput {
  /** HubSpot contact properties; `mobilephone` then `phone` are read. */
  contact: Properties;
  defaultCountry?: string;
  consent: Record<ConsentCategory, Consent>;
  optOut: OptOut | null;
  lastInboundAt: number | null;
  message: EligibilityMessage;
  now: number;
}

export type Eligibility =
  | { allowed: true; phone: string; windowOpen: boolean }
  | { allowed: false; reasons: Reason[]; phone?: string };

/** Decides whether a send is allowed, or lists every reason it is not. */
export function checkEligibility(input: EligibilityInput): Eligibility {
  const reasons: Reason[] = [];
  const number = contactWhatsAppNumber(input.contact, input.defaultCountry);
  if (!number.ok) {
    reasons.push(
      number.reason === 'empty'
        ? { code: 'no_phone', message: 'The contact has no mobile phone or phone number.' }
        : { code: 'invalid_phone', message: `The phone number cannot be used for WhatsApp: ${number.message}.` },
    );
  }
  const windowOpen = input.lastInboundAt !== null && input.now - input.lastInboundAt < WINDOW_MS;
  if (input.message.kind === 'text') reasons.push(...textReasons(input, input.message.body, windowOpen));
  else reasons.push(...templateReasons(input, input.message, number.ok ? number.e164 : undefined));
  if (reasons.length > 0) return { allowed: false, reasons, ...(number.ok ? { phone: number.e164 } : {}) };
  return { allowed: true, phone: (number as { e164: string }).e164, windowOpen };
}

function textReasons(input: EligibilityInput, body: string, windowOpen: boolean): Reason[] {
  const reasons: Reason[] = [];
  // A contact who opted out and then wrote to us again may be answered; before that, nothing goes out.
  const { optOut, lastInboundAt } = input;
  if (optOut?.scope === 'all' && !(lastInboundAt !== null && lastInboundAt > optOut.at)) {
    reasons.push(optedOut(optOut));
  }
  if (!windowOpen) {
    const message =
      input.lastInboundAt === null
        ? 'The contact has never written to this business: only an approved template can be sent.'
        : 'The contact last wrote more than 24 hours ago: only an approved template can be sent.';
    reasons.push({ code: 'window_closed', message });
  }
  if (body.trim() === '') reasons.push({ code: 'text_invalid', message: 'The message is empty.' });
  if (body.length > TEXT_MAX) {
    reasons.push({ code: 'text_invalid', message: `The message is longer than ${TEXT_MAX} characters.` });
  }
  return reasons;
}

function templateReasons(
  input: EligibilityInput,
  message: Extract<EligibilityMessage, { kind: 'template' }>,
  phone: string | undefined,
): Reason[] {
  const { template } = message;
  if (!template)
    return [{ code: 'template_unknown', message: 'This template is not known; sync or register it first.' }];
  const reasons: Reason[] = [];
  const marketing = template.category === 'MARKETING';
  if (input.optOut && (marketing || input.optOut.scope === 'all')) reasons.push(optedOut(input.optOut));
  const consent = consentReason(input.consent, marketing ? 'marketing' : 'utility');
  if (consent) reasons.push(consent);
  if (template.status !== 'APPROVED') {
    const message = `The template ${template.name} (${template.language}) is ${template.status.toLowerCase()}, not approved.`;
    reasons.push({ code: 'template_not_approved', message });
  }
  if (template.header === 'media' || template.header === 'text_variables') {
    const message = `The template ${template.name} has a header with media or variables, which cannot be sent from here yet.`;
    reasons.push({ code: 'template_unsupported', message });
  }
  // reference §3: marketing templates to US (+1) numbers are blocked since 2025-04-01 [aws-tpl].
  if (marketing && phone?.startsWith('+1')) {
    const message = 'WhatsApp does not deliver marketing templates to US (+1) numbers.';
    reasons.push({ code: 'marketing_blocked_us', message });
  }
  for (const v of message.variables.variables) {
    if ('missing' in v) reasons.push({ code: 'variable_missing', message: v.missing });
  }
  return reasons;
}

/** [M] Utility messages need utility consent, or marketing consent (a wider yes) unless utility was revoked. */
function consentReason(consent: Record<ConsentCategory, Consent>, category: ConsentCategory): Reason | undefined {
  const own = consent[category].state;
  const ok =
    own === 'granted' || (category === 'utility' && own !== 'revoked' && consent.marketing.state === 'granted');
  if (ok) return undefined;
  const what = category === 'marketing' ? 'marketing messages' : 'WhatsApp messages';
  const message =
    own === 'revoked'
      ? `The contact withdrew consent to ${what}.`
      : `No consent to ${what} is recorded for this contact (reference: opt-in is required before business-initiated messages).`;
  return { code: 'no_consent', message };
}

function optedOut(optOut: OptOut): Reason {
  const what = optOut.scope === 'all' ? 'WhatsApp messages' : 'marketing messages';
  return { code: 'opted_out', message: `The contact opted out of ${what} (${optOut.source}).` };
}
