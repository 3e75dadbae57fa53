import type { CrmContext } from '@hubspot/ui-extensions';
import { formatInstant } from '../lib/formatTime.ts';

/** Who the card is about and how to show times: every request names the portal and contact. */
export interface CardScope {
  portalId: number;
  /** The contract wants the HubSpot record id as a digit string; context gives a number. */
  contactId: string;
  timeZone: string;
  locale: string | undefined;
}

export function scopeFrom(context: CrmContext): CardScope {
  return {
    portalId: context.portal.id,
    contactId: String(context.crm.objectId),
    timeZone: context.portal.timezone,
    locale: context.user.locale,
  };
}

/** A timestamp in the portal's time zone (what the rest of HubSpot shows). */
export const formatTime = (iso: string, scope: CardScope): string => formatInstant(iso, scope);
