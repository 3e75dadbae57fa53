import type { CrmContext } from '@hubspot/ui-extensions';
import type { SessionRecordType } from '@switchboard/contract';

/** Which record the card is on and how to show times: every request names the portal, the record type and id. */
export interface SessionsScope {
  portalId: number;
  /**
   * Fixed by the entry file, not read from context.crm.objectTypeId: each card is declared for one object type in
   * its hsmeta, and custom object type ids differ per portal, so the entry file is the reliable source.
   */
  objectType: SessionRecordType;
  /** The contract wants the HubSpot record id as a digit string; context gives a number. */
  recordId: string;
  timeZone: string;
  locale: string | undefined;
}

export function scopeFrom(context: CrmContext, objectType: SessionRecordType): SessionsScope {
  return {
    portalId: context.portal.id,
    objectType,
    recordId: String(context.crm.objectId),
    timeZone: context.portal.timezone,
    locale: context.user.locale,
  };
}

/** How the empty state names the record the rep is looking at. */
export const RECORD_NOUN: Record<SessionRecordType, string> = {
  contact: 'this contact',
  company: 'this company',
  deal: 'this deal',
};
