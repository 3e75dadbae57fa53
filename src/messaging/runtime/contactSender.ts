import { AppError } from '../../errors.ts';
import type { EnqueueInput, EnqueueResult } from '../../jobs/index.ts';
import type { Properties } from '../../mapping/templateVariables.ts';
import { PHONE_PROPERTIES } from '../../mapping/whatsappPhone.ts';
import type { MessagingCrm } from '../crmPort.ts';
import { type SendContent, type SendOutcome, sendWhatsAppMessage } from '../sendMessage.ts';
import type { PortalProviders } from '../portalProviders.ts';
import { effectsJob } from './jobTypes.ts';
import type { MessagingStores } from './messagingStores.ts';

/**
 * A send to a HubSpot contact, the same for the card, the workflow action and campaign steps: the contact's
 * phone and mapped properties are read through the CRM port, sendWhatsAppMessage decides and sends (nothing
 * reaches the provider when eligibility refuses), and the CRM effects of the outcome go to a durable job.
 */
export interface ContactSenderDeps {
  stores: Pick<MessagingStores, 'store' | 'statuses' | 'contacts' | 'templates' | 'db'>;
  portals: Pick<PortalProviders, 'require'>;
  crm: Pick<MessagingCrm, 'readContacts' | 'readContactDeal'>;
  queue: { enqueueManySync(inputs: readonly EnqueueInput[]): EnqueueResult[] };
  now: () => number;
}

export interface ContactSend {
  portalId: number;
  contactId: string;
  content: SendContent;
  /** `card:<requestId>`, `workflow:<callbackId>`, `campaign:<enrollment>:<step>:v<n>`: one message per key. */
  idempotencyKey: string;
  /** A number given instead of the contact's own (the workflow action's optional phone input). */
  phone?: string;
  attempt?: number;
  campaign?: { campaignId: number; enrollmentId: number };
  /** Properties already read in a batch (a campaign tick): used instead of a read of its own. */
  contact?: Properties;
}

/** Contact properties a send needs: the phone properties and every contact property the template maps. */
export function propertiesFor(
  templates: ContactSenderDeps['stores']['templates'],
  portalId: number,
  content: SendContent,
  language: string,
): string[] {
  const wanted = new Set<string>([...PHONE_PROPERTIES, 'firstname', 'lastname']);
  for (const m of mappingOf(templates, portalId, content, language)) {
    if (m.source.from === 'contact') wanted.add(m.source.property);
  }
  return [...wanted];
}

/** Deal properties the template maps (read from the contact's deal only when there are some). */
export function dealPropertiesFor(
  templates: ContactSenderDeps['stores']['templates'],
  portalId: number,
  content: SendContent,
  language: string,
): string[] {
  const wanted = new Set<string>();
  for (const m of mappingOf(templates, portalId, content, language)) {
    if (m.source.from === 'deal') wanted.add(m.source.property);
  }
  return [...wanted];
}

function mappingOf(
  templates: ContactSenderDeps['stores']['templates'],
  portalId: number,
  content: SendContent,
  language: string,
) {
  if (content.kind !== 'template') return [];
  return templates.find(portalId, content.name, content.language ?? language)?.mapping ?? [];
}

export function createContactSender(deps: ContactSenderDeps) {
  const { stores, now } = deps;

  async function send(request: ContactSend): Promise<SendOutcome> {
    // A key already sent never costs a CRM read: the retry of a card click or a redelivered workflow call.
    const existing = stores.store.findByKey(request.idempotencyKey);
    if (existing && existing.portalId !== request.portalId) {
      // Keys are global (callback ids, request ids): one portal must never be answered with another's message.
      throw new AppError('conflict', `idempotency key ${request.idempotencyKey} belongs to another portal's message`);
    }
    if (existing && existing.status !== 'pending') return { outcome: 'duplicate', message: existing };
    const { account, provider } = deps.portals.require(request.portalId);
    const language = account.settings.defaultLanguage;
    const wanted = propertiesFor(stores.templates, request.portalId, request.content, language);
    const properties =
      request.contact ??
      (await deps.crm.readContacts(request.portalId, [request.contactId], wanted)).get(request.contactId);
    if (!properties) throw new AppError('not_found', `HubSpot has no contact ${request.contactId}`);
    const dealProperties = dealPropertiesFor(stores.templates, request.portalId, request.content, language);
    const deal =
      dealProperties.length > 0
        ? await deps.crm.readContactDeal(request.portalId, request.contactId, dealProperties)
        : undefined;
    // The given number replaces the contact's own; mobilephone is the property eligibility looks at first.
    const contact = request.phone ? { ...properties, mobilephone: request.phone } : properties;
    const outcome = await sendWhatsAppMessage(
      { provider, account, ...stores, now },
      {
        contactId: request.contactId,
        contact,
        ...(deal ? { deal } : {}),
        content: request.content,
        idempotencyKey: request.idempotencyKey,
        ...(request.attempt ? { attempt: request.attempt } : {}),
        ...(request.campaign ? { campaign: request.campaign } : {}),
      },
    );
    if ((outcome.outcome === 'sent' || outcome.outcome === 'failed') && outcome.effects.length > 0) {
      const cause = `send:${outcome.message.id}:${outcome.outcome}`;
      deps.queue.enqueueManySync([effectsJob(request.portalId, cause, outcome.effects)]);
    }
    return outcome;
  }

  return { send };
}

export type ContactSender = ReturnType<typeof createContactSender>;
