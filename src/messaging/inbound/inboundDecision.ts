import type { InboundContent } from '../../whatsapp/provider.ts';
import type { RoutingRule, WhatsAppSettings } from '../whatsappSettings.ts';
import { containedKeyword, wholeMessageKeyword } from './keywords.ts';

/**
 * What an inbound message means for the business (issue 7 §7). Pure: phase 2 executes the decision
 * (send the confirmation, assign the owner, create the ticket). Checked in this order:
 * 1. opt-out: an opt-out keyword as the whole message, or a marketing opt-out quick-reply payload
 *    (reference §3: own payloads such as STOP_PROMOS; Meta's "Stop promotions" button);
 * 2. opt-in: an opt-in keyword as the whole message (optional, e.g. START);
 * 3. routing: the first rule whose keyword appears in the text;
 * 4. otherwise an ordinary reply.
 */
export type InboundDecision =
  | { kind: 'opt_out'; scope: 'all' | 'marketing'; keyword: string; confirmation: string }
  | { kind: 'opt_in'; keyword: string; confirmation: string }
  | { kind: 'route'; rule: RoutingRule; keyword: string }
  | { kind: 'reply' };

/** The words a message carries for matching: typed text, or the tapped button's payload and label. */
export function inboundWords(content: InboundContent): string[] {
  switch (content.type) {
    case 'text':
      return [content.text];
    case 'button':
      return [content.payload, content.text];
    case 'interactive':
      return [content.replyId, content.title];
    case 'image':
      return content.caption ? [content.caption] : [];
    default:
      return [];
  }
}

export function decideInbound(content: InboundContent, settings: WhatsAppSettings): InboundDecision {
  const words = inboundWords(content);
  const first = <T>(find: (w: string) => T | undefined) => words.map(find).find((x) => x !== undefined);
  const marketing =
    content.type === 'button' ? first((w) => wholeMessageKeyword(w, settings.marketingOptOutPayloads)) : undefined;
  if (marketing)
    return { kind: 'opt_out', scope: 'marketing', keyword: marketing, confirmation: settings.optOutConfirmation };
  const optOut = first((w) => wholeMessageKeyword(w, settings.optOutKeywords));
  if (optOut) return { kind: 'opt_out', scope: 'all', keyword: optOut, confirmation: settings.optOutConfirmation };
  const optIn = first((w) => wholeMessageKeyword(w, settings.optInKeywords));
  if (optIn) return { kind: 'opt_in', keyword: optIn, confirmation: settings.optInConfirmation };
  for (const rule of settings.routingRules) {
    const keyword = first((w) => containedKeyword(w, rule.keywords));
    if (keyword) return { kind: 'route', rule, keyword };
  }
  return { kind: 'reply' };
}
