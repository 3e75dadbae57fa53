import type { Db } from '../db/openDatabase.ts';

/**
 * Deletes a contact's WhatsApp data (issue 7 §10: on `contact.privacyDeletion` or on request): messages
 * both ways, their status history, consent/opt-out/window state and campaign enrollments. Asked by
 * contact id or by phone; the other key is found through what we stored (a contact's numbers, a number's
 * contacts), so an inbound message never linked to the contact goes too. One transaction: all or nothing.
 * [M] The opt-out goes as well: keeping a suppression list after an erasure request is a legal choice
 * for the operator, not made here.
 */
export type PrivacySubject = { contactId: string } | { phone: string };

export interface DeletionReport {
  phones: string[];
  contactIds: string[];
  messages: number;
  statuses: number;
  contactStates: number;
  enrollments: number;
}

export function createPrivacyRepo(db: Db) {
  const phonesOfContact = db.prepare<[number, string, number, string], { phone: string }>(`
    SELECT phone FROM whatsapp_contacts WHERE portal_id = ? AND contact_id = ?
    UNION SELECT phone FROM whatsapp_messages WHERE portal_id = ? AND contact_id = ?`);
  const contactsOfPhone = db.prepare<[number, string, number, string], { contact_id: string }>(`
    SELECT contact_id FROM whatsapp_contacts WHERE portal_id = ? AND phone = ? AND contact_id IS NOT NULL
    UNION SELECT contact_id FROM whatsapp_messages WHERE portal_id = ? AND phone = ? AND contact_id IS NOT NULL`);
  const deleteStatuses = db.prepare(`DELETE FROM whatsapp_message_statuses WHERE provider_message_id IN (
    SELECT provider_message_id FROM whatsapp_messages
    WHERE portal_id = @portalId AND (phone = @phone OR contact_id = @contactId) AND provider_message_id IS NOT NULL)`);
  const deleteMessages = db.prepare(
    'DELETE FROM whatsapp_messages WHERE portal_id = @portalId AND (phone = @phone OR contact_id = @contactId)',
  );
  const deleteStates = db.prepare(
    'DELETE FROM whatsapp_contacts WHERE portal_id = @portalId AND (phone = @phone OR contact_id = @contactId)',
  );
  const deleteEnrollments = db.prepare('DELETE FROM whatsapp_enrollments WHERE portal_id = ? AND contact_id = ?');

  function subjects(portalId: number, subject: PrivacySubject) {
    const phones = new Set<string>();
    const contactIds = new Set<string>();
    if ('phone' in subject) phones.add(subject.phone);
    else contactIds.add(subject.contactId);
    for (const c of [...contactIds]) for (const r of phonesOfContact.all(portalId, c, portalId, c)) phones.add(r.phone);
    for (const p of [...phones])
      for (const r of contactsOfPhone.all(portalId, p, portalId, p)) contactIds.add(r.contact_id);
    return { phones: [...phones], contactIds: [...contactIds] };
  }

  return {
    /** Deletes everything stored about the subject in one portal, and reports what went. */
    deleteContactData(portalId: number, subject: PrivacySubject): DeletionReport {
      return db.transaction((): DeletionReport => {
        const { phones, contactIds } = subjects(portalId, subject);
        const report: DeletionReport = {
          phones,
          contactIds,
          messages: 0,
          statuses: 0,
          contactStates: 0,
          enrollments: 0,
        };
        // Each key alone (the other one NULL matches nothing), statuses before the messages they hang on.
        const keys = [
          ...phones.map((phone) => ({ phone, contactId: null })),
          ...contactIds.map((contactId) => ({ phone: null, contactId })),
        ];
        for (const k of keys) report.statuses += deleteStatuses.run({ portalId, ...k }).changes;
        for (const k of keys) report.messages += deleteMessages.run({ portalId, ...k }).changes;
        for (const k of keys) report.contactStates += deleteStates.run({ portalId, ...k }).changes;
        for (const c of contactIds) report.enrollments += deleteEnrollments.run(portalId, c).changes;
        return report;
      })();
    },
  };
}

export type PrivacyRepo = ReturnType<typeof createPrivacyRepo>;
