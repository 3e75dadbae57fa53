import type {
  ConsentRequest,
  ConsentResponse,
  SendRequest as CardSendRequest,
  PreviewRequest,
  PreviewResponse,
  SendResponse,
  TemplateOption,
  WhatsAppCardQuery,
  WhatsAppCardResponse,
} from '@switchboard/contract';
import { AppError } from '../../errors.ts';
import type { EnqueueInput, EnqueueResult } from '../../jobs/index.ts';
import { resolveTemplateVariables } from '../../mapping/templateVariables.ts';
import type { ContactSender } from '../runtime/contactSender.ts';
import type { SendContent } from '../sendMessage.ts';
import { previewTemplate } from '../templateMessage.ts';
import type { StoredTemplate } from '../templatesRepo.ts';
import { type CardContact, type CardContactDeps, loadCardContact, refusalsFor } from './cardContact.ts';
import { createCardSend } from './cardSend.ts';
import { mergeConversations, toCardConsent, toCardMessage, windowOpenUntil } from './cardViews.ts';

/**
 * The service side of the WhatsApp contact card (issue 7 §4, contract src/contract/whatsapp.ts): the conversation
 * with statuses, the live template preview, sends and consent. Every answer is about one portal's contact: the
 * CRM read, the conversation store and the contact state are all scoped by the portal the signed request names.
 */
export interface WhatsAppCardDeps extends CardContactDeps {
  sender: Pick<ContactSender, 'send'>;
  queue: { enqueueManySync(inputs: readonly EnqueueInput[]): EnqueueResult[] };
}

/** A tab shows the latest twenty with "show earlier"; more than this is not worth the 1 MB fetch budget. */
export const CARD_HISTORY_LIMIT = 100;

/** Any non-empty body: the view asks whether free text could go now, not whether a given text is valid. */
const ANY_TEXT: SendContent = { kind: 'text', body: '…' };

const toOption = (t: StoredTemplate): TemplateOption => ({
  name: t.name,
  language: t.language,
  category: t.category,
  parameterCount: t.parameterCount,
});

export function createWhatsAppCardService(deps: WhatsAppCardDeps) {
  const { stores } = deps;
  const cardSend = createCardSend({ sender: deps.sender, store: stores.store, queue: deps.queue });

  /** The contact's numbers in this portal: the current one, and any it was messaged on before (sends link them). */
  function history(contact: CardContact) {
    const phones = new Set(stores.contacts.findByContact(contact.portalId, contact.contactId).map((s) => s.phone));
    if (contact.phone) phones.add(contact.phone);
    const conversations = [...phones].map((phone) =>
      stores.store.conversation(contact.portalId, phone, CARD_HISTORY_LIMIT),
    );
    return mergeConversations(conversations, CARD_HISTORY_LIMIT).map(toCardMessage);
  }

  return {
    /** Everything the card shows when it opens. */
    async view(query: WhatsAppCardQuery): Promise<WhatsAppCardResponse> {
      const contact = await loadCardContact(deps, query.portalId, query.contactId, ANY_TEXT);
      const approved = stores.templates.list(query.portalId).filter((t) => t.status === 'APPROVED');
      return {
        phone: contact.phone,
        windowOpenUntil: windowOpenUntil(contact.state),
        freeTextRefusals: refusalsFor(deps, contact, ANY_TEXT),
        consent: toCardConsent(contact.state),
        templates: approved.map(toOption),
        messages: history(contact),
      };
    },

    /** The template filled for this contact (unfilled `{{n}}` stay visible), and why it may not be sent now. */
    async preview(req: PreviewRequest): Promise<PreviewResponse> {
      const content: SendContent = { kind: 'template', name: req.templateName, language: req.language };
      const contact = await loadCardContact(deps, req.portalId, req.contactId, content);
      const refusals = refusalsFor(deps, contact, content);
      const template = stores.templates.find(req.portalId, req.templateName, req.language);
      if (!template) return { text: '', refusals };
      // The same resolution prepareSend makes for the send (the contact's deal; no overrides from the card).
      const resolution = resolveTemplateVariables({
        parameterCount: template.parameterCount,
        mapping: template.mapping,
        contact: contact.properties,
        ...(contact.deal ? { deal: contact.deal } : {}),
        language: template.language,
        timeZone: contact.account.settings.businessHours.timeZone,
      });
      return { text: previewTemplate(template, resolution).text, refusals };
    },

    /** One message per requestId; refused sends are a `conflict` AppError with every reason. */
    send: (req: CardSendRequest): Promise<SendResponse> => cardSend.send(req),

    /** Records a consent decision for the contact's WhatsApp number and answers the consent as now stored. */
    async recordConsent(req: ConsentRequest): Promise<ConsentResponse> {
      const contact = await loadCardContact(deps, req.portalId, req.contactId, ANY_TEXT);
      if (!contact.phone) {
        const message = 'Consent is kept per WhatsApp number, and this contact has no usable mobile or phone number';
        throw new AppError('conflict', message);
      }
      const key = { portalId: req.portalId, phone: contact.phone, now: deps.now() };
      stores.contacts.linkContact(key, req.contactId);
      stores.contacts.recordConsent(key, req.category, req.granted ? 'granted' : 'revoked', req.source);
      return { consent: toCardConsent(stores.contacts.find(req.portalId, contact.phone)) };
    },
  };
}

export type WhatsAppCardService = ReturnType<typeof createWhatsAppCardService>;
