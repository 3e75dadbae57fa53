import type { JobHandler } from '../../jobs/index.ts';
import type { ContactStateRepo } from '../contactStateRepo.ts';
import type { MessagingCrm } from '../crmPort.ts';
import type { MessageStore } from '../messageStore.ts';
import { runCrmEffects } from '../runCrmEffects.ts';
import { reviveEffects } from './jobTypes.ts';

/**
 * Runs one cause's CRM effects (timeline, contact properties, ticket, owner) on the gateway. Every write the
 * port makes is idempotent, so a retry after a partial run repeats nothing that landed. A number matched to a
 * contact here is remembered, so the card finds the conversation and later effects skip the search.
 */
export function effectsJobHandler(deps: {
  crm: MessagingCrm;
  contacts: Pick<ContactStateRepo, 'find' | 'linkContact'>;
  store: Pick<MessageStore, 'latestOutboundId'>;
  now: () => number;
}): JobHandler {
  return async ({ job, payload }) => {
    // Jobs of one contact may run in any order: a status of an older message must not overwrite the newer one's.
    const current = reviveEffects(payload).filter(
      (e) =>
        e.kind !== 'contact_properties' ||
        e.latestMessageId === undefined ||
        deps.store.latestOutboundId(job.portalId, e.contact.phone) === e.latestMessageId,
    );
    const effects = current.map((e) => {
      if (e.contact.contactId !== null) return e;
      const known = deps.contacts.find(job.portalId, e.contact.phone)?.contactId ?? null;
      return known ? { ...e, contact: { ...e.contact, contactId: known } } : e;
    });
    const report = await runCrmEffects(deps.crm, job.portalId, effects);
    for (const [phone, contactId] of report.matched) {
      deps.contacts.linkContact({ portalId: job.portalId, phone, now: deps.now() }, contactId);
    }
    // No contact has this number: the conversation is kept by number and shown once a contact gets it.
    return { applied: report.applied, unmatched: report.unmatched.length };
  };
}
