import type { CrmEffect } from './crmEffects.ts';
import type { MessagingCrm } from './crmPort.ts';

/**
 * Executes CRM effects (crmEffects.ts) on the MessagingCrm port, in order. Every write the port makes is
 * idempotent (stable timeline ids, ticket idempotency keys), so a job that runs this twice changes nothing
 * the second time.
 */
export interface EffectsReport {
  applied: number;
  /** Effects whose contact could not be found by phone (phase 2 may create the contact, per settings). */
  unmatched: CrmEffect[];
  /** Numbers matched to a contact by this run (phone → contact id). */
  matched: Map<string, string>;
}

/** Executes effects in order on the port; contacts without an id are matched by phone once each. */
export async function runCrmEffects(crm: MessagingCrm, portalId: number, effects: CrmEffect[]): Promise<EffectsReport> {
  const matched = new Map<string, string | undefined>();
  const report: EffectsReport = { applied: 0, unmatched: [], matched: new Map() };
  for (const effect of effects) {
    const { contact } = effect;
    if (contact.contactId === null && !matched.has(contact.phone)) {
      const found = await crm.findContactIdByPhone(portalId, contact.phone);
      matched.set(contact.phone, found);
      if (found) report.matched.set(contact.phone, found);
    }
    const contactId = contact.contactId ?? matched.get(contact.phone);
    if (!contactId) {
      report.unmatched.push(effect);
      continue;
    }
    await runOne(crm, portalId, contactId, effect);
    report.applied += 1;
  }
  return report;
}

async function runOne(crm: MessagingCrm, portalId: number, contactId: string, effect: CrmEffect): Promise<void> {
  switch (effect.kind) {
    case 'timeline':
      return crm.postTimelineEvent(portalId, contactId, effect.event);
    case 'contact_properties':
      return crm.updateContactProperties(portalId, contactId, effect.properties);
    case 'ticket':
      await crm.createTicket(portalId, contactId, effect.ticket);
      return;
    case 'assign_owner':
      return crm.assignOwner(portalId, contactId, effect.ownerId);
    case 'assign_team':
      // HubSpot's team of record is the contact property hubspot_team_id.
      return crm.updateContactProperties(portalId, contactId, { hubspot_team_id: effect.teamId });
  }
}
