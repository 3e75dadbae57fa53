import type { Logger } from '../logger.ts';
import type { WebhookSpine } from '../webhooks/index.ts';
import type { ForgetContact } from './forgetContact.ts';

export const PRIVACY_DELETE_CONTACT = 'privacy.deleteContact';

/**
 * `contact.privacyDeletion` (a GDPR delete in HubSpot, hubspot-platform.md §4.1 hubEvents) → forget the contact:
 * the stored webhook events about it go, and so does whatever other capabilities registered. Running twice is
 * harmless (the cleanups find nothing the second time), so a redelivered event needs no special care.
 */
export function subscribePrivacyDeletion(deps: { spine: WebhookSpine; forgetContact: ForgetContact; logger: Logger }) {
  const { spine, forgetContact, logger } = deps;
  forgetContact.register('webhookEvents', (portalId, contactId) => spine.forgetObject(portalId, 'contact', contactId));
  spine.subscribe([{ event: 'contact.privacyDeletion' }], PRIVACY_DELETE_CONTACT, ({ portalId, objectId }) => {
    const rows = forgetContact.forget(portalId, objectId);
    // Ids and counts only: the audit trail of a deletion must not hold the data it deleted.
    logger.info({ portalId, contactId: objectId, rows }, 'contact forgotten after a HubSpot privacy deletion');
  });
}

/** The intake's filter: nothing about a forgotten contact is stored again (late HubSpot retries). */
export const isForgottenObject =
  (forgetContact: ForgetContact) =>
  (portalId: number, objectType: string, objectId: number): boolean =>
    objectType === 'contact' && forgetContact.isForgotten(portalId, objectId);
